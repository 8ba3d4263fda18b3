package io.netready.common.rtcp;

import io.netready.common.rtp.PacketMac;

/**
 * RTCP wire constants (RFC 3550 §6) shared by the writer and the reader.
 */
final class RtcpWire {
    static final int VERSION = 2;
    /** V, P, count, PT and the length in 32-bit words minus one (§6.4.1). */
    static final int HEADER_LENGTH = 4;
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int APP = 204;
    /** §6.4.1: header, SSRC of sender, 20 bytes of sender info. */
    static final int SR_FIXED_LENGTH = 28;
    /** §6.4.2: header, SSRC of packet sender. */
    static final int RR_FIXED_LENGTH = 8;
    static final int BLOCK_LENGTH = 24;
    /** SDES item type of CNAME (§6.5.1). */
    static final int CNAME = 1;
    /** Longest SDES item text: its length is one octet (§6.5). */
    static final int MAX_ITEM_LENGTH = 255;

    /** APP subtype and name of the auth element (§6.7). */
    static final int AUTH_SUBTYPE = 0;
    static final long AUTH_NAME = 'N' << 24 | 'R' << 16 | 'D' << 8 | 'Y';
    static final int TAG_LENGTH = 4;
    /** The whole APP packet: header, SSRC, name, session tag, MAC. */
    static final int AUTH_APP_LENGTH = 12 + TAG_LENGTH + PacketMac.LENGTH;

    private RtcpWire() {
    }
}
