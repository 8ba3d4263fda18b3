package io.netready.collector.stun;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-source-IP limits of the STUN server (SPEC §4; the numbers are explained in
 * docs/collector.md, "STUN server"): a request rate, and a byte credit that is the only way an
 * answer may be larger than its request.
 *
 * <p>The table is bounded against spoofed sources: an entry idle for {@link #IDLE_EXPIRY_NANOS}
 * is removed, which gives nothing away because by then both of its buckets would be full again;
 * and at {@code maxSources} entries a new source shares one overflow entry that has a request
 * rate but no credit, so a table filled by an attacker costs legitimate clients their credit, not
 * the collector its memory.
 */
final class SourceLimits {

    /** Requests a source may send at once, and per second after that. */
    static final int REQUEST_BURST = 200;
    static final int REQUESTS_PER_SECOND = 50;
    /** Bytes an answer may exceed its request by, summed per source, refilled in five minutes. */
    static final int CREDIT_BYTES = 4096;
    static final long CREDIT_REFILL_SECONDS = 300;
    static final int MAX_SOURCES = 65_536;
    /** The longer of the two refill times: the credit's. */
    static final long IDLE_EXPIRY_NANOS = TimeUnit.SECONDS.toNanos(CREDIT_REFILL_SECONDS);
    /** The overflow entry stands for many sources, so it gets a larger request rate. */
    private static final int OVERFLOW_RATE_FACTOR = 10;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** The limits of one source IP. */
    final class Source {
        private final TokenBucket requests;
        private final TokenBucket credit;
        private long lastSeen;
        private long lastLogged;
        private boolean logged;

        private Source(int burst, int perSecond, int creditBytes, long now) {
            this.requests = new TokenBucket(burst, perSecond, now);
            this.credit = new TokenBucket(creditBytes, (double) creditBytes / CREDIT_REFILL_SECONDS, now);
            this.lastSeen = now;
        }

        /** Whether one more request from this source may be served now. */
        boolean takeRequest(long now) {
            synchronized (SourceLimits.this) {
                return requests.take(1, now);
            }
        }

        /** Spends credit for an answer {@code bytes} larger than its request; false if there is not enough. */
        boolean spendCredit(int bytes, long now) {
            synchronized (SourceLimits.this) {
                return credit.take(bytes, now);
            }
        }

        /** Whether a rate-limit drop from this source should be logged now: at most once a minute. */
        boolean shouldLog(long now) {
            synchronized (SourceLimits.this) {
                if (logged && now - lastLogged < LOG_INTERVAL_NANOS) {
                    return false;
                }
                logged = true;
                lastLogged = now;
                return true;
            }
        }
    }

    private final int maxSources;
    /** In access order, so the eldest entry is the one idle longest. */
    private final LinkedHashMap<InetAddress, Source> table = new LinkedHashMap<>(64, 0.75f, true);
    private final Source overflow;

    SourceLimits(int maxSources, long now) {
        this.maxSources = maxSources;
        this.overflow = new Source(REQUEST_BURST * OVERFLOW_RATE_FACTOR, REQUESTS_PER_SECOND * OVERFLOW_RATE_FACTOR,
                0, now);
    }

    /** The limits of {@code ip}: its own entry, or the shared overflow entry when the table is full. */
    synchronized Source of(InetAddress ip, long now) {
        expire(now);
        Source s = table.get(ip);
        if (s == null) {
            if (table.size() >= maxSources) {
                return overflow;
            }
            s = new Source(REQUEST_BURST, REQUESTS_PER_SECOND, CREDIT_BYTES, now);
            table.put(ip, s);
        }
        s.lastSeen = now;
        return s;
    }

    synchronized int size() {
        return table.size();
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<InetAddress, Source>> it = table.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue().lastSeen < IDLE_EXPIRY_NANOS) {
                return;
            }
            it.remove();
        }
    }
}
