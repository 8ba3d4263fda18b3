package io.netready.agent.spool;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A stand-in for the daemon, for {@link SpoolReliabilityTest}: puts a result, prints
 * {@code SPOOLED <id>} once put() returned, drains into the collector, and again, until killed.
 * Arguments: spool directory, collector HOST:PORT, site.
 */
public final class SpoolKillMain {

    private SpoolKillMain() {
    }

    public static void main(String[] args) throws Exception {
        Spool spool = Spool.open(Path.of(args[0]), new SpoolLimits(100_000_000, Duration.ofDays(7)));
        try (CollectorClient client = new CollectorClient(CollectorAddress.parse(args[1]))) {
            SpoolUploader uploader = new SpoolUploader(spool, ResultUpload.to(client), Duration.ZERO);
            System.out.println("READY");
            while (true) {
                var result = SpoolResults.result(args[2], Instant.now());
                spool.put(result);
                System.out.println("SPOOLED " + result.getResultId());
                System.out.flush();
                DrainReport report = uploader.drain();
                if (!report.drained()) {
                    throw new IllegalStateException(report.toString());
                }
            }
        }
    }
}
