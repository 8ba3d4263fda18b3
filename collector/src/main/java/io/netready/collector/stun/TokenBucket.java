package io.netready.collector.stun;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at a steady rate, and lets a taker
 * through only while it has the tokens. Time is passed in (nanoseconds, as from
 * {@link System#nanoTime()}) so that tests need no clock. Not thread-safe: the caller locks.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes {@code n} tokens if the bucket has them; otherwise takes nothing. */
    boolean take(double n, long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }
}
