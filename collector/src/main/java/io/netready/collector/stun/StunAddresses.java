package io.netready.collector.stun;

import io.netready.common.net.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the STUN server listens: primary address A and, when it has one, alternate address B,
 * each on primary port P and alternate port P' (RFC 5780 §6: the same two ports on both
 * addresses). A wildcard primary address is served as one address: the server cannot tell which
 * of the host's addresses a request arrived on, so it cannot name its own in RESPONSE-ORIGIN.
 */
public record StunAddresses(InetAddress primary, Optional<InetAddress> alternate, int port, int alternatePort) {

    public StunAddresses {
        if (alternate.isPresent() && primary.isAnyLocalAddress()) {
            throw new IllegalArgumentException("an alternate STUN address needs a specific primary address, not "
                    + primary.getHostAddress());
        }
        if (alternate.isPresent() && alternate.get().getAddress().length != primary.getAddress().length) {
            throw new IllegalArgumentException("the alternate STUN address " + alternate.get().getHostAddress()
                    + " is not of the same IP version as " + primary.getHostAddress());
        }
    }

    /** The sockets this server binds: two, or four with an alternate address. */
    List<StunSocket> sockets() {
        List<StunSocket> primaries = List.of(StunSocket.PRIMARY, new StunSocket(false, true));
        return alternate.isEmpty() ? primaries
                : List.of(primaries.get(0), primaries.get(1), new StunSocket(true, false), new StunSocket(true, true));
    }

    /** The address and port of one socket; empty for the alternate address of a one-address server. */
    Optional<InetSocketAddress> address(StunSocket socket) {
        Optional<InetAddress> host = socket.alternateAddress() ? alternate : Optional.of(primary);
        return host.map(h -> new InetSocketAddress(h, socket.alternatePort() ? alternatePort : port));
    }

    /** The address a response names in RESPONSE-ORIGIN; empty when bound to a wildcard address. */
    Optional<InetSocketAddress> origin(StunSocket socket) {
        return primary.isAnyLocalAddress() ? Optional.empty() : address(socket);
    }

    /** Every socket's address and port, for banners and logs: "A:P, A:P', B:P, B:P'". */
    public String describe() {
        return sockets().stream().map(s -> HostPort.format(address(s).orElseThrow()))
                .collect(Collectors.joining(", "));
    }

    /** The primary socket (A, P): where clients start. */
    public InetSocketAddress primarySocket() {
        return new InetSocketAddress(primary, port);
    }

    /** (B, P'), the socket RFC 5780 clients learn from OTHER-ADDRESS at (A, P); empty with one address. */
    public Optional<InetSocketAddress> alternateSocket() {
        return address(new StunSocket(true, true));
    }

    /**
     * The RFC 5780 tests this server cannot serve, and why; empty with two addresses. With one
     * address it still changes the port (CHANGE-REQUEST change-port, RESPONSE-PORT), so filtering
     * can be told apart only by whether it depends on the port.
     */
    public List<String> untestable() {
        if (alternate.isPresent()) {
            return List.of();
        }
        return List.of(
                "mapping behaviour (RFC 5780 §4.3): needs a second server address; start the collector with "
                        + "--alt-address",
                "filtering behaviour (RFC 5780 §4.4): with one address only address-and-port-dependent filtering "
                        + "can be told from the rest; endpoint-independent vs address-dependent needs --alt-address");
    }
}
