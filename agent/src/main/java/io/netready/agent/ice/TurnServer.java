package io.netready.agent.ice;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A TURN server for relayed candidates, from {@code --turn}: a TURN URI (RFC 7065)
 * {@code turn:HOST[:PORT][?transport=udp]}, with the long-term credentials (RFC 8489 §9.2) as
 * user info in front of the host, {@code turn:USER:PASSWORD@HOST:PORT}, percent-encoded where
 * they contain ':' or '@'. UDP to the server only.
 */
public record TurnServer(String host, int port, String username, String password) {

    public static final int DEFAULT_PORT = 3478;

    /** @throws IllegalArgumentException saying what is wrong with {@code uri} and how it should look */
    public static TurnServer parse(String uri) {
        String usage = "; expected turn:USER:PASSWORD@HOST[:PORT][?transport=udp]";
        if (!uri.startsWith("turn:")) {
            throw new IllegalArgumentException("'" + uri + "' is not a turn: URI" + usage);
        }
        URI u;
        try {
            // turn: URIs are opaque (no "//"); parsed as hierarchical to read user info, host and port.
            u = new URI("turn://" + uri.substring("turn:".length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + uri + "': " + e.getMessage() + usage);
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' names no host" + usage);
        }
        if (u.getRawQuery() != null && !u.getRawQuery().equalsIgnoreCase("transport=udp")) {
            throw new IllegalArgumentException("'" + uri + "': only transport=udp is supported");
        }
        String info = u.getRawUserInfo();
        int colon = info == null ? -1 : info.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("'" + uri + "' has no USER:PASSWORD" + usage);
        }
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        return new TurnServer(host, u.getPort() == -1 ? DEFAULT_PORT : u.getPort(),
                decode(info.substring(0, colon)), decode(info.substring(colon + 1)));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** For progress and evidence: never the password. */
    @Override
    public String toString() {
        return "turn:" + username + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
