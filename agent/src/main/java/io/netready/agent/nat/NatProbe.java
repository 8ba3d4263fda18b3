package io.netready.agent.nat;

import io.netready.common.net.HostPort;
import io.netready.proto.ClassicNat;
import io.netready.proto.Filtering;
import io.netready.proto.Mapping;
import io.netready.proto.NatResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Optional;

/** The NAT part of a probe: the address this site's traffic appears from, and what that says. */
public final class NatProbe {

    private NatProbe() {
    }

    public static NatResult run(DatagramChannel socket, InetSocketAddress stunServer, double controlRttMs) {
        long start = System.nanoTime();
        NatResult.Builder r = NatResult.newBuilder()
                .setFilteringBehavior(Filtering.Behavior.UNKNOWN)
                .setClassicType(ClassicNat.Type.UNKNOWN);
        try {
            InetSocketAddress local = (InetSocketAddress) socket.getLocalAddress();
            r.setLocalAddress(HostPort.format(local));
            Optional<StunClient.Binding> binding = StunClient.binding(socket, stunServer, controlRttMs);
            if (binding.isEmpty()) {
                r.setUdpBlocked(true)
                        .setMappingBehavior(Mapping.Behavior.UNKNOWN)
                        .setClassicType(ClassicNat.Type.UDP_BLOCKED)
                        .addEvidence("no answer to " + StunClient.MAX_TRANSMISSIONS + " STUN Binding requests to "
                                + HostPort.format(stunServer) + " within " + StunClient.GIVE_UP_NANOS / 1_000_000_000
                                + " s: UDP from here to the collector is blocked or lost");
            } else {
                StunClient.Binding b = binding.get();
                r.setMappedAddress(HostPort.format(b.mapped())).setStunRttMs(b.rttMs());
                if (b.mapped().equals(local)) {
                    r.setMappingBehavior(Mapping.Behavior.NO_NAT).addEvidence("the collector sees this host's own "
                            + "address " + HostPort.format(local) + ": no NAT between here and the collector");
                } else {
                    r.setMappingBehavior(Mapping.Behavior.UNKNOWN).addEvidence("local " + HostPort.format(local)
                            + " appears as " + HostPort.format(b.mapped()) + ": a NAT translates this host's UDP; "
                            + "mapping and filtering behaviour need the RFC 5780 tests");
                }
                if (b.transmissions() > 1) {
                    r.addEvidence("the STUN answer came after " + b.transmissions() + " transmissions: "
                            + "UDP is lossy on this path");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("STUN to " + HostPort.format(stunServer) + " failed: " + e.getMessage(), e);
        }
        return r.setDurationMs((System.nanoTime() - start) / 1_000_000).build();
    }
}
