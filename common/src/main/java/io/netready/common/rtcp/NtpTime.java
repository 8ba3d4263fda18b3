package io.netready.common.rtcp;

/**
 * The NTP time formats of RFC 3550 §4: a 64-bit timestamp of seconds since 1900-01-01 00:00 UTC,
 * 32 integer and 32 fraction bits, and its middle 32 bits (16.16), which LSR, DLSR and the round
 * trip of §6.4.1 use.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 to 1970-01-01: 70 years of 365 days plus 17 leap days. */
    static final long UNIX_EPOCH = (70 * 365 + 17) * 86_400L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** The largest delay a 16.16 field carries, just under 65536 s. */
    private static final long MAX_SHORT_NANOS = 65_536 * NANOS_PER_SECOND;

    private NtpTime() {
    }

    /**
     * The 64-bit NTP timestamp of a wall-clock instant given as nanoseconds since 1970-01-01 UTC
     * (e.g. {@code System.currentTimeMillis() * 1_000_000}). The seconds wrap modulo 2^32 (NTP
     * era 1 starts in 2036), which the middle 32 bits never notice.
     */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + UNIX_EPOCH;
        long fraction = (Math.floorMod(epochNanos, NANOS_PER_SECOND) << 32) / NANOS_PER_SECOND;
        return seconds << 32 | fraction;
    }

    /** The middle 32 bits of a 64-bit NTP timestamp, as LSR carries it. */
    public static long middle32(long ntpTimestamp) {
        return ntpTimestamp >>> 16 & 0xFFFF_FFFFL;
    }

    /** A delay in 1/65536 s, as DLSR carries it: truncated, 0 if negative, at most 2^32−1. */
    public static long dlsr(long delayNanos) {
        if (delayNanos <= 0) {
            return 0;
        }
        return delayNanos >= MAX_SHORT_NANOS ? 0xFFFF_FFFFL
                : (delayNanos << 16) / NANOS_PER_SECOND;
    }

    /**
     * Round-trip time from a report block about this end's stream (§6.4.1): A − LSR − DLSR, A
     * being the middle 32 bits of this end's NTP time when the report arrived, all three in
     * 1/65536 s. The difference is taken modulo 2^32 and read as signed, so a small negative
     * result (DLSR rounding, a clock step) stays recognisable. Meaningless when LSR is 0 (the
     * peer had no SR of ours yet).
     */
    public static double rttMillis(long arrivalMiddle32, long lastSr, long delaySinceLastSr) {
        int units = (int) (arrivalMiddle32 - lastSr - delaySinceLastSr);
        return units * 1000.0 / 65_536;
    }
}
