package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcResultStoreTest {

    @TempDir
    Path dir;

    private static ProbeResult result(String id, String site, Instant started) {
        return ProbeResult.newBuilder().setResultId(id).setSite(site)
                .setStartedAt(Timestamps.fromMillis(started.toEpochMilli()))
                .setMedia(MediaResult.newBuilder().setUpstream(StreamStats.newBuilder().setPacketsSent(500)))
                .build();
    }

    @Test
    void saveIsIdempotentByResultId() {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        try (JdbcResultStore store = JdbcResultStore.embedded(dir)) {
            assertTrue(store.save(result("r1", "a", t)));
            assertFalse(store.save(result("r1", "a", t)));
            assertEquals(1, store.latest("a", 10).size());
        }
    }

    @Test
    void queriesFilterBySiteAndTimeAndKeepTheWholeResult() {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        try (JdbcResultStore store = JdbcResultStore.embedded(dir)) {
            store.save(result("old", "a", t.minusSeconds(3600)));
            store.save(result("new", "a", t));
            store.save(result("mid", "a", t.minusSeconds(60)));
            store.save(result("other", "b", t));
            assertEquals(List.of("mid", "new"),
                    store.resultsSince("a", t.minusSeconds(120)).stream().map(ProbeResult::getResultId).toList());
            assertEquals(List.of("new", "mid"),
                    store.latest("a", 2).stream().map(ProbeResult::getResultId).toList());
            assertEquals(List.of("a", "b"), store.sites());
            assertEquals(500, store.latest("b", 1).get(0).getMedia().getUpstream().getPacketsSent());
        }
    }

    @Test
    void resultsSurviveARestart() {
        try (JdbcResultStore store = JdbcResultStore.embedded(dir)) {
            store.save(result("kept", "a", Instant.now()));
        }
        try (JdbcResultStore store = JdbcResultStore.embedded(dir)) {
            assertEquals("kept", store.latest("a", 1).get(0).getResultId());
        }
    }

    @Test
    @SuppressWarnings("try") // the open store is the point: it holds the lock
    void aSecondCollectorOnTheSameDataDirectoryIsRefusedClearly() throws Exception {
        try (JdbcResultStore first = JdbcResultStore.embedded(dir)) {
            // Another process, as a second collector would be (within one JVM, H2 shares the database).
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OpenStoreMain.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes());
            assertEquals(3, second.waitFor(), output);
            assertTrue(output.contains("is another collector using the same --data directory?"), output);
        }
    }

    /** Opens the store in {@code args[0]}; exit 3 with the error when refused. */
    public static final class OpenStoreMain {
        @SuppressWarnings("try")
        public static void main(String[] args) {
            try (JdbcResultStore store = JdbcResultStore.embedded(Path.of(args[0]))) {
                System.out.println("opened");
            } catch (StoreException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
