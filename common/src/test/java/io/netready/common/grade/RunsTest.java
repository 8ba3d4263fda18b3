package io.netready.common.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunsTest {

    private static List<Integer> oneTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void p95IsTheNearestRank() {
        Comparator<Integer> lowerIsBetter = Comparator.naturalOrder();
        assertEquals(1, Runs.p95(oneTo(1), lowerIsBetter));      // ⌈0.95⌉ = 1
        assertEquals(10, Runs.p95(oneTo(10), lowerIsBetter));    // ⌈9.5⌉ = 10: the worst of ten
        assertEquals(19, Runs.p95(oneTo(20), lowerIsBetter));    // ⌈19⌉ = 19, not 20
        assertEquals(20, Runs.p95(oneTo(21), lowerIsBetter));    // ⌈19.95⌉ = 20
        assertEquals(95, Runs.p95(oneTo(100), lowerIsBetter));   // ⌈95⌉ = 95
        // Higher is better (MOS): the same rank counted from the best, i.e. the low end.
        assertEquals(2, Runs.p95(oneTo(20), Comparator.reverseOrder()));
    }

    @Test
    void numbersAreShortAndCarryTheirUnit() {
        assertEquals("4.2 %", Runs.number(4.2000001, "%"));
        assertEquals("1 %", Runs.number(1.0, "%"));
        assertEquals("0.05 %", Runs.number(0.05, "%"));
        assertEquals("3.6", Runs.number(3.6, ""));
    }
}
