package io.netready.collector.media;

import java.util.Arrays;

/**
 * A fixed-size map from 32-bit SSRC to value: open addressing with linear probing over arrays,
 * so a lookup per packet neither boxes the key nor scans a session's calls. Holds at most the
 * capacity it was made for; not thread-safe.
 */
final class SsrcIndex<V> {

    private static final long EMPTY = -1;

    private final long[] keys;
    private final Object[] values;
    private final int mask;
    private final int capacity;
    private int size;

    /** @param capacity the most entries it will hold */
    SsrcIndex(int capacity) {
        // At most half full, so probes stay short.
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        this.keys = new long[slots];
        this.values = new Object[slots];
        this.mask = slots - 1;
        this.capacity = capacity;
        Arrays.fill(keys, EMPTY);
    }

    /** The value of {@code ssrc} (0 to 2^32 − 1), or null. */
    @SuppressWarnings("unchecked")
    V get(long ssrc) {
        for (int i = slot(ssrc); ; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                return (V) values[i];
            }
            if (keys[i] == EMPTY) {
                return null;
            }
        }
    }

    /** Adds or replaces the value of {@code ssrc}; the index must not be full. */
    void put(long ssrc, V value) {
        for (int i = slot(ssrc); ; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                values[i] = value;
                return;
            }
            if (keys[i] == EMPTY) {
                if (size == capacity) {
                    throw new IllegalStateException("SSRC index holds at most " + capacity + " entries");
                }
                keys[i] = ssrc;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    private int slot(long ssrc) {
        // SSRCs are random (RFC 3550 §8.1), so their low bits spread well; mix anyway against a
        // peer that picks them badly.
        long h = ssrc * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
