package io.netready.common.rtp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-packet authentication of probe RTP, so that the collector's media reflector serves only
 * packets of open sessions.
 *
 * <p>Each packet carries one RFC 8285 §4.2 one-byte extension element with ID
 * {@value #EXTENSION_ID} and {@value #ELEMENT_LENGTH} bytes: the 4-byte session tag, which lets
 * the receiver find the session key, then the first 12 bytes of HMAC-SHA256 (RFC 2104) keyed with
 * the session key. The MAC covers every byte of the datagram except the 12 MAC bytes themselves:
 * the fixed header, the extension (session tag included) and the payload, so no bit goes
 * unauthenticated.
 *
 * <p>The {@link Mac} and a scratch array are reused, so signing and verifying allocate nothing.
 * Not thread-safe: use one instance per sending or receiving thread.
 */
public final class RtpAuth {
    /** One-byte extension element ID carrying the tag and MAC. */
    public static final int EXTENSION_ID = 1;
    /** Data length of that element: 4-byte session tag + 12-byte truncated MAC. */
    public static final int ELEMENT_LENGTH = 16;
    /** What {@link #sessionTag(RtpPacket)} returns for a packet without the element. */
    public static final long NO_TAG = -1;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int TAG_LENGTH = 4;
    private static final int MAC_LENGTH = ELEMENT_LENGTH - TAG_LENGTH;

    private final Mac mac;
    private final long sessionTag;
    private final byte[] computed = new byte[32];

    /**
     * @param sessionKey 16 or 32 random bytes (copied)
     * @param sessionTag the 4-byte tag the session's packets carry
     */
    public RtpAuth(byte[] sessionKey, int sessionTag) {
        if (sessionKey.length != 16 && sessionKey.length != 32) {
            throw new IllegalArgumentException("session key must be 16 or 32 bytes, not "
                    + sessionKey.length);
        }
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(sessionKey, ALGORITHM));
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256.
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
        this.sessionTag = Integer.toUnsignedLong(sessionTag);
    }

    /**
     * The session tag of a parsed packet, read before its key is known, as an unsigned 32-bit
     * value; {@link #NO_TAG} if the packet lacks a {@value #ELEMENT_LENGTH}-byte element
     * {@value #EXTENSION_ID}.
     */
    public static long sessionTag(RtpPacket packet) {
        int at = elementOffset(packet);
        return at < 0 ? NO_TAG : NetworkOrder.u32(packet.buffer(), at);
    }

    /**
     * Fills the packet's auth element (written by the sender with
     * {@code RtpWriter.addExtension(EXTENSION_ID, ELEMENT_LENGTH)}) with the session tag and the
     * MAC. Call last, once the payload is in place.
     *
     * @throws IllegalArgumentException if the packet has no such element
     */
    public void sign(RtpPacket packet) {
        int at = elementOffset(packet);
        if (at < 0) {
            throw new IllegalArgumentException("packet has no " + ELEMENT_LENGTH
                    + "-byte extension element " + EXTENSION_ID);
        }
        NetworkOrder.put32(packet.buffer(), at, sessionTag);
        computeMac(packet, at + TAG_LENGTH);
        packet.buffer().put(at + TAG_LENGTH, computed, 0, MAC_LENGTH);
    }

    /**
     * True if the packet carries this session's tag and a valid MAC. The MAC comparison takes
     * the same time wherever the first difference is.
     */
    public boolean verify(RtpPacket packet) {
        if (sessionTag(packet) != sessionTag) {
            return false;
        }
        int macAt = elementOffset(packet) + TAG_LENGTH;
        computeMac(packet, macAt);
        ByteBuffer buffer = packet.buffer();
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++) {
            difference |= computed[i] ^ buffer.get(macAt + i);
        }
        return difference == 0;
    }

    private static int elementOffset(RtpPacket packet) {
        return packet.extensionLength(EXTENSION_ID) == ELEMENT_LENGTH
                ? packet.extensionOffset(EXTENSION_ID) : -1;
    }

    /** HMAC over the datagram minus the MAC bytes at {@code macAt}, into {@link #computed}. */
    private void computeMac(RtpPacket packet, int macAt) {
        ByteBuffer buffer = packet.buffer();
        int position = buffer.position();
        int limit = buffer.limit();
        try {
            update(buffer, packet.offset(), macAt);
            update(buffer, macAt + MAC_LENGTH, packet.offset() + packet.length());
            mac.doFinal(computed, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("a SHA-256 output fits in 32 bytes", e);
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
