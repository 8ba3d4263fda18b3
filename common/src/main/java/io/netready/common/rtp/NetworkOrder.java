package io.netready.common.rtp;

import java.nio.ByteBuffer;

/**
 * Absolute big-endian (network byte order) access that ignores the buffer's own {@code order()},
 * so a caller that switched a buffer to little-endian cannot corrupt the wire format.
 */
final class NetworkOrder {
    private NetworkOrder() {
    }

    static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xFF;
    }

    static int u16(ByteBuffer b, int index) {
        return u8(b, index) << 8 | u8(b, index + 1);
    }

    static long u32(ByteBuffer b, int index) {
        return (long) u16(b, index) << 16 | u16(b, index + 2);
    }

    static long s64(ByteBuffer b, int index) {
        return u32(b, index) << 32 | u32(b, index + 4);
    }

    static void put16(ByteBuffer b, int index, int value) {
        b.put(index, (byte) (value >>> 8));
        b.put(index + 1, (byte) value);
    }

    static void put32(ByteBuffer b, int index, long value) {
        put16(b, index, (int) (value >>> 16));
        put16(b, index + 2, (int) value);
    }

    static void put64(ByteBuffer b, int index, long value) {
        put32(b, index, value >>> 32);
        put32(b, index + 4, value);
    }
}
