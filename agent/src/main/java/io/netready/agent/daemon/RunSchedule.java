package io.netready.agent.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When the runs happen: one per {@code interval}, each at a random offset in [0, spread) from the
 * start of its slot, so that thousands of branches configured alike (and restarted together by
 * one package upgrade) do not probe the collector in step. Slots are counted from the agent's
 * start; a run that overruns its slot's end moves the next run to the next slot that still lies
 * ahead, so runs never overlap and a long run does not cause a burst of catch-up runs.
 *
 * <p>The binding-lifetime test runs in the first run and then in the first run at least
 * {@code lifetimeEvery} after the previous one: a new install shows its full picture at once.
 */
public final class RunSchedule {

    private final Instant start;
    private final Duration interval;
    private final Duration spread;
    private final Optional<Duration> lifetimeEvery;
    private final RandomGenerator random;
    private long slot = -1;
    private Instant lastLifetime;

    public RunSchedule(Instant start, Duration interval, Duration spread, Optional<Duration> lifetimeEvery,
                       RandomGenerator random) {
        this.start = start;
        this.interval = interval;
        this.spread = spread;
        this.lifetimeEvery = lifetimeEvery;
        this.random = random;
    }

    /** When the next run starts, given that it is {@code now}; call once per run. */
    public Instant next(Instant now) {
        slot++;
        long behind = Duration.between(start, now).toMillis() / interval.toMillis();
        if (slotStart(slot).plus(interval).isBefore(now)) {
            slot = behind; // the slot is over: skip to the one we are in, whose offset may still lie ahead
        }
        Instant at = slotStart(slot).plus(offset());
        if (at.isBefore(now)) {
            slot++;
            at = slotStart(slot).plus(offset());
        }
        return at;
    }

    /** Whether the run starting {@code at} includes the lifetime test; if so it is recorded as done. */
    public boolean lifetimeDue(Instant at) {
        if (lifetimeEvery.isEmpty()) {
            return false;
        }
        if (lastLifetime == null || !Duration.between(lastLifetime, at).minus(lifetimeEvery.get()).isNegative()) {
            lastLifetime = at;
            return true;
        }
        return false;
    }

    private Instant slotStart(long n) {
        return start.plus(interval.multipliedBy(n));
    }

    private Duration offset() {
        return spread.toMillis() <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(spread.toMillis()));
    }
}
