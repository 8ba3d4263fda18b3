package io.netready.agent.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdleScheduleTest {

    @Test
    void shortMaximumTestsEverySecond() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), IdleSchedule.firstRound(8));
    }

    @Test
    void stepsGrowWithTheIdleTimeAndEndAtTheMaximum() {
        List<Integer> times = IdleSchedule.firstRound(IdleSchedule.DEFAULT_MAX_SECONDS);
        assertEquals(30 + 15 + 48, times.size());
        assertEquals(List.of(29, 30, 32, 34), times.subList(28, 32));
        assertEquals(List.of(58, 60, 65, 70), times.subList(43, 47));
        assertEquals(300, times.get(times.size() - 1));
    }

    /** Every bracket the first round can leave up to 60 s is within the ±2 s the issue asks for. */
    @Test
    void firstRoundBracketsAreAtMostTwoSecondsWideUpToOneMinute() {
        List<Integer> times = IdleSchedule.firstRound(60);
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) <= 2, times.toString());
        }
    }

    @Test
    void aMaximumBetweenStepsIsTestedItself() {
        List<Integer> times = IdleSchedule.firstRound(63);
        assertEquals(List.of(58, 60, 63), times.subList(times.size() - 3, times.size()));
    }

    @Test
    void refinesOnlyWideClosedBrackets() {
        assertEquals(List.of(), IdleSchedule.refine(60, 65), "5 s is narrow enough");
        assertEquals(List.of(), IdleSchedule.refine(300, 0), "nothing died: nothing to refine");
        assertEquals(List.of(335, 340, 345, 350, 355), IdleSchedule.refine(330, 360));
        assertEquals(List.of(8, 10, 12), IdleSchedule.refine(6, 13));
    }

    @Test
    void rejectsMaximaOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> IdleSchedule.firstRound(0));
        assertThrows(IllegalArgumentException.class,
                () -> IdleSchedule.firstRound(IdleSchedule.LONGEST_MAX_SECONDS + 1));
    }
}
