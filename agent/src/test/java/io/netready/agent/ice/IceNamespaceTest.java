package io.netready.agent.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.JsonFormat;
import io.netready.agent.NetreadyCli;
import io.netready.collector.CollectorCli;
import io.netready.common.ice.Ice4j;
import io.netready.proto.IceResult;
import io.netready.proto.ProbeOutcome;
import io.netready.testbed.Testbed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ICE through the middleboxes of TESTBED.md: the collector in the public namespace, {@code netready
 * probe --tests ice} at the site. Through a NAT the agent's side of the nominated pair must be the
 * NAT's address (server- or peer-reflexive), the collector's its host address; with UDP blocked
 * the check fails within its time box and the site gets ICE_FAILED.
 */
class IceNamespaceTest {

    @TempDir
    Path dir;

    private ProbeOutcome probe(Testbed.Middlebox kind, String... probeArgs) throws Exception {
        return probe(kind, net -> { }, probeArgs);
    }

    private ProbeOutcome probe(Testbed.Middlebox kind, Consumer<Testbed> before, String... probeArgs)
            throws Exception {
        try (Testbed net = Testbed.with(kind)) {
            before.accept(net);
            Path log = dir.resolve("collector.log");
            net.start(net.pub, Testbed.java(CollectorCli.class, "serve", "--insecure-open", "--listen", Testbed.PUBLIC_IP,
                    "--data", dir.resolve("db").toString()), log);
            Testbed.awaitLine(log, "  media", 30_000);
            List<String> command = new ArrayList<>(Testbed.java(NetreadyCli.class, "probe", "--collector",
                    Testbed.PUBLIC_IP + ":7400", "--site", kind.name().toLowerCase(), "--tests", "ice", "--json"));
            command.addAll(List.of(probeArgs));
            Testbed.Result r = net.execResult(net.site, command.toArray(String[]::new));
            assertTrue(r.exit() == 0 || r.exit() == 1, "probe failed (" + r.exit() + "): " + r.err());
            ProbeOutcome.Builder o = ProbeOutcome.newBuilder();
            JsonFormat.parser().merge(r.out(), o);
            return o.build();
        }
    }

    private static void assertConnectedThroughTheNat(IceResult ice) {
        assertTrue(ice.getConnected(), ice.toString());
        assertTrue(Set.of("srflx", "prflx").contains(ice.getLocalCandidateType()), ice.toString());
        assertEquals("host", ice.getRemoteCandidateType(), ice.toString());
        assertTrue(ice.getTimeToConnectedMs() > 0 && ice.getTimeToConnectedMs() < IceCheck.DEFAULT_TIMEOUT.toMillis(),
                ice.toString());
        assertTrue(ice.getLocalCandidatesList().stream().anyMatch(c -> c.startsWith("host " + Testbed.SITE_IP + ":")),
                ice.toString());
    }

    @Test
    void connectsThroughAPortRestrictedCone() throws Exception {
        IceResult ice = probe(Testbed.Middlebox.PORT_RESTRICTED_CONE).getResult().getIce();
        assertConnectedThroughTheNat(ice);
        // MASQUERADE keeps the port: STUN learned the very address the checks came from.
        assertTrue(ice.getLocalCandidatesList().stream().anyMatch(c -> c.startsWith("srflx " + Testbed.NAT_OUTSIDE_IP)),
                ice.toString());
    }

    @Test
    void connectsThroughASymmetricNat() throws Exception {
        assertConnectedThroughTheNat(probe(Testbed.Middlebox.SYMMETRIC).getResult().getIce());
    }

    @Test
    void failsWithinItsTimeBoxWhenUdpIsBlocked() throws Exception {
        ProbeOutcome o = probe(Testbed.Middlebox.UDP_BLOCKED);
        IceResult ice = o.getResult().getIce();
        assertFalse(ice.getConnected(), ice.toString());
        assertTrue(ice.getFailureReason().contains("pair"), ice.getFailureReason());
        assertTrue(ice.getFailureReason().contains("no server-reflexive candidate"), ice.getFailureReason());
        assertEquals(List.of("host"), ice.getLocalCandidatesList().stream().map(c -> c.split(" ")[0]).toList());
        // Gathering gives up after its cap, the checks after their time box; a second of slack.
        long bound = (Ice4j.HARVEST_TIMEOUT_SECONDS + 1) * 1000L
                + IceCheck.DEFAULT_TIMEOUT.toMillis();
        assertTrue(ice.getDurationMs() <= bound, ice.getDurationMs() + " ms > " + bound + " ms");
        assertTrue(o.getReport().getFindingsList().stream().anyMatch(f -> f.getCode().equals("ICE_FAILED")),
                o.getReport().getFindingsList().toString());
    }

    /**
     * With {@code --turn}, ice4j allocates a relay on coturn (long-term credentials, RFC 8656) and
     * offers it: the relayed candidate must be among the local ones, on the TURN server's address.
     */
    @Test
    void offersARelayedCandidateFromACoturnServer() throws Exception {
        assumeTrue(Testbed.onPath("turnserver"), "needs coturn: apt-get install -y coturn");
        Path turnLog = dir.resolve("turnserver.log");
        IceResult ice = probe(Testbed.Middlebox.PORT_RESTRICTED_CONE, net -> {
            net.start(net.pub, List.of("turnserver", "-L", Testbed.PUBLIC_IP_2, "-p", "3490",
                    "--relay-ip", Testbed.PUBLIC_IP_2, "--min-port", "49200", "--max-port", "49300",
                    "-a", "-u", "netready:s3cret", "-r", "netready.test", "--no-tls", "--no-dtls", "-n",
                    "--no-cli", "--log-file", "stdout", "--pidfile", dir.resolve("turnserver.pid").toString()), turnLog);
            try {
                Testbed.awaitLine(turnLog, "Total General servers", 20_000);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "--turn", "turn:netready:s3cret@" + Testbed.PUBLIC_IP_2 + ":3490").getResult().getIce();
        assertTrue(ice.getConnected(), ice.toString());
        assertTrue(ice.getLocalCandidatesList().stream().anyMatch(c -> c.startsWith("relay " + Testbed.PUBLIC_IP_2 + ":")),
                ice.toString());
    }
}
