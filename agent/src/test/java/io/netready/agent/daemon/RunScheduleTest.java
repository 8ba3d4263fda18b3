package io.netready.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunScheduleTest {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Duration SPREAD = Duration.ofSeconds(60);

    @Test
    void eachRunLiesInItsSlotWithinTheSpreadAndTheOffsetsVary() {
        RunSchedule schedule = new RunSchedule(START, INTERVAL, SPREAD, Optional.empty(), new Random(42));
        Set<Long> offsets = new HashSet<>();
        Instant now = START;
        for (int slot = 0; slot < 200; slot++) {
            Instant at = schedule.next(now);
            Duration offset = Duration.between(START.plus(INTERVAL.multipliedBy(slot)), at);
            assertFalse(offset.isNegative(), "run " + slot + " before its slot: " + offset);
            assertTrue(offset.compareTo(SPREAD) < 0, "run " + slot + " offset " + offset + " not below the spread");
            offsets.add(offset.toMillis());
            now = at.plusSeconds(12); // the run takes 12 s
        }
        // 200 draws from 60,000 ms: a constant or coarse offset would leave only a few distinct values.
        assertTrue(offsets.size() > 150, "distinct offsets: " + offsets.size());
        long mean = offsets.stream().mapToLong(Long::longValue).sum() / offsets.size();
        assertTrue(mean > 20_000 && mean < 40_000, "offsets spread over [0, 60 s), mean " + mean + " ms");
    }

    @Test
    void agentsStartedTogetherDoNotProbeInStep() {
        Set<Instant> firstRuns = new HashSet<>();
        Random seeds = new Random(7);
        for (int agent = 0; agent < 100; agent++) {
            firstRuns.add(new RunSchedule(START, INTERVAL, SPREAD, Optional.empty(), new Random(seeds.nextLong()))
                    .next(START));
        }
        assertTrue(firstRuns.size() > 90, "100 agents restarted together got " + firstRuns.size() + " start times");
    }

    @Test
    void aRunLongerThanTheIntervalSkipsTheMissedSlotsInsteadOfCatchingUp() {
        RunSchedule schedule = new RunSchedule(START, INTERVAL, Duration.ZERO, Optional.empty(), new Random(1));
        assertEquals(START, schedule.next(START));
        // The first run took 12 minutes: slots at 5 and 10 min are gone, the next is at 15 min.
        Instant afterLongRun = START.plus(Duration.ofMinutes(12));
        assertEquals(START.plus(Duration.ofMinutes(15)), schedule.next(afterLongRun));
        assertEquals(START.plus(Duration.ofMinutes(20)), schedule.next(START.plus(Duration.ofMinutes(15)).plusSeconds(9)));
    }

    @Test
    void lifetimeRunsFirstThenWhenItsPeriodHasPassed() {
        RunSchedule schedule = new RunSchedule(START, INTERVAL, Duration.ZERO, Optional.of(Duration.ofMinutes(12)),
                new Random(1));
        StringBuilder pattern = new StringBuilder();
        for (int slot = 0; slot < 8; slot++) {
            pattern.append(schedule.lifetimeDue(schedule.next(START.plus(INTERVAL.multipliedBy(slot)))) ? 'L' : '-');
        }
        // Runs every 5 min, lifetime every 12 min: at 0, 15, 30 min.
        assertEquals("L--L--L-", pattern.toString());
        RunSchedule off = new RunSchedule(START, INTERVAL, Duration.ZERO, Optional.empty(), new Random(1));
        assertFalse(off.lifetimeDue(off.next(START)));
    }
}
