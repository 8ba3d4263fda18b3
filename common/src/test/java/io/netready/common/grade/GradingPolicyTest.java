package io.netready.common.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.proto.Grade;
import io.netready.proto.Severity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GradingPolicyTest {

    private static final GradingPolicy DEFAULTS = GradingPolicy.defaults();

    @Test
    void defaultsAreThoseOfSpecSection6() {
        assertLimits(DEFAULTS.loss(), 1, 3, false);
        assertLimits(DEFAULTS.jitter(), 30, 50, false);
        assertLimits(DEFAULTS.rtt(), 100, 300, false);
        assertLimits(DEFAULTS.mos(), 4.0, 3.6, true);
        assertLimits(DEFAULTS.burstLoss(), 2, 5, false);
        assertLimits(DEFAULTS.bindingLifetime(), 60, 20, true);
        assertLimits(DEFAULTS.reorder(), 0.05, Double.POSITIVE_INFINITY, false);
        assertEquals(Duration.ofHours(24), DEFAULTS.window());
        assertEquals(Grade.B, DEFAULTS.readyGrade());
        assertEquals(60, DEFAULTS.playoutDelayMs());
    }

    @Test
    void limitsAreInclusive() {
        assertEquals(Optional.empty(), DEFAULTS.loss().rate(1.0));
        assertEquals(Optional.of(Severity.WARN), DEFAULTS.loss().rate(1.01));
        assertEquals(Optional.of(Severity.WARN), DEFAULTS.loss().rate(3.0));
        assertEquals(Optional.of(Severity.FAIL), DEFAULTS.loss().rate(3.01));

        assertEquals(Optional.empty(), DEFAULTS.mos().rate(4.0));
        assertEquals(Optional.of(Severity.WARN), DEFAULTS.mos().rate(3.6));
        assertEquals(Optional.of(Severity.FAIL), DEFAULTS.mos().rate(3.59));

        assertEquals(Optional.of(Severity.WARN), DEFAULTS.reorder().rate(100));
    }

    @Test
    void readyMeansAtLeastTheReadyGrade() {
        assertTrue(DEFAULTS.isReady(Grade.A));
        assertTrue(DEFAULTS.isReady(Grade.B));
        assertFalse(DEFAULTS.isReady(Grade.C));
        assertFalse(DEFAULTS.isReady(Grade.GRADE_UNSPECIFIED));
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        GradingPolicy changed = DEFAULTS.toBuilder().loss(0.5, 2).readyGrade(Grade.A).build();

        assertLimits(changed.loss(), 0.5, 2, false);
        assertEquals(Grade.A, changed.readyGrade());
        assertLimits(changed.jitter(), 30, 50, false);
        assertLimits(DEFAULTS.loss(), 1, 3, false); // the defaults stay as they were
    }

    @Test
    void invalidValuesNameTheFieldAndTheAllowedRange() {
        assertRejected(() -> DEFAULTS.toBuilder().loss(5, 3), "loss.good: 5 is above loss.warn 3; good must be ≤ warn");
        assertRejected(() -> DEFAULTS.toBuilder().loss(1, 120), "loss.warn: 120", "allowed range 0 to 100");
        assertRejected(() -> DEFAULTS.toBuilder().mos(3.6, 4.0), "mos.good: 3.6 is below mos.warn 4; good must be ≥ warn");
        assertRejected(() -> DEFAULTS.toBuilder().mos(5, 4), "mos.good: 5", "allowed range 1 to 4.5");
        assertRejected(() -> DEFAULTS.toBuilder().jitter(Double.NaN, 50), "jitter");
        assertRejected(() -> DEFAULTS.toBuilder().bindingLifetime(-1, 20), "bindingLifetime");
        assertRejected(() -> DEFAULTS.toBuilder().reorder(-0.1), "reorder.good");
        assertRejected(() -> DEFAULTS.toBuilder().window(Duration.ZERO), "window", "1 minute to 90 days");
        assertRejected(() -> DEFAULTS.toBuilder().readyGrade(Grade.GRADE_UNSPECIFIED), "readyGrade", "A, B, C, D, F");
        assertRejected(() -> DEFAULTS.toBuilder().playoutDelayMs(5000), "playoutDelayMs", "0 to 1000");
    }

    private static void assertLimits(Thresholds t, double good, double warn, boolean higherIsBetter) {
        assertEquals(good, t.good());
        assertEquals(warn, t.warn());
        assertEquals(higherIsBetter, t.higherIsBetter());
    }

    private static void assertRejected(Executable change, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, change).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }
}
