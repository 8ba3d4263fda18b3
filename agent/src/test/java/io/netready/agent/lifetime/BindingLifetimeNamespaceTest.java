package io.netready.agent.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.JsonFormat;
import io.netready.agent.NetreadyCli;
import io.netready.collector.CollectorCli;
import io.netready.proto.LifetimeResult;
import io.netready.proto.ProbeOutcome;
import io.netready.testbed.Testbed;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding lifetime against ground truth (TESTBED.md): the middlebox's conntrack UDP timeouts
 * set to N seconds (both the unreplied and the stream timeout, so every mapping lives exactly N s
 * after its last packet), coturn as the RFC 5780 server in the public namespace, and the test run
 * at the site; and once through `netready probe --lifetime` against our own collector. Bounds must
 * bracket N within ±2 s, and the test must take at most N + 3 s.
 */
class BindingLifetimeNamespaceTest {

    private static final long SLACK_MILLIS = 3_000;

    @TempDir
    Path dir;

    private LifetimeResult measure(Testbed.Middlebox kind, int trueLifetime, int max) throws Exception {
        assumeTrue(Testbed.onPath("turnserver"), "needs coturn: apt-get install -y coturn");
        try (Testbed net = Testbed.with(kind)) {
            net.udpTimeout(trueLifetime);
            Path log = dir.resolve("coturn.log");
            net.start(net.pub, List.of("turnserver", "-L", Testbed.PUBLIC_IP, "-L", Testbed.PUBLIC_IP_2,
                    "--alt-listening-port", "3479", "--stun-only", "--no-tls", "--no-dtls", "-n", "--no-cli",
                    "--log-file", "stdout"), log);
            Testbed.awaitLine(log, "Total General servers", 20_000);
            Testbed.Result r = net.execResult(net.site, Testbed.java(BindingLifetimeMain.class, Testbed.PUBLIC_IP,
                    "3478", String.valueOf(max)).toArray(String[]::new));
            assertEquals(0, r.exit(), "lifetime test failed: " + r.err());
            LifetimeResult.Builder b = LifetimeResult.newBuilder();
            JsonFormat.parser().merge(r.out(), b);
            return b.build();
        }
    }

    private static void assertBrackets(int trueLifetime, LifetimeResult l) {
        String got = l.getBindingLifetimeSeconds() + "–" + l.getBindingLifetimeUpperSeconds() + " s for a true "
                + trueLifetime + " s: " + l.getEvidenceList();
        assertTrue(l.getBindingLifetimeSeconds() <= trueLifetime && trueLifetime <= l.getBindingLifetimeUpperSeconds(),
                got);
        assertTrue(trueLifetime - l.getBindingLifetimeSeconds() <= 2, got);
        assertTrue(l.getBindingLifetimeUpperSeconds() - trueLifetime <= 2, got);
        assertTrue(l.getDurationMs() <= trueLifetime * 1000L + SLACK_MILLIS, "took " + l.getDurationMs() + " ms; " + got);
        assertTrue(l.getRecommendedKeepaliveSeconds() > 0
                && l.getRecommendedKeepaliveSeconds() < l.getBindingLifetimeSeconds(), got);
    }

    @Test
    void portRestrictedConeMappingsLiveTheConntrackTimeout() throws Exception {
        assertBrackets(8, measure(Testbed.Middlebox.PORT_RESTRICTED_CONE, 8, 20));
    }

    /** Every mapping of a symmetric NAT is its own, but the answer comes from the address it was made to. */
    @Test
    void symmetricNatMappingsLiveTheConntrackTimeout() throws Exception {
        assertBrackets(12, measure(Testbed.Middlebox.SYMMETRIC, 12, 20));
    }

    @Test
    void probeCommandMeasuresTheLifetimeAgainstOurCollector() throws Exception {
        try (Testbed net = Testbed.with(Testbed.Middlebox.PORT_RESTRICTED_CONE)) {
            net.udpTimeout(8);
            Path log = dir.resolve("collector.log");
            net.start(net.pub, Testbed.java(CollectorCli.class, "serve", "--insecure-open", "--listen", Testbed.PUBLIC_IP,
                    "--alt-address", Testbed.PUBLIC_IP_2, "--data", dir.resolve("db").toString()), log);
            Testbed.awaitLine(log, "  media", 30_000);
            Testbed.Result r = net.execResult(net.site, Testbed.java(NetreadyCli.class, "probe", "--collector",
                    Testbed.PUBLIC_IP + ":7400", "--site", "lifetime", "--tests", "nat", "--lifetime", "20", "--json")
                    .toArray(String[]::new));
            assertTrue(r.exit() == 0 || r.exit() == 1, "probe failed (" + r.exit() + "): " + r.err());
            ProbeOutcome.Builder o = ProbeOutcome.newBuilder();
            JsonFormat.parser().merge(r.out(), o);
            assertBrackets(8, o.getResult().getLifetime());
            assertTrue(o.getReport().getFindingsList().stream().anyMatch(f -> f.getCode().equals("NAT_BINDING_SHORT")),
                    "an 8 s lifetime is below the policy's 20 s: " + o.getReport().getFindingsList());
        }
    }

    @Test
    void mappingsOutlivingTheMaximumLeaveTheUpperBoundOpen() throws Exception {
        LifetimeResult l = measure(Testbed.Middlebox.PORT_RESTRICTED_CONE, 30, 5);
        assertEquals(5, l.getBindingLifetimeSeconds(), l.getEvidenceList().toString());
        assertEquals(0, l.getBindingLifetimeUpperSeconds());
        assertEquals(5, l.getTrialsCount());
    }

    @Test
    void udpBlockedMeasuresNothingAndSaysWhy() throws Exception {
        LifetimeResult l = measure(Testbed.Middlebox.UDP_BLOCKED, 8, 20);
        assertEquals(0, l.getBindingLifetimeSeconds());
        assertEquals(0, l.getBindingLifetimeUpperSeconds());
        assertEquals(0, l.getTrialsCount());
        assertTrue(l.getEvidence(0).contains("blocked"), l.getEvidenceList().toString());
    }
}
