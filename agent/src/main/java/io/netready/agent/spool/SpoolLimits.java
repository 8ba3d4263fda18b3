package io.netready.agent.spool;

import java.time.Duration;

/**
 * The bounds of a spool: the total size of its result files, and the age of a result (by its
 * {@code started_at}) beyond which it is no longer worth uploading. Past either bound the oldest
 * results are evicted, each one logged and counted.
 */
public record SpoolLimits(long maxBytes, Duration maxAge) {

    /** The defaults of the agent configuration (SPEC §5: {@code spool: {maxBytes: 50MB, maxAge: 7d}}). */
    public static final SpoolLimits DEFAULTS = new SpoolLimits(50L * 1024 * 1024, Duration.ofDays(7));

    public SpoolLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("spool.maxBytes must be greater than 0, got " + maxBytes);
        }
        if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("spool.maxAge must be greater than 0, got " + maxAge);
        }
    }
}
