package io.netready.common.rtp;

import java.nio.ByteBuffer;

/**
 * Absolute big-endian (network byte order) access that ignores the buffer's own {@code order()},
 * so a caller that switched a buffer to little-endian cannot corrupt the wire format.
 */
public final class NetworkOrder {
    private NetworkOrder() {
    }

    public static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xFF;
    }

    public static int u16(ByteBuffer b, int index) {
        return u8(b, index) << 8 | u8(b, index + 1);
    }

    public static long u32(ByteBuffer b, int index) {
        return (long) u16(b, index) << 16 | u16(b, index + 2);
    }

    public static long s64(ByteBuffer b, int index) {
        return u32(b, index) << 32 | u32(b, index + 4);
    }

    public static void put16(ByteBuffer b, int index, int value) {
        b.put(index, (byte) (value >>> 8));
        b.put(index + 1, (byte) value);
    }

    public static void put32(ByteBuffer b, int index, long value) {
        put16(b, index, (int) (value >>> 16));
        put16(b, index + 2, (int) value);
    }

    public static void put64(ByteBuffer b, int index, long value) {
        put32(b, index, value >>> 32);
        put32(b, index + 4, value);
    }
}
