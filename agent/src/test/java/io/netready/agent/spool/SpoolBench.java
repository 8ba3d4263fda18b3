package io.netready.agent.spool;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.ProbeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The spool's costs (bench/spool.sh): put() latency, which is dominated by the two fsyncs, and
 * the drain rate with pacing off against a collector in this JVM on loopback.
 * Arguments: an empty directory on the disk the spool would live on, number of results.
 */
public final class SpoolBench {

    private SpoolBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Spool spool = Spool.open(dir.resolve("spool"), SpoolLimits.DEFAULTS);
        for (int i = 0; i < 50; i++) { // warm-up, not measured
            spool.put(SpoolResults.result("bench-warmup", Instant.now()));
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            ProbeResult r = SpoolResults.result("bench", Instant.now());
            long start = System.nanoTime();
            spool.put(r);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("put: %d results of %d bytes, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", n,
                Files.size(Files.list(dir.resolve("spool")).findFirst().orElseThrow()),
                nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);

        try (Collector collector = Collector.start(CollectorConfig.ephemeral(dir.resolve("db"), GradingPolicy.defaults()));
             CollectorClient client = new CollectorClient(new CollectorAddress("127.0.0.1",
                     collector.grpcAddress().getPort()))) {
            long start = System.nanoTime();
            DrainReport report = new SpoolUploader(spool, ResultUpload.to(client), Duration.ZERO).drain();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("drain, pacing off: %d uploaded in %.2f s, %.0f results/s (%s)%n", report.uploaded(),
                    seconds, report.uploaded() / seconds, report.drained() ? "drained" : report.stoppedBecause().get());
        }
    }
}
