package io.netready.agent.client;

import io.netready.common.net.HostPort;
import picocli.CommandLine;

/** A collector's gRPC address as given on the command line: HOST[:PORT], [IPv6]:PORT. */
public record CollectorAddress(String host, int port) {

    public static final int DEFAULT_PORT = 7400;

    public static CollectorAddress parse(String text) {
        return parse(text, DEFAULT_PORT);
    }

    /** HOST[:PORT] of any service, with that service's default port (e.g. 3478 for STUN). */
    public static CollectorAddress parse(String text, int defaultPort) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            String rest = close < 0 ? "" : text.substring(close + 1);
            if (close < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
                throw new IllegalArgumentException("'" + text + "': write an IPv6 address as [ADDRESS]:PORT");
            }
            host = text.substring(1, close);
            port = rest.isEmpty() ? null : rest.substring(1);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + text + "': give the address as HOST:PORT, e.g. 127.0.0.1:" + defaultPort);
        }
        return new CollectorAddress(host, port == null ? defaultPort : port(text, port));
    }

    private static int port(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // Reported below with the rest.
        }
        throw new IllegalArgumentException("'" + text + "': port '" + port + "' is not a number from 1 to 65535");
    }

    @Override
    public String toString() {
        return HostPort.format(host, port);
    }

    /** Lets picocli parse {@code --collector} with a usage error on bad input. */
    public static final class Converter implements CommandLine.ITypeConverter<CollectorAddress> {
        @Override
        public CollectorAddress convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
