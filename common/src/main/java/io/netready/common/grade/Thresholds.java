package io.netready.common.grade;

import io.netready.proto.Severity;
import java.util.Optional;

/**
 * The good and warn limits of one graded metric (SPEC §6): a value within the good limit is
 * fine, within the warn limit is a WARN, beyond it a FAIL. Limits are inclusive ("loss ≤ 1 %
 * is good", "MOS ≥ 4.0 is good"). Obtained from a {@link GradingPolicy}, which validates them.
 */
public final class Thresholds {

    private final double good;
    private final double warn;
    private final boolean higherIsBetter;

    Thresholds(double good, double warn, boolean higherIsBetter) {
        this.good = good;
        this.warn = warn;
        this.higherIsBetter = higherIsBetter;
    }

    /** The worst value that is still good. */
    public double good() {
        return good;
    }

    /** The worst value that is still only a WARN; infinite when the metric never fails. */
    public double warn() {
        return warn;
    }

    /** True for MOS and binding lifetime, false for loss, jitter, RTT, bursts and reorder. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** WARN or FAIL for a value outside the good range; empty when the value is good. */
    public Optional<Severity> rate(double value) {
        if (within(value, good)) {
            return Optional.empty();
        }
        return Optional.of(within(value, warn) ? Severity.WARN : Severity.FAIL);
    }

    /** Orders values from best to worst: negative when {@code a} is better than {@code b}. */
    int compare(double a, double b) {
        return higherIsBetter ? Double.compare(b, a) : Double.compare(a, b);
    }

    /** "good ≤ 1 %, warn ≤ 3 %", or "good ≤ 0.05 %, else warn" for a metric that never fails. */
    String describe(String unit) {
        String op = higherIsBetter ? "≥ " : "≤ ";
        String warnPart = Double.isInfinite(warn) ? "else warn" : "warn " + op + Runs.number(warn, unit);
        return "good " + op + Runs.number(good, unit) + ", " + warnPart;
    }

    private boolean within(double value, double limit) {
        return higherIsBetter ? value >= limit : value <= limit;
    }

    @Override
    public String toString() {
        return describe("");
    }
}
