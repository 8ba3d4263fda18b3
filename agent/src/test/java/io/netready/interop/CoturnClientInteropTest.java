package io.netready.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netready.collector.CollectorCli;
import io.netready.testbed.Testbed;
import io.netready.testbed.Testbed.Middlebox;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * coturn's RFC 5780 client, {@code turnutils_natdiscovery -m -f}, run at the site against our
 * collector's STUN server in the public namespace (two addresses, two ports), must report each
 * middlebox's ground truth of TESTBED.md. It has no "no NAT" verdict: RFC 5780 §4.3 calls that
 * endpoint-independent mapping, and the mapped address then is the site's own.
 *
 * <p>What the client prints (coturn 4.6, learned against coturn's own turnserver): one block per
 * answer with "UDP reflexive addr: IP:PORT", then "NAT with Endpoint Independent Mapping!",
 * "... Address and Port Dependent Mapping!" and "NAT with ... Filtering!" lines; a test with no
 * answer prints "STUN receive timeout..".
 */
class CoturnClientInteropTest {

    private static final String EI = "Endpoint Independent";
    private static final String APD = "Address and Port Dependent";
    private static final Pattern MAPPING = Pattern.compile("NAT with (.+) Mapping!");
    private static final Pattern FILTERING = Pattern.compile("NAT with (.+) Filtering!");
    private static final Pattern REFLEXIVE = Pattern.compile("UDP reflexive addr: ([0-9.]+):\\d+");

    /** TESTBED.md's ground truth in coturn's words, and the mapped IP address it implies. */
    private record Truth(String mapping, String filtering, String mappedIp) {
    }

    private static final Map<Middlebox, Truth> GROUND_TRUTH = Map.of(
            Middlebox.NO_NAT, new Truth(EI, EI, Testbed.SITE_IP),
            Middlebox.STATEFUL_FIREWALL, new Truth(EI, APD, Testbed.SITE_IP),
            Middlebox.PORT_RESTRICTED_CONE, new Truth(EI, APD, Testbed.NAT_OUTSIDE_IP),
            Middlebox.FULL_CONE, new Truth(EI, EI, Testbed.NAT_OUTSIDE_IP),
            Middlebox.SYMMETRIC, new Truth(APD, APD, Testbed.NAT_OUTSIDE_IP));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Middlebox.class)
    void coturnsClientReportsTheGroundTruthAgainstOurServer(Middlebox kind) throws Exception {
        Testbed.assumeAvailable();
        assumeTrue(Testbed.onPath("turnutils_natdiscovery"),
                "needs coturn's client: apt-get install -y coturn");
        try (Testbed net = Testbed.with(kind)) {
            Path log = dir.resolve("collector.log");
            net.start(net.pub, Testbed.java(CollectorCli.class, "serve", "--insecure-open", "--listen", Testbed.PUBLIC_IP,
                    "--alt-address", Testbed.PUBLIC_IP_2, "--data", dir.resolve("db").toString()), log);
            Testbed.awaitLine(log, "  STUN", 30_000);
            Testbed.Result r = net.execResult(net.site, "turnutils_natdiscovery", "-m", "-f", Testbed.PUBLIC_IP);
            String out = r.out();
            Truth truth = GROUND_TRUTH.get(kind);
            if (truth == null) { // UDP blocked: not one answer
                assertFalse(out.contains("RFC 5780 response"), out);
                assertFalse(MAPPING.matcher(out).find() || FILTERING.matcher(out).find(), out);
                return;
            }
            assertEquals(Optional.of(truth.mapping()), verdict(MAPPING, out), out);
            assertEquals(Optional.of(truth.filtering()), verdict(FILTERING, out), out);
            Matcher mapped = REFLEXIVE.matcher(out);
            assertTrue(mapped.find(), out);
            assertEquals(truth.mappedIp(), mapped.group(1), out);
        }
    }

    private static Optional<String> verdict(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
