package io.netready.agent.nat;

import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunParseException;
import io.netready.common.stun.TransactionId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * STUN transactions over UDP on any number of sockets at once, one selector, the caller's thread.
 *
 * <p>Retransmission follows RFC 8489 §6.2.1 (the interval doubles after each transmission) but
 * the first interval comes from the round trip, as §6.2.1 allows when the RTT is known: 1.5 × RTT
 * within [{@link #MIN_RTO_NANOS}, {@link #MAX_RTO_NANOS}], not a blind 500 ms. The RTT is what the
 * caller measured another way (e.g. the control channel) until the first unambiguous STUN answer
 * (Karn: a first transmission's) measures it on this very path; every later interval uses the
 * smallest such sample: a fresh JVM's own pauses (JIT, GC, a busy CPU) only ever add to a sample,
 * and the doubling covers the path's real variation. (With the latest sample instead, one 85 ms
 * pause stretched a 0.1 ms path's silence tests to 4 s.)
 */
final class StunTransactions implements AutoCloseable {

    static final long MIN_RTO_NANOS = 50_000_000L;
    static final long MAX_RTO_NANOS = 500_000_000L;
    /** No transaction lasts longer, whatever the RTT: a probe must answer in seconds. */
    static final long GIVE_UP_NANOS = 4_000_000_000L;

    /** How long to keep trying: depends on whether an answer or its absence is the signal. */
    enum Wait {
        /**
         * An answer is expected (every Binding to the primary, the mapping tests): 5 transmissions
         * (RFC 8489's Rc is 7), the last waited out for Rm = 8 RTO (RFC 8489: 16): 1+2+4+8+8 = 23 RTO
         * in all, 1.15 s at the 50 ms floor, so that "UDP blocked" too is known within 1.5 s. Five
         * lost round trips in a row is a path no call survives either.
         */
        ANSWER(5, 8),
        /**
         * Silence is the verdict (filtering, hairpinning): 4 transmissions, 1+2+4+8 = 15 RTO in all
         * (750 ms at the floor). A wrong verdict needs all four request or answer pairs lost: at 1 %
         * loss that is 2 in 10⁷, at 5 % (a path already failing voice) 1 in 10⁴; a fifth try would
         * double the wait to buy a factor of ten on a failing path.
         */
        SILENCE(4, 8);

        final int transmissions;
        final int lastWaitRtos;

        Wait(int transmissions, int lastWaitRtos) {
            this.transmissions = transmissions;
            this.lastWaitRtos = lastWaitRtos;
        }
    }

    /** One request, retransmitted until answered, settled or cancelled. */
    final class Transaction {
        private final DatagramChannel from;
        private final InetSocketAddress to;
        private final DatagramChannel listenOn;
        private final ByteBuffer request;
        private final TransactionId id;
        private final Wait wait;
        private final Consumer<Transaction> onSettled;
        private int transmissions;
        private long firstSentAt;
        private long lastSentAt;
        private long settledAt;
        private boolean settled;
        private StunReply reply;

        private Transaction(DatagramChannel from, InetSocketAddress to, DatagramChannel listenOn, byte[] request,
                            TransactionId id, Wait wait, Consumer<Transaction> onSettled) {
            this.from = from;
            this.to = to;
            this.listenOn = listenOn;
            this.request = ByteBuffer.wrap(request);
            this.id = id;
            this.wait = wait;
            this.onSettled = onSettled;
        }

        Optional<StunReply> reply() {
            return Optional.ofNullable(reply);
        }

        int transmissions() {
            return transmissions;
        }

        /** The outcome so far, as NAT discovery records it. */
        StunTest test() throws IOException {
            long end = settled ? settledAt : System.nanoTime();
            return new StunTest((InetSocketAddress) from.getLocalAddress(), to, transmissions,
                    (end - firstSentAt) / 1_000_000, reply());
        }

        private long nextDue() {
            long interval = transmissions < wait.transmissions
                    ? rtoNanos() << (transmissions - 1) : rtoNanos() * wait.lastWaitRtos;
            return Math.min(lastSentAt + interval, firstSentAt + GIVE_UP_NANOS);
        }

        private void send(long now) throws IOException {
            if (transmissions == 0) {
                firstSentAt = now;
            }
            from.send(request.rewind(), to);
            lastSentAt = now;
            transmissions++;
        }

        private void settle(long now) {
            settled = true;
            settledAt = now;
            pending.remove(id);
            onSettled.accept(this);
        }
    }

    private final Selector selector;
    private final Map<TransactionId, Transaction> pending = new HashMap<>();
    private final List<DatagramChannel> registered = new ArrayList<>();
    private final Map<DatagramChannel, Boolean> wasBlocking = new HashMap<>();
    private final ByteBuffer in = ByteBuffer.allocate(1500);
    private final double knownRttMs;
    private double measuredRttMs = Double.NaN;

    /** @param knownRttMs a round trip to the server measured another way, 0 if none */
    StunTransactions(double knownRttMs) throws IOException {
        this.knownRttMs = knownRttMs;
        this.selector = Selector.open();
    }

    private long rtoNanos() {
        double rttMs = Double.isNaN(measuredRttMs) ? knownRttMs : measuredRttMs;
        return Math.max(MIN_RTO_NANOS, Math.min(MAX_RTO_NANOS, (long) (rttMs * 1.5e6)));
    }

    /**
     * Sends a request now and keeps it pending until {@link #run} sees it answered or settled.
     *
     * @param listenOn the socket the answer is expected on: {@code from} for a server's answer, another
     *     socket of ours for a hairpin test, where the request itself is what arrives
     */
    Transaction start(DatagramChannel from, InetSocketAddress to, DatagramChannel listenOn, byte[] request,
                      TransactionId id, Wait wait, Consumer<Transaction> onSettled) throws IOException {
        register(from);
        register(listenOn);
        Transaction t = new Transaction(from, to, listenOn, request, id, wait, onSettled);
        pending.put(id, t);
        t.send(System.nanoTime());
        return t;
    }

    /** Stops retransmitting a request whose answer no longer matters. */
    void cancel(Transaction t) {
        if (!t.settled) {
            t.settled = true;
            t.settledAt = System.nanoTime();
            pending.remove(t.id);
        }
    }

    /** Sends, retransmits and receives until no transaction is pending (callbacks may start more). */
    void run() throws IOException {
        while (!pending.isEmpty()) {
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            for (Transaction t : List.copyOf(pending.values())) {
                if (t.settled) {
                    continue; // cancelled by an earlier one's callback
                }
                long due = t.nextDue();
                if (due <= now) {
                    if (t.transmissions >= t.wait.transmissions || now - t.firstSentAt >= GIVE_UP_NANOS) {
                        t.settle(now);
                        continue;
                    }
                    t.send(now);
                    due = t.nextDue();
                }
                next = Math.min(next, due);
            }
            if (pending.isEmpty()) {
                return;
            }
            selector.select(Math.max(1, (next - System.nanoTime() + 999_999) / 1_000_000));
            for (SelectionKey key : selector.selectedKeys()) {
                receive((DatagramChannel) key.channel());
            }
            selector.selectedKeys().clear();
        }
    }

    private void receive(DatagramChannel socket) throws IOException {
        InetSocketAddress source;
        while ((source = (InetSocketAddress) socket.receive(in.clear())) != null) {
            long now = System.nanoTime();
            StunMessage m;
            try {
                m = StunMessage.decode(in.flip());
            } catch (StunParseException e) {
                continue; // not STUN, or damaged: stray traffic on the port, keep waiting
            }
            Transaction t = pending.get(m.transactionId());
            if (t == null || t.listenOn != socket) {
                continue;
            }
            double rtt = (now - t.lastSentAt) / 1e6;
            if (t.transmissions == 1 && t.listenOn == t.from) {
                // Karn's rule: only an answer to the one and only transmission times the path.
                measuredRttMs = Double.isNaN(measuredRttMs) ? rtt : Math.min(measuredRttMs, rtt);
            }
            t.reply = StunReply.of(m, source, rtt);
            t.settle(now);
        }
    }

    private void register(DatagramChannel socket) throws IOException {
        if (!registered.contains(socket)) {
            wasBlocking.put(socket, socket.isBlocking());
            socket.configureBlocking(false);
            socket.register(selector, SelectionKey.OP_READ);
            registered.add(socket);
        }
    }

    /** Leaves every socket as it was given (the media part reuses the first one). */
    @Override
    public void close() throws IOException {
        selector.close();
        for (DatagramChannel socket : registered) {
            if (socket.isOpen()) {
                socket.configureBlocking(wasBlocking.get(socket));
            }
        }
    }
}
