package io.netready.common.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.netready.proto.Filtering;
import io.netready.proto.Finding;
import io.netready.proto.Grade;
import io.netready.proto.IceResult;
import io.netready.proto.LifetimeResult;
import io.netready.proto.Mapping;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunFailure;
import io.netready.proto.Severity;
import io.netready.proto.SiteReport;
import io.netready.proto.StreamStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GraderTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Grader GRADER = new Grader(GradingPolicy.defaults());

    @Test
    void allGoodRunIsAAndReady() {
        SiteReport report = grade(goodRun("a1b2c3d4-0000", 1));

        assertEquals(Grade.A, report.getGrade());
        assertTrue(report.getReady());
        assertEquals(List.of(), report.getFindingsList());
        assertEquals(1, report.getRunsInWindow());
        assertEquals(86_400, report.getWindowSeconds());
        assertEquals(NOW.minusSeconds(60).getEpochSecond(), report.getLastResultAt().getSeconds());
        assertEquals(1, report.getRecentRunsCount());
        assertEquals(38, report.getRecentRuns(0).getRttMs());
        assertEquals(4.4, report.getRecentRuns(0).getMos());
        assertEquals("203.0.113.7:40001", report.getRecentRuns(0).getMappedAddress());
    }

    @Test
    void oneWarnIsBAndReady() {
        SiteReport report = grade(withMedia(goodRun("r1", 1), stream(0, 40), stream(0, 5), 38));

        assertEquals(List.of("JITTER_HIGH"), codes(report));
        assertEquals(Severity.WARN, report.getFindings(0).getSeverity());
        assertEquals(Grade.B, report.getGrade());
        assertTrue(report.getReady());
    }

    @Test
    void onlyInfoFindingsIsB() {
        ProbeResult run = goodRun("r1", 1).toBuilder()
                .setNat(goodNat().setFilteringBehavior(Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT)
                        .setHairpinning(false))
                .build();
        SiteReport report = grade(run);

        assertEquals(List.of("FILTERING_STRICT", "HAIRPIN_UNSUPPORTED"), codes(report));
        assertEquals(Grade.B, report.getGrade());
    }

    @Test
    void twoWarnsIsCAndNotReady() {
        SiteReport report = grade(withMedia(goodRun("r1", 1), stream(2, 40), stream(0, 5), 38));

        assertEquals(List.of("LOSS_HIGH", "JITTER_HIGH"), codes(report));
        assertEquals(Grade.C, report.getGrade());
        assertFalse(report.getReady());
    }

    @Test
    void oneFailIsD() {
        SiteReport report = grade(withMedia(goodRun("r1", 1), stream(0, 5), stream(0, 5), 450));

        assertEquals(List.of("LATENCY_HIGH"), codes(report));
        assertEquals(Severity.FAIL, report.getFindings(0).getSeverity());
        assertEquals(Grade.D, report.getGrade());
        assertFalse(report.getReady());
        // 450/2 + 20 + 0 + 60 = 305 ms mouth-to-ear with G.711 and the default playout delay.
        assertContains(report.getFindings(0).getRemedy(), "305 ms", "G.114");
    }

    @Test
    void udpBlockedByStunIsF() {
        ProbeResult run = ProbeResult.newBuilder()
                .setResultId("r1").setStartedAt(ago(1))
                .setNat(NatResult.newBuilder().setUdpBlocked(true))
                .build();
        SiteReport report = grade(run);

        assertEquals(Grade.F, report.getGrade());
        assertEquals(List.of("UDP_BLOCKED"), codes(report)); // no NAT verdicts without STUN answers
        assertContains(report.getFindings(0).getEvidence(), "no STUN response");
    }

    @Test
    void udpBlockedByMediaIsF() {
        // The collector latches onto upstream RTP before it sends, so it sent nothing back.
        StreamStats up = StreamStats.newBuilder().setPacketsSent(500).build();
        StreamStats down = StreamStats.getDefaultInstance();
        SiteReport report = grade(ProbeResult.newBuilder().setResultId("r1").setStartedAt(ago(1))
                .setMedia(MediaResult.newBuilder().setUpstream(up).setDownstream(down)).build());

        assertEquals(Grade.F, report.getGrade());
        assertEquals(List.of("UDP_BLOCKED"), codes(report));
        assertContains(report.getFindings(0).getEvidence(), "upstream (site → collector): 0 of 500 packets received");
    }

    @Test
    void upstreamRtpBlockedWhileStunPassesIsOneWayUpstreamNotUdpBlocked() {
        // STUN answered, so UDP passes; the upstream RTP never arrived, so the collector latched
        // nothing and sent nothing back: the lost direction is the upstream.
        StreamStats up = StreamStats.newBuilder().setPacketsSent(500).build();
        ProbeResult run = goodRun("r1", 1).toBuilder()
                .setMedia(MediaResult.newBuilder().setUpstream(up).setDownstream(StreamStats.getDefaultInstance()))
                .build();
        SiteReport report = grade(run);

        assertEquals(List.of("ONE_WAY_AUDIO"), codes(report));
        assertContains(report.getFindings(0).getTitle(), "upstream (site → collector)");
        assertEquals(Grade.D, report.getGrade());
    }

    @Test
    void noResultsIsFWithStale() {
        SiteReport report = GRADER.grade("store-042", List.of(), NOW);

        assertEquals(Grade.F, report.getGrade());
        assertFalse(report.getReady());
        assertEquals(List.of("STALE"), codes(report));
        assertEquals("store-042", report.getSite());
        assertEquals(0, report.getRunsInWindow());

        // A run that measured nothing is no evidence either.
        SiteReport empty = grade(ProbeResult.newBuilder().setResultId("r1").setStartedAt(ago(1)).build());
        assertEquals(Grade.F, empty.getGrade());
        assertEquals(List.of("STALE"), codes(empty));
        assertContains(empty.getFindings(0).getEvidence(), "No run in the last 24 h carried a measurement: 1 without");
    }

    @Test
    void aWindowOfFailedRunsMeasuredNothingAndSaysWhenAndWhy() {
        // A NAT part measured before the session failed: still no voice measurement.
        ProbeResult first = failed(ProbeResult.newBuilder().setResultId("f1").setStartedAt(ago(30)).setNat(goodNat())
                .build(), "session", "collector.example.net:7400 refused the connection");
        ProbeResult second = failed(ProbeResult.newBuilder().setResultId("f2").setStartedAt(ago(15)).build(),
                "session", "collector.example.net:7400 did not answer within 8 s");
        SiteReport report = grade(first, second);

        assertEquals(Grade.F, report.getGrade());
        assertEquals(List.of("STALE", "RUNS_FAILED"), codes(report));
        assertContains(report.getFindings(0).getEvidence(), "No run in the last 24 h could measure: all 2 failed");
        Finding failed = report.getFindings(1);
        assertEquals(Severity.INFO, failed.getSeverity());
        assertEquals("2 of 2 runs in the window could not measure: session: collector.example.net:7400 did not answer "
                + "within 8 s (first 2025-03-10T11:30:00Z, last 2025-03-10T11:45:00Z).", failed.getEvidence());
        assertContains(failed.getRemedy(), "WAN", "firewall", "collector");
        assertEquals(2, report.getRunsInWindow());
        assertEquals("session", report.getRecentRuns(0).getFailure().getStage());
    }

    @Test
    void theFailedPartOfARunIsNotGradedAndGoodRunsBesideItGradeB() {
        // Media cut short by the failure looks like 100 % loss; it must not read as a network fault.
        ProbeResult cut = failed(withMedia(goodRun("f1", 5), stream(100, 0), stream(100, 0), 0), "media",
                "the collector closed the session");
        SiteReport report = grade(goodRun("g1", 20), cut);

        assertEquals(List.of("RUNS_FAILED"), codes(report));
        assertEquals(Grade.B, report.getGrade(), "only an INFO finding");
        assertEquals("1 of 2 runs in the window could not measure: media: the collector closed the session "
                + "(at 2025-03-10T11:55:00Z).", report.getFindings(0).getEvidence());
        assertEquals(0, report.getRecentRuns(0).getLossPercent(), "no loss shown for the failed part");
        assertEquals("203.0.113.7:40001", report.getRecentRuns(0).getMappedAddress(), "the NAT part before it stays");
        assertFalse(report.getRecentRuns(1).hasFailure());
    }

    @Test
    void runsOutsideTheWindowAreIgnored() {
        ProbeResult old = withMedia(goodRun("old-run", 25 * 60), stream(10, 90), stream(10, 90), 900);
        SiteReport report = grade(old, goodRun("new-run", 5));

        assertEquals(Grade.A, report.getGrade());
        assertEquals(1, report.getRunsInWindow());
        assertEquals("new-run", report.getRecentRuns(0).getResultId());

        SiteReport onlyOld = grade(old);
        assertEquals(Grade.F, onlyOld.getGrade());
        assertEquals(List.of("STALE"), codes(onlyOld));
        assertContains(onlyOld.getFindings(0).getEvidence(), "No run in the last 24 h", "2025-03-09T11:00:00Z",
                "(run old-run)");
        // The report still says when the site was last heard from.
        assertEquals(NOW.minus(Duration.ofHours(25)).getEpochSecond(), onlyOld.getLastResultAt().getSeconds());
    }

    @Test
    void p95OverTwentyRunsToleratesOneBadRunButNotTwo() {
        // Nearest rank: ⌈0.95 · 20⌉ = 19, the 19th of the 20 losses sorted best first.
        // One run at 10 %: sorted 0,0,…,0 (19×), 10 → the 19th is 0 % → good, grade A.
        List<ProbeResult> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(goodRun("run-" + i, 10 + i * 30));
        }
        runs.set(7, withMedia(runs.get(7), stream(10, 5), stream(0, 5), 38));
        assertEquals(Grade.A, grade(runs.toArray(ProbeResult[]::new)).getGrade());

        // Two runs at 10 %: sorted 0 (18×), 10, 10 → the 19th is 10 % → FAIL.
        runs.set(12, withMedia(runs.get(12), stream(0, 5), stream(10, 5), 38));
        SiteReport report = grade(runs.toArray(ProbeResult[]::new));
        assertEquals(List.of("LOSS_HIGH"), codes(report));
        assertEquals(Severity.FAIL, report.getFindings(0).getSeverity());
        assertContains(report.getFindings(0).getEvidence(), "10 % at p95 over 20 runs", "2 of 20 runs");
        assertEquals(20, report.getRecentRunsCount());
        assertEquals("run-0", report.getRecentRuns(0).getResultId()); // newest first
    }

    @Test
    void worstDirectionOfEachRunIsGraded() {
        SiteReport report = grade(withMedia(goodRun("r1", 1), stream(0.5, 5), stream(2, 5), 38));

        assertEquals(List.of("LOSS_HIGH"), codes(report));
        assertContains(report.getFindings(0).getEvidence(), "2 % downstream (collector → site)");
        assertEquals(2, report.getRecentRuns(0).getLossPercent());
        // The remedy points at the direction the site does not control itself.
        assertContains(report.getFindings(0).getRemedy(), "DSCP EF (46)", "shape inbound bulk traffic");
    }

    @Test
    void lowerMosIsTheWorseDirection() {
        StreamStats up = stream(0, 5).toBuilder().setMos(3.5).build();
        SiteReport report = grade(withMedia(goodRun("r1", 1), up, stream(0, 5), 38));

        assertEquals(List.of("MOS_LOW"), codes(report));
        assertEquals(Severity.FAIL, report.getFindings(0).getSeverity());
        assertEquals(3.5, report.getRecentRuns(0).getMos());
    }

    @Test
    void oneWayAudioNamesTheDirectionThatIsLost() {
        StreamStats dead = StreamStats.newBuilder().setPacketsSent(500).build();
        SiteReport upLost = grade(withMedia(goodRun("r1", 1), dead, stream(0, 5), 38));

        assertEquals(List.of("ONE_WAY_AUDIO"), codes(upLost)); // not also 100 % loss
        Finding f = upLost.getFindings(0);
        assertEquals(Severity.FAIL, f.getSeverity());
        assertContains(f.getTitle(), "upstream (site → collector)");
        assertContains(f.getEvidence(), "upstream (site → collector): 0 of 500 packets received",
                "downstream (collector → site): 500 of 500");
        assertContains(f.getRemedy(), "SIP ALG", "SDP", "outbound rule");
        assertEquals(Grade.D, upLost.getGrade());

        SiteReport downLost = grade(withMedia(goodRun("r1", 1), stream(0, 5), dead, 38));
        assertContains(downLost.getFindings(0).getTitle(), "downstream (collector → site)");
        assertContains(downLost.getFindings(0).getRemedy(), "symmetric RTP", "SIP ALG");
    }

    @Test
    void evidenceCarriesTheNumbers() {
        ProbeResult worst = withMedia(goodRun("3f2a9c1b-7d4e-4a51-9c0e-1b2d3e4f5a6b", 90),
                stream(4.2, 5), stream(0, 5), 38);
        SiteReport report = grade(worst, goodRun("r2", 30));

        // Two runs: rank ⌈1.9⌉ = 2, the worse one.
        String evidence = report.getFindings(0).getEvidence();
        assertContains(evidence, "Packet loss 4.2 % at p95 over 2 runs", "good ≤ 1 %, warn ≤ 3 %",
                "1 of 2 runs outside the good range",
                "Worst run: 4.2 % upstream (site → collector) at 2025-03-10T10:30:00Z (run 3f2a9c1b)");
    }

    @Test
    void shortBindingLifetimeGivesAKeepAliveBelowIt() {
        SiteReport warn = grade(withLifetime(goodRun("r1", 1), 25, 30));
        Finding f = warn.getFindings(0);
        assertEquals("NAT_BINDING_SHORT", f.getCode());
        assertEquals(Severity.WARN, f.getSeverity());
        assertContains(f.getEvidence(), "25 s", "good ≥ 60 s, warn ≥ 20 s");
        assertContains(f.getRemedy(), "about 25 s", "every 20 s or less", "SIP keep-alives", "at least 60 s");

        assertEquals(Severity.FAIL, grade(withLifetime(goodRun("r1", 1), 10, 15)).getFindings(0).getSeverity());
    }

    @Test
    void natFindings() {
        ProbeResult run = goodRun("r1", 1).toBuilder().setNat(goodNat()
                .setMappingBehavior(Mapping.Behavior.ADDRESS_AND_PORT_DEPENDENT)
                .setFilteringBehavior(Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT)
                .setMultipleNat(true)).build();
        SiteReport report = grade(run);

        assertEquals(List.of("NAT_SYMMETRIC", "DOUBLE_NAT", "FILTERING_STRICT"), codes(report));
        assertContains(report.getFindings(0).getEvidence(), "ADDRESS_AND_PORT_DEPENDENT", "203.0.113.7:40001");
        assertEquals(Grade.C, report.getGrade());
    }

    @Test
    void iceFailureIsAFail() {
        ProbeResult run = goodRun("r1", 1).toBuilder()
                .setIce(IceResult.newBuilder().setConnected(false).setFailureReason("all checks timed out"))
                .build();
        SiteReport report = grade(run);

        assertEquals(List.of("ICE_FAILED"), codes(report));
        assertContains(report.getFindings(0).getEvidence(), "all checks timed out");
        assertContains(report.getFindings(0).getRemedy(), "TURN", "443");
    }

    @Test
    void onlyMeasuredPartsAreGraded() {
        // A media-only run with clean numbers: no NAT, ICE or lifetime verdicts either way.
        ProbeResult mediaOnly = ProbeResult.newBuilder().setResultId("r1").setStartedAt(ago(1))
                .setMedia(media(stream(0, 5), stream(0, 5), 38)).build();
        SiteReport report = grade(mediaOnly);

        assertEquals(Grade.A, report.getGrade());
        assertEquals("", report.getRecentRuns(0).getMappedAddress());
    }

    @Test
    void reorderingWarnsButNeverFails() {
        StreamStats reordered = stream(0, 5).toBuilder().setReorderPercent(40).build();
        SiteReport report = grade(withMedia(goodRun("r1", 1), reordered, stream(0, 5), 38));

        assertEquals(List.of("REORDER"), codes(report));
        assertEquals(Severity.WARN, report.getFindings(0).getSeverity());
        assertContains(report.getFindings(0).getEvidence(), "good ≤ 0.05 %, else warn");
    }

    @Test
    void findingsAreSortedFailFirstAndTheWorstCodeIsPicked() {
        ProbeResult run = withMedia(goodRun("r1", 1), stream(0, 40), stream(0, 5), 450).toBuilder()
                .setNat(goodNat().setFilteringBehavior(Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT))
                .build();
        SiteReport report = grade(run);

        assertEquals(List.of("LATENCY_HIGH", "JITTER_HIGH", "FILTERING_STRICT"), codes(report));
        assertEquals(Optional.of("LATENCY_HIGH"), Grader.worstFindingCode(report));
        assertEquals(Optional.empty(), Grader.worstFindingCode(grade(goodRun("r1", 1))));
    }

    @Test
    void readyFollowsThePolicysReadyGrade() {
        ProbeResult oneWarn = withMedia(goodRun("r1", 1), stream(0, 40), stream(0, 5), 38);
        ProbeResult twoWarns = withMedia(goodRun("r1", 1), stream(2, 40), stream(0, 5), 38);

        Grader strict = new Grader(GradingPolicy.defaults().toBuilder().readyGrade(Grade.A).build());
        SiteReport b = strict.grade("s", List.of(oneWarn), NOW);
        assertEquals(Grade.B, b.getGrade());
        assertFalse(b.getReady());

        Grader lenient = new Grader(GradingPolicy.defaults().toBuilder().readyGrade(Grade.C).build());
        assertTrue(lenient.grade("s", List.of(twoWarns), NOW).getReady());
    }

    @Test
    void policyThresholdsAndWindowAreApplied() {
        GradingPolicy policy = GradingPolicy.defaults().toBuilder()
                .jitter(50, 80)
                .window(Duration.ofHours(1))
                .build();
        Grader grader = new Grader(policy);
        ProbeResult jittery = withMedia(goodRun("r1", 30), stream(0, 40), stream(0, 5), 38);

        assertEquals(Grade.A, grader.grade("s", List.of(jittery), NOW).getGrade());
        SiteReport stale = grader.grade("s", List.of(goodRun("r2", 61)), NOW);
        assertEquals(List.of("STALE"), codes(stale));
        assertEquals(3600, stale.getWindowSeconds());
    }

    // ---- fixtures ----

    private static SiteReport grade(ProbeResult... runs) {
        return GRADER.grade("store-042", List.of(runs), NOW);
    }

    private static Timestamp ago(long minutes) {
        return Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - minutes * 60).build();
    }

    /** Every part present and good: cone NAT, ICE connected, clean media, 120 s bindings. */
    private static ProbeResult goodRun(String id, long minutesAgo) {
        return ProbeResult.newBuilder()
                .setResultId(id)
                .setSite("store-042")
                .setStartedAt(ago(minutesAgo))
                .setNat(goodNat())
                .setIce(IceResult.newBuilder().setConnected(true).setLocalCandidateType("srflx"))
                .setMedia(media(stream(0, 5), stream(0, 5), 38))
                .setLifetime(LifetimeResult.newBuilder().setBindingLifetimeSeconds(120))
                .build();
    }

    private static NatResult.Builder goodNat() {
        return NatResult.newBuilder()
                .setMappedAddress("203.0.113.7:40001")
                .setMappingBehavior(Mapping.Behavior.ENDPOINT_INDEPENDENT)
                .setFilteringBehavior(Filtering.Behavior.ENDPOINT_INDEPENDENT)
                .setHairpinning(true);
    }

    private static MediaResult media(StreamStats up, StreamStats down, double rttMs) {
        return MediaResult.newBuilder().setCodec("g711").setUpstream(up).setDownstream(down).setRttMs(rttMs).build();
    }

    /** 500 packets sent; loss and jitter as given, MOS 4.4, no bursts or reordering. */
    private static StreamStats stream(double lossPercent, double jitterMs) {
        return StreamStats.newBuilder()
                .setPacketsSent(500)
                .setPacketsReceived(Math.round(500 * (1 - lossPercent / 100)))
                .setLossPercent(lossPercent)
                .setJitterMs(jitterMs)
                .setMos(4.4)
                .build();
    }

    private static ProbeResult withMedia(ProbeResult run, StreamStats up, StreamStats down, double rttMs) {
        return run.toBuilder().setMedia(media(up, down, rttMs)).build();
    }

    private static ProbeResult withLifetime(ProbeResult run, int aliveSeconds, int deadSeconds) {
        return run.toBuilder().setLifetime(LifetimeResult.newBuilder()
                .setBindingLifetimeSeconds(aliveSeconds)
                .setBindingLifetimeUpperSeconds(deadSeconds)).build();
    }

    private static ProbeResult failed(ProbeResult run, String stage, String message) {
        return run.toBuilder().setFailure(RunFailure.newBuilder().setStage(stage).setMessage(message)).build();
    }

    private static List<String> codes(SiteReport report) {
        return report.getFindingsList().stream().map(Finding::getCode).toList();
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected \"" + part + "\" in: " + text);
        }
    }
}
