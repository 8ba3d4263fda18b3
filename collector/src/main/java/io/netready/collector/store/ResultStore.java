package io.netready.collector.store;

import io.netready.proto.ProbeResult;
import java.time.Instant;
import java.util.List;

/**
 * Where probe results live. One interface for the embedded default and for PostgreSQL, so that
 * everything above it is the same whichever database a deployment picks.
 */
public interface ResultStore extends AutoCloseable {

    /**
     * Stores a result, committed before this returns.
     *
     * @return false when a result with the same id was already stored (nothing changes)
     */
    boolean save(ProbeResult result);

    /** Results of a site that started at or after {@code since}, oldest first. */
    List<ProbeResult> resultsSince(String site, Instant since);

    /** The newest results of a site, newest first. */
    List<ProbeResult> latest(String site, int limit);

    /**
     * Deletes every result that started before {@code cutoff}, committing after each batch of
     * at most {@code batchSize} rows.
     *
     * @return how many results were deleted
     */
    long deleteStartedBefore(Instant cutoff, int batchSize);

    /** Every site that has at least one result, in name order. */
    List<String> sites();

    /**
     * Stores an agent's newest heartbeat, replacing the one before it (same site and agent id),
     * committed before this returns.
     */
    void saveAgent(AgentRow agent);

    /** The agents of {@code site}, or of every site when it is empty, by site and agent id. */
    List<AgentRow> agents(String site);

    @Override
    void close();
}
