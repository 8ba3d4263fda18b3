package io.netready.collector.grading;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regrades sites off the ingest path and hands the new reports to {@link GradeBroadcaster}, while
 * anyone watches: with no watcher it only makes the broadcaster forget what it remembered.
 *
 * <p>Grading a site reads and grades its whole window (about a millisecond for a hundred runs), far
 * more than committing a result. A fleet's uploads ({@code omit_report}) therefore only mark their
 * site here; one thread regrades each marked site once per {@link #COALESCE}, however many results
 * arrived for it meanwhile (500 sites reporting at once cost a quarter of a core at 2 s). Every
 * {@link #SWEEP} it also regrades every site, so that a grade that
 * decays as runs leave the window (STALE), or that another collector sharing the database changed,
 * reaches the watchers without waiting for the site's next result.
 */
public final class GradeRefresher implements AutoCloseable {

    static final Duration COALESCE = Duration.ofSeconds(2);
    static final Duration SWEEP = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(GradeRefresher.class);

    private final SiteGrading grading;
    private final GradeBroadcaster broadcaster;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "netready-grading"));
    private final Set<String> changed = new LinkedHashSet<>(); // guarded by this

    public GradeRefresher(SiteGrading grading, GradeBroadcaster broadcaster) {
        this.grading = grading;
        this.broadcaster = broadcaster;
        thread.scheduleWithFixedDelay(this::regradeChanged, COALESCE.toMillis(), COALESCE.toMillis(),
                TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::regradeAll, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A result for {@code site} was committed; it is regraded within {@link #COALESCE}. */
    public synchronized void siteChanged(String site) {
        changed.add(site);
    }

    private void regradeChanged() {
        Set<String> sites;
        synchronized (this) {
            sites = Set.copyOf(changed);
            changed.clear();
        }
        if (!broadcaster.forgetIfUnwatched()) {
            sites.forEach(this::regrade);
        }
    }

    private void regradeAll() {
        if (broadcaster.forgetIfUnwatched()) {
            return;
        }
        long start = System.nanoTime();
        var sites = grading.sites();
        sites.forEach(this::regrade);
        LOG.debug("regraded {} sites in {} ms", sites.size(), (System.nanoTime() - start) / 1_000_000);
    }

    private void regrade(String site) {
        try {
            broadcaster.publish(grading.report(site));
        } catch (RuntimeException e) {
            // The store is down for a moment: the next result or sweep tries again; the thread lives on.
            LOG.warn("could not regrade site {}: {}", site, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
