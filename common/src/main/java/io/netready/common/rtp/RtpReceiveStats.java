package io.netready.common.rtp;

import io.netready.proto.StreamStats;
import java.util.Arrays;

/**
 * Receive statistics of one RTP stream, for either direction of a probe call.
 *
 * <p>Threading: {@link #onPacket} is called in arrival order from one thread; {@link #received()}
 * and {@link #currentJitterMs()} may be read from any thread (for a progress display); the RTCP
 * reception-report values ({@link #extendedHighestSeq()}, {@link #expectedSinceFirst()},
 * {@link #cumulativeLost()}, {@link #jitterTimestampUnits()}) at any moment, but by the
 * {@code onPacket} thread only; {@link #toStats} is called after the last {@code onPacket}, by
 * that thread or one that happens-after it (e.g. after joining it). Storage is preallocated for
 * the expected packet count, so the steady state allocates nothing; more packets grow it.
 *
 * <p>Each packet's transit time (RFC 3550 A.8, arrival minus RTP timestamp, in timestamp units
 * and relative to the first packet) is kept by extended sequence number; it feeds both the
 * interarrival jitter and the RFC 5481 delay variation. Jitter follows arrival order, reordered
 * packets included, as Wireshark's RTP stream analysis does. Duplicates are counted and
 * otherwise ignored.
 */
public final class RtpReceiveStats {
    public static final int DEFAULT_PLAYOUT_DELAY_MS = 60;

    /** RFC 3550 A.1: how far behind the highest sequence number a packet may still be taken. */
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;
    /** RFC 3611 §4.7.2: the gap threshold recommended for voice. */
    private static final int GMIN = 16;

    private final int clockRate;
    private final int playoutDelayMs;
    /** Transit by slot = extended seq − first seq + MAX_MISORDER; NaN = not received. */
    private double[] transitBySlot;

    private boolean started;
    private int firstSeq;
    private int maxSeq;
    private int maxExtended;
    private long firstArrivalNanos;
    private long lastTimestamp;
    private long lastTimestampUnwrapped;
    private double lastTransit;
    private double minTransit;
    private double jitter;
    private double jitterSum;
    private double jitterMax;
    private long jitterUpdates;
    private long duplicates;
    private long reordered;
    private volatile long received;
    private volatile double currentJitterMs;

    public RtpReceiveStats(int clockRate, int expectedPackets) {
        this(clockRate, expectedPackets, DEFAULT_PLAYOUT_DELAY_MS);
    }

    /**
     * @param clockRate       RTP timestamp units per second
     * @param expectedPackets packets the sender is expected to send (sizes the storage)
     * @param playoutDelayMs  the fixed jitter buffer's depth for discards
     */
    public RtpReceiveStats(int clockRate, int expectedPackets, int playoutDelayMs) {
        if (clockRate <= 0 || expectedPackets < 0 || playoutDelayMs < 0) {
            throw new IllegalArgumentException("clockRate " + clockRate + ", expectedPackets "
                    + expectedPackets + ", playoutDelayMs " + playoutDelayMs);
        }
        this.clockRate = clockRate;
        this.playoutDelayMs = playoutDelayMs;
        this.transitBySlot = new double[expectedPackets + 2 * MAX_MISORDER];
        Arrays.fill(transitBySlot, Double.NaN);
    }

    /**
     * Records one packet.
     *
     * @param seq          RTP sequence number (low 16 bits used)
     * @param rtpTimestamp RTP timestamp (low 32 bits used)
     * @param arrivalNanos arrival time on a monotonic clock ({@link System#nanoTime()})
     */
    public void onPacket(int seq, long rtpTimestamp, long arrivalNanos) {
        seq &= 0xFFFF;
        long timestamp = rtpTimestamp & 0xFFFF_FFFFL;
        int extended;
        long timestampUnwrapped;
        if (!started) {
            started = true;
            firstSeq = seq;
            maxSeq = seq;
            maxExtended = seq;
            firstArrivalNanos = arrivalNanos;
            extended = seq;
            timestampUnwrapped = 0;
        } else {
            // RFC 3550 A.1: a step forward (with a cycle counted when it wraps past 65535) or a
            // late packet at most MAX_MISORDER behind. A.1 also holds back forward jumps of
            // MAX_DROPOUT (3000) or more until a second packet confirms them, against sources
            // that restart; this stream is authenticated and its sender never restarts, so any
            // step forward of less than half the sequence space is taken at once.
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta < SEQ_MOD / 2) {
                extended = maxExtended + delta;
            } else if (SEQ_MOD - delta <= MAX_MISORDER) {
                extended = maxExtended - (SEQ_MOD - delta);
            } else {
                return;  // stale beyond MAX_MISORDER: invalid, as in A.1
            }
            timestampUnwrapped = lastTimestampUnwrapped + (int) (timestamp - lastTimestamp);
        }
        int slot = extended - firstSeq + MAX_MISORDER;
        ensureCapacity(slot);
        if (!Double.isNaN(transitBySlot[slot])) {
            duplicates++;
            return;
        }
        if (extended > maxExtended) {
            maxExtended = extended;
            maxSeq = seq;
        } else if (received > 0) {
            reordered++;  // RFC 4737 §3.3: below NextExp = highest so far + 1, not a duplicate
        }
        lastTimestamp = timestamp;
        lastTimestampUnwrapped = timestampUnwrapped;

        // RFC 3550 A.8, in timestamp units: J += (|D(i-1,i)| - J) / 16.
        double transit = (double) (arrivalNanos - firstArrivalNanos) * clockRate / 1e9
                - timestampUnwrapped;
        if (received > 0) {
            jitter += (Math.abs(transit - lastTransit) - jitter) / 16;
            jitterSum += jitter;
            jitterMax = Math.max(jitterMax, jitter);
            jitterUpdates++;
            minTransit = Math.min(minTransit, transit);
        } else {
            minTransit = transit;
        }
        lastTransit = transit;
        transitBySlot[slot] = transit;
        currentJitterMs = toMs(jitter);
        received++;  // single writer
    }

    /** Unique packets received so far; any thread. */
    public long received() {
        return received;
    }

    /** The running RFC 3550 A.8 jitter estimate now, in ms; any thread. */
    public double currentJitterMs() {
        return currentJitterMs;
    }

    /**
     * RFC 3550 A.3 extended_max: sequence cycles × 2^16 + the highest sequence number received,
     * unsigned 32 bits; 0 before the first packet.
     */
    public long extendedHighestSeq() {
        return maxExtended & 0xFFFF_FFFFL;
    }

    /**
     * RFC 3550 A.3 expected: extended_max − base_seq + 1, base_seq being the first sequence
     * number received; 0 before the first packet.
     */
    public long expectedSinceFirst() {
        return started ? (long) maxExtended - firstSeq + 1 : 0;
    }

    /**
     * RFC 3550 A.3 cumulative number of packets lost: expected − received, where received
     * counts late and duplicate packets too (§6.4.1), so it is negative when duplicates outnumber
     * losses. Not clamped to the report block's 24 bits.
     */
    public long cumulativeLost() {
        return expectedSinceFirst() - (received + duplicates);
    }

    /** The RFC 3550 A.8 interarrival jitter J in timestamp units, truncated (§6.4.1). */
    public long jitterTimestampUnits() {
        return (long) jitter;
    }

    /**
     * The stream's statistics, r_factor and mos left at 0. Losses before the first and after
     * the last received packet count, from the sender's report.
     *
     * @param initialSeq  the sender's first sequence number
     * @param packetsSent how many packets the sender sent
     */
    public StreamStats toStats(int initialSeq, long packetsSent) {
        long sent = Math.max(0, packetsSent);
        long unique = received;
        double[] pdvMs = sortedPdvMs();
        long discards = Arrays.stream(pdvMs).filter(this::late).count();
        LossPattern pattern = lossPattern(initialSeq, sent);
        double lossPercent = clampPercent(LossPattern.percent(sent - unique, sent));
        double discardPercent = clampPercent(LossPattern.percent(discards, sent));
        return StreamStats.newBuilder()
                .setPacketsSent(sent)
                .setPacketsReceived(unique)
                .setDuplicates(duplicates)
                .setLossPercent(lossPercent)
                .setJitterMs(jitterUpdates == 0 ? 0 : toMs(jitterSum / jitterUpdates))
                .setJitterMaxMs(toMs(jitterMax))
                .setPdvP50Ms(nearestRank(pdvMs, 50))
                .setPdvP95Ms(nearestRank(pdvMs, 95))
                .setPdvP99Ms(nearestRank(pdvMs, 99))
                .setReorderPercent(LossPattern.percent(reordered, unique))
                .setMaxBurstLoss((int) Math.min(Integer.MAX_VALUE, pattern.maxLossRun()))
                .setMeanBurstLoss(pattern.meanLossRun())
                .setBurstDensityPercent(pattern.burstDensityPercent())
                .setGapDensityPercent(pattern.gapDensityPercent())
                .setDiscardPercent(discardPercent)
                .setEffectiveLossPercent(clampPercent(lossPercent + discardPercent))
                .build();
    }

    /**
     * Jitter-buffer model: a fixed buffer of {@code playoutDelayMs}, anchored at the fastest
     * packet of the stream, plays packet i at its media time + min D + playoutDelayMs; it is
     * discarded as late if it arrives after that, i.e. if its RFC 5481 PDV (D_i − min D) exceeds
     * the playout delay. Anchoring at the stream's fastest packet is the best a fixed buffer can
     * do in hindsight, so discards are a lower bound for a real, non-adaptive buffer.
     */
    private boolean late(double pdvMs) {
        return pdvMs > playoutDelayMs;
    }

    /** RFC 5481 §4.2 PDV form: D_i − min D, in ms; the unknown clock offset cancels. */
    private double pdvMs(double transit) {
        return toMs(transit - minTransit);
    }

    /** Walks the sender's indices 0..sent-1; only stored slots are visited one by one. */
    private LossPattern lossPattern(int initialSeq, long sent) {
        LossPattern pattern = new LossPattern(GMIN);
        if (!started) {
            pattern.lost(sent);
        } else {
            // slot = index + shift: the first received packet is (firstSeq - initialSeq) mod
            // 2^16 packets after the sender's first.
            long shift = MAX_MISORDER - ((firstSeq - initialSeq) & 0xFFFF);
            long from = Math.min(sent, Math.max(0, -shift));
            long to = Math.max(from, Math.min(sent, transitBySlot.length - shift));
            pattern.lost(from);
            for (long index = from; index < to; index++) {
                double transit = transitBySlot[(int) (index + shift)];
                if (Double.isNaN(transit)) {
                    pattern.lost(1);
                } else {
                    pattern.received(late(pdvMs(transit)));
                }
            }
            pattern.lost(sent - to);
        }
        pattern.finish();
        return pattern;
    }

    /** The PDV of every unique packet, ascending. */
    private double[] sortedPdvMs() {
        double[] pdv = new double[(int) received];
        int n = 0;
        for (double transit : transitBySlot) {
            if (!Double.isNaN(transit)) {
                pdv[n++] = pdvMs(transit);
            }
        }
        Arrays.sort(pdv);
        return pdv;
    }

    /** Nearest-rank percentile: the value at rank ceil(p/100 × n). */
    private static double nearestRank(double[] ascending, int percentile) {
        int n = ascending.length;
        return n == 0 ? 0 : ascending[(int) (((long) percentile * n + 99) / 100) - 1];
    }

    private static double clampPercent(double percent) {
        return Math.max(0, Math.min(100, percent));
    }

    private double toMs(double timestampUnits) {
        return timestampUnits * 1000 / clockRate;
    }

    private void ensureCapacity(int slot) {
        if (slot >= transitBySlot.length) {
            int old = transitBySlot.length;
            transitBySlot = Arrays.copyOf(transitBySlot, Math.max(slot + 1, 2 * old));
            Arrays.fill(transitBySlot, old, transitBySlot.length, Double.NaN);
        }
    }
}
