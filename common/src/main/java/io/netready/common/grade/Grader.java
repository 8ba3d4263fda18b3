package io.netready.common.grade;

import io.netready.proto.Finding;
import io.netready.proto.Grade;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunSummary;
import io.netready.proto.Severity;
import io.netready.proto.SiteReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a site's probe results into its {@link SiteReport}: grade A–F, ready, and findings with
 * evidence and remedies. The same code grades in the collector and in a one-off probe, so both
 * give the same verdict for the same results.
 *
 * <p>Only runs that started within the policy's window before {@code now} count; a run dated
 * after {@code now} (agent clock ahead) counts too. Each metric takes the worst direction of
 * each run and then the nearest-rank 95th percentile across runs, so one bad run in twenty is
 * tolerated and two are not; yes/no faults (NAT, ICE, one-way audio) are reported when more than
 * 5 % of the runs that measured them show them. Only what a run measured is graded: a run
 * without a NAT part says nothing about NAT, and the part at which a run failed (its
 * {@code failure}) is not graded; a window whose runs all failed measured nothing.
 *
 * <p>Grades (SPEC §6): F when UDP is blocked or nothing was measured in the window (with a
 * STALE finding); D with any FAIL; C with two or more WARN; B with one WARN or only INFO
 * findings; A without findings. Findings are listed FAIL first. The report's recent runs are
 * the newest 20 of the window; its last result time is that of the newest result given, inside
 * the window or not, so that a stale report still says when the site was last heard from.
 */
public final class Grader {

    private static final int RECENT_RUNS = 20;
    private static final Comparator<Finding> MOST_SEVERE_FIRST =
            Comparator.comparingInt((Finding f) -> f.getSeverity().getNumber()).reversed();

    private final GradingPolicy policy;

    public Grader(GradingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Grades a site.
     *
     * @param site    the site name, copied into the report
     * @param results the site's results in any order; those outside the window are ignored
     * @param now     the end of the window
     */
    public SiteReport grade(String site, List<ProbeResult> results, Instant now) {
        Instant windowStart = now.minus(policy.window());
        List<ProbeResult> newestFirst = results.stream()
                .sorted(Comparator.comparing(Runs::startedAt).reversed())
                .toList();
        List<ProbeResult> inWindow = newestFirst.stream()
                .filter(run -> !Runs.startedAt(run).isBefore(windowStart))
                .toList();
        List<ProbeResult> graded = inWindow.stream().map(Runs::graded).toList();
        // A failed run is evidence of an outage, not of voice quality: a window of failed runs only
        // measured nothing, whatever parts they carry.
        boolean measured = graded.stream().anyMatch(run -> !run.hasFailure() && hasMeasurement(run));

        List<Finding> findings = new ArrayList<>();
        if (!measured) {
            findings.add(stale(inWindow, newestFirst));
        }
        FailedRuns.assess(inWindow).ifPresent(findings::add);
        Arrays.stream(Condition.values()).forEach(c -> c.assess(graded).ifPresent(findings::add));
        Arrays.stream(Metric.values()).forEach(m -> m.assess(graded, policy).ifPresent(findings::add));
        findings.sort(MOST_SEVERE_FIRST); // stable: equally severe findings keep the order above

        Grade grade = gradeOf(findings, measured);
        SiteReport.Builder report = SiteReport.newBuilder()
                .setSite(site)
                .setGrade(grade)
                .setReady(policy.isReady(grade))
                .addAllFindings(findings)
                .setRunsInWindow(inWindow.size())
                .setWindowSeconds(policy.window().toSeconds());
        if (!newestFirst.isEmpty()) {
            report.setLastResultAt(newestFirst.get(0).getStartedAt());
        }
        inWindow.stream().limit(RECENT_RUNS).map(this::summary).forEach(report::addRecentRuns);
        return report.build();
    }

    /**
     * A run as the grader sees it: without the part at which it failed (see {@link #grade}), so
     * that charts and metrics show what the grade is based on.
     */
    public static ProbeResult measuredParts(ProbeResult run) {
        return Runs.graded(run);
    }

    /** The code of a report's most severe finding (the first listed among equals), for a sites table. */
    public static Optional<String> worstFindingCode(SiteReport report) {
        return report.getFindingsList().stream()
                .min(MOST_SEVERE_FIRST)
                .map(Finding::getCode);
    }

    private static Grade gradeOf(List<Finding> findings, boolean measured) {
        boolean udpBlocked = findings.stream().anyMatch(f -> f.getCode().equals(Condition.UDP_BLOCKED.code()));
        if (!measured || udpBlocked) {
            return Grade.F;
        }
        if (count(findings, Severity.FAIL) > 0) {
            return Grade.D;
        }
        long warnings = count(findings, Severity.WARN);
        if (warnings >= 2) {
            return Grade.C;
        }
        return findings.isEmpty() ? Grade.A : Grade.B;
    }

    private static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.getSeverity() == severity).count();
    }

    private static boolean hasMeasurement(ProbeResult run) {
        return run.hasNat() || run.hasIce() || run.hasMedia() || run.hasLifetime();
    }

    private Finding stale(List<ProbeResult> inWindow, List<ProbeResult> newestFirst) {
        String window = describe(policy.window());
        String evidence;
        if (!inWindow.isEmpty() && inWindow.stream().allMatch(ProbeResult::hasFailure)) {
            evidence = "No run in the last " + window + " could measure: all " + inWindow.size()
                    + " failed (RUNS_FAILED says how).";
        } else if (!inWindow.isEmpty()) {
            evidence = "No run in the last " + window + " carried a measurement: " + inWindow.size()
                    + " without NAT, ICE, media or lifetime part.";
        } else if (newestFirst.isEmpty()) {
            evidence = "No result has been received from this site.";
        } else {
            evidence = "No run in the last " + window + "; last result at " + Runs.label(newestFirst.get(0)) + ".";
        }
        return Finding.newBuilder()
                .setCode("STALE")
                .setSeverity(Severity.WARN)
                .setTitle("No recent results")
                .setEvidence(evidence)
                .setImpact("Nothing says how the site's network carries voice now; changes since the last run "
                        + "are unseen.")
                .setRemedy("Check that the site's agent is running and scheduled for the tests, that its token is "
                        + "valid and that it reaches the collector's gRPC port; results it spooled during an "
                        + "outage are uploaded once it reconnects.")
                .build();
    }

    /** One run in a line: its worst direction's loss, jitter and MOS, its RTT and mapped address. */
    public RunSummary summary(ProbeResult run) {
        RunSummary.Builder summary = RunSummary.newBuilder()
                .setResultId(run.getResultId())
                .setStartedAt(run.getStartedAt())
                .setMappedAddress(run.getNat().getMappedAddress());
        if (run.hasFailure()) {
            summary.setFailure(run.getFailure());
        }
        ProbeResult graded = Runs.graded(run);
        setIfMeasured(graded, Metric.LOSS, summary::setLossPercent);
        setIfMeasured(graded, Metric.JITTER, summary::setJitterMs);
        setIfMeasured(graded, Metric.LATENCY, summary::setRttMs);
        setIfMeasured(graded, Metric.MOS, summary::setMos);
        return summary.build();
    }

    private void setIfMeasured(ProbeResult run, Metric metric, Function<Double, RunSummary.Builder> setter) {
        metric.worstSample(run, policy).ifPresent(sample -> setter.apply(sample.value()));
    }

    /** "24 h", "90 min", "45 s". */
    private static String describe(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
