package io.netready.agent.client;

import io.netready.common.net.HostPort;
import picocli.CommandLine;

/** A collector's gRPC address as given on the command line: HOST[:PORT], [IPv6]:PORT. */
public record CollectorAddress(String host, int port) {

    public static final int DEFAULT_PORT = 7400;

    public static CollectorAddress parse(String text) {
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (bracketed ? text.indexOf(']') < colon : text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            String p = text.substring(colon + 1);
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + text + "': port '" + p + "' is not a number from 1 to 65535");
            }
        }
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + text + "': give the collector as HOST:PORT, e.g. 127.0.0.1:7400");
        }
        return new CollectorAddress(host, port);
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
