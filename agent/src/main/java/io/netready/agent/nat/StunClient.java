package io.netready.agent.nat;

import io.netready.common.stun.TransactionId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Optional;

/**
 * One STUN Binding transaction (RFC 8489 §6.2.1) on a socket the caller owns, so that the mapping
 * learned is that socket's; retransmission as {@link StunTransactions} does it.
 */
public final class StunClient {

    /** A successful transaction. */
    public record Binding(InetSocketAddress mapped, double rttMs, int transmissions) {
    }

    private StunClient() {
    }

    /**
     * Sends Binding requests to {@code server} until one is answered.
     *
     * @param knownRttMs a round trip to the same host measured another way (0 if none)
     * @return empty when no answer came back in time
     */
    public static Optional<Binding> binding(DatagramChannel socket, InetSocketAddress server, double knownRttMs)
            throws IOException {
        try (StunTransactions stun = new StunTransactions(knownRttMs)) {
            TransactionId id = TransactionId.random();
            StunTransactions.Transaction t = stun.start(socket, server, socket,
                    BindingRequests.binding(id, server, Optional.empty()), id, StunTransactions.Wait.ANSWER, x -> { });
            stun.run();
            return t.reply().flatMap(r -> r.mapped().map(m -> new Binding(m, r.rttMs(), t.transmissions())));
        }
    }
}
