package io.netready.agent.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.JsonFormat;
import io.netready.agent.NetreadyCli;
import io.netready.collector.CollectorCli;
import io.netready.proto.ClassicNat;
import io.netready.proto.Filtering;
import io.netready.proto.Mapping;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeOutcome;
import io.netready.testbed.Testbed;
import io.netready.testbed.Testbed.Middlebox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NAT matrix of TESTBED.md: for every middlebox kind, `netready probe --tests nat` at the site
 * against an RFC 5780 server on two addresses in the public namespace — our collector, and coturn
 * as the reference — must report exactly the ground truth that the kind has by construction
 * (Linux netfilter).
 */
class NatMatrixNamespaceTest {

    /**
     * An RFC 5780 server on 203.0.113.100 and .101, ports 3478 and 3479: how to start it, and how
     * the probe at the site is pointed at it.
     */
    enum Server {
        /** Our collector: the probe learns both STUN addresses from its session. */
        NETREADY("java", dir -> Testbed.java(CollectorCli.class, "serve", "--insecure-open", "--listen", Testbed.PUBLIC_IP,
                "--alt-address", Testbed.PUBLIC_IP_2, "--data", dir.resolve("db").toString()),
                "  media", List.of("--collector", Testbed.PUBLIC_IP + ":7400")),
        /** The reference: coturn's STUN server (verbose, so that it logs its UDP listeners). */
        COTURN("turnserver", dir -> List.of("turnserver", "-L", Testbed.PUBLIC_IP, "-L", Testbed.PUBLIC_IP_2,
                "--alt-listening-port", "3479", "--stun-only", "--no-tls", "--no-dtls", "-n", "--no-cli", "-v",
                "--log-file", "stdout", "--pidfile", dir.resolve("turnserver.pid").toString()),
                "UDP listener opened on: " + Testbed.PUBLIC_IP_2 + ":3479", List.of("--stun", Testbed.PUBLIC_IP));

        final String program;
        final Function<Path, List<String>> command;
        final String readyLine;
        final List<String> probeArgs;

        Server(String program, Function<Path, List<String>> command, String readyLine, List<String> probeArgs) {
            this.program = program;
            this.command = command;
            this.readyLine = readyLine;
            this.probeArgs = probeArgs;
        }
    }

    /** TESTBED.md's ground truth: mapping / filtering / classic, and whether ports are kept. */
    record Truth(Mapping.Behavior mapping, Filtering.Behavior filtering, ClassicNat.Type classic,
                 Boolean portPreserved) {
    }

    static Truth truth(Middlebox kind) {
        return switch (kind) {
            case NO_NAT -> new Truth(Mapping.Behavior.NO_NAT, Filtering.Behavior.ENDPOINT_INDEPENDENT,
                    ClassicNat.Type.OPEN_INTERNET, null);
            case STATEFUL_FIREWALL -> new Truth(Mapping.Behavior.NO_NAT, Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT,
                    ClassicNat.Type.SYMMETRIC_UDP_FIREWALL, null);
            case PORT_RESTRICTED_CONE -> new Truth(Mapping.Behavior.ENDPOINT_INDEPENDENT,
                    Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT, ClassicNat.Type.PORT_RESTRICTED_CONE, true);
            case FULL_CONE -> new Truth(Mapping.Behavior.ENDPOINT_INDEPENDENT, Filtering.Behavior.ENDPOINT_INDEPENDENT,
                    ClassicNat.Type.FULL_CONE, true);
            case SYMMETRIC -> new Truth(Mapping.Behavior.ADDRESS_AND_PORT_DEPENDENT,
                    Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT, ClassicNat.Type.SYMMETRIC, false);
            case UDP_BLOCKED -> new Truth(Mapping.Behavior.UNKNOWN, Filtering.Behavior.UNKNOWN,
                    ClassicNat.Type.UDP_BLOCKED, null);
        };
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Server.values()).flatMap(s -> Stream.of(Middlebox.values()).map(k -> Arguments.of(s, k)));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{1} against {0}")
    @MethodSource("matrix")
    void discoveryReportsTheGroundTruth(Server server, Middlebox kind) throws Exception {
        Testbed.assumeAvailable();
        assumeTrue(Testbed.onPath(server.program), "needs " + server.program + " (apt-get install -y coturn)");
        try (Testbed net = Testbed.with(kind)) {
            Path log = dir.resolve("server.log");
            net.start(net.pub, server.command.apply(dir), log);
            Testbed.awaitLine(log, server.readyLine, 20_000);
            List<String> probe = new ArrayList<>(Testbed.java(NetreadyCli.class, "probe", "--tests", "nat", "--json"));
            probe.addAll(server.probeArgs);
            Testbed.Result r = net.execResult(net.site, probe.toArray(String[]::new));
            assertTrue(r.exit() == 0 || r.exit() == 1, "probe failed (" + r.exit() + "): " + r.err());
            ProbeOutcome.Builder o = ProbeOutcome.newBuilder();
            JsonFormat.parser().merge(r.out(), o);
            NatResult nat = o.getResult().getNat();
            String evidence = String.join("\n  ", nat.getEvidenceList());
            Truth t = truth(kind);
            assertEquals(t.mapping(), nat.getMappingBehavior(), evidence);
            assertEquals(t.filtering(), nat.getFilteringBehavior(), evidence);
            assertEquals(t.classic(), nat.getClassicType(), evidence);
            assertEquals(kind == Middlebox.UDP_BLOCKED, nat.getUdpBlocked(), evidence);
            assertFalse(nat.getMultipleNat(), evidence);
            boolean translated = kind != Middlebox.NO_NAT && kind != Middlebox.STATEFUL_FIREWALL
                    && kind != Middlebox.UDP_BLOCKED;
            // Linux MASQUERADE/SNAT without a hairpin rule does not hairpin (checked by hand);
            // without a NAT hairpinning does not apply and stays unset.
            assertEquals(translated, nat.hasHairpinning(), evidence);
            if (translated) {
                assertFalse(nat.getHairpinning(), evidence);
                assertEquals(Testbed.NAT_OUTSIDE_IP, nat.getMappedAddress().split(":")[0], evidence);
            }
            if (t.portPreserved() != null) {
                assertEquals(t.portPreserved(), nat.getPortPreserved(), evidence);
            }
            if (kind == Middlebox.NO_NAT || kind == Middlebox.STATEFUL_FIREWALL) {
                assertEquals(nat.getLocalAddress(), nat.getMappedAddress());
            }
            // Bounded by the transactions' give-up time; how fast it is, is measured by
            // bench/natdiscovery.sh (docs/benchmarks.md), not asserted here where load varies.
            assertTrue(nat.getDurationMs() <= StunTransactions.GIVE_UP_NANOS / 1_000_000 + 1_000,
                    "discovery took " + nat.getDurationMs() + " ms\n  " + evidence);
        }
    }
}
