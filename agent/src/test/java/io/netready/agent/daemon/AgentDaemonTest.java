package io.netready.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import io.netready.agent.probe.Probe;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.cli.BuildInfo;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.AgentStatus;
import io.netready.proto.HistoryRequest;
import io.netready.proto.ListAgentsRequest;
import io.netready.proto.ProbeResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon against a real collector on loopback: scheduled runs stored, an outage recorded and caught up. */
class AgentDaemonTest {

    private static final Pattern RESULT_ID = Pattern.compile(" result_id=(\\S+)");

    @TempDir
    Path dir;

    @Test
    void runsOnItsScheduleAndTheCollectorStoresEveryRun() throws Exception {
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(dir.resolve("db"), GradingPolicy.defaults()))) {
            RunningDaemon daemon = RunningDaemon.start(config(HostPort.format(collector.grpcAddress()), "2s", "1s"));
            List<String> runs;
            try {
                runs = daemon.awaitLines(" event=run ", 2, Duration.ofSeconds(40));
            } finally {
                daemon.stop();
            }

            for (String run : runs) {
                assertTrue(run.contains(" event=run site=daemon-site ") && run.contains(" outcome=ok nat=OPEN_INTERNET "), run);
                // Loopback loses nothing; jitter and MOS of a 1 s call depend on the machine's load.
                assertTrue(run.matches(".* loss_up_pct=0\\.00 loss_down_pct=0\\.00 .* mos=\\d\\.\\d\\d .*"), run);
            }
            // The run's line waits for its upload: the result is at the collector when the line is written.
            assertTrue(runs.get(1).endsWith(" spool_pending=0 uploaded_total=2"), daemon.log());
            Map<String, ProbeResult> stored = history(collector.grpcAddress().getPort(), "daemon-site");
            for (String run : runs) {
                ProbeResult r = stored.get(resultId(run));
                assertTrue(r != null && r.hasNat() && r.hasMedia() && !r.hasFailure(), run + " stored as " + r);
            }
            String log = daemon.log();
            assertTrue(log.startsWith("time="), log);
            assertTrue(log.lines().findFirst().orElseThrow().contains(" event=start version="), log);
            assertFalse(log.contains(" event=heartbeat "), "heartbeats worked, so none was logged: " + log);
            // The heartbeat at start reached the collector, which lists the agent as alive.
            AgentStatus agent = agents(collector.grpcAddress().getPort(), "daemon-site");
            assertEquals(Probe.localHostName(), agent.getAgentId());
            assertEquals(BuildInfo.version(), agent.getAgentVersion());
            assertEquals(2, agent.getIntervalSeconds());
            assertFalse(agent.getStale());
            assertTrue(log.lines().reduce((a, b) -> b).orElseThrow().contains(" event=stopped reason=test "), log);
        }
    }

    @Test
    void runsWhileTheCollectorIsDownAreRecordedAsFailuresAndUploadedWhenItIsUp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RunningDaemon daemon = RunningDaemon.start(config("127.0.0.1:" + port, "1s", "0s"));
        try {
            outageThenRecovery(daemon, port);
        } finally {
            daemon.stop();
        }
    }

    private void outageThenRecovery(RunningDaemon daemon, int port) throws Exception {
        List<String> failed = daemon.awaitLines(" event=run ", 3, Duration.ofSeconds(40));
        for (String run : failed) {
            assertTrue(run.contains(" outcome=failed stage=session message=\"cannot reach the collector at 127.0.0.1:"
                    + port), run);
        }
        assertTrue(failed.get(2).contains(" spool_pending=3 uploaded_total=0"), failed.get(2));
        assertEquals(1, daemon.count(" event=upload outcome=failed "), "an outage is logged once: " + daemon.log());
        assertEquals(1, daemon.count(" event=heartbeat outcome=failed "), daemon.log());

        CollectorConfig onThatPort = withGrpcPort(CollectorConfig.ephemeral(dir.resolve("db"), GradingPolicy.defaults()),
                port);
        try (Collector collector = Collector.start(onThatPort)) {
            daemon.awaitLines(" outcome=ok nat=", 1, Duration.ofSeconds(60));
            List<String> ids = failed.stream().map(AgentDaemonTest::resultId).toList();
            Map<String, ProbeResult> stored = history(port, "daemon-site");
            for (long deadline = System.nanoTime() + 30_000_000_000L;
                    !stored.keySet().containsAll(ids) && System.nanoTime() < deadline; ) {
                Thread.sleep(200); // the backlog drains paced, one result per 0.5 s
                stored = history(port, "daemon-site");
            }
            for (String run : failed) {
                ProbeResult r = stored.get(resultId(run));
                assertTrue(r != null && r.hasFailure() && r.getFailure().getStage().equals("session")
                        && !r.hasNat() && !r.hasMedia(), run + " stored as " + r);
            }
            assertTrue(daemon.log().contains(" event=upload outcome=ok "), daemon.log());
        }
    }

    private Path config(String collector, String interval, String spread) throws IOException {
        return Files.writeString(dir.resolve("agent.yaml"), """
                collector: %s
                site: daemon-site
                interval: %s
                spread: %s
                tests: [nat, media]
                media: { duration: 1s }
                lifetime: { every: off }
                spool: { dir: spool }
                """.formatted(collector, interval, spread));
    }

    private static CollectorConfig withGrpcPort(CollectorConfig c, int port) {
        return new CollectorConfig(c.listenAddress(), c.stunAlternateAddress(), port, c.httpPort(), c.stunPort(),
                c.stunAlternatePort(), c.mediaPort(), c.dataDir(), c.dbUrl(), c.policy(), c.tls(), c.insecureOpen(),
                c.dbUser(), c.dbPasswordFile(), c.retention());
    }

    private static Map<String, ProbeResult> history(int port, String site) {
        try (CollectorClient client = new CollectorClient(new CollectorAddress("127.0.0.1", port))) {
            return client.reports(r -> r.getHistory(HistoryRequest.newBuilder().setSite(site).setLimit(100).build()))
                    .getResultsList().stream().collect(Collectors.toMap(ProbeResult::getResultId, Function.identity()));
        }
    }

    private static AgentStatus agents(int port, String site) {
        try (CollectorClient client = new CollectorClient(new CollectorAddress("127.0.0.1", port))) {
            List<AgentStatus> agents = client.reports(r -> r.listAgents(ListAgentsRequest.newBuilder().setSite(site)
                    .build())).getAgentsList();
            assertEquals(1, agents.size(), agents.toString());
            return agents.get(0);
        }
    }

    private static String resultId(String runLine) {
        Matcher m = RESULT_ID.matcher(runLine);
        assertTrue(m.find(), runLine);
        return m.group(1);
    }

    /** A daemon on a thread of this JVM, its log captured. */
    private record RunningDaemon(AgentDaemon daemon, Thread thread, ByteArrayOutputStream out) {

        static RunningDaemon start(Path config) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AgentDaemon daemon = new AgentDaemon(AgentConfigFile.load(config),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new Random());
            Thread thread = new Thread(() -> {
                try {
                    daemon.run();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, "daemon-under-test");
            thread.start();
            return new RunningDaemon(daemon, thread, out);
        }

        String log() {
            return out.toString(StandardCharsets.UTF_8);
        }

        long count(String part) {
            return log().lines().filter(l -> l.contains(part)).count();
        }

        List<String> awaitLines(String part, int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<String> lines = log().lines().filter(l -> l.contains(part)).toList();
                if (lines.size() >= n) {
                    return lines.subList(0, n);
                }
                Thread.sleep(100);
            }
            throw new AssertionError(n + " lines with '" + part + "' expected within " + timeout + "; log:\n" + log());
        }

        void stop() throws InterruptedException {
            if (!thread.isAlive()) {
                return;
            }
            daemon.stop("test");
            thread.join(10_000);
            assertFalse(thread.isAlive(), "the daemon's thread ended");
        }
    }
}
