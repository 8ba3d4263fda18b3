package io.netready.agent.daemon;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.probe.Probe;
import io.netready.agent.probe.ProbeListener;
import io.netready.agent.spool.ResultUpload;
import io.netready.agent.spool.Spool;
import io.netready.agent.spool.SpoolLimits;
import io.netready.agent.spool.SpoolUploader;
import io.netready.common.cli.BuildInfo;
import io.netready.common.cli.ByteSize;
import io.netready.common.cli.HumanDuration;
import io.netready.proto.ProbeResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * {@code netready agent}: probes on a schedule until stopped. Each run's result, failed or not,
 * goes to the durable spool first and is uploaded from there (so an outage loses nothing); a
 * heartbeat tells the collector the agent is alive; stdout gets one logfmt line per run.
 */
public final class AgentDaemon {

    /**
     * How long a stop waits for a run in progress before abandoning it: inside Docker's default
     * 10 s stop timeout and systemd's 90 s TimeoutStopSec, so the agent exits on its own before
     * either sends SIGKILL. A run takes the call duration and more (the lifetime test up to
     * minutes), so most runs are abandoned; nothing of them was spooled, and put() is atomic, so
     * no half result remains. The next start measures again.
     */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long a run's log line waits for its upload, so that the line can say it arrived. */
    private static final Duration UPLOAD_WAIT = Duration.ofSeconds(10);

    private final AgentConfig config;
    private final PrintStream log;
    private final RandomGenerator random;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    private volatile Instant nextRunAt;
    private volatile boolean running;
    private volatile long runs;
    private volatile UploadLoop uploads;

    public AgentDaemon(AgentConfig config, PrintStream log, RandomGenerator random) {
        this.config = config;
        this.log = log;
        this.random = random;
    }

    /**
     * Runs until {@link #stop} is called.
     *
     * @throws IOException when the spool directory cannot be opened (nothing has run yet)
     */
    public void run() throws IOException {
        try {
            Spool spool = Spool.open(config.spoolDir(), new SpoolLimits(config.spoolMaxBytes(), config.spoolMaxAge()));
            try (CollectorClient collector = new CollectorClient(config.collector(), config.access())) {
                runWith(spool, collector);
            }
        } finally {
            finished.countDown();
        }
    }

    private void runWith(Spool spool, CollectorClient collector) {
        logStart(spool);
        uploads = new UploadLoop(new SpoolUploader(spool, ResultUpload.to(collector)), log);
        Thread uploadThread = new Thread(uploads, "netready-upload");
        uploadThread.setDaemon(true);
        uploadThread.start();
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netready-heartbeat");
            t.setDaemon(true);
            return t;
        });
        RunSchedule schedule = new RunSchedule(startedAt, config.interval(), config.spread(), config.lifetimeEvery(),
                random);
        Instant at = schedule.next(startedAt);
        nextRunAt = at; // before the first heartbeat, which reports it
        Heartbeat heartbeat = new Heartbeat(collector, config, Probe.localHostName(), BuildInfo.version(), startedAt,
                () -> new Heartbeat.State(spool.pending(), spool.evicted(), nextRunAt), log);
        heartbeats.scheduleWithFixedDelay(heartbeat::beat, 0, Heartbeat.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        Probe probe = new Probe(collector, ProbeListener.SILENT);
        try {
            while (true) {
                if (stopRequested.await(Math.max(0, Duration.between(Instant.now(), at).toMillis()),
                        TimeUnit.MILLISECONDS)) {
                    return;
                }
                running = true;
                ProbeResult result = probe.measureRecordingFailure(config.probeOptions(schedule.lifetimeDue(at)));
                runs++;
                spoolResult(spool, result);
                running = false;
                uploads.drainNow(UPLOAD_WAIT);
                RunLog.line(result, spool.pending(), uploads.uploaded()).to(log);
                at = schedule.next(Instant.now());
                nextRunAt = at;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeats.shutdownNow();
            uploads.stop();
        }
    }

    private void spoolResult(Spool spool, ProbeResult result) {
        long evictedBefore = spool.evicted();
        try {
            spool.put(result);
        } catch (IOException e) {
            LogLine.event("spool").add("outcome", "failed").add("result_id", result.getResultId())
                    .add("message", "cannot write to " + config.spoolDir() + " (" + e + "): this result is lost; "
                            + "check the disk and the directory's permissions").to(log);
        }
        long evicted = spool.evicted() - evictedBefore;
        if (evicted > 0) {
            LogLine.event("evicted").add("results", evicted).add("evicted_total", spool.evicted())
                    .add("message", "the spool is over spool.maxBytes " + ByteSize.format(config.spoolMaxBytes())
                            + " or spool.maxAge " + HumanDuration.format(config.spoolMaxAge())
                            + ": the oldest results were dropped unsent; is the collector reachable?").to(log);
        }
    }

    /**
     * Stops scheduling and waits up to {@link #STOP_GRACE} for a run in progress; logs the
     * "stopped" line. Safe to call from a shutdown hook.
     */
    public void stop(String reason) {
        stopRequested.countDown();
        UploadLoop pendingUploads = uploads;
        if (pendingUploads != null) {
            pendingUploads.stop(); // a run's line stops waiting for its upload; the spool keeps the result
        }
        boolean clean;
        try {
            clean = finished.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        LogLine.event("stopped").add("reason", reason).add("runs", runs)
                .add("abandoned_run", !clean && running).to(log);
    }

    private void logStart(Spool spool) {
        LogLine.event("start").add("version", BuildInfo.version()).add("site", config.site())
                .add("collector", config.collector()).add("tls", config.access().tls())
                .add("token", config.access().token().isPresent() ? "set" : "none")
                .add("interval", HumanDuration.format(config.interval()))
                .add("spread", HumanDuration.format(config.spread()))
                .add("tests", String.join(",", config.tests()))
                .add("codec", config.media().codec().cliName()).add("calls", config.media().calls())
                .add("call_duration", HumanDuration.format(config.media().duration()))
                .add("lifetime_every", config.lifetimeEvery().map(HumanDuration::format).orElse("off"))
                .add("spool", config.spoolDir()).add("spool_pending", spool.pending())
                .to(log);
        for (String warning : config.warnings()) {
            LogLine.event("warning").add("message", warning).to(log);
        }
    }
}
