package io.netready.common.ice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/**
 * Host candidates (RFC 8445 §5.1.1.1) on exactly the given addresses, each on an ephemeral UDP
 * port. ice4j's own host harvester takes every address of every interface except loopback; we
 * want the one address the collector listens on (loopback included, for a collector on
 * 127.0.0.1), or the one the agent's traffic to the collector leaves from.
 */
final class BoundHostHarvester implements CandidateHarvester {

    private final List<InetAddress> addresses;
    private final HarvestStatistics statistics = new HarvestStatistics();

    BoundHostHarvester(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        List<LocalCandidate> found = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                HostCandidate candidate = new HostCandidate(
                        new IceUdpSocketWrapper(new MultiplexingDatagramSocket(0, address)), component, Transport.UDP);
                component.addLocalCandidate(candidate);
                // The checks (and STUN/TURN gathering) send from this socket: the stack must read it.
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                found.add(candidate);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a UDP socket on " + address.getHostAddress()
                        + " for an ICE host candidate: " + e.getMessage(), e);
            }
        }
        return found;
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }
}
