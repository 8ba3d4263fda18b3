package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSweeperTest {

    @TempDir
    Path dir;

    @Test
    void sweepsAtStartAndKeepsWhatIsInsideThePeriod() throws Exception {
        Instant now = Instant.parse("2026-11-22T06:00:00Z");
        try (ResultStore store = JdbcResultStore.embedded(dir)) {
            // More than one batch of old results, so that the loop over batches is exercised.
            for (int i = 0; i < RetentionSweeper.BATCH_SIZE + 5; i++) {
                store.save(ResultStoreContract.result("old" + i, "a", now.minus(Duration.ofDays(31)).minusSeconds(i)));
            }
            store.save(ResultStoreContract.result("fresh", "a", now.minus(Duration.ofDays(29))));
            try (RetentionSweeper sweeper = RetentionSweeper.start(store, Duration.ofDays(30),
                    Clock.fixed(now, ZoneOffset.UTC))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (store.latest("a", 2).size() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(List.of("fresh"), store.latest("a", 10).stream().map(r -> r.getResultId()).toList());
                assertEquals(0, sweeper.sweep(), "nothing left to delete");
            }
        }
    }
}
