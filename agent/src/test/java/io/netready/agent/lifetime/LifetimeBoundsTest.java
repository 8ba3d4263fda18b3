package io.netready.agent.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netready.proto.LifetimeTrial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifetimeBoundsTest {

    private static List<LifetimeTrial> trials(int aliveUpTo, int... dead) {
        List<LifetimeTrial> trials = new ArrayList<>();
        for (int t = 1; t <= aliveUpTo; t++) {
            trials.add(LifetimeTrial.newBuilder().setIdleSeconds(t).setAlive(true).build());
        }
        for (int t : dead) {
            trials.add(LifetimeTrial.newBuilder().setIdleSeconds(t).setAlive(false).build());
        }
        return trials;
    }

    @Test
    void longestAliveAndShortestDead() {
        assertEquals(new LifetimeBounds(7, 8), LifetimeBounds.of(trials(7, 8)));
        assertEquals(new LifetimeBounds(7, 8), LifetimeBounds.of(trials(7, 10, 8, 9)));
    }

    @Test
    void noneDeadLeavesTheUpperBoundOpen() {
        assertEquals(new LifetimeBounds(20, 0), LifetimeBounds.of(trials(20)));
    }

    @Test
    void deadAtTheFirstTrial() {
        assertEquals(new LifetimeBounds(0, 1), LifetimeBounds.of(trials(0, 1)));
        assertEquals(0, new LifetimeBounds(0, 1).keepaliveSeconds());
    }

    @Test
    void aDeathBelowASurvivalIsAContradictionNotTheUpperBound() {
        List<LifetimeTrial> t = trials(12, 5, 14);
        assertEquals(new LifetimeBounds(12, 14), LifetimeBounds.of(t));
        assertEquals(1, LifetimeBounds.contradictions(t));
        assertEquals(0, LifetimeBounds.contradictions(trials(12, 14)));
    }

    @Test
    void keepaliveIsEightyPercentOfTheLowerBoundCappedAtThirtySeconds() {
        assertEquals(0, new LifetimeBounds(0, 0).keepaliveSeconds(), "nothing measured");
        assertEquals(5, new LifetimeBounds(7, 8).keepaliveSeconds());
        assertEquals(16, new LifetimeBounds(20, 21).keepaliveSeconds());
        assertEquals(30, new LifetimeBounds(38, 40).keepaliveSeconds());
        assertEquals(30, new LifetimeBounds(300, 0).keepaliveSeconds());
    }
}
