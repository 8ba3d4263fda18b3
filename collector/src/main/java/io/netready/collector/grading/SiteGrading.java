package io.netready.collector.grading;

import io.netready.collector.store.ResultStore;
import io.netready.common.grade.Grader;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.ProbeResult;
import io.netready.proto.SiteReport;
import io.netready.proto.SiteSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Grades sites from what the store holds, with the collector's policy. */
public final class SiteGrading {

    private final ResultStore store;
    private final GradingPolicy policy;
    private final Grader grader;
    private final Clock clock;

    public SiteGrading(ResultStore store, GradingPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.grader = new Grader(policy);
        this.clock = clock;
    }

    public GradingPolicy policy() {
        return policy;
    }

    /** The site's report over the policy window ending now. */
    public SiteReport report(String site) {
        return graded(site).report();
    }

    /**
     * A site's report and the results of the window it was graded on, oldest first, as graded:
     * a failed run without the part it failed in ({@link Grader#measuredParts}).
     */
    public record Graded(SiteReport report, List<ProbeResult> window) {

        /** The newest result of the window that {@code has} the part asked for. */
        public Optional<ProbeResult> newest(Predicate<ProbeResult> has) {
            for (int i = window.size() - 1; i >= 0; i--) {
                if (has.test(window.get(i))) {
                    return Optional.of(window.get(i));
                }
            }
            return Optional.empty();
        }
    }

    /** Whether the site has ever reported. */
    public boolean knows(String site) {
        return !store.latest(site, 1).isEmpty();
    }

    /** Every site that has ever reported, in name order. */
    public List<String> sites() {
        return store.sites();
    }

    /** The site's report with the results it is based on, from one read of the store. */
    public Graded graded(String site) {
        Instant now = clock.instant();
        List<ProbeResult> window = store.resultsSince(site, now.minus(policy.window()));
        return new Graded(grader.grade(site, window, now), window.stream().map(Grader::measuredParts).toList());
    }

    /** One line per site that has ever reported. */
    public List<SiteSummary> summaries() {
        return store.sites().stream().map(this::summary).toList();
    }

    private SiteSummary summary(String site) {
        SiteReport r = report(site);
        SiteSummary.Builder s = SiteSummary.newBuilder()
                .setSite(site)
                .setGrade(r.getGrade())
                .setReady(r.getReady())
                .setRunsInWindow(r.getRunsInWindow())
                .setWorstFinding(Grader.worstFindingCode(r).orElse(""));
        if (r.hasLastResultAt()) {
            s.setLastResultAt(r.getLastResultAt());
        } else {
            // Older than the window: the newest result still tells how stale the site is.
            store.latest(site, 1).stream().findFirst().ifPresent(p -> s.setLastResultAt(p.getStartedAt()));
        }
        return s.build();
    }
}
