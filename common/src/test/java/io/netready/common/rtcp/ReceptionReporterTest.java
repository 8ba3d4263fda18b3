package io.netready.common.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtp.RtpReceiveStats;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 3550 A.3 report values, worked out by hand in the comments. */
class ReceptionReporterTest {
    private static final int CLOCK = 8000;
    private static final int STEP = 160;               // 20 ms
    private static final int BASE = 65530;             // the sequence wraps after index 5
    private static final long PEER = 0xCAFEBABEL;
    private static final long T0 = 5_000_000_000L;     // arbitrary monotonic origin, ns

    private final RtpReceiveStats stats = new RtpReceiveStats(CLOCK, 30);
    private final ReceptionReporter reporter = new ReceptionReporter(stats);
    private final ReportBlock block = new ReportBlock();

    /** Packet {@code index} of the stream, arriving at 20 ms × {@code at}. */
    private void arrive(int index, int at) {
        stats.onPacket(BASE + index, 1000L + (long) STEP * index, T0 + 20_000_000L * at);
    }

    private void arriveOnTime(int from, int to, int... lost) {
        for (int i = from; i <= to; i++) {
            int index = i;
            if (Arrays.stream(lost).noneMatch(l -> l == index)) {
                arrive(i, i);
            }
        }
    }

    private void report() {
        assertTrue(reporter.fill(block, PEER, T0));
    }

    @Test
    void lossOverThreeIntervalsWithDuplicatesAndALatePacket() {
        assertFalse(reporter.fill(block, PEER, T0));   // nothing received: no block

        // Interval 1: indices 0..9 = seq 65530..65535, 0..3; 3 and 6 lost.
        // expected = extended max 65536 + 3 - base 65530 + 1 = 10; received 8; lost 2.
        // fraction = (2 << 8) / 10 = 512 / 10 = 51.
        arriveOnTime(0, 9, 3, 6);
        report();
        assertEquals(PEER, block.ssrc());
        assertEquals(0x0001_0003L, block.extendedHighestSeq());   // 1 cycle, sequence 3
        assertEquals(51, block.fractionLost());
        assertEquals(2, block.cumulativeLost());

        // Interval 2: 10..19 all, 11 and 15 twice, and late index 6 (13 behind the highest).
        // expected 20, interval 10; received 8 + 10 + 2 + 1 = 21, interval 13;
        // lost interval 10 - 13 = -3 <= 0: fraction 0. Cumulative 20 - 21 = -1.
        arriveOnTime(10, 19);
        arrive(11, 19);
        arrive(15, 19);
        arrive(6, 19);
        report();
        assertEquals(0, block.fractionLost());
        assertEquals(-1, block.cumulativeLost());
        assertEquals(65_549, block.extendedHighestSeq());

        // Interval 3: 20..29 with 20..23 lost. expected 30, interval 10; received 27,
        // interval 6; lost interval 4: fraction (4 << 8) / 10 = 1024 / 10 = 102. Cumulative 3.
        arriveOnTime(20, 29, 20, 21, 22, 23);
        report();
        assertEquals(102, block.fractionLost());
        assertEquals(3, block.cumulativeLost());

        // Interval 4: nothing new: expected interval 0, fraction 0.
        report();
        assertEquals(0, block.fractionLost());
        assertEquals(3, block.cumulativeLost());
    }

    @Test
    void cumulativeLossIsClampedTo24BitsSigned() {
        // One packet and 2^23 + 1 duplicates: expected 1, received 2^23 + 2, lost -(2^23 + 1),
        // clamped to -2^23 (A.3), which the report block carries as 0x800000.
        arrive(0, 0);
        for (int i = 0; i <= 0x80_0000; i++) {
            arrive(0, 1);
        }
        assertEquals(-0x80_0001L, stats.cumulativeLost());
        report();
        assertEquals(-0x80_0000, block.cumulativeLost());
        assertEquals(0, block.fractionLost());
    }

    @Test
    void jitterIsTheA8EstimateTruncated() {
        // Arrivals at 0, 20, 50, 60, 80 ms = 0, 160, 400, 480, 640 units for timestamps
        // 0, 160, 320, 480, 640 after the first: transits 0, 0, 80, 0, 0.
        // J = 0, 5, 5 + 75/16 = 9.6875, 9.6875 - 9.6875/16 = 9.08203125 -> 9.
        int[] arrivalMs = {0, 20, 50, 60, 80};
        for (int i = 0; i < arrivalMs.length; i++) {
            stats.onPacket(BASE + i, 1000L + (long) STEP * i, T0 + 1_000_000L * arrivalMs[i]);
        }
        report();
        assertEquals(9, block.jitter());
    }

    @Test
    void lastSrAndDelaySinceIt() {
        arriveOnTime(0, 4);
        report();
        assertEquals(0, block.lastSr());              // no SR from the peer yet
        assertEquals(0, block.delaySinceLastSr());

        // SR with NTP 0xED003780:80000000 arrives; the report goes 1.5 s later.
        // LSR = middle 32 bits = 0x37808000; DLSR = 1.5 × 65536 = 0x18000.
        reporter.onSenderReport(0xED00_3780_8000_0000L, T0 + 100_000_000L);
        assertTrue(reporter.fill(block, PEER, T0 + 1_600_000_000L));
        assertEquals(0x3780_8000L, block.lastSr());
        assertEquals(0x0001_8000L, block.delaySinceLastSr());
    }
}
