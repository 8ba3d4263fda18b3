package io.netready.common.rtcp;

import static io.netready.common.rtcp.RtcpWire.APP;
import static io.netready.common.rtcp.RtcpWire.AUTH_APP_LENGTH;
import static io.netready.common.rtcp.RtcpWire.AUTH_NAME;
import static io.netready.common.rtcp.RtcpWire.AUTH_SUBTYPE;
import static io.netready.common.rtcp.RtcpWire.BLOCK_LENGTH;
import static io.netready.common.rtcp.RtcpWire.CNAME;
import static io.netready.common.rtcp.RtcpWire.HEADER_LENGTH;
import static io.netready.common.rtcp.RtcpWire.MAX_ITEM_LENGTH;
import static io.netready.common.rtcp.RtcpWire.RR;
import static io.netready.common.rtcp.RtcpWire.RR_FIXED_LENGTH;
import static io.netready.common.rtcp.RtcpWire.SDES;
import static io.netready.common.rtcp.RtcpWire.SR;
import static io.netready.common.rtcp.RtcpWire.SR_FIXED_LENGTH;
import static io.netready.common.rtcp.RtcpWire.VERSION;
import static io.netready.common.rtp.NetworkOrder.put32;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes one end's compound RTCP packet (RFC 3550 §6.1) into a caller-provided buffer without
 * allocating: an SR or RR with at most one report block, an SDES with this end's CNAME, and the
 * APP auth element (subtype 0, name "NRDY") with its session tag and MAC zeroed for
 * {@link RtcpAuth#sign} to fill.
 *
 * <p>The compound is written at the buffer's position, which advances past it; nothing is written
 * if it does not fit ({@link BufferOverflowException}). Never padded. Reusable; not thread-safe:
 * one instance per sending thread.
 */
public final class RtcpWriter {
    private final byte[] cname;
    private final int sdesLength;

    /**
     * @param cname this end's canonical name (§6.5.1), e.g. "agent@host"; 1..255 bytes of UTF-8
     */
    public RtcpWriter(String cname) {
        this.cname = cname.getBytes(StandardCharsets.UTF_8);
        if (this.cname.length == 0 || this.cname.length > MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("CNAME must be 1.." + MAX_ITEM_LENGTH
                    + " bytes of UTF-8, not " + this.cname.length);
        }
        // §6.5: header, SSRC, CNAME item (type, length, text), then one to four null octets up to
        // the next 32-bit boundary: a full word of them when the item ends on one.
        this.sdesLength = HEADER_LENGTH + 4 + ((2 + this.cname.length + 4) & ~3);
    }

    /** Size of the largest compound this writer produces: an SR with a report block. */
    public int maxLength() {
        return SR_FIXED_LENGTH + BLOCK_LENGTH + sdesLength + AUTH_APP_LENGTH;
    }

    /**
     * Writes SR + SDES + APP. The sender info (§6.4.1) is this end's own stream: the NTP and RTP
     * timestamps of the same instant, and the RTP packets and payload octets sent so far (low 32
     * bits written, as for {@code ssrc}).
     *
     * @param block the report on the stream received from the peer, or null before any arrived
     */
    public void writeSenderReport(ByteBuffer dst, long ssrc, long ntpTimestamp, long rtpTimestamp,
                                  long packetCount, long octetCount, ReportBlock block) {
        int reportLength = SR_FIXED_LENGTH + (block == null ? 0 : BLOCK_LENGTH);
        int at = reserve(dst, reportLength);
        header(dst, at, block == null ? 0 : 1, SR, reportLength);
        put32(dst, at + 4, ssrc);
        put32(dst, at + 8, ntpTimestamp >>> 32);
        put32(dst, at + 12, ntpTimestamp);
        put32(dst, at + 16, rtpTimestamp);
        put32(dst, at + 20, packetCount);
        put32(dst, at + 24, octetCount);
        writeRest(dst, at + SR_FIXED_LENGTH, ssrc, block);
    }

    /**
     * Writes RR + SDES + APP (§6.4.2), for an end that has sent no RTP since its last report.
     *
     * @param block the report on the stream received from the peer, or null before any arrived
     */
    public void writeReceiverReport(ByteBuffer dst, long ssrc, ReportBlock block) {
        int reportLength = RR_FIXED_LENGTH + (block == null ? 0 : BLOCK_LENGTH);
        int at = reserve(dst, reportLength);
        header(dst, at, block == null ? 0 : 1, RR, reportLength);
        put32(dst, at + 4, ssrc);
        writeRest(dst, at + RR_FIXED_LENGTH, ssrc, block);
    }

    private int reserve(ByteBuffer dst, int reportLength) {
        if (dst.remaining() < reportLength + sdesLength + AUTH_APP_LENGTH) {
            throw new BufferOverflowException();
        }
        return dst.position();
    }

    /** The report block if any, the SDES and the APP from {@code at}; moves the position past. */
    private void writeRest(ByteBuffer dst, int at, long ssrc, ReportBlock block) {
        if (block != null) {
            // §6.4.1: fraction lost (8 bits) and cumulative lost (24 bits, signed) share a word.
            put32(dst, at, block.ssrc);
            put32(dst, at + 4, (long) block.fractionLost << 24 | block.cumulativeLost & 0xFF_FFFF);
            put32(dst, at + 8, block.extendedHighestSeq);
            put32(dst, at + 12, block.jitter);
            put32(dst, at + 16, block.lastSr);
            put32(dst, at + 20, block.delaySinceLastSr);
            at += BLOCK_LENGTH;
        }
        header(dst, at, 1, SDES, sdesLength);
        put32(dst, at + 4, ssrc);
        dst.put(at + 8, (byte) CNAME);
        dst.put(at + 9, (byte) cname.length);
        dst.put(at + 10, cname);
        for (int i = at + 10 + cname.length; i < at + sdesLength; i++) {
            dst.put(i, (byte) 0);
        }
        at += sdesLength;

        header(dst, at, AUTH_SUBTYPE, APP, AUTH_APP_LENGTH);
        put32(dst, at + 4, ssrc);
        put32(dst, at + 8, AUTH_NAME);
        for (int i = at + 12; i < at + AUTH_APP_LENGTH; i++) {
            dst.put(i, (byte) 0);
        }
        dst.position(at + AUTH_APP_LENGTH);
    }

    /** §6.4.1 common header: V=2, P=0, a 5-bit count (or subtype), PT, length in words − 1. */
    private static void header(ByteBuffer dst, int at, int count, int type, int length) {
        put32(dst, at, (long) VERSION << 30 | count << 24 | type << 16 | (length / 4 - 1));
    }
}
