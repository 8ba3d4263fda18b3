package io.netready.agent.spool;

import java.util.Optional;

/**
 * What one {@link SpoolUploader#drain()} did.
 *
 * @param uploaded results the collector acknowledged (and that were then deleted)
 * @param rejected results the collector will never take, moved to {@code rejected/}
 * @param corrupt damaged files found, moved to {@code corrupt/}
 * @param remaining results still waiting in the spool
 * @param stoppedBecause why draining stopped before the spool was empty, saying what to do; empty when drained
 */
public record DrainReport(int uploaded, int rejected, int corrupt, int remaining, Optional<String> stoppedBecause) {

    public boolean drained() {
        return stoppedBecause.isEmpty();
    }
}
