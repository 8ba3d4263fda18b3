package io.netready.common.rtcp;

/**
 * One reception report block (RFC 3550 §6.4.1): what the reporter received of one source.
 * A reusable holder, filled by {@link ReceptionReporter#fill} for sending or by
 * {@link RtcpCompound#reportBlock} when receiving. Not thread-safe.
 */
public final class ReportBlock {
    long ssrc;
    int fractionLost;
    int cumulativeLost;
    long extendedHighestSeq;
    long jitter;
    long lastSr;
    long delaySinceLastSr;

    /** SSRC of the source reported on, unsigned 32 bits. */
    public long ssrc() { return ssrc; }

    /** Share of packets lost since the previous report, in 1/256 (0..255). */
    public int fractionLost() { return fractionLost; }

    /** Cumulative packets lost, −2^23..2^23−1; negative when duplicates outnumber losses. */
    public int cumulativeLost() { return cumulativeLost; }

    /** Extended highest sequence number received: cycles × 2^16 + sequence, unsigned 32 bits. */
    public long extendedHighestSeq() { return extendedHighestSeq; }

    /** Interarrival jitter, in RTP timestamp units. */
    public long jitter() { return jitter; }

    /** LSR: middle 32 bits of the NTP timestamp of the last SR from the source, or 0 if none. */
    public long lastSr() { return lastSr; }

    /** DLSR: time since that SR was received, in 1/65536 s; 0 if none. */
    public long delaySinceLastSr() { return delaySinceLastSr; }
}
