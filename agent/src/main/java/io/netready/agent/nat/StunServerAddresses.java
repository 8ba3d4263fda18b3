package io.netready.agent.nat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The STUN server NAT discovery runs against.
 *
 * @param primary where the first Binding goes
 * @param alternate its other address and port (RFC 5780 §7.4 OTHER-ADDRESS) when known before
 *     the first answer, e.g. from the collector's session; else it is read from the answers
 * @param untestable what the server said it cannot serve (the collector's stun_untestable)
 */
public record StunServerAddresses(InetSocketAddress primary, Optional<InetSocketAddress> alternate,
                                  List<String> untestable) {

    /** A server known only by its address, e.g. {@code --stun HOST}: the rest comes from its answers. */
    public static StunServerAddresses of(InetSocketAddress primary) {
        return new StunServerAddresses(primary, Optional.empty(), List.of());
    }
}
