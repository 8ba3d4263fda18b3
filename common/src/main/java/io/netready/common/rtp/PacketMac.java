package io.netready.common.rtp;

import java.nio.ByteBuffer;

/**
 * The MAC that authenticates probe RTP ({@link RtpAuth}) and RTCP: the first {@value #LENGTH}
 * bytes of HMAC-SHA256 (RFC 2104) keyed with the session key, computed over a datagram's bytes
 * except the {@value #LENGTH} MAC bytes themselves, so that no other bit goes unauthenticated.
 *
 * <p>The HMAC ({@link Hmac256}) and a scratch array are reused, so signing and verifying allocate
 * nothing.
 * Both leave the buffer's position and limit as they were. Not thread-safe: use one instance per
 * sending or receiving thread.
 */
public final class PacketMac {
    /** Bytes of the truncated MAC. */
    public static final int LENGTH = 12;

    private final Hmac256 mac;
    private final byte[] computed = new byte[Hmac256.OUTPUT_LENGTH];

    /** @param sessionKey 16 or 32 random bytes (copied) */
    public PacketMac(byte[] sessionKey) {
        if (sessionKey.length != 16 && sessionKey.length != 32) {
            throw new IllegalArgumentException("session key must be 16 or 32 bytes, not "
                    + sessionKey.length);
        }
        mac = new Hmac256(sessionKey);
    }

    /**
     * Writes at {@code macAt} the MAC of the bytes {@code from} (inclusive) to {@code to}
     * (exclusive) of {@code buffer}, the MAC field {@code macAt .. macAt + LENGTH} excluded.
     *
     * @throws IllegalArgumentException if the MAC field is not inside {@code from .. to}
     */
    public void sign(ByteBuffer buffer, int from, int to, int macAt) {
        compute(buffer, from, to, macAt);
        buffer.put(macAt, computed, 0, LENGTH);
    }

    /**
     * True if the {@value #LENGTH} bytes at {@code macAt} are the MAC of that region, as
     * {@link #sign} writes it. The comparison takes the same time wherever the first difference is.
     *
     * @throws IllegalArgumentException if the MAC field is not inside {@code from .. to}
     */
    public boolean verify(ByteBuffer buffer, int from, int to, int macAt) {
        compute(buffer, from, to, macAt);
        int difference = 0;
        for (int i = 0; i < LENGTH; i++) {
            difference |= computed[i] ^ buffer.get(macAt + i);
        }
        return difference == 0;
    }

    /** HMAC over {@code from .. to} minus the MAC field, into {@link #computed}. */
    private void compute(ByteBuffer buffer, int from, int to, int macAt) {
        if (from < 0 || macAt < from || macAt + LENGTH > to) {
            throw new IllegalArgumentException("MAC at " + macAt + " is not inside " + from + ".."
                    + to);
        }
        int position = buffer.position();
        int limit = buffer.limit();
        try {
            update(buffer, from, macAt);
            update(buffer, macAt + LENGTH, to);
            mac.doFinal(computed);
        } finally {
            buffer.limit(limit);
            buffer.position(position);
        }
    }

    private void update(ByteBuffer buffer, int from, int to) {
        buffer.limit(to);
        buffer.position(from);
        mac.update(buffer);
    }
}
