package io.netready.agent.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorAccess;
import io.netready.agent.client.CollectorClient;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.collector.auth.TokenKind;
import io.netready.collector.auth.TokenStore;
import io.netready.collector.store.Database;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.ProbeResult;
import io.netready.testbed.Testbed;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing doubled (issue 6): a collector outage over several scheduled runs, and
 * an agent killed with SIGKILL at random points while it writes the spool and uploads from it.
 * The ground truth is what the collector stored, counted by result id.
 */
class SpoolReliabilityTest {

    @TempDir
    Path dir;

    @Test
    void resultsSpooledWhileTheCollectorIsDownLandExactlyOnceOldestFirstWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CollectorAddress address = new CollectorAddress("127.0.0.1", port);
        Spool spool = Spool.open(dir.resolve("spool"), SpoolLimits.DEFAULTS);
        List<String> acknowledged = new ArrayList<>();
        List<ProbeResult> runs = new ArrayList<>();
        try (CollectorClient client = new CollectorClient(address)) {
            ResultUpload upload = ResultUpload.to(client);
            ResultUpload observed = r -> {
                upload.submit(r);
                acknowledged.add(r.getResultId());
            };
            SpoolUploader uploader = new SpoolUploader(spool, observed, Duration.ZERO);
            Instant first = Instant.now().minus(Duration.ofMinutes(30));
            for (int run = 0; run < 6; run++) { // six 5-minute runs with nobody listening
                ProbeResult r = SpoolResults.result("spool-outage", first.plus(Duration.ofMinutes(5L * run)));
                runs.add(r);
                spool.put(r);
                DrainReport down = uploader.drain();
                assertEquals(0, down.uploaded());
                assertEquals(run + 1, down.remaining(), "nothing is dropped while the collector is down");
                assertTrue(down.stoppedBecause().orElseThrow().contains("cannot reach the collector"), down.toString());
            }

            CollectorConfig e = CollectorConfig.ephemeral(dir.resolve("db"), GradingPolicy.defaults());
            try (Collector collector = Collector.start(new CollectorConfig(e.listenAddress(), e.stunAlternateAddress(),
                    port, 0, 0, 0, 0, e.dataDir(), Optional.empty(), e.policy(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), e.retention()))) {
                // gRPC retries the connection with backoff (1 s, growing), so the first drains after the
                // restart may still find it unavailable; the daemon drains at every run, here every second.
                DrainReport up = uploader.drain();
                for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                     !up.drained() && System.nanoTime() < until; up = uploader.drain()) {
                    Thread.sleep(1000);
                }

                assertTrue(up.drained(), up.toString());
                assertEquals(0, spool.pending());
                List<String> expected = runs.stream().map(ProbeResult::getResultId).toList();
                assertEquals(expected, acknowledged, "oldest first");
                List<String> stored = SpoolResults.storedIds(client, "spool-outage");
                assertEquals(Set.copyOf(expected), Set.copyOf(stored));
                assertEquals(6, stored.size(), "each exactly once");
            }
        }
    }

    @Test
    void killingTheAgentAtRandomPointsLosesAndDoublesNothing() throws Exception {
        Path spoolDir = dir.resolve("spool");
        Random random = new Random();
        List<String> spooled = new ArrayList<>();
        int cutOffWrites = 0;
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(dir.resolve("db"), GradingPolicy.defaults()));
             CollectorClient client = new CollectorClient(new CollectorAddress("127.0.0.1",
                     collector.grpcAddress().getPort()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int rounds = 0;
            for (; rounds < 10 && System.nanoTime() < deadline; rounds++) {
                Path log = dir.resolve("round-" + rounds + ".log");
                Process agent = new ProcessBuilder(Testbed.java(SpoolKillMain.class, spoolDir.toString(),
                        "127.0.0.1:" + collector.grpcAddress().getPort(), "spool-kill"))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Testbed.awaitLine(log, "READY", 20_000);
                Thread.sleep(random.nextInt(50, 1000)); // somewhere in a put or an upload
                agent.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                assertTrue(agent.waitFor(10, TimeUnit.SECONDS));
                String out = Files.readString(log, StandardCharsets.UTF_8);
                assertFalse(out.contains("Exception"), out);
                spooled.addAll(completeLines(out, "SPOOLED "));
                cutOffWrites += out.contains("a write cut off") ? 1 : 0; // the previous round was killed inside put()
            }
            assertTrue(spooled.size() > rounds, "the agent got to spool in most rounds: " + spooled.size());

            Spool reopened = Spool.open(spoolDir, SpoolLimits.DEFAULTS);
            DrainReport last = new SpoolUploader(reopened, ResultUpload.to(client), Duration.ZERO).drain();

            assertTrue(last.drained(), last.toString());
            assertEquals(0, last.corrupt(), "a kill never leaves a damaged file");
            assertFalse(Files.exists(spoolDir.resolve(Spool.CORRUPT)));
            assertEquals(List.of(), SpoolTest.files(spoolDir), "no temp file, nothing left");
            List<String> stored = SpoolResults.storedIds(client, "spool-kill");
            var counts = stored.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertTrue(counts.values().stream().allMatch(c -> c == 1), "stored twice: " + counts);
            Set<String> missing = new HashSet<>(spooled);
            missing.removeAll(counts.keySet());
            assertEquals(Set.of(), missing, "every result put() returned for is stored");
            System.out.printf("kill -9: %d rounds (%d inside put), %d results spooled, %d stored%n", rounds,
                    cutOffWrites, spooled.size(), stored.size());
        }
    }

    @Test
    void aRefusedTokenStopsTheDrainKeepsEverythingAndSaysToFixTheToken() throws Exception {
        Path data = dir.resolve("db");
        try (Database db = Database.embedded(data)) {
            new TokenStore(db.dataSource(), Clock.systemUTC()).create(TokenKind.SITE, Optional.of("spool-token"));
        }
        Spool spool = Spool.open(dir.resolve("spool"), SpoolLimits.DEFAULTS);
        spool.put(SpoolResults.result("spool-token", Instant.now().minusSeconds(60)));
        spool.put(SpoolResults.result("spool-token", Instant.now()));
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()));
             CollectorClient wrongToken = new CollectorClient(new CollectorAddress("127.0.0.1",
                     collector.grpcAddress().getPort()), new CollectorAccess(Optional.of("not-the-token"),
                     Optional.empty(), false))) {
            DrainReport report = new SpoolUploader(spool, ResultUpload.to(wrongToken), Duration.ZERO).drain();

            assertEquals(0, report.uploaded());
            assertEquals(2, report.remaining());
            assertEquals(2, Spool.open(dir.resolve("spool"), SpoolLimits.DEFAULTS).pending(), "both files kept");
            assertTrue(report.stoppedBecause().orElseThrow().contains("fix the token"), report.toString());
        }
    }

    /** The values after {@code prefix} on lines the process finished writing (a kill can cut the last one). */
    private static List<String> completeLines(String out, String prefix) {
        String whole = out.substring(0, out.lastIndexOf('\n') + 1);
        return whole.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
