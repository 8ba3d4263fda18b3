package io.netready.common.rtp;

/**
 * Per-packet authentication of probe RTP, so that the collector's media reflector serves only
 * packets of open sessions.
 *
 * <p>Each packet carries one RFC 8285 §4.2 one-byte extension element with ID
 * {@value #EXTENSION_ID} and {@value #ELEMENT_LENGTH} bytes: the 4-byte session tag, which lets
 * the receiver find the session key, then the first 12 bytes of HMAC-SHA256 (RFC 2104) keyed with
 * the session key ({@link PacketMac}). The MAC covers every byte of the datagram except the 12 MAC
 * bytes themselves: the fixed header, the extension (session tag included) and the payload, so no
 * bit goes unauthenticated.
 *
 * <p>Signing and verifying allocate nothing. Not thread-safe: use one instance per sending or
 * receiving thread.
 */
public final class RtpAuth {
    /** One-byte extension element ID carrying the tag and MAC. */
    public static final int EXTENSION_ID = 1;
    /** Data length of that element: 4-byte session tag + 12-byte truncated MAC. */
    public static final int ELEMENT_LENGTH = 16;
    /** What {@link #sessionTag(RtpPacket)} returns for a packet without the element. */
    public static final long NO_TAG = -1;

    private static final int TAG_LENGTH = ELEMENT_LENGTH - PacketMac.LENGTH;

    private final PacketMac mac;
    private final long sessionTag;

    /**
     * @param sessionKey 16 or 32 random bytes (copied)
     * @param sessionTag the 4-byte tag the session's packets carry
     */
    public RtpAuth(byte[] sessionKey, int sessionTag) {
        this.mac = new PacketMac(sessionKey);
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
        mac.sign(packet.buffer(), packet.offset(), packet.offset() + packet.length(),
                at + TAG_LENGTH);
    }

    /**
     * True if the packet carries this session's tag and a valid MAC. The MAC comparison takes
     * the same time wherever the first difference is.
     */
    public boolean verify(RtpPacket packet) {
        return sessionTag(packet) == sessionTag && mac.verify(packet.buffer(), packet.offset(),
                packet.offset() + packet.length(), elementOffset(packet) + TAG_LENGTH);
    }

    private static int elementOffset(RtpPacket packet) {
        return packet.extensionLength(EXTENSION_ID) == ELEMENT_LENGTH
                ? packet.extensionOffset(EXTENSION_ID) : -1;
    }
}
