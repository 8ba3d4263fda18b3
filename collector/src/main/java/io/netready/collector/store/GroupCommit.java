package io.netready.collector.store;

import io.netready.proto.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the results that arrive together in one transaction. A commit waits for the database's
 * log flush (fsync on PostgreSQL), which costs about the same for one row as for a hundred; so
 * each writer takes everything that queued while the previous commit ran, stores it with {@link
 * ResultStore#saveAll}, and only then completes each result's future: an acknowledgement still
 * means committed. Under light load a batch is one result and nothing waits; under a fleet's load
 * the batches grow and the commits per second stay few (PostgreSQL's commit_delay idea, without
 * the fixed delay).
 */
public final class GroupCommit implements AutoCloseable {

    /** Enough to amortise a log flush; small enough that one transaction stays short. */
    static final int MAX_BATCH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending(ProbeResult result, CompletableFuture<Boolean> stored) {
    }

    private final ResultStore store;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /** Concurrent transactions: one commits while the other fills its batch; more only competed for the cores. */
    public static final int DEFAULT_WRITERS = 2;

    /** @param writers concurrent transactions */
    public GroupCommit(ResultStore store, int writers) {
        this.store = store;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::write, "netready-ingest-" + i);
            t.setDaemon(true);
            t.start();
            this.writers.add(t);
        }
    }

    /**
     * Queues a result; the future completes once it is committed, with false when its id was
     * already stored, or exceptionally with the {@link StoreException} of a failed commit.
     */
    public CompletableFuture<Boolean> save(ProbeResult result) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (closed) {
            stored.completeExceptionally(new StoreException("the collector is shutting down", null));
            return stored;
        }
        queue.add(new Pending(result, stored));
        return stored;
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<Boolean> stored = store.saveAll(batch.stream().map(Pending::result).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(stored.get(i));
            }
        } catch (StoreException e) {
            if (batch.size() == 1) {
                batch.get(0).stored().completeExceptionally(e);
                return;
            }
            // One row the database refuses must not fail the others: retry each on its own.
            LOG.warn("a batch of {} results failed ({}); storing them one by one", batch.size(), e.getMessage());
            for (Pending p : batch) {
                commit(new ArrayList<>(List.of(p)));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /** Commits what is queued, then stops; call before closing the store. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // Anything that slipped in as the writers stopped is answered, not left hanging: not stored,
        // so the agent's retry is safe.
        for (Pending p; (p = queue.poll()) != null; ) {
            p.stored().completeExceptionally(new StoreException("the collector is shutting down", null));
        }
    }
}
