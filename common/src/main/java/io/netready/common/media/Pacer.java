package io.netready.common.media;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the packets of many streams on time from one dedicated thread, so that the sender adds
 * as little jitter as possible to what the probe measures.
 *
 * <p>The thread parks until shortly before the next deadline, then spins for the rest: parking
 * alone wakes up late (the kernel's timer slack and scheduling), spinning alone would burn a core. Deadlines are kept on an absolute schedule ({@code start + n * interval}), so a late
 * packet does not delay the ones after it. The steady state allocates nothing.
 */
public final class Pacer implements AutoCloseable {

    /** One stream's packets. Called on the pacer thread only. */
    public interface Stream {
        /**
         * Sends the packet due now.
         *
         * @param scheduledNanos when it was due ({@link System#nanoTime()} clock)
         * @return false when the stream has sent its last packet
         */
        boolean sendNext(long scheduledNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);

    /**
     * Spin instead of park when the deadline is nearer than this. Waking from a park overshoots by
     * the kernel's timer slack plus scheduling delay, measured at ~100 µs typical on the virtual
     * machines here (docs/benchmarks.md); 500 µs of spin per 20 ms packet interval costs about
     * 2.5 % of a core with one call and buys on-time sends.
     */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final PriorityQueue<Entry> schedule = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Entry> added = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public Pacer(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /**
     * Schedules a stream whose first packet is due at {@code firstNanos} and the next ones every
     * {@code intervalNanos} after it, until {@link Stream#sendNext} returns false.
     */
    public void add(Stream stream, long firstNanos, long intervalNanos) {
        added.add(new Entry(stream, firstNanos, intervalNanos));
        LockSupport.unpark(thread);
    }

    private void run() {
        while (running) {
            for (Entry e; (e = added.poll()) != null; ) {
                schedule.add(e);
            }
            Entry next = schedule.peek();
            if (next == null) {
                LockSupport.park(this);
                continue;
            }
            long wait = next.dueNanos - System.nanoTime();
            if (wait > SPIN_NANOS) {
                // Wakes early for new streams too (add() unparks), then re-evaluates.
                LockSupport.parkNanos(this, wait - SPIN_NANOS);
                continue;
            }
            while (System.nanoTime() < next.dueNanos) {
                Thread.onSpinWait();
            }
            schedule.poll();
            boolean more;
            try {
                more = next.stream.sendNext(next.dueNanos);
            } catch (RuntimeException e) {
                LOG.warn("a paced stream failed and was stopped", e);
                more = false;
            }
            if (more) {
                next.dueNanos += next.intervalNanos;
                schedule.add(next);
            }
        }
    }

    /** Stops the thread; streams still scheduled send nothing more. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Entry implements Comparable<Entry> {
        final Stream stream;
        final long intervalNanos;
        long dueNanos;

        Entry(Stream stream, long dueNanos, long intervalNanos) {
            this.stream = stream;
            this.dueNanos = dueNanos;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public int compareTo(Entry o) {
            return Long.compare(dueNanos - o.dueNanos, 0);
        }
    }
}
