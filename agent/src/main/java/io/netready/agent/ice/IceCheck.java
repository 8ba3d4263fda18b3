package io.netready.agent.ice;

import io.netready.common.ice.IceCandidates;
import io.netready.common.ice.IcePeer;
import io.netready.common.net.HostPort;
import io.netready.proto.IceAnswer;
import io.netready.proto.IceOffer;
import io.netready.proto.IceResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;

/**
 * The ICE part of a probe: a real ICE connectivity check (RFC 8445) with the collector, as a
 * WebRTC or SIP client with ICE would run one from this site. This side is controlling; it
 * gathers host, server-reflexive (the collector's STUN server) and, given a TURN server, relayed
 * candidates, exchanges them with the collector's agent over gRPC and runs the checks until a pair
 * is nominated, every pair has failed, or the time box ends.
 */
public final class IceCheck {

    /** For the checks, after gathering (which {@code Ice4j.HARVEST_TIMEOUT_SECONDS} bounds). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Function<IceOffer, IceAnswer> exchange;
    private final InetSocketAddress stun;
    private final Optional<TurnServer> turn;
    private final Duration timeout;

    /**
     * @param exchange sends the offer to the collector and returns its answer (ExchangeIce)
     * @param stun the collector's STUN server, for the server-reflexive candidate
     */
    public IceCheck(Function<IceOffer, IceAnswer> exchange, InetSocketAddress stun, Optional<TurnServer> turn,
                    Duration timeout) {
        this.exchange = exchange;
        this.stun = stun;
        this.turn = turn;
        this.timeout = timeout;
    }

    public IceResult run(String sessionId) {
        long start = System.nanoTime();
        IceResult.Builder r = IceResult.newBuilder();
        try (IcePeer peer = IcePeer.gather(true, List.of(sourceAddressTowards(stun)), harvesters())) {
            List<LocalCandidate> locals = peer.localCandidates();
            locals.forEach(c -> r.addLocalCandidates(IceCandidates.describe(c)));
            IceAnswer answer = exchange.apply(IceOffer.newBuilder().setSessionId(sessionId)
                    .setCredentials(peer.credentials()).addAllCandidates(peer.candidates()).build());

            CountDownLatch ended = new CountDownLatch(1);
            AtomicLong connectedAt = new AtomicLong();
            peer.onStateChange(state -> {
                if (state == IceProcessingState.COMPLETED) {
                    connectedAt.compareAndSet(0, System.nanoTime());
                }
                if (state.isOver()) {
                    ended.countDown();
                }
            });
            long checksStart = System.nanoTime();
            try {
                peer.start(answer.getCredentials(), answer.getCandidatesList());
            } catch (IllegalArgumentException e) {
                return r.setFailureReason("the collector's ICE answer is malformed (" + e.getMessage()
                        + "); update the collector").setDurationMs(millisSince(start)).build();
            }
            ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Optional<CandidatePair> pair = peer.selectedPair();
            if (connectedAt.get() != 0 && pair.isPresent()) {
                r.setConnected(true)
                        .setLocalCandidateType(pair.get().getLocalCandidate().getType().toString())
                        .setRemoteCandidateType(pair.get().getRemoteCandidate().getType().toString())
                        .setTimeToConnectedMs((connectedAt.get() - checksStart) / 1_000_000);
            } else {
                r.setFailureReason(failure(peer, locals, answer, ended.getCount() == 0));
            }
        } catch (IOException e) {
            r.setFailureReason("could not gather ICE candidates: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.setFailureReason("interrupted");
        }
        return r.setDurationMs(millisSince(start)).build();
    }

    private List<CandidateHarvester> harvesters() throws UnknownHostException {
        List<CandidateHarvester> h = new ArrayList<>();
        h.add(new StunCandidateHarvester(new TransportAddress(stun, Transport.UDP)));
        if (turn.isPresent()) {
            TurnServer t = turn.get();
            h.add(new TurnCandidateHarvester(new TransportAddress(InetAddress.getByName(t.host()), t.port(),
                    Transport.UDP), new LongTermCredential(t.username(), t.password())));
        }
        return h;
    }

    /** Why no pair connected, with what a network engineer needs to check it. */
    private String failure(IcePeer peer, List<LocalCandidate> locals, IceAnswer answer, boolean ended) {
        StringBuilder s = new StringBuilder(ended ? "every candidate pair failed" : "no pair was nominated within "
                + timeout.toSeconds() + " s");
        s.append(" (").append(peer.pairStates()).append(") from ").append(plural(locals.size(), "local candidate"))
                .append(" to ").append(plural(answer.getCandidatesCount(), "candidate")).append(" of the collector");
        if (locals.stream().noneMatch(c -> c.getType() == CandidateType.SERVER_REFLEXIVE_CANDIDATE)) {
            s.append("; no server-reflexive candidate: the collector's STUN server ").append(HostPort.format(stun))
                    .append(" did not answer");
        }
        if (turn.isPresent() && locals.stream().noneMatch(c -> c.getType() == CandidateType.RELAYED_CANDIDATE)) {
            s.append("; no relayed candidate: ").append(turn.get()).append(" allocated none (unreachable, or "
                    + "the credentials were refused)");
        }
        return s.toString();
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The local address this host's packets to {@code target} leave from (the routing table's choice). */
    private static InetAddress sourceAddressTowards(InetSocketAddress target) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(target);
            return probe.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("no route to the collector at " + HostPort.format(target) + ": "
                    + e.getMessage(), e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
