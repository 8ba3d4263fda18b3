package io.netready.common.grade;

import io.netready.common.cli.HumanDuration;
import io.netready.proto.Grade;
import java.time.Duration;
import java.util.Objects;

/**
 * What a site must reach to be graded well: the thresholds of SPEC §6, the window of runs a grade
 * is based on, the grade that counts as ready, and the playout delay probes assume. Immutable;
 * {@link #defaults()} holds the documented defaults and {@link #toBuilder()} changes single
 * values, each checked against its allowed range with an error that names the field, so that a
 * policy file can be turned into a policy setting by setting.
 *
 * <p>Metric thresholds apply to the worst direction of each run and the 95th percentile over
 * the window (see {@link Grader}).
 */
public final class GradingPolicy {

    private static final GradingPolicy DEFAULTS = new Builder().build();

    private final Thresholds loss;
    private final Thresholds jitter;
    private final Thresholds rtt;
    private final Thresholds mos;
    private final Thresholds burstLoss;
    private final Thresholds bindingLifetime;
    private final Thresholds reorder;
    private final Duration window;
    private final Grade readyGrade;
    private final int playoutDelayMs;

    private GradingPolicy(Builder b) {
        loss = b.loss;
        jitter = b.jitter;
        rtt = b.rtt;
        mos = b.mos;
        burstLoss = b.burstLoss;
        bindingLifetime = b.bindingLifetime;
        reorder = b.reorder;
        window = b.window;
        readyGrade = b.readyGrade;
        playoutDelayMs = b.playoutDelayMs;
    }

    /** The SPEC §6 defaults. */
    public static GradingPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from this policy's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Packet loss in percent: good ≤ 1, warn ≤ 3. */
    public Thresholds loss() {
        return loss;
    }

    /** RFC 3550 interarrival jitter in ms: good ≤ 30, warn ≤ 50. */
    public Thresholds jitter() {
        return jitter;
    }

    /** Round-trip time in ms: good ≤ 100, warn ≤ 300. */
    public Thresholds rtt() {
        return rtt;
    }

    /** E-model MOS of the codec under test: good ≥ 4.0, warn ≥ 3.6. */
    public Thresholds mos() {
        return mos;
    }

    /** Longest run of consecutive lost packets: good ≤ 2, warn ≤ 5. */
    public Thresholds burstLoss() {
        return burstLoss;
    }

    /** Idle seconds a UDP binding survives: good ≥ 60, warn ≥ 20. */
    public Thresholds bindingLifetime() {
        return bindingLifetime;
    }

    /** Reordered packets in percent: good ≤ 0.05, else WARN (reordering alone never fails). */
    public Thresholds reorder() {
        return reorder;
    }

    /** How far back runs count towards the grade: 24 h. */
    public Duration window() {
        return window;
    }

    /** The worst grade that is still ready for voice: B. */
    public Grade readyGrade() {
        return readyGrade;
    }

    /** Jitter-buffer depth probes assume for discards and the E-model's delay: 60 ms. */
    public int playoutDelayMs() {
        return playoutDelayMs;
    }

    /** Whether a grade is at least as good as {@link #readyGrade()}. */
    public boolean isReady(Grade grade) {
        return grade != Grade.GRADE_UNSPECIFIED && grade.getNumber() <= readyGrade.getNumber();
    }

    @Override
    public String toString() {
        return "GradingPolicy{loss " + loss + ", jitter " + jitter + ", rtt " + rtt + ", mos " + mos
                + ", burstLoss " + burstLoss + ", bindingLifetime " + bindingLifetime + ", reorder " + reorder
                + ", window " + window + ", readyGrade " + readyGrade + ", playoutDelayMs " + playoutDelayMs + "}";
    }

    /**
     * Sets policy values one at a time. Every setter rejects a value outside its allowed range,
     * or a warn limit better than the good limit, with an {@link IllegalArgumentException}
     * naming the field as the policy file does ({@code loss.good}, {@code mos.warn},
     * {@code window}, ...; see {@link PolicyFile}).
     */
    public static final class Builder {
        private Thresholds loss = new Thresholds(1, 3, false);
        private Thresholds jitter = new Thresholds(30, 50, false);
        private Thresholds rtt = new Thresholds(100, 300, false);
        private Thresholds mos = new Thresholds(4.0, 3.6, true);
        private Thresholds burstLoss = new Thresholds(2, 5, false);
        private Thresholds bindingLifetime = new Thresholds(60, 20, true);
        private Thresholds reorder = new Thresholds(0.05, Double.POSITIVE_INFINITY, false);
        private Duration window = Duration.ofHours(24);
        private Grade readyGrade = Grade.B;
        private int playoutDelayMs = 60;

        private Builder() {
        }

        private Builder(GradingPolicy p) {
            loss = p.loss;
            jitter = p.jitter;
            rtt = p.rtt;
            mos = p.mos;
            burstLoss = p.burstLoss;
            bindingLifetime = p.bindingLifetime;
            reorder = p.reorder;
            window = p.window;
            readyGrade = p.readyGrade;
            playoutDelayMs = p.playoutDelayMs;
        }

        /** Loss in percent, each limit 0–100. */
        public Builder loss(double goodMax, double warnMax) {
            loss = limits("loss", goodMax, warnMax, false, 0, 100);
            return this;
        }

        /** Jitter in ms, each limit 0–1000. */
        public Builder jitter(double goodMax, double warnMax) {
            jitter = limits("jitter", goodMax, warnMax, false, 0, 1000);
            return this;
        }

        /** RTT in ms, each limit 0–5000. */
        public Builder rtt(double goodMax, double warnMax) {
            rtt = limits("rtt", goodMax, warnMax, false, 0, 5000);
            return this;
        }

        /** MOS, each limit 1–4.5 (the E-model's scale). */
        public Builder mos(double goodMin, double warnMin) {
            mos = limits("mos", goodMin, warnMin, true, 1, 4.5);
            return this;
        }

        /** Burst loss in packets, each limit 0–1000. */
        public Builder burstLoss(double goodMax, double warnMax) {
            burstLoss = limits("burstLoss", goodMax, warnMax, false, 0, 1000);
            return this;
        }

        /** Binding lifetime in seconds, each limit 0–86400. */
        public Builder bindingLifetime(double goodMin, double warnMin) {
            bindingLifetime = limits("bindingLifetime", goodMin, warnMin, true, 0, 86_400);
            return this;
        }

        /** Reorder in percent, 0–100; above it is a WARN, never a FAIL. */
        public Builder reorder(double goodMax) {
            reorder = new Thresholds(checkRange("reorder.good", goodMax, 0, 100), Double.POSITIVE_INFINITY, false);
            return this;
        }

        /** Window of runs, 1 minute to 90 days. */
        public Builder window(Duration value) {
            Objects.requireNonNull(value, "window");
            if (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(Duration.ofDays(90)) > 0) {
                throw new IllegalArgumentException("window: " + HumanDuration.format(value) + " is outside the allowed range 1 minute to 90 days");
            }
            window = value;
            return this;
        }

        /** Ready grade, A to F. */
        public Builder readyGrade(Grade value) {
            if (value == null || value == Grade.GRADE_UNSPECIFIED || value == Grade.UNRECOGNIZED) {
                throw new IllegalArgumentException("readyGrade: " + value + " is not allowed; use one of A, B, C, D, F");
            }
            readyGrade = value;
            return this;
        }

        /** Playout delay in ms, 0–1000. */
        public Builder playoutDelayMs(int value) {
            playoutDelayMs = (int) checkRange("playoutDelayMs", value, 0, 1000);
            return this;
        }

        public GradingPolicy build() {
            return new GradingPolicy(this);
        }

        private static Thresholds limits(String field, double good, double warn, boolean higherIsBetter,
                                         double min, double max) {
            checkRange(field + ".good", good, min, max);
            checkRange(field + ".warn", warn, min, max);
            Thresholds t = new Thresholds(good, warn, higherIsBetter);
            if (t.compare(warn, good) < 0) {
                // "loss.good: 7 is above loss.warn 3; good must be ≤ warn"
                throw new IllegalArgumentException(field + ".good: " + Runs.number(good, "") + " is "
                        + (higherIsBetter ? "below " : "above ") + field + ".warn " + Runs.number(warn, "")
                        + "; good must be " + (higherIsBetter ? "≥" : "≤") + " warn");
            }
            return t;
        }

        /** "loss.warn: 120 is outside the allowed range 0 to 100"; also rejects NaN. */
        private static double checkRange(String path, double value, double min, double max) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(path + ": "
                        + (Double.isFinite(value) ? Runs.number(value, "") : String.valueOf(value))
                        + " is outside the allowed range " + Runs.number(min, "") + " to " + Runs.number(max, ""));
            }
            return value;
        }
    }
}
