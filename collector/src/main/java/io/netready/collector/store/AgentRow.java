package io.netready.collector.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What the collector keeps of a scheduled agent: the content of its newest heartbeat and when it
 * arrived (the collector's clock).
 */
public record AgentRow(String site, String agentId, String agentVersion, Instant startedAt,
                       Instant lastHeartbeatAt, int intervalSeconds, int spooledResults, long evictedResults,
                       Optional<Instant> nextRunAt) {
}
