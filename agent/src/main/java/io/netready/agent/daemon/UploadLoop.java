package io.netready.agent.daemon;

import io.netready.agent.spool.DrainReport;
import io.netready.agent.spool.SpoolUploader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains the spool on its own thread, so that a long backlog (a week of outage: ~2000 results,
 * paced) never delays a scheduled run. It drains at start and whenever a run spooled a result;
 * while the collector is unreachable it retries with backoff (5 s doubling to 5 min), so a branch
 * whose collector comes back catches up within minutes without hammering a collector that is
 * still down. Failures are logged once per outage.
 */
final class UploadLoop implements Runnable {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);

    private final SpoolUploader uploader;
    private final PrintStream log;
    private final AtomicLong uploaded = new AtomicLong();
    private boolean wanted = true; // drain at start
    private boolean stopped;
    private long passesDone;
    private boolean failing;
    private boolean running;

    UploadLoop(SpoolUploader uploader, PrintStream log) {
        this.uploader = uploader;
        this.log = log;
    }

    /** Results the collector acknowledged since start. */
    long uploaded() {
        return uploaded.get();
    }

    /**
     * Asks for a drain now and waits up to {@code wait} for it to finish, so that the run's log
     * line can say whether its result is already at the collector.
     */
    synchronized void drainNow(Duration wait) throws InterruptedException {
        long target = passesDone + (running ? 2 : 1); // a pass already running may have missed the new file
        wanted = true;
        notifyAll();
        long deadline = System.nanoTime() + wait.toNanos();
        while (passesDone < target && !stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    @Override
    public void run() {
        Duration backoff = FIRST_RETRY;
        try {
            while (true) {
                synchronized (this) {
                    if (!wanted && !stopped) {
                        wait(failing ? backoff.toMillis() : 0);
                    }
                    if (stopped) {
                        return;
                    }
                    wanted = false;
                    running = true;
                }
                DrainReport report = uploader.drain();
                uploaded.addAndGet(report.uploaded());
                boolean failed = !report.drained();
                logPass(report, failed);
                synchronized (this) {
                    failing = failed;
                    running = false;
                    passesDone++;
                    notifyAll();
                }
                backoff = failed ? min(backoff.multipliedBy(2), LAST_RETRY) : FIRST_RETRY;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logPass(DrainReport report, boolean failed) {
        boolean backlog = report.uploaded() > 1 || report.rejected() > 0 || report.corrupt() > 0;
        if (failed && !failing) {
            LogLine.event("upload").add("outcome", "failed").add("pending", report.remaining())
                    .add("message", report.stoppedBecause().orElse(""))
                    .add("note", "retrying with backoff up to " + LAST_RETRY.toMinutes()
                            + " min; logged once until uploads work again").to(log);
        } else if (!failed && (failing || backlog)) {
            LogLine.event("upload").add("outcome", "ok").add("uploaded", report.uploaded())
                    .add("rejected", report.rejected()).add("corrupt", report.corrupt())
                    .add("pending", report.remaining()).to(log);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
