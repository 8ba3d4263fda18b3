package io.netready.common.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netready.proto.StreamStats;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values are worked out by hand in the comments. */
class RtpReceiveStatsTest {
    private static final double EPS = 1e-9;
    private static final int CLOCK = 8000;            // 8 timestamp units per ms
    private static final int STEP = 160;              // 20 ms
    private static final long TS0 = 0xFFFF_FE00L;     // the timestamp wraps after 3 packets
    private static final long T0 = 987_654_321_000L;  // arbitrary monotonic clock origin

    /** Feeds packet {@code index} of a stream starting at {@code initialSeq}, arriving at ms. */
    private static void feed(RtpReceiveStats stats, int initialSeq, int index, double arrivalMs) {
        stats.onPacket(initialSeq + index, TS0 + (long) STEP * index,
                T0 + Math.round(arrivalMs * 1_000_000));
    }

    /** Packet {@code index} arrives on time (at 20 ms × index), except the listed losses. */
    private static RtpReceiveStats onTime(int initialSeq, int count, int... lost) {
        RtpReceiveStats stats = new RtpReceiveStats(CLOCK, count);
        for (int i = 0; i < count; i++) {
            int index = i;
            if (IntStream.of(lost).noneMatch(l -> l == index)) {
                feed(stats, initialSeq, i, 20.0 * i);
            }
        }
        return stats;
    }

    @Test
    void lossAndDuplicatesAcrossSequenceWrap() {
        // seq 65530..65535, 0..3; lost index 3 (65533) and 7 (1); seq 0 arrives twice
        RtpReceiveStats stats = new RtpReceiveStats(CLOCK, 10);
        for (int i = 0; i < 10; i++) {
            if (i != 3 && i != 7) {
                feed(stats, 65530, i, 20.0 * i);
            }
            if (i == 6) {
                feed(stats, 65530, 6, 20.0 * i + 1);
            }
        }
        StreamStats s = stats.toStats(65530, 10);
        assertEquals(10, s.getPacketsSent());
        assertEquals(8, s.getPacketsReceived());
        assertEquals(1, s.getDuplicates());
        assertEquals(20.0, s.getLossPercent(), EPS);          // (10 - 8) / 10
        assertEquals(0.0, s.getReorderPercent(), EPS);
        assertEquals(1, s.getMaxBurstLoss());
        assertEquals(1.0, s.getMeanBurstLoss(), EPS);
        // Losses 3 and 7 are 3 good packets apart (< Gmin 16): one burst 3..7,
        // 2 lost of 5 = 40 %; the 5 packets outside it lose none.
        assertEquals(40.0, s.getBurstDensityPercent(), EPS);
        assertEquals(0.0, s.getGapDensityPercent(), EPS);
        // On time throughout, across the timestamp wrap too: no jitter, no PDV.
        assertEquals(0.0, s.getJitterMs(), EPS);
        assertEquals(0.0, s.getPdvP99Ms(), EPS);
        assertEquals(20.0, s.getEffectiveLossPercent(), EPS);
    }

    @Test
    void burstsAtStreamStartAndEndCount() {
        // initial seq 65534: indices 0..2 (65534, 65535, 0) and 8..9 (6, 7) never arrive
        StreamStats s = onTime(65534, 10, 0, 1, 2, 8, 9).toStats(65534, 10);
        assertEquals(5, s.getPacketsReceived());
        assertEquals(50.0, s.getLossPercent(), EPS);
        assertEquals(3, s.getMaxBurstLoss());
        assertEquals(2.5, s.getMeanBurstLoss(), EPS);          // (3 + 2) / 2
        // 5 good packets between the runs (< 16): one burst over all 10, 5 lost
        assertEquals(50.0, s.getBurstDensityPercent(), EPS);
        assertEquals(0.0, s.getGapDensityPercent(), EPS);
    }

    @Test
    void reorderAndDuplicatesPerRfc4737() {
        // Arrival order 1 0 2 4 3 5 3. NextExp after 1 is 2, so 0 is reordered; after 4 it is
        // 5, so 3 is reordered; the second 3 is a duplicate, not a reordering: 2 of 6.
        RtpReceiveStats stats = new RtpReceiveStats(CLOCK, 6);
        int[] order = {1, 0, 2, 4, 3, 5, 3};
        for (int i = 0; i < order.length; i++) {
            feed(stats, 1000, order[i], 20.0 * i);
        }
        feed(stats, 1000, -200, 150);  // 205 behind the highest: invalid (RFC 3550 A.1), ignored
        StreamStats s = stats.toStats(1000, 6);
        assertEquals(6, s.getPacketsReceived());
        assertEquals(1, s.getDuplicates());
        assertEquals(100.0 * 2 / 6, s.getReorderPercent(), EPS);
        assertEquals(0.0, s.getLossPercent(), EPS);
        assertEquals(0, s.getMaxBurstLoss());
    }

    @Test
    void jitterByHand() {
        // Packets 0..4 (timestamps 0, 160, 320, 480, 640 after TS0) arrive at 0, 20, 50, 60,
        // 80 ms = 0, 160, 400, 480, 640 units. Transit (arrival - timestamp): 0, 0, 80, 0, 0.
        //   J1 = 0      + (|0 - 0|  - 0)      / 16 = 0
        //   J2 = 0      + (|80 - 0| - 0)      / 16 = 5
        //   J3 = 5      + (|0 - 80| - 5)      / 16 = 5 + 75/16 = 9.6875
        //   J4 = 9.6875 + (|0 - 0|  - 9.6875) / 16 = 9.6875 - 0.60546875 = 9.08203125
        // mean = (0 + 5 + 9.6875 + 9.08203125) / 4 = 5.9423828125 units = 0.7427978515625 ms
        // max = 9.6875 units = 1.2109375 ms; current = 9.08203125 units = 1.13525390625 ms
        RtpReceiveStats stats = new RtpReceiveStats(CLOCK, 5);
        double[] arrivals = {0, 20, 50, 60, 80};
        for (int i = 0; i < arrivals.length; i++) {
            feed(stats, 42, i, arrivals[i]);
        }
        assertEquals(5, stats.received());
        assertEquals(1.13525390625, stats.currentJitterMs(), EPS);
        StreamStats s = stats.toStats(42, 5);
        assertEquals(0.7427978515625, s.getJitterMs(), EPS);
        assertEquals(1.2109375, s.getJitterMaxMs(), EPS);
    }

    @Test
    void pdvPercentilesAndDiscardsAt60ms() {
        // Packet i is sent at 20·i ms and delayed 37 ms (cancels) + d[i]. Sorted, d is
        // 0 0 0 0 1 2 3 4 5 6 7 8 9 10 11 12 60 61 75 90 (n = 20). Nearest rank:
        // p50 = rank 10 = 6; p95 = rank 19 = 75; p99 = rank ceil(19.8) = 20 = 90.
        // Late for a 60 ms buffer (PDV > 60): 61, 75, 90. Five more were sent, never arrived.
        double[] d = {5, 0, 12, 3, 0, 8, 75, 2, 0, 10, 61, 4, 1, 60, 7, 0, 9, 6, 90, 11};
        RtpReceiveStats stats = new RtpReceiveStats(CLOCK, 25, 60);
        Integer[] byArrival = IntStream.range(0, d.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byArrival, Comparator.comparingDouble(i -> 20.0 * i + d[i]));
        for (int i : byArrival) {
            feed(stats, 300, i, 20.0 * i + 37 + d[i]);
        }
        StreamStats s = stats.toStats(300, 25);
        assertEquals(6.0, s.getPdvP50Ms(), EPS);
        assertEquals(75.0, s.getPdvP95Ms(), EPS);
        assertEquals(90.0, s.getPdvP99Ms(), EPS);
        assertEquals(20.0, s.getLossPercent(), EPS);            // 5 of 25
        assertEquals(12.0, s.getDiscardPercent(), EPS);         // 3 of 25 sent
        assertEquals(32.0, s.getEffectiveLossPercent(), EPS);
        assertEquals(5, s.getMaxBurstLoss());
    }

    @Test
    void burstAndGapDensityOnHandPattern() {
        // 40 packets; lost 3, 22, 24, 27; packet 25 arrives 100 ms late (discarded at 60 ms).
        //   index:   0..2  3  4..21  22 23 24 25 26 27  28..39
        //            good  L  good   L  g  L  D  g  L   good
        // 3 has >= 16 good after it and the stream counts as preceded by 16: gap (RFC 3611
        // §4.7.2). 22..27 has no run of 16 good: a burst of 6 with 4 lost or discarded.
        // Burst density 4/6 = 66.67 %; gap: 34 packets, 1 lost = 2.94 %.
        RtpReceiveStats stats = new RtpReceiveStats(CLOCK, 40);
        for (int i = 0; i < 40; i++) {
            if (i != 3 && i != 22 && i != 24 && i != 27) {
                feed(stats, 7, i, 20.0 * i + (i == 25 ? 100 : 0));
            }
        }
        StreamStats s = stats.toStats(7, 40);
        assertEquals(100.0 * 4 / 6, s.getBurstDensityPercent(), EPS);
        assertEquals(100.0 * 1 / 34, s.getGapDensityPercent(), EPS);
        assertEquals(10.0, s.getLossPercent(), EPS);            // 4 of 40
        assertEquals(2.5, s.getDiscardPercent(), EPS);          // 1 of 40
        assertEquals(12.5, s.getEffectiveLossPercent(), EPS);
        assertEquals(1, s.getMaxBurstLoss());
    }

    @Test
    void nothingReceived() {
        // 5 sent, all lost: one loss run of 5, one burst of 5 all lost.
        StreamStats s = new RtpReceiveStats(CLOCK, 5).toStats(123, 5);
        assertEquals(0, s.getPacketsReceived());
        assertEquals(100.0, s.getLossPercent(), EPS);
        assertEquals(5, s.getMaxBurstLoss());
        assertEquals(5.0, s.getMeanBurstLoss(), EPS);
        assertEquals(100.0, s.getBurstDensityPercent(), EPS);
        assertEquals(0.0, s.getJitterMs(), EPS);
        assertEquals(0.0, s.getPdvP50Ms(), EPS);
    }

    @Test
    void moreThanExpectedAndAbsurdSentCount() {
        // Sized for 2, given 70 000 on time (seq wraps once): storage grows.
        RtpReceiveStats grown = new RtpReceiveStats(CLOCK, 2);
        for (int i = 0; i < 70_000; i++) {
            feed(grown, 0, i, 20.0 * i);
        }
        StreamStats s = grown.toStats(0, 70_000);
        assertEquals(70_000, s.getPacketsReceived());
        assertEquals(0.0, s.getLossPercent(), EPS);
        assertEquals(0.0, s.getReorderPercent(), EPS);

        // A sender claiming 10^10 packets after 10 arrived: the trailing run is counted in one
        // step, not packet by packet, and clamped to the int field.
        StreamStats absurd = onTime(5, 10).toStats(5, 10_000_000_000L);
        assertEquals(Integer.MAX_VALUE, absurd.getMaxBurstLoss());
        assertEquals(100.0 * (10_000_000_000L - 10) / 10_000_000_000L, absurd.getLossPercent(), EPS);
    }
}
