package io.netready.collector.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.netready.collector.store.JdbcResultStore;
import io.netready.proto.AgentStatus;
import io.netready.proto.HeartbeatRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats, their validation and the stale rule, on the embedded store with a clock the test moves. */
class AgentRegistryTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private JdbcResultStore store;
    private MovableClock clock;
    private AgentRegistry registry;

    @BeforeEach
    void open() {
        store = JdbcResultStore.embedded(dir);
        clock = new MovableClock(T);
        registry = new AgentRegistry(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static HeartbeatRequest heartbeat(String site, String agent, int intervalSeconds) {
        return HeartbeatRequest.newBuilder().setSite(site).setAgentId(agent).setAgentVersion("0.6.0")
                .setStartedAt(Timestamp.newBuilder().setSeconds(T.getEpochSecond() - 600))
                .setIntervalSeconds(intervalSeconds).setSpooledResults(3).setEvictedResults(1)
                .setNextRunAt(Timestamp.newBuilder().setSeconds(T.getEpochSecond() + 300)).build();
    }

    @Test
    void staleAfterThreeIntervalsButNeverBeforeThreeMinutes() {
        assertEquals(Duration.ofMinutes(45), AgentRegistry.staleAfter(900));
        assertEquals(Duration.ofMinutes(3), AgentRegistry.staleAfter(60));
        assertEquals(Duration.ofMinutes(3), AgentRegistry.staleAfter(10), "heartbeats come once a minute anyway");
    }

    @Test
    void anAgentTurnsStaleWhenSilentLongerThanThreeIntervalsAndAliveAgainWithItsNextHeartbeat() {
        registry.heartbeat(heartbeat("branch-1", "box-a", 900));
        registry.heartbeat(heartbeat("branch-2", "box-b", 60));

        clock.advance(Duration.ofMinutes(3)); // exactly 3 min: branch-2 (interval 1 min) is at its limit, not over
        assertEquals(List.of(false, false), stale(registry.list("")));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(false, true), stale(registry.list("")));

        clock.advance(Duration.ofMinutes(42)); // 45 min + 1 s after the heartbeat of branch-1 (15 min interval)
        assertEquals(List.of(true, true), stale(registry.list("")));

        registry.heartbeat(heartbeat("branch-1", "box-a", 900));
        List<AgentStatus> branch1 = registry.list("branch-1");
        assertEquals(1, branch1.size());
        assertFalse(branch1.get(0).getStale());
        assertEquals(clock.instant().getEpochSecond(), branch1.get(0).getLastHeartbeatAt().getSeconds(),
                "dated by the collector's clock");
        assertEquals(3, branch1.get(0).getSpooledResults());
        assertEquals(1, branch1.get(0).getEvictedResults());
        assertEquals("0.6.0", branch1.get(0).getAgentVersion());
        assertEquals(T.getEpochSecond() + 300, branch1.get(0).getNextRunAt().getSeconds());
    }

    @Test
    void invalidHeartbeatsAreRefusedNamingTheField() {
        assertRefused(b -> b.setSite("a b"), "site 'a b' is not a valid site name");
        assertRefused(b -> b.setAgentId(""), "agent_id");
        assertRefused(b -> b.setAgentId("x".repeat(65)), "agent_id");
        assertRefused(b -> b.setAgentVersion(""), "agent_version");
        assertRefused(b -> b.setAgentVersion("1\n2"), "agent_version");
        assertRefused(HeartbeatRequest.Builder::clearStartedAt, "started_at is missing");
        assertRefused(b -> b.setIntervalSeconds(0), "interval_seconds must be 1 to 604800");
        assertRefused(b -> b.setSpooledResults(-1), "spooled_results must not be negative");
        assertRefused(b -> b.setEvictedResults(-1), "evicted_results must not be negative");
        assertRefused(b -> b.setNextRunAt(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)), "next_run_at");
        assertEquals(List.of(), registry.list(""), "nothing refused was stored");
    }

    private void assertRefused(UnaryOperator<HeartbeatRequest.Builder> change, String message) {
        HeartbeatRequest bad = change.apply(heartbeat("s", "agent", 900).toBuilder()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.heartbeat(bad));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static List<Boolean> stale(List<AgentStatus> agents) {
        return agents.stream().map(AgentStatus::getStale).toList();
    }
}
