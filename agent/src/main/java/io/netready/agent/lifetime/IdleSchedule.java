package io.netready.agent.lifetime;

import java.util.ArrayList;
import java.util.List;

/**
 * The idle times T the trials test, one socket each, all running at once.
 *
 * <p>Steps are fine where the answer matters and coarse where it does not: 1 s up to 30 s and 2 s
 * up to 60 s (the grading thresholds, 20 s and 60 s, and every keep-alive advice below the 30 s
 * cap fall there, so the first round already brackets the lifetime within the ±2 s the issue asks
 * for), 5 s up to 300 s, 30 s beyond. That is 93 sockets for the default maximum of 300 s.
 *
 * <p>A second round ({@link #refine}) runs only where the first left a bracket wider than
 * {@link #REFINE_WIDER_THAN} seconds, which with these steps is above 300 s: it costs another
 * wall time of about the lifetime, worth it for the daemon's scheduled runs, not for less.
 */
public final class IdleSchedule {

    /** The maximum when `lifetime` is asked for without one: RFC 4787 REQ-5 recommends at least 5 minutes. */
    public static final int DEFAULT_MAX_SECONDS = 300;
    /** Longer idle times belong to a scheduled run, not a probe anyone waits for. */
    public static final int LONGEST_MAX_SECONDS = 3600;
    static final int REFINE_WIDER_THAN = 5;

    /** {bands up to (inclusive), step} pairs. */
    private static final int[][] BANDS = {{30, 1}, {60, 2}, {300, 5}, {LONGEST_MAX_SECONDS, 30}};

    private IdleSchedule() {
    }

    /** The first round's idle times, ascending, ending with {@code maxSeconds} itself. */
    public static List<Integer> firstRound(int maxSeconds) {
        if (maxSeconds < 1 || maxSeconds > LONGEST_MAX_SECONDS) {
            throw new IllegalArgumentException("the longest idle time must be 1 to " + LONGEST_MAX_SECONDS
                    + " s, got " + maxSeconds);
        }
        List<Integer> times = new ArrayList<>();
        int t = 0;
        for (int[] band : BANDS) {
            while (t + band[1] <= Math.min(band[0], maxSeconds)) {
                t += band[1];
                times.add(t);
            }
        }
        if (times.get(times.size() - 1) != maxSeconds) {
            times.add(maxSeconds);
        }
        return times;
    }

    /**
     * The idle times of a second round inside the bracket the first round left: the alive lower
     * bound and the dead upper bound. Empty where the bracket is narrow enough already (or open:
     * nothing died, so there is nothing to refine).
     */
    public static List<Integer> refine(int lower, int upper) {
        List<Integer> times = new ArrayList<>();
        if (upper == 0 || upper - lower <= REFINE_WIDER_THAN) {
            return times;
        }
        // Five trials cut the bracket into six: a 30 s bracket becomes 5 s wide, at the cost of a
        // second wait of about the lifetime.
        int step = Math.max(1, (upper - lower + 5) / 6);
        for (int t = lower + step; t < upper; t += step) {
            times.add(t);
        }
        return times;
    }
}
