package io.netready.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.netready.agent.report.JUnitSchema;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.Grade;
import io.netready.proto.ListSitesResponse;
import io.netready.proto.MediaResult;
import io.netready.proto.Mapping;
import io.netready.proto.ProbeOutcome;
import io.netready.proto.SiteReport;
import io.netready.proto.StreamStats;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on loopback: a real collector (gRPC, STUN, media reflector, H2) on ephemeral
 * ports, a real probe through the CLI, then report, sites and gate against what it stored.
 */
class EndToEndTest {

    @TempDir
    static Path data;

    static Collector collector;
    static String address;
    /** The probe's --json output, parsed back. */
    static ProbeOutcome outcome;
    static CliRun probe;

    @BeforeAll
    static void probeOnce() throws Exception {
        collector = Collector.start(CollectorConfig.ephemeral(data.resolve("db"), GradingPolicy.defaults()));
        address = HostPort.format(collector.grpcAddress());
        probe = CliRun.of("probe", "--collector", address, "--site", "e2e", "--duration", "2", "--json");
        ProbeOutcome.Builder parsed = ProbeOutcome.newBuilder();
        JsonFormat.parser().merge(probe.out(), parsed);
        outcome = parsed.build();
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void probeSucceedsAndPrintsOnlyJson() {
        assertEquals(0, probe.exitCode(), probe.err());
        assertTrue(probe.out().trim().startsWith("{") && probe.out().trim().endsWith("}"), probe.out());
        assertTrue(outcome.getUploaded());
    }

    @Test
    void mappedAddressIsTheLocalAddressOnLoopback() {
        assertFalse(outcome.getResult().getNat().getUdpBlocked());
        assertEquals(outcome.getResult().getNat().getLocalAddress(), outcome.getResult().getNat().getMappedAddress());
        assertTrue(outcome.getResult().getNat().getMappedAddress().startsWith("127.0.0.1:"));
        assertEquals(Mapping.Behavior.NO_NAT, outcome.getResult().getNat().getMappingBehavior());
    }

    @Test
    void bothDirectionsCarryEveryPacket() {
        MediaResult media = outcome.getResult().getMedia();
        // 2 s of 20 ms packets.
        for (StreamStats s : new StreamStats[] {media.getUpstream(), media.getDownstream()}) {
            assertEquals(100, s.getPacketsSent());
            assertEquals(s.getPacketsSent(), s.getPacketsReceived());
            assertEquals(0.0, s.getLossPercent());
            assertTrue(s.getJitterMs() >= 0 && s.getJitterMs() < 5, "jitter " + s.getJitterMs());
            assertTrue(s.getMos() > 4.0, "MOS " + s.getMos());
            // Each end sent at least one authenticated RTCP report the other end took (RFC 3550 §6.4).
            assertTrue(s.getRtcpReports() >= 1, "RTCP reports " + s.getRtcpReports());
        }
        assertTrue(media.getRttMs() > 0 && media.getRttMs() < 50, "rtt " + media.getRttMs());
        assertEquals(0, media.getPacketsNotSent(), "this host sent every packet it meant to");
    }

    @Test
    void resultIsStoredAndGraded() throws Exception {
        assertEquals(Grade.A, outcome.getReport().getGrade());
        assertTrue(outcome.getReport().getReady());

        CliRun report = CliRun.of("report", "--collector", address, "--site", "e2e", "--json");
        assertEquals(0, report.exitCode(), report.err());
        SiteReport.Builder r = SiteReport.newBuilder();
        JsonFormat.parser().merge(report.out(), r);
        assertEquals(1, r.getRunsInWindow());
        assertEquals(outcome.getResult().getResultId(), r.getRecentRuns(0).getResultId());

        CliRun human = CliRun.of("report", "--collector", address, "--site", "e2e");
        assertTrue(human.out().contains("Site e2e: grade A, READY"), human.out());

        CliRun sites = CliRun.of("sites", "--collector", address, "--json");
        ListSitesResponse.Builder list = ListSitesResponse.newBuilder();
        JsonFormat.parser().merge(sites.out(), list);
        assertEquals("e2e", list.getSites(0).getSite());
        assertEquals(Grade.A, list.getSites(0).getGrade());
    }

    @Test
    void jsonUsesTheStableNames() {
        for (String name : new String[] {"\"mappedAddress\"", "\"mappingBehavior\"", "\"upstream\"", "\"downstream\"",
            "\"packetsSent\"", "\"packetsReceived\"", "\"lossPercent\"", "\"jitterMs\"", "\"jitterMaxMs\"",
            "\"pdvP95Ms\"", "\"maxBurstLoss\"", "\"reorderPercent\"", "\"duplicates\"", "\"discardPercent\"",
            "\"rFactor\"", "\"mos\"", "\"rttMs\"", "\"packetsNotSent\"", "\"rttP95Ms\"", "\"durationMs\"", "\"grade\"", "\"ready\"",
            "\"findings\""}) {
            assertTrue(probe.out().contains(name), name + " missing from " + probe.out());
        }
    }

    @Test
    void gateExitCodes() throws Exception {
        assertEquals(0, CliRun.of("gate", "--collector", address, "--site", "e2e").exitCode());
        // A site with no result fails closed.
        Path junit = data.resolve("gate-junit.xml");
        CliRun unknown = CliRun.of("gate", "--collector", address, "--site", "e2e", "nowhere", "--junit",
                junit.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.out().contains("FAIL nowhere"), unknown.out());
        // The report is written when the gate fails, so CI shows which site failed and why.
        JUnitSchema.assertValid(junit);
        var suite = JUnitSchema.suite(junit);
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        // Stale: the only result is older than --max-age.
        Thread.sleep(1100);
        CliRun stale = CliRun.of("gate", "--collector", address, "--site", "e2e", "--max-age", "1s");
        assertEquals(1, stale.exitCode(), stale.out());
        assertTrue(stale.out().contains("older than --max-age"), stale.out());
    }

    @Test
    void gateFailsWhenThePolicyIsNotMet() {
        // A policy no real network meets: RTT must be under a microsecond.
        GradingPolicy strict = GradingPolicy.defaults().toBuilder().rtt(0.001, 0.002).build();
        try (Collector strictCollector = Collector.start(CollectorConfig.ephemeral(data.resolve("strict"), strict))) {
            String strictAddress = HostPort.format(strictCollector.grpcAddress());
            CliRun run = CliRun.of("probe", "--collector", strictAddress, "--site", "far", "--duration", "1");
            assertEquals(1, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("LATENCY_HIGH"), run.out());
            CliRun gate = CliRun.of("gate", "--collector", strictAddress, "--site", "far", "--json");
            assertEquals(1, gate.exitCode(), gate.out());
            assertTrue(gate.out().contains("\"pass\": false"), gate.out());
        }
    }

    @Test
    void unreachableCollectorIsUndecidedWithinTenSeconds() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + closedPort;
        Path junit = Files.writeString(data.resolve("stale-junit.xml"), "an old report");
        CliRun gate = CliRun.of("gate", "--collector", nowhere, "--site", "e2e", "--junit", junit.toString());
        assertEquals(2, gate.exitCode());
        assertFalse(Files.exists(junit), "an undecided gate leaves no report behind, not even an old one");
        CliRun run = CliRun.of("probe", "--collector", nowhere, "--site", "e2e");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("cannot reach the collector at " + nowhere), run.err());
        assertTrue(run.millis() < Duration.ofSeconds(10).toMillis(), run.millis() + " ms");
    }

    @Test
    void noUploadGradesLocallyAndStoresNothing() throws Exception {
        CliRun run = CliRun.of("probe", "--collector", address, "--site", "local-only", "--duration", "1", "--json",
                "--no-upload");
        assertEquals(0, run.exitCode(), run.err());
        ProbeOutcome.Builder o = ProbeOutcome.newBuilder();
        JsonFormat.parser().merge(run.out(), o);
        assertFalse(o.getUploaded());
        assertEquals(Grade.A, o.getReport().getGrade());
        CliRun report = CliRun.of("report", "--collector", address, "--site", "local-only");
        assertEquals(2, report.exitCode());
        assertTrue(report.err().contains("no results for site 'local-only'"), report.err());
    }

    @Test
    void noUploadGradesWithThePolicyFile() throws Exception {
        // Loopback RTT is far below 1 ms: only a policy that allows less than that fails it.
        Path strict = Files.writeString(data.resolve("strict.yaml"), "rtt: { good: 0.001, warn: 0.002 }\n");
        CliRun run = CliRun.of("probe", "--collector", address, "--site", "local-only", "--duration", "1",
                "--no-upload", "--policy", strict.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("LATENCY_HIGH"), run.out());

        CliRun uploaded = CliRun.of("probe", "--collector", address, "--site", "e2e", "--policy", strict.toString());
        assertEquals(2, uploaded.exitCode());
        assertTrue(uploaded.err().contains("--policy grades a run here, so it needs --no-upload"), uploaded.err());
        Path typo = Files.writeString(data.resolve("typo.yaml"), "rtt: { god: 80 }\n");
        CliRun bad = CliRun.of("probe", "--collector", address, "--no-upload", "--policy", typo.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("typo.yaml: unknown key 'rtt.god'; known keys in rtt: good, warn"), bad.err());
    }

    @Test
    void badArgumentsGetUsageErrorsWithAHint() {
        CliRun unknown = CliRun.of("probe", "--collector", address, "--frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
        CliRun codec = CliRun.of("probe", "--collector", address, "--codec", "g999");
        assertEquals(2, codec.exitCode());
        assertTrue(codec.err().contains("use one of g711, g722, g729, opus"), codec.err());
        CliRun port = CliRun.of("sites", "--collector", "localhost:99999");
        assertEquals(2, port.exitCode());
        assertTrue(port.err().contains("not a number from 1 to 65535"), port.err());
        CliRun grade = CliRun.of("gate", "--collector", address, "--site", "e2e", "--min-grade", "Z");
        assertEquals(2, grade.exitCode());
        assertTrue(grade.err().contains("use A, B, C, D or F"), grade.err());
    }
}
