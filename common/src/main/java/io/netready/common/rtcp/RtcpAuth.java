package io.netready.common.rtcp;

import io.netready.common.rtp.NetworkOrder;

import static io.netready.common.rtcp.RtcpWire.TAG_LENGTH;

import io.netready.common.rtp.PacketMac;

/**
 * Authentication of probe RTCP, as {@code RtpAuth} does for RTP: the compound's NRDY APP packet
 * (RFC 3550 §6.7) carries the 4-byte session tag, which lets the receiver find the session key,
 * then a {@link PacketMac} over every byte of the compound except the MAC itself.
 *
 * <p>Signing and verifying allocate nothing. Not thread-safe: use one instance per sending or
 * receiving thread.
 */
public final class RtcpAuth {
    /** What {@link #sessionTag(RtcpCompound)} returns for a compound without the element. */
    public static final long NO_TAG = -1;

    private final PacketMac mac;
    private final long sessionTag;

    /**
     * @param sessionKey 16 or 32 random bytes (copied), the same as the session's RTP
     * @param sessionTag the 4-byte tag the session's packets carry
     */
    public RtcpAuth(byte[] sessionKey, int sessionTag) {
        this.mac = new PacketMac(sessionKey);
        this.sessionTag = Integer.toUnsignedLong(sessionTag);
    }

    /**
     * The session tag of a parsed compound, read before its key is known, as an unsigned 32-bit
     * value; {@link #NO_TAG} if it has no NRDY auth element.
     */
    public static long sessionTag(RtcpCompound compound) {
        int at = compound.authOffset();
        return at < 0 ? NO_TAG : NetworkOrder.u32(compound.buffer(), at);
    }

    /**
     * Fills the compound's auth element (as {@link RtcpWriter} leaves it) with the session tag
     * and the MAC. Call on the parsed compound once every other byte is final.
     *
     * @throws IllegalArgumentException if the compound has no auth element
     */
    public void sign(RtcpCompound compound) {
        int at = compound.authOffset();
        if (at < 0) {
            throw new IllegalArgumentException("compound has no NRDY auth element");
        }
        NetworkOrder.put32(compound.buffer(), at, sessionTag);
        mac.sign(compound.buffer(), compound.offset(), compound.offset() + compound.length(),
                at + TAG_LENGTH);
    }

    /**
     * True if the compound carries this session's tag and a valid MAC. The MAC comparison takes
     * the same time wherever the first difference is.
     */
    public boolean verify(RtcpCompound compound) {
        return sessionTag(compound) == sessionTag && mac.verify(compound.buffer(),
                compound.offset(), compound.offset() + compound.length(),
                compound.authOffset() + TAG_LENGTH);
    }
}
