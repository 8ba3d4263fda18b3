package io.netready.common.ice;

import io.netready.proto.IceCandidate;
import io.netready.proto.IceCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;

/**
 * One side of an ICE connectivity check (RFC 8445): an ice4j agent with one stream of one UDP
 * component, as an RTP session with rtcp-mux has. It gathers when made; {@link #start} takes the
 * other side's credentials and candidates and runs the checks. {@link #close} frees its sockets.
 */
public final class IcePeer implements AutoCloseable {

    private static final String STREAM = "check";

    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;

    private IcePeer(Agent agent, IceMediaStream stream, Component component) {
        this.agent = agent;
        this.stream = stream;
        this.component = component;
    }

    /**
     * Gathers host candidates on {@code hostAddresses}, then whatever {@code harvesters} find
     * from them (server-reflexive by STUN, relayed by TURN); blocks until gathering is done
     * ({@link Ice4j#HARVEST_TIMEOUT_SECONDS} at most for a server that does not answer).
     *
     * @param controlling the agent that nominates (RFC 8445 §6.1.1): the one that offers
     */
    public static IcePeer gather(boolean controlling, List<InetAddress> hostAddresses,
                                 List<CandidateHarvester> harvesters) throws IOException {
        Ice4j.configure();
        Agent agent = new Agent();
        try {
            agent.setControlling(controlling);
            // Not ice4j's host harvester, which would take every non-loopback address.
            agent.setUseDynamicPorts(false);
            agent.addCandidateHarvester(new BoundHostHarvester(hostAddresses));
            harvesters.forEach(agent::addCandidateHarvester);
            IceMediaStream stream = agent.createMediaStream(STREAM);
            // No media flows after the check: no component socket, keep-alives on the selected pair only.
            Component component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
            return new IcePeer(agent, stream, component);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
    }

    public IceCredentials credentials() {
        return IceCredentials.newBuilder().setUfrag(agent.getLocalUfrag()).setPassword(agent.getLocalPassword())
                .build();
    }

    public List<LocalCandidate> localCandidates() {
        return component.getLocalCandidates();
    }

    /** The local candidates as offered or answered. */
    public List<IceCandidate> candidates() {
        return localCandidates().stream().map(IceCandidates::toProto).toList();
    }

    /**
     * Starts the checks against the other side.
     *
     * @throws IllegalArgumentException when the credentials or a candidate are malformed, or there
     *     are none or too many candidates; nothing has been sent then
     */
    public void start(IceCredentials remote, List<IceCandidate> remoteCandidates) {
        IceCandidates.check(remote);
        if (remoteCandidates.isEmpty() || remoteCandidates.size() > IceCandidates.MAX_CANDIDATES) {
            throw new IllegalArgumentException("1 to " + IceCandidates.MAX_CANDIDATES + " candidates needed, got "
                    + remoteCandidates.size());
        }
        List<RemoteCandidate> parsed = new ArrayList<>();
        for (IceCandidate c : remoteCandidates) {
            parsed.add(IceCandidates.fromProto(c, component));
        }
        stream.setRemoteUfrag(remote.getUfrag());
        stream.setRemotePassword(remote.getPassword());
        component.addRemoteCandidates(parsed);
        agent.startConnectivityEstablishment();
    }

    /** Calls {@code listener} on each change of the ICE processing state, from ice4j's threads. */
    public void onStateChange(Consumer<IceProcessingState> listener) {
        agent.addStateChangeListener(e -> listener.accept((IceProcessingState) e.getNewValue()));
    }

    public IceProcessingState state() {
        return agent.getState();
    }

    /** The nominated pair, once the checks completed (RFC 8445 §8.1.1). */
    public Optional<CandidatePair> selectedPair() {
        return Optional.ofNullable(component.getSelectedPair());
    }

    /** The check list as evidence: "4 pairs: 3 Failed, 1 In-Progress". */
    public String pairStates() {
        Map<CandidatePairState, Integer> counts = new EnumMap<>(CandidatePairState.class);
        List<CandidatePair> pairs;
        synchronized (stream.getCheckList()) {
            pairs = List.copyOf(stream.getCheckList());
        }
        pairs.forEach(p -> counts.merge(p.getState(), 1, Integer::sum));
        return pairs.size() + (pairs.size() == 1 ? " pair" : " pairs") + (counts.isEmpty() ? "" : ": "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
    }

    /** Frees the sockets and stops the checks; idempotent. */
    @Override
    public void close() {
        agent.free();
    }
}
