package io.netready.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.HistoryRequest;
import io.netready.proto.ProbeResult;
import io.netready.testbed.Testbed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netready agent}: a bad config refused with every problem and exit 2; SIGTERM and SIGKILL
 * to real daemon processes.
 */
class AgentCliTest {

    private static final Pattern RESULT_ID = Pattern.compile(" result_id=(\\S+)");

    @TempDir
    static Path dir;

    static Collector collector;

    @BeforeAll
    static void startCollector() {
        collector = Collector.start(CollectorConfig.ephemeral(dir.resolve("db"), GradingPolicy.defaults()));
    }

    @AfterAll
    static void stopCollector() {
        collector.close();
    }

    @Test
    void anInvalidConfigListsEveryProblemAndExitsWith2BeforeAnythingRuns() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                collector: 127.0.0.1:0
                site: store 42
                interval: 5 minutes
                spool: { dir: %s, maxAge: 1s }
                """.formatted(dir.resolve("bad-spool")));
        CliRun run = CliRun.of("agent", "--config", config.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out(), "nothing ran");
        for (String expected : List.of("4 problems", "collector: '127.0.0.1:0': port '0' is not a number",
                "site: 'store 42' is not a valid site name", "interval: '5 minutes' is not a duration",
                "spool.maxAge: must be 60m to 365d, got 1s", "docs/agent.md")) {
            assertTrue(run.err().contains(expected), expected + " missing from: " + run.err());
        }
        assertTrue(Files.notExists(dir.resolve("bad-spool")), "the spool is not touched by a config that fails");
    }

    @Test
    void checkValidatesWithoutRunning() throws IOException {
        CliRun run = CliRun.of("agent", "--config", config("check", "10s").toString(), "--check");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(": valid; site sigterm-site, collector " + HostPort.format(collector.grpcAddress())),
                run.out());
    }

    @Test
    void sigtermBetweenRunsExitsZeroPromptlyWithAStoppedLine() throws Exception {
        Path log = dir.resolve("idle.log");
        Process daemon = start(config("idle", "1s"), log);
        try {
            Testbed.awaitLine(log, " event=run ", 30_000);
            String lastRun = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(lastRun.contains(" outcome=ok "), lastRun);
            assertStopsCleanly(daemon, log, 3, "abandoned_run=false");
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void sigtermDuringALongRunAbandonsItAfterTheGraceAndStillExitsZero() throws Exception {
        Path log = dir.resolve("busy.log");
        Process daemon = start(config("busy", "60s"), log);
        try {
            Testbed.awaitLine(log, " event=start ", 30_000);
            Thread.sleep(2000); // the first run (spread 0) is now in its 60 s call
            // The 5 s grace plus the JVM's exit, well inside Docker's 10 s and systemd's 90 s.
            assertStopsCleanly(daemon, log, 9, "abandoned_run=true");
            assertTrue(!Files.readString(log).contains(" event=run "), "the abandoned run left no run line");
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void killMinus9OfTheDaemonAtRandomMomentsLosesNoResultItSpooled() throws Exception {
        Path config = Files.writeString(dir.resolve("kill.yaml"), """
                collector: %s
                site: kill-site
                interval: 1s
                spread: 0s
                tests: [nat]
                lifetime: { every: off }
                spool: { dir: %s }
                """.formatted(HostPort.format(collector.grpcAddress()), dir.resolve("kill-spool")));
        Random random = new Random();
        Set<String> spooled = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            Path log = dir.resolve("kill-" + round + ".log");
            Process daemon = start(config, log);
            try {
                Testbed.awaitLine(log, " event=start ", 30_000);
                Thread.sleep(random.nextInt(200, 2500)); // in a run, a spool write, an upload or a wait
            } finally {
                daemon.destroyForcibly(); // SIGKILL: no shutdown hook
                assertTrue(daemon.waitFor(10, TimeUnit.SECONDS));
            }
            spooled.addAll(runIds(log)); // a run line is written after its result is in the spool
        }
        // A last, undisturbed start drains what the killed ones left.
        Path log = dir.resolve("kill-last.log");
        Process daemon = start(config, log);
        try {
            Testbed.awaitLine(log, " spool_pending=0 ", 60_000);
            spooled.addAll(runIds(log));
            daemon.destroy();
            assertTrue(daemon.waitFor(9, TimeUnit.SECONDS));
            assertEquals(0, daemon.exitValue());
        } finally {
            daemon.destroyForcibly();
        }
        assertTrue(Files.notExists(dir.resolve("kill-spool").resolve("corrupt")), "a kill never damages a spool file");
        Set<String> stored;
        try (CollectorClient client = new CollectorClient(new CollectorAddress("127.0.0.1",
                collector.grpcAddress().getPort()))) {
            stored = client.reports(r -> r.getHistory(HistoryRequest.newBuilder().setSite("kill-site").setLimit(1000)
                    .build())).getResultsList().stream().map(ProbeResult::getResultId).collect(Collectors.toSet());
        }
        Set<String> missing = new HashSet<>(spooled);
        missing.removeAll(stored);
        assertEquals(Set.of(), missing, "every run the killed daemons logged reached the collector");
        assertTrue(spooled.size() >= 5, "runs happened between the kills: " + spooled.size());
        System.out.printf("kill -9 of the daemon: 5 rounds, %d runs logged, all %d stored (%d stored in all)%n",
                spooled.size(), spooled.size(), stored.size());
    }

    private static List<String> runIds(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8).lines().filter(l -> l.contains(" event=run "))
                .map(l -> RESULT_ID.matcher(l)).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    private static void assertStopsCleanly(Process daemon, Path log, int seconds, String abandoned) throws Exception {
        long start = System.nanoTime();
        daemon.destroy(); // SIGTERM
        assertTrue(daemon.waitFor(seconds, TimeUnit.SECONDS), "still running " + seconds + " s after SIGTERM");
        long millis = (System.nanoTime() - start) / 1_000_000;
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, daemon.exitValue(), text);
        List<String> lines = text.lines().filter(l -> l.startsWith("time=")).toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains(" event=stopped reason=signal ") && last.endsWith(abandoned), text);
        System.out.println("SIGTERM to exit: " + millis + " ms (" + abandoned + ")");
    }

    private static Process start(Path config, Path log) throws IOException {
        return new ProcessBuilder(Testbed.java(NetreadyCli.class, "agent", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Path config(String name, String callDuration) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                collector: %s
                site: sigterm-site
                interval: 2s
                spread: 0s
                tests: [nat, media]
                media: { duration: %s }
                lifetime: { every: off }
                spool: { dir: %s }
                """.formatted(HostPort.format(collector.grpcAddress()), callDuration, dir.resolve(name + "-spool")));
    }
}
