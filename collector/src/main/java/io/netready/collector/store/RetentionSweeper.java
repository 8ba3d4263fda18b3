package io.netready.collector.store;

import io.netready.common.cli.HumanDuration;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw results older than the retention period (by start time), at start and then every
 * {@link #INTERVAL}. Runs on its own thread: a sweep of many rows must not stall the network
 * event loops or the gRPC handlers.
 */
public final class RetentionSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    /** A sweep an hour keeps at most an hour's worth of results beyond the period. */
    static final Duration INTERVAL = Duration.ofHours(1);

    /** Rows per transaction: bounded locks and WAL, and ingest goes on between batches. */
    static final int BATCH_SIZE = 1000;

    private final ResultStore store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });

    private RetentionSweeper(ResultStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** Sweeps now, in the background, and every {@link #INTERVAL} after. */
    public static RetentionSweeper start(ResultStore store, Duration retention, Clock clock) {
        RetentionSweeper sweeper = new RetentionSweeper(store, retention, clock);
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweepLogged, 0, INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return sweeper;
    }

    /** Deletes what is older than the retention period now; returns how many results. */
    public long sweep() {
        return store.deleteStartedBefore(clock.instant().minus(retention), BATCH_SIZE);
    }

    private void sweepLogged() {
        try {
            long deleted = sweep();
            LOG.info("retention {}: deleted {} results that started before {}", HumanDuration.format(retention),
                    deleted, clock.instant().minus(retention));
        } catch (RuntimeException e) {
            // A failed sweep (database briefly away) is retried at the next interval; the thread lives on.
            LOG.warn("retention sweep failed, retrying in {}: {}", HumanDuration.format(INTERVAL), e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
