package io.netready.common.rtcp;

import io.netready.common.rtp.RtpReceiveStats;

/**
 * Builds the report blocks one end sends about the stream it receives from the peer (RFC 3550
 * §6.4.1): loss and jitter from the stream's {@link RtpReceiveStats}, the fraction lost since the
 * previous report as in A.3, and LSR/DLSR from the last SR the peer sent.
 *
 * <p>Threading: the thread that feeds the stats ({@code onPacket}) calls every method, as
 * {@link RtpReceiveStats}'s report values require.
 */
public final class ReceptionReporter {
    private static final int MAX_LOST = 0x7F_FFFF;
    private static final int MIN_LOST = -0x80_0000;

    private final RtpReceiveStats stats;
    private long expectedPrior;
    private long lostPrior;
    private long lastSr;
    private long lastSrArrivalNanos;

    public ReceptionReporter(RtpReceiveStats stats) {
        this.stats = stats;
    }

    /**
     * Notes an SR from the peer, for the LSR/DLSR of the next report blocks.
     *
     * @param ntpTimestamp its NTP timestamp ({@link RtcpCompound#ntpTimestamp()})
     * @param arrivalNanos when it arrived, on a monotonic clock ({@link System#nanoTime()})
     */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSr = NtpTime.middle32(ntpTimestamp);
        lastSrArrivalNanos = arrivalNanos;
    }

    /**
     * Fills {@code block} with the report due now and starts the next interval, so call it once
     * per report sent.
     *
     * @param sourceSsrc the SSRC of the stream received
     * @param nowNanos   now, on the clock of {@link #onSenderReport}'s arrival times
     * @return false, with {@code block} untouched, while nothing has been received: report none
     */
    public boolean fill(ReportBlock block, long sourceSsrc, long nowNanos) {
        if (stats.received() == 0) {
            return false;
        }
        // A.3: expected_interval − received_interval is the growth of expected − received,
        // that is of the cumulative loss since the previous report.
        long expected = stats.expectedSinceFirst();
        long lost = stats.cumulativeLost();
        long expectedInterval = expected - expectedPrior;
        long lostInterval = lost - lostPrior;
        expectedPrior = expected;
        lostPrior = lost;

        block.ssrc = sourceSsrc & 0xFFFF_FFFFL;
        block.fractionLost = expectedInterval == 0 || lostInterval <= 0 ? 0
                : (int) ((lostInterval << 8) / expectedInterval);
        block.cumulativeLost = (int) Math.max(MIN_LOST, Math.min(MAX_LOST, lost));
        block.extendedHighestSeq = stats.extendedHighestSeq();
        block.jitter = stats.jitterTimestampUnits();
        block.lastSr = lastSr;
        block.delaySinceLastSr = lastSr == 0 ? 0 : NtpTime.dlsr(nowNanos - lastSrArrivalNanos);
        return true;
    }
}
