package io.netready.common.rtcp;

import static io.netready.common.rtcp.RtcpWire.APP;
import static io.netready.common.rtcp.RtcpWire.AUTH_APP_LENGTH;
import static io.netready.common.rtcp.RtcpWire.AUTH_NAME;
import static io.netready.common.rtcp.RtcpWire.AUTH_SUBTYPE;
import static io.netready.common.rtcp.RtcpWire.BLOCK_LENGTH;
import static io.netready.common.rtcp.RtcpWire.CNAME;
import static io.netready.common.rtcp.RtcpWire.HEADER_LENGTH;
import static io.netready.common.rtcp.RtcpWire.RR;
import static io.netready.common.rtcp.RtcpWire.RR_FIXED_LENGTH;
import static io.netready.common.rtcp.RtcpWire.SDES;
import static io.netready.common.rtcp.RtcpWire.SR;
import static io.netready.common.rtcp.RtcpWire.SR_FIXED_LENGTH;
import static io.netready.common.rtcp.RtcpWire.VERSION;
import static io.netready.common.rtp.NetworkOrder.u16;
import static io.netready.common.rtp.NetworkOrder.u32;
import static io.netready.common.rtp.NetworkOrder.u8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A reusable, allocation-free view of one compound RTCP packet (RFC 3550 §6.1) held in a
 * {@link ByteBuffer}: its leading SR or RR with the report blocks, the reporter's CNAME from the
 * SDES, and the NRDY APP auth element that {@link RtcpAuth} checks. Other packets (BYE, other
 * APPs, further RRs) are skipped.
 *
 * <p>{@link #parse} reads the datagram between the buffer's position and limit without moving
 * either; the accessors are valid only after it returned {@link Status#OK} and only while the
 * buffer's bytes are unchanged. Not thread-safe: one instance per thread.
 */
public final class RtcpCompound {

    /** Outcome of {@link #parse}: {@code OK} or why the datagram is not a valid compound. */
    public enum Status {
        OK,
        /** Fewer than the 4 bytes of one RTCP header. */
        TOO_SHORT,
        /** A packet's V is not 2 (A.2). */
        BAD_VERSION,
        /** The first packet is neither SR nor RR (A.2). */
        NOT_REPORT_FIRST,
        /** P is set on a packet other than the last, or its padding count is 0 or too large. */
        BAD_PADDING,
        /** The packets' lengths do not add up exactly to the datagram's (A.2). */
        BAD_LENGTH,
        /** The SR or RR is shorter than its sender info and report blocks. */
        BAD_REPORT,
        /** An SDES chunk or item runs past its packet (§6.5). */
        BAD_SDES
    }

    private ByteBuffer buffer;
    private int offset;
    private int length;
    private boolean senderReport;
    private long ssrc;
    private long ntpTimestamp;
    private long rtpTimestamp;
    private long senderPacketCount;
    private long senderOctetCount;
    private int reportCount;
    private int blocksOffset;
    private int cnameOffset;
    private int cnameLength;
    private int authOffset;

    /**
     * True if the datagram between position and limit is RTCP rather than RTP on a shared port
     * (RFC 5761 §4): its second byte, an RTCP packet type, is 192..223. Probe RTP payload types
     * never make the second byte fall there.
     */
    public static boolean isRtcp(ByteBuffer datagram) {
        if (datagram.remaining() < 2) {
            return false;
        }
        int type = u8(datagram, datagram.position() + 1);
        return type >= 192 && type <= 223;
    }

    /** Parses the datagram in {@code datagram}'s remaining bytes. Never throws on any content. */
    public Status parse(ByteBuffer datagram) {
        buffer = datagram;
        offset = datagram.position();
        length = datagram.remaining();
        cnameOffset = -1;
        cnameLength = 0;
        authOffset = -1;
        if (length < HEADER_LENGTH) {
            return Status.TOO_SHORT;
        }
        int end = offset + length;
        // RFC 3550 A.2: walk the packets by their lengths, which must end exactly at the end.
        for (int at = offset; at < end; ) {
            if (end - at < HEADER_LENGTH) {
                return Status.BAD_LENGTH;
            }
            int b0 = u8(buffer, at);
            int count = b0 & 0x1F;
            int type = u8(buffer, at + 1);
            if (b0 >>> 6 != VERSION) {
                return Status.BAD_VERSION;
            }
            if (at == offset && type != SR && type != RR) {
                return Status.NOT_REPORT_FIRST;
            }
            int packetEnd = at + 4 * (u16(buffer, at + 2) + 1);
            if (packetEnd > end) {
                return Status.BAD_LENGTH;
            }
            int bodyEnd = packetEnd;
            if ((b0 & 0x20) != 0) {
                // Only the last packet may pad; its last octet counts the padding, itself included.
                int padding = u8(buffer, packetEnd - 1);
                if (packetEnd != end || padding == 0 || padding > packetEnd - at - HEADER_LENGTH) {
                    return Status.BAD_PADDING;
                }
                bodyEnd -= padding;
            }
            Status status = Status.OK;
            if (at == offset) {
                status = parseReport(at, bodyEnd, type, count);
            } else if (type == SDES) {
                status = parseSdes(at, bodyEnd, count);
            } else if (type == APP && authOffset < 0 && count == AUTH_SUBTYPE
                    && bodyEnd - at == AUTH_APP_LENGTH && u32(buffer, at + 8) == AUTH_NAME) {
                authOffset = at + 12;
            }
            if (status != Status.OK) {
                return status;
            }
            at = packetEnd;
        }
        return Status.OK;
    }

    /** §6.4.1 SR / §6.4.2 RR: SSRC, the sender info for an SR, then the report blocks. */
    private Status parseReport(int at, int bodyEnd, int type, int count) {
        senderReport = type == SR;
        int fixedLength = senderReport ? SR_FIXED_LENGTH : RR_FIXED_LENGTH;
        if (bodyEnd - at < fixedLength + count * BLOCK_LENGTH) {
            return Status.BAD_REPORT;
        }
        ssrc = u32(buffer, at + 4);
        ntpTimestamp = senderReport ? u32(buffer, at + 8) << 32 | u32(buffer, at + 12) : 0;
        rtpTimestamp = senderReport ? u32(buffer, at + 16) : 0;
        senderPacketCount = senderReport ? u32(buffer, at + 20) : 0;
        senderOctetCount = senderReport ? u32(buffer, at + 24) : 0;
        reportCount = count;
        blocksOffset = at + fixedLength;
        return Status.OK;
    }

    /**
     * §6.5: {@code count} chunks, each an SSRC and items (type, length, text) ended by null
     * octets up to the next 32-bit boundary. Notes the CNAME of the reporter's chunk.
     */
    private Status parseSdes(int at, int bodyEnd, int count) {
        int chunk = at + HEADER_LENGTH;
        for (int c = 0; c < count; c++) {
            if (bodyEnd - chunk < 4) {
                return Status.BAD_SDES;
            }
            boolean reporter = u32(buffer, chunk) == ssrc;
            int item = chunk + 4;
            while (item < bodyEnd && u8(buffer, item) != 0) {
                if (bodyEnd - item < 2 || bodyEnd - item - 2 < u8(buffer, item + 1)) {
                    return Status.BAD_SDES;
                }
                if (reporter && cnameOffset < 0 && u8(buffer, item) == CNAME) {
                    cnameOffset = item + 2;
                    cnameLength = u8(buffer, item + 1);
                }
                item += 2 + u8(buffer, item + 1);
            }
            chunk = at + ((item + 1 - at + 3) & ~3);
            if (chunk > bodyEnd) {
                return Status.BAD_SDES;  // no null octet, or the padding runs past the packet
            }
        }
        return Status.OK;
    }

    /** True for an SR, which carries the sender info; false for an RR. */
    public boolean isSenderReport() { return senderReport; }

    /** SSRC of the reporter, unsigned 32 bits. */
    public long ssrc() { return ssrc; }

    /** The SR's 64-bit NTP timestamp (§4); 0 for an RR. */
    public long ntpTimestamp() { return ntpTimestamp; }

    /** The SR's RTP timestamp of the same instant, unsigned 32 bits; 0 for an RR. */
    public long rtpTimestamp() { return rtpTimestamp; }

    /** RTP packets the reporter sent, unsigned 32 bits; 0 for an RR. */
    public long senderPacketCount() { return senderPacketCount; }

    /** RTP payload octets the reporter sent, unsigned 32 bits; 0 for an RR. */
    public long senderOctetCount() { return senderOctetCount; }

    /** Report blocks in the leading SR or RR, 0..31. */
    public int reportCount() { return reportCount; }

    /**
     * Copies report block {@code index} of the leading SR or RR into {@code into}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < reportCount()}
     */
    public void reportBlock(int index, ReportBlock into) {
        int at = blocksOffset + BLOCK_LENGTH * Objects.checkIndex(index, reportCount);
        into.ssrc = u32(buffer, at);
        into.fractionLost = u8(buffer, at + 4);
        into.cumulativeLost = (int) u32(buffer, at + 4) << 8 >> 8;  // 24-bit two's complement
        into.extendedHighestSeq = u32(buffer, at + 8);
        into.jitter = u32(buffer, at + 12);
        into.lastSr = u32(buffer, at + 16);
        into.delaySinceLastSr = u32(buffer, at + 20);
    }

    /**
     * The reporter's CNAME: the first CNAME item of the first SDES chunk for its SSRC, decoded as
     * UTF-8; null if there is none. Allocates the string.
     */
    public String cname() {
        if (cnameOffset < 0) {
            return null;
        }
        byte[] bytes = new byte[cnameLength];
        buffer.get(cnameOffset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    ByteBuffer buffer() { return buffer; }

    int offset() { return offset; }

    int length() { return length; }

    /**
     * Index of the session tag in the first APP of subtype 0, name "NRDY" and exactly
     * {@link RtcpWire#AUTH_APP_LENGTH} bytes, followed by the MAC; -1 if there is none.
     */
    int authOffset() { return authOffset; }
}
