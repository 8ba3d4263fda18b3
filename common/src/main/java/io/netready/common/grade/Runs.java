package io.netready.common.grade;

import io.netready.proto.ProbeResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/** How the grader picks and names runs of a window. */
final class Runs {

    private static final int PERCENTILE = 95;

    private Runs() {
    }

    /**
     * The 95th percentile by the nearest-rank method: order the items from best to worst and
     * take the one at rank ⌈0.95·n⌉ (1-based), so that 95 % of the runs are at least as good.
     * It is always a real run, which the evidence can then name. With 20 runs the rank is 19:
     * one bad run in twenty is tolerated, two are not.
     */
    static <T> T p95(List<T> items, Comparator<? super T> bestFirst) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no items");
        }
        int rank = (PERCENTILE * items.size() + 99) / 100; // ⌈0.95·n⌉ without rounding error
        return items.stream().sorted(bestFirst).skip(rank - 1L).findFirst().orElseThrow();
    }

    /**
     * The run as it is graded: a failed run (the result's {@code failure}) loses the part of the
     * stage that failed, which may be cut short or empty and so would read as a network fault.
     * Parts measured before the failure stay.
     */
    static ProbeResult graded(ProbeResult run) {
        if (!run.hasFailure()) {
            return run;
        }
        ProbeResult.Builder b = run.toBuilder();
        switch (run.getFailure().getStage()) {
            case "nat" -> b.clearNat();
            case "ice" -> b.clearIce();
            case "media" -> b.clearMedia();
            case "lifetime" -> b.clearLifetime();
            default -> { } // "session": no part of its own
        }
        return b.build();
    }

    static Instant startedAt(ProbeResult run) {
        return Instant.ofEpochSecond(run.getStartedAt().getSeconds(), run.getStartedAt().getNanos());
    }

    /** "2024-05-01T10:15:00Z (run 3f2a9c1b)": when, and enough of the id to find the result. */
    static String label(ProbeResult run) {
        String id = run.getResultId();
        return startedAt(run).truncatedTo(ChronoUnit.SECONDS) + " (run " + id.substring(0, Math.min(8, id.length())) + ")";
    }

    /** A measured value for people: at most two decimals, no trailing zeros, then the unit. */
    static String number(double value, String unit) {
        String digits = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return unit.isEmpty() ? digits : digits + " " + unit;
    }
}
