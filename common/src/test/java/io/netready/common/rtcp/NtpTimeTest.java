package io.netready.common.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    private static long ntp(String instant) {
        Instant i = Instant.parse(instant);
        return NtpTime.fromEpochNanos(i.getEpochSecond() * 1_000_000_000L + i.getNano());
    }

    @Test
    void knownInstants() {
        // 1900-01-01 to 1970-01-01: 70 × 365 + 17 leap days (1904..1968) = 25567 days
        // × 86400 = 2208988800 s = 0x83AA7E80.
        assertEquals(0x83AA_7E80L << 32, NtpTime.fromEpochNanos(0));
        // 1970 to 2026: 56 × 365 + 14 leap days (1972..2024) = 20454 days × 86400
        // = 1767225600 s; + 2208988800 = 3976214400 s = 0xED003780.
        assertEquals(0xED00_3780_0000_0000L, ntp("2026-01-01T00:00:00Z"));
        // Fractions of 2^32: 0.5 s = 0x80000000, 0.25 s = 0x40000000, 1 ns -> floor(4.29) = 4.
        assertEquals(0xED00_3780_8000_0000L, ntp("2026-01-01T00:00:00.5Z"));
        assertEquals(0xED00_3780_4000_0000L, ntp("2026-01-01T00:00:00.25Z"));
        assertEquals(0xED00_3780_0000_0004L, ntp("2026-01-01T00:00:00.000000001Z"));
        // 2036-02-07T06:28:16Z is 2^32 s after 1900: era 1 starts again at 0.
        assertEquals(0L, ntp("2036-02-07T06:28:16Z"));
    }

    @Test
    void middle32IsLow16OfSecondsAndHigh16OfFraction() {
        assertEquals(0x3780_8000L, NtpTime.middle32(0xED00_3780_8000_0000L));
        assertEquals(0xFFFF_FFFFL, NtpTime.middle32(0x0000_FFFF_FFFF_0000L));
    }

    @Test
    void dlsrIsIn65536thsOfASecond() {
        assertEquals(0x0005_4000L, NtpTime.dlsr(5_250_000_000L));   // 5.25 s, the RFC's DLSR
        assertEquals(0x0001_8000L, NtpTime.dlsr(1_500_000_000L));
        assertEquals(65, NtpTime.dlsr(1_000_000L));                 // 1 ms = 65.536 -> 65
        assertEquals(0, NtpTime.dlsr(-1));
        assertEquals(0xFFFF_FFFFL, NtpTime.dlsr(70_000_000_000_000L));
    }

    @Test
    void roundTripOfRfc3550Section641() {
        // A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s): RTT = 46864.5 - 46853.125 - 5.25 = 6.125 s.
        assertEquals(6125.0, NtpTime.rttMillis(0xB710_8000L, 0xB705_2000L, 0x0005_4000L));
        // Across the wrap of the 16-bit seconds: A = 0x0001:0000, LSR = 0xFFFF:0000, DLSR 1 s.
        assertEquals(1000.0, NtpTime.rttMillis(0x0001_0000L, 0xFFFF_0000L, 0x0001_0000L));
        // DLSR rounding can make it slightly negative: stays negative, not ~18 hours.
        assertEquals(-1000.0 / 65536, NtpTime.rttMillis(0x0001_0000L, 0x0000_8000L, 0x0000_8001L));
    }
}
