package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ResultStore} behaviour, run against each database the collector supports: a
 * subclass says how to open a fresh, empty store and how to reopen the same one.
 */
abstract class ResultStoreContract {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    protected ResultStore store;

    /** Prepares a new, empty database for this test. */
    protected abstract void createDatabase() throws Exception;

    /** Opens the database of this test (again, after a close). */
    protected abstract ResultStore open();

    @BeforeEach
    void openFreshStore() throws Exception {
        createDatabase();
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static ProbeResult result(String id, String site, Instant started) {
        return ProbeResult.newBuilder().setResultId(id).setSite(site)
                .setStartedAt(Timestamps.fromMillis(started.toEpochMilli()))
                .setMedia(MediaResult.newBuilder().setUpstream(StreamStats.newBuilder().setPacketsSent(500)))
                .build();
    }

    @Test
    void saveIsIdempotentByResultId() {
        assertTrue(store.save(result("r1", "a", T)));
        assertFalse(store.save(result("r1", "a", T)));
        // The first write wins: a retry with other content changes nothing.
        assertFalse(store.save(result("r1", "b", T.plusSeconds(5))));
        assertEquals(1, store.latest("a", 10).size());
        assertEquals(List.of("a"), store.sites());
    }

    @Test
    void concurrentSavesOfTheSameIdStoreOneRowAndNeverFail() throws Exception {
        int threads = 4;
        int ids = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Future<Integer>> stored = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                stored.add(pool.submit(() -> {
                    int mine = 0;
                    for (int i = 0; i < ids; i++) {
                        together.await(); // every thread saves id i at the same moment
                        if (store.save(result("same-" + i, "a", T.plusSeconds(i)))) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> f : stored) {
                total += f.get(); // an exception in any save fails here
            }
            assertEquals(ids, total, "exactly one save of each id returns true");
            assertEquals(ids, store.latest("a", 1000).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void queriesFilterBySiteAndTimeAndKeepTheWholeResult() {
        store.save(result("old", "a", T.minusSeconds(3600)));
        store.save(result("new", "a", T));
        store.save(result("mid", "a", T.minusSeconds(60)));
        store.save(result("other", "b", T));
        assertEquals(List.of("mid", "new"), ids(store.resultsSince("a", T.minusSeconds(120))));
        assertEquals(List.of("mid", "new"), ids(store.resultsSince("a", T.minusSeconds(60))), "since is inclusive");
        assertEquals(List.of("new", "mid"), ids(store.latest("a", 2)));
        assertEquals(List.of("a", "b"), store.sites());
        assertEquals(500, store.latest("b", 1).get(0).getMedia().getUpstream().getPacketsSent());
        assertEquals(List.of(), store.latest("nowhere", 5));
    }

    @Test
    void retentionDeletesOnlyResultsStartedBeforeTheCutoffInBatches() {
        for (int i = 0; i < 7; i++) {
            store.save(result("old" + i, "a", T.minus(java.time.Duration.ofDays(100 + i))));
        }
        store.save(result("edge", "b", T.minus(java.time.Duration.ofDays(90))));
        store.save(result("recent", "a", T.minusSeconds(10)));
        // Batches of 3: 3 + 3 + 1, the last one short, so the loop stops.
        assertEquals(7, store.deleteStartedBefore(T.minus(java.time.Duration.ofDays(90)), 3));
        assertEquals(List.of("recent"), ids(store.latest("a", 100)));
        assertEquals(List.of("edge"), ids(store.latest("b", 100)), "the cutoff itself is kept");
        assertEquals(0, store.deleteStartedBefore(T.minus(java.time.Duration.ofDays(90)), 3));
    }

    @Test
    void resultsSurviveARestart() {
        store.save(result("kept", "a", T));
        store.close();
        store = open();
        assertEquals("kept", store.latest("a", 1).get(0).getResultId());
        assertFalse(store.save(result("kept", "a", T)), "still a duplicate after the restart");
    }

    static AgentRow agent(String site, String id, Instant heartbeat, int spooled) {
        return new AgentRow(site, id, "1.2.0", T.minusSeconds(3600), heartbeat, 900, spooled, 2L,
                Optional.of(heartbeat.plusSeconds(600)));
    }

    @Test
    void aHeartbeatReplacesTheAgentsPreviousOneAndSitesFilterTheList() {
        store.saveAgent(agent("b", "agent-1", T, 5));
        store.saveAgent(agent("a", "agent-2", T, 0));
        store.saveAgent(new AgentRow("a", "agent-1", "1.0", T, T, 60, 0, 0, Optional.empty()));
        store.saveAgent(agent("a", "agent-1", T.plusSeconds(60), 7)); // the same agent again: one row, updated

        assertEquals(List.of(agent("a", "agent-1", T.plusSeconds(60), 7), agent("a", "agent-2", T, 0),
                agent("b", "agent-1", T, 5)), store.agents(""));
        assertEquals(List.of(agent("b", "agent-1", T, 5)), store.agents("b"));
        assertEquals(List.of(), store.agents("nowhere"));
        store.saveAgent(new AgentRow("c", "x", "1.0", T, T, 60, 0, 0, Optional.empty()));
        assertEquals(Optional.empty(), store.agents("c").get(0).nextRunAt(), "no next run is kept as none");
        assertEquals(List.of(), store.sites(), "agents alone do not make sites with results");
    }

    @Test
    void concurrentFirstHeartbeatsOfOneAgentNeverFail() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int spooled = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        together.await(); // every thread sends the first heartbeat of agent i at once
                        store.saveAgent(agent("a", "agent-" + i, T, spooled));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(20, store.agents("a").size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ids(List<ProbeResult> results) {
        return results.stream().map(ProbeResult::getResultId).toList();
    }
}
