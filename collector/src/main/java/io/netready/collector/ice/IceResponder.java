package io.netready.collector.ice;

import io.netready.common.ice.IcePeer;
import io.netready.proto.IceAnswer;
import io.netready.proto.IceOffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.ice4j.ice.IceProcessingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's side of the agents' ICE checks: one controlled ice4j agent per probe session,
 * with host candidates on the collector's own addresses (it has no NAT to learn about). An agent
 * frees itself when its checks end (ice4j's TERMINATED, a few seconds after the nomination, or
 * FAILED), and at the latest when its session closes or expires. At most {@code maxAgents} run at
 * once: each holds UDP sockets and ice4j threads.
 */
public final class IceResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IceResponder.class);

    public static final int DEFAULT_MAX_AGENTS = 64;

    /** The offer could not be answered; the message says why and what to do. */
    public static final class Refused extends RuntimeException {
        private final boolean busy;

        Refused(String message, boolean busy) {
            super(message);
            this.busy = busy;
        }

        /** True when the cap of concurrent agents was the reason (try again later), not the offer. */
        public boolean busy() {
            return busy;
        }
    }

    private final List<InetAddress> hostAddresses;
    private final int maxAgents;
    private final Semaphore slots;
    private final Map<String, IcePeer> bySession = new ConcurrentHashMap<>();
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    /** @param hostAddresses where the collector's host candidates are: the addresses agents reach it on */
    public IceResponder(List<InetAddress> hostAddresses, int maxAgents) {
        this.hostAddresses = List.copyOf(hostAddresses);
        this.maxAgents = maxAgents;
        this.slots = new Semaphore(maxAgents);
    }

    /**
     * Gathers a controlled agent for {@code sessionId}, starts its checks against the offer and
     * returns the answer.
     *
     * @param hostAddresses overrides the configured ones, e.g. the address a request arrived on
     *     when the collector listens on a wildcard address; empty for the configured ones
     * @throws Refused when the offer is malformed, the session already ran a check, or the cap is reached
     */
    public IceAnswer answer(String sessionId, IceOffer offer, List<InetAddress> hostAddresses) {
        // Marked for the session's lifetime, not the agent's: a finished check frees its agent
        // but must not let the session run another.
        if (!checked.add(sessionId)) {
            throw alreadyRan(sessionId);
        }
        if (!slots.tryAcquire()) {
            checked.remove(sessionId);
            throw new Refused("the collector runs " + maxAgents + " ICE checks already, its limit; try again in a few "
                    + "seconds", true);
        }
        IcePeer peer;
        try {
            peer = IcePeer.gather(false, hostAddresses.isEmpty() ? this.hostAddresses : hostAddresses, List.of());
        } catch (IOException | RuntimeException e) {
            slots.release();
            checked.remove(sessionId);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        bySession.put(sessionId, peer);
        peer.onStateChange(state -> {
            if (state == IceProcessingState.TERMINATED || state == IceProcessingState.FAILED) {
                // Not on ice4j's own thread, which freeing the agent shuts down.
                CompletableFuture.runAsync(() -> release(sessionId));
            }
        });
        try {
            peer.start(offer.getCredentials(), offer.getCandidatesList());
        } catch (IllegalArgumentException e) {
            sessionEnded(sessionId); // a refused offer is no check: the session may offer again
            throw new Refused("ICE offer: " + e.getMessage(), false);
        }
        return IceAnswer.newBuilder().setCredentials(peer.credentials()).addAllCandidates(peer.candidates()).build();
    }

    private static Refused alreadyRan(String sessionId) {
        return new Refused("session " + sessionId + " already ran its ICE check; open a new session", false);
    }

    /** The session closed or expired: frees its agent, if it still runs, and forgets the session. */
    public void sessionEnded(String sessionId) {
        release(sessionId);
        checked.remove(sessionId);
    }

    /** Frees the agent of {@code sessionId}, if it still runs. */
    public void release(String sessionId) {
        IcePeer peer = bySession.remove(sessionId);
        if (peer != null) {
            free(peer);
        }
    }

    private void free(IcePeer peer) {
        try {
            peer.close();
        } catch (RuntimeException e) {
            LOG.warn("freeing an ICE agent: {}", e.toString());
        } finally {
            slots.release();
        }
    }

    /** ICE agents running now. */
    public int running() {
        return bySession.size();
    }

    @Override
    public void close() {
        bySession.keySet().forEach(this::sessionEnded);
    }
}
