package io.netready.agent.nat;

import io.netready.common.stun.StunAttribute;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.StunParseException;
import io.netready.common.stun.TransactionId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Optional;

/**
 * A STUN Binding transaction over UDP (RFC 8489 §6.2.1), on a socket the caller owns so that the
 * mapping learned is that socket's.
 *
 * <p>Retransmission doubles the timeout as the RFC says, but starts from the round trip the
 * caller already measured instead of a blind 500 ms, and gives up after {@link #GIVE_UP_NANOS}
 * rather than 39.5 s: a probe must answer in seconds, and a path that loses seven requests in a
 * row is as good as blocked for voice.
 */
public final class StunClient {

    static final int MAX_TRANSMISSIONS = 7;
    static final long GIVE_UP_NANOS = 4_000_000_000L;
    static final long MIN_RTO_NANOS = 50_000_000L;
    static final long MAX_RTO_NANOS = 500_000_000L;

    /** A successful transaction. */
    public record Binding(InetSocketAddress mapped, double rttMs, int transmissions) {
    }

    private StunClient() {
    }

    /**
     * Sends Binding requests to {@code server} until one is answered.
     *
     * @param knownRttMs a round trip to the same host measured another way (0 if none)
     * @param attributes to add to the request (before FINGERPRINT)
     * @return empty when no answer came back in time
     */
    public static Optional<Binding> binding(DatagramChannel socket, InetSocketAddress server, double knownRttMs,
                                            StunAttribute... attributes) throws IOException {
        TransactionId id = TransactionId.random();
        StunMessage.Builder builder = StunMessage.builder(StunMessageType.BINDING_REQUEST, id);
        for (StunAttribute a : attributes) {
            builder.add(a);
        }
        ByteBuffer request = ByteBuffer.wrap(builder.fingerprint().encode());
        ByteBuffer in = ByteBuffer.allocate(1500);
        long rto = Math.max(MIN_RTO_NANOS, Math.min(MAX_RTO_NANOS, (long) (knownRttMs * 1.5e6)));
        long start = System.nanoTime();
        boolean blocking = socket.isBlocking();
        socket.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            socket.register(selector, SelectionKey.OP_READ);
            long sentAt = 0;
            for (int transmission = 1; transmission <= MAX_TRANSMISSIONS; transmission++) {
                sentAt = System.nanoTime();
                socket.send(request.rewind(), server);
                long deadline = transmission == MAX_TRANSMISSIONS
                        ? start + GIVE_UP_NANOS : Math.min(sentAt + rto, start + GIVE_UP_NANOS);
                Optional<Binding> answer = awaitResponse(socket, selector, in, id, deadline, sentAt, transmission);
                if (answer.isPresent()) {
                    return answer;
                }
                if (System.nanoTime() - start >= GIVE_UP_NANOS) {
                    break;
                }
                rto *= 2;
            }
            return Optional.empty();
        } finally {
            socket.configureBlocking(blocking);
        }
    }

    private static Optional<Binding> awaitResponse(DatagramChannel socket, Selector selector, ByteBuffer in,
                                                   TransactionId id, long deadline, long sentAt, int transmission)
            throws IOException {
        while (true) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                return Optional.empty();
            }
            selector.select(Math.max(1, wait / 1_000_000));
            selector.selectedKeys().clear();
            while (socket.receive(in.clear()) != null) {
                // Karn's rule: with retransmissions the RTT is ambiguous; time from the last send.
                double rttMs = (System.nanoTime() - sentAt) / 1e6;
                try {
                    StunMessage m = StunMessage.decode(in.flip());
                    if (m.transactionId().equals(id) && m.type().equals(StunMessageType.BINDING_SUCCESS_RESPONSE)) {
                        return m.mappedAddress().map(a -> new Binding(a, rttMs, transmission));
                    }
                } catch (StunParseException e) {
                    // Not a STUN answer for us (stray traffic on the port): keep waiting.
                }
            }
        }
    }
}
