package io.netready.agent.lifetime;

import io.netready.agent.nat.BindingRequests;
import io.netready.agent.nat.StunClient;
import io.netready.agent.probe.ProbeListener;
import io.netready.common.net.HostPort;
import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.ResponsePort;
import io.netready.common.stun.StunClass;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.StunParseException;
import io.netready.common.stun.TransactionId;
import io.netready.proto.LifetimeResult;
import io.netready.proto.LifetimeTrial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The UDP binding lifetime test (SPEC §3.2) against any STUN server that honours RESPONSE-PORT
 * (RFC 5780 §7.5): ours, or coturn. How and why it works is in docs/lifetime.md.
 *
 * <p>Every idle time T of {@link IdleSchedule} gets its own socket X, whose Binding request makes
 * a mapping; X then stays silent. At T a fresh socket Y sends a Binding request with RESPONSE-PORT
 * set to X's mapped port; the server answers from the address X's mapping was made to, to that
 * port of the NAT, so the answer reaches X exactly when X's mapping still exists, whatever the
 * NAT's filtering. All trials run at once, and the first dead one ends the test (a mapping dead
 * after T is dead after every longer T), so the wall time is about the lifetime.
 */
public final class BindingLifetime {

    /**
     * Transmissions of each probe, at 0, RTO and 3 RTO, with the verdict "dead" at 7 RTO
     * (RFC 8489 §6.2.1 doubling). Loss must not read as a dead mapping: with 5 % loss each way,
     * all three round trips fail with probability (1 − 0.95²)³ ≈ 0.1 %. More would lengthen the
     * wait after the first dead trial, which the wall time pays in full.
     */
    static final int PROBE_TRANSMISSIONS = 3;
    /** Twice the measured round trip, within these bounds: a 0.7–3.5 s window per dead trial. */
    static final long MIN_RTO_NANOS = 100_000_000L;
    static final long MAX_RTO_NANOS = 500_000_000L;
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
    /** First Bindings in parallel, so a long round trip delays the last trial's start by a few RTTs only. */
    private static final int BINDING_THREADS = 16;

    private final InetSocketAddress server;
    private final int maxSeconds;
    private final ProbeListener listener;

    /**
     * @param server the STUN server's primary address and port (A, P)
     * @param maxSeconds the longest idle time to test, 1 to {@link IdleSchedule#LONGEST_MAX_SECONDS}
     */
    public BindingLifetime(InetSocketAddress server, int maxSeconds, ProbeListener listener) {
        IdleSchedule.firstRound(maxSeconds); // validates
        this.server = server;
        this.maxSeconds = maxSeconds;
        this.listener = listener;
    }

    /** The reason nothing (more) could be measured, as evidence. */
    private static final class NotMeasured extends Exception {
        NotMeasured(String evidence) {
            super(evidence, null, false, false);
        }
    }

    /**
     * Runs the test.
     *
     * @param knownRttMs a round trip to the server's host measured another way (0 if none)
     */
    public LifetimeResult run(double knownRttMs) {
        long start = System.nanoTime();
        LifetimeResult.Builder r = LifetimeResult.newBuilder();
        List<LifetimeTrial> trials = new ArrayList<>();
        try {
            trials.addAll(round(IdleSchedule.firstRound(maxSeconds), knownRttMs, r));
            LifetimeBounds first = LifetimeBounds.of(trials);
            List<Integer> refine = IdleSchedule.refine(first.lower(), first.upper());
            if (!refine.isEmpty()) {
                r.addEvidence("bracket " + first.lower() + "–" + first.upper() + " s is wider than "
                        + IdleSchedule.REFINE_WIDER_THAN + " s: a second round tested " + refine);
                trials.addAll(round(refine, knownRttMs, r));
            }
        } catch (NotMeasured e) {
            r.addEvidence(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("binding lifetime test with " + HostPort.format(server) + " failed: "
                    + e.getMessage(), e);
        }
        trials.sort((a, b) -> Integer.compare(a.getIdleSeconds(), b.getIdleSeconds()));
        LifetimeBounds bounds = LifetimeBounds.of(trials);
        if (!trials.isEmpty()) {
            r.addEvidence(verdict(trials, bounds));
        }
        return r.setBindingLifetimeSeconds(bounds.lower())
                .setBindingLifetimeUpperSeconds(bounds.upper())
                .setRecommendedKeepaliveSeconds(bounds.keepaliveSeconds())
                .addAllTrials(trials)
                .setDurationMs((System.nanoTime() - start) / 1_000_000)
                .build();
    }

    private String verdict(List<LifetimeTrial> trials, LifetimeBounds bounds) {
        String how = trials.size() + " mappings, idle in parallel, were probed through " + HostPort.format(server)
                + ", which answered via RESPONSE-PORT (RFC 5780 §7.5) from the address each mapping was made to: ";
        long contradictions = LifetimeBounds.contradictions(trials);
        String caveat = contradictions == 0 ? "" : "; " + contradictions + " mapping(s) died after an idle time "
                + "another survived: the NAT's timer varies, or every answer to them was lost";
        if (bounds.upper() == 0) {
            return how + "every one was alive, the longest after " + bounds.lower() + " s: the lifetime is longer "
                    + "than this test's maximum" + caveat;
        }
        if (bounds.lower() == 0) {
            return how + "dead after " + bounds.upper() + " s idle already: no keep-alive interval helps; "
                    + "the NAT's UDP timeout must be raised" + caveat;
        }
        return how + "alive after " + bounds.lower() + " s idle, dead after " + bounds.upper() + " s" + caveat;
    }

    /** One round of trials, all at once; the outcomes of those tested. */
    private List<LifetimeTrial> round(List<Integer> idleTimes, double knownRttMs, LifetimeResult.Builder r)
            throws IOException, NotMeasured {
        List<IdleTrial> trials = new ArrayList<>();
        try {
            for (int t : idleTimes) {
                trials.add(new IdleTrial(t));
            }
            listener.phase("binding lifetime: opening " + trials.size() + " mappings to " + HostPort.format(server)
                    + " (idle times up to " + idleTimes.get(idleTimes.size() - 1) + " s)");
            double rttMs = openMappings(trials, knownRttMs, r);
            probe(trials, rto(rttMs));
            return trials.stream().filter(IdleTrial::tested).map(IdleTrial::outcome).toList();
        } finally {
            trials.forEach(IdleTrial::close);
        }
    }

    static long rto(double rttMs) {
        return Math.max(MIN_RTO_NANOS, Math.min(MAX_RTO_NANOS, (long) (2 * rttMs * 1e6)));
    }

    /**
     * The first Binding of every socket: the shortest idle time's alone first (no answer at all
     * means UDP is blocked, and its round trip sets the others' timeouts), then the rest in parallel.
     *
     * @return the shortest round trip measured, in ms (the first is often slowed by class loading
     *         and JIT, and the probes' timeout should not inherit that)
     */
    private double openMappings(List<IdleTrial> trials, double knownRttMs, LifetimeResult.Builder r)
            throws IOException, NotMeasured {
        IdleTrial first = trials.get(0);
        Optional<StunClient.Binding> b = StunClient.binding(first.socket, server, knownRttMs);
        if (b.isEmpty()) {
            throw new NotMeasured("no answer to repeated STUN Binding requests to " + HostPort.format(server)
                    + ": UDP to the collector is blocked or lost, no mapping to measure");
        }
        first.mapped(b.get().mapped(), System.nanoTime());
        double firstRttMs = b.get().rttMs();
        double rttMs = firstRttMs;
        List<IdleTrial> rest = trials.subList(1, trials.size());
        if (!rest.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(BINDING_THREADS, rest.size()));
            try {
                List<Future<Optional<StunClient.Binding>>> answers = new ArrayList<>();
                for (IdleTrial t : rest) {
                    answers.add(pool.submit(() -> {
                        Optional<StunClient.Binding> a = StunClient.binding(t.socket, server, firstRttMs);
                        a.ifPresent(m -> t.mapped(m.mapped(), System.nanoTime()));
                        return a;
                    }));
                }
                for (Future<Optional<StunClient.Binding>> a : answers) {
                    rttMs = Math.min(rttMs, a.get().map(StunClient.Binding::rttMs).orElse(rttMs));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while opening mappings", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<Integer> untested = trials.stream().filter(t -> t.state == IdleTrial.State.UNMAPPED)
                .map(t -> t.idleSeconds).toList();
        if (!untested.isEmpty()) {
            r.addEvidence("no answer to the first Binding of the sockets for " + untested + " s (loss): those idle "
                    + "times were not tested");
        }
        Set<InetAddress> publicAddresses = trials.stream().filter(t -> t.mapped != null)
                .map(t -> t.mapped.getAddress()).collect(Collectors.toSet());
        if (publicAddresses.size() > 1) {
            r.addEvidence("the NAT maps this host's sockets to several public addresses " + publicAddresses
                    + " (RFC 4787 §4.1 \"arbitrary\" pooling): an answer sent via RESPONSE-PORT may reach another "
                    + "address than the mapping's, so a dead verdict is uncertain");
        }
        return rttMs;
    }

    /** Probes each mapping when its idle time is up, until all are decided or one is dead. */
    private void probe(List<IdleTrial> trials, long rto) throws IOException, NotMeasured {
        ByteBuffer in = ByteBuffer.allocate(1500);
        try (Selector selector = Selector.open()) {
            for (IdleTrial t : trials) {
                if (t.state == IdleTrial.State.IDLE) {
                    t.socket.configureBlocking(false);
                    t.socket.register(selector, SelectionKey.OP_READ, t);
                }
            }
            long roundStart = trials.stream().filter(t -> t.mapped != null).mapToLong(t -> t.idleSince).min()
                    .orElseThrow();
            long nextProgress = System.nanoTime();
            while (!trials.stream().allMatch(IdleTrial::finished)) {
                long now = System.nanoTime();
                long wake = Long.MAX_VALUE;
                for (IdleTrial t : trials) {
                    if (t.state == IdleTrial.State.IDLE && now >= t.dueAt()) {
                        startProbe(t, selector, now);
                    }
                    if (t.state == IdleTrial.State.PROBING) {
                        if (now >= t.probeStart + rto * ((1L << PROBE_TRANSMISSIONS) - 1)) {
                            dead(t, trials);
                            continue;
                        }
                        long resendAt = t.probeStart + rto * ((1L << t.transmissions) - 1);
                        if (t.transmissions < PROBE_TRANSMISSIONS && now >= resendAt) {
                            send(t);
                            resendAt = t.probeStart + rto * ((1L << t.transmissions) - 1);
                        }
                        wake = Math.min(wake, resendAt);
                    } else if (t.state == IdleTrial.State.IDLE) {
                        wake = Math.min(wake, t.dueAt());
                    }
                }
                if (now >= nextProgress) {
                    progress(trials, now - roundStart);
                    nextProgress = now + PROGRESS_INTERVAL_NANOS;
                }
                wake = Math.min(wake, nextProgress);
                selector.select(Math.max(1, (wake - System.nanoTime()) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel channel = (DatagramChannel) key.channel();
                    while (channel.isOpen() && channel.receive(in.clear()) != null) {
                        received(in.flip(), channel, (IdleTrial) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    private void startProbe(IdleTrial t, Selector selector, long now) throws IOException {
        t.sender = DatagramChannel.open().bind(null);
        t.sender.configureBlocking(false);
        // Y listens too: a server without RESPONSE-PORT answers Y itself (420, or a plain success).
        t.sender.register(selector, SelectionKey.OP_READ, t);
        t.probeId = TransactionId.random();
        t.probe = ByteBuffer.wrap(BindingRequests.binding(t.probeId, server,
                Optional.of(new ResponsePort(t.mapped.getPort()))));
        t.probeStart = now;
        t.state = IdleTrial.State.PROBING;
        send(t);
    }

    private void send(IdleTrial t) throws IOException {
        t.sender.send(t.probe.rewind(), server);
        t.transmissions++;
    }

    /** Dead after T: so is every mapping idle longer, which need not be probed. */
    private static void dead(IdleTrial t, List<IdleTrial> trials) {
        t.state = IdleTrial.State.DEAD;
        t.closeSender();
        for (IdleTrial other : trials) {
            if (other.idleSeconds > t.idleSeconds && !other.finished()) {
                other.state = IdleTrial.State.SKIPPED;
                other.closeSender();
            }
        }
    }

    private void received(ByteBuffer datagram, DatagramChannel channel, IdleTrial t) throws NotMeasured {
        StunMessage m;
        try {
            m = StunMessage.decode(datagram);
        } catch (StunParseException e) {
            return; // not STUN: stray traffic on an ephemeral port
        }
        if (t.state != IdleTrial.State.PROBING || !m.transactionId().equals(t.probeId)) {
            return; // a late retransmitted answer to the first Binding, or to a decided probe
        }
        if (channel == t.socket && m.type().equals(StunMessageType.BINDING_SUCCESS_RESPONSE)) {
            t.state = IdleTrial.State.ALIVE;
            t.closeSender();
        } else if (channel == t.sender) {
            String answer = m.type().messageClass() == StunClass.ERROR_RESPONSE
                    ? "answered " + m.attribute(ErrorCode.class).map(c -> c.code() + " " + c.reason()).orElse("an error")
                    : "answered to the request's own source port";
            throw new NotMeasured(HostPort.format(server) + " " + answer + " to a Binding request with RESPONSE-PORT: "
                    + "it does not support RFC 5780 §7.5, which this test needs; point it at a netready collector "
                    + "or another RFC 5780 server (coturn)");
        }
    }

    private void progress(List<IdleTrial> trials, long idleNanos) {
        boolean died = trials.stream().anyMatch(t -> t.state == IdleTrial.State.DEAD);
        int alive = trials.stream().filter(t -> t.state == IdleTrial.State.ALIVE).mapToInt(t -> t.idleSeconds).max()
                .orElse(0);
        listener.progress("binding lifetime: " + idleNanos / 1_000_000_000 + " s idle, "
                + (died ? "dead, confirming shorter times" : alive > 0 ? "alive after " + alive + " s so far"
                        : "alive so far")
                + " (max " + maxSeconds + " s)");
    }
}
