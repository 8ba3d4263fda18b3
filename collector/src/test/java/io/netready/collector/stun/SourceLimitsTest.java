package io.netready.collector.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SourceLimitsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) last});
    }

    @Test
    void burstThenSteadyRate() throws Exception {
        SourceLimits limits = new SourceLimits(10, 0);
        SourceLimits.Source s = limits.of(ip(1), 0);
        int served = 0;
        for (int i = 0; i < 1000; i++) {
            served += s.takeRequest(0) ? 1 : 0;
        }
        assertEquals(SourceLimits.REQUEST_BURST, served);
        int later = 0;
        for (int i = 0; i < 1000; i++) {
            later += s.takeRequest(SECOND) ? 1 : 0;
        }
        assertEquals(SourceLimits.REQUESTS_PER_SECOND, later);
        // Another source has its own bucket.
        assertTrue(limits.of(ip(2), SECOND).takeRequest(SECOND));
    }

    @Test
    void creditIsSpentOnceAndRefillsOverFiveMinutes() throws Exception {
        SourceLimits.Source s = new SourceLimits(10, 0).of(ip(1), 0);
        assertTrue(s.spendCredit(SourceLimits.CREDIT_BYTES, 0));
        assertFalse(s.spendCredit(36, 0));
        assertFalse(s.spendCredit(36, 2 * SECOND), "refills at 4096 bytes / 300 s, about 13.7 bytes/s");
        assertTrue(s.spendCredit(36, 3 * SECOND));
        assertTrue(s.spendCredit(SourceLimits.CREDIT_BYTES - 36, SourceLimits.CREDIT_REFILL_SECONDS * SECOND));
    }

    @Test
    void aFullTableGivesNewSourcesNoCreditAndIdleEntriesExpire() throws Exception {
        SourceLimits limits = new SourceLimits(2, 0);
        limits.of(ip(1), 0);
        limits.of(ip(2), 0);
        SourceLimits.Source overflow = limits.of(ip(3), 0);
        assertEquals(2, limits.size());
        assertFalse(overflow.spendCredit(1, 0), "sources beyond the table's cap get no credit");
        assertTrue(overflow.takeRequest(0), "but are still served within their request's size");

        long idle = SourceLimits.IDLE_EXPIRY_NANOS;
        limits.of(ip(2), idle / 2);
        SourceLimits.Source fresh = limits.of(ip(3), idle);
        assertEquals(2, limits.size(), "1 expired; 2 and 3 remain");
        assertTrue(fresh.spendCredit(SourceLimits.CREDIT_BYTES, idle));
    }

    @Test
    void rateLimitDropsAreLoggedOncePerMinute() throws Exception {
        SourceLimits.Source s = new SourceLimits(10, 0).of(ip(1), 0);
        assertTrue(s.shouldLog(0));
        assertFalse(s.shouldLog(59 * SECOND));
        assertTrue(s.shouldLog(60 * SECOND));
    }
}
