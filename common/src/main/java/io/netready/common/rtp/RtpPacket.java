package io.netready.common.rtp;

import static io.netready.common.rtp.NetworkOrder.u16;
import static io.netready.common.rtp.NetworkOrder.u32;
import static io.netready.common.rtp.NetworkOrder.u8;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A reusable, allocation-free view of one RTP packet (RFC 3550 §5.1) held in a {@link ByteBuffer}.
 *
 * <p>{@link #parse} reads the datagram between the buffer's position and limit without moving
 * either; the accessors are valid only after it returned {@link Status#OK} and only while the
 * buffer's bytes are unchanged. Offsets are absolute indexes into {@link #buffer()}. One-byte
 * header extension elements (RFC 8285 §4.2) are found by ID; other extension profiles are
 * skipped. Not thread-safe: one instance per thread.
 */
public final class RtpPacket {

    /** Outcome of {@link #parse}: {@code OK} or why the datagram is not a valid RTP packet. */
    public enum Status {
        OK,
        /** Fewer than the 12 bytes of the fixed header. */
        TOO_SHORT,
        /** V is not 2. */
        BAD_VERSION,
        /** The CSRC list (4 × CC bytes) runs past the end. */
        CSRC_PAST_END,
        /** The extension header or the length it declares runs past the end. */
        EXTENSION_PAST_END,
        /** A one-byte extension element runs past the end of the extension. */
        BAD_EXTENSION_ELEMENT,
        /** P is set but the padding count is 0 or larger than what follows the header. */
        BAD_PADDING
    }

    /** Length of the fixed header (RFC 3550 §5.1). */
    public static final int HEADER_LENGTH = 12;
    /** "defined by profile" value of the one-byte header form (RFC 8285 §4.2). */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Highest usable one-byte element ID; 15 is reserved (RFC 8285 §4.2). */
    static final int MAX_ELEMENT_ID = 14;
    private static final int RESERVED_ELEMENT_ID = 15;

    private final int[] elementOffset = new int[MAX_ELEMENT_ID + 1];
    private final int[] elementLength = new int[MAX_ELEMENT_ID + 1];
    private ByteBuffer buffer;
    private int offset;
    private int length;
    private boolean padding;
    private int csrcCount;
    private int extensionProfile;
    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /** Parses the datagram in {@code datagram}'s remaining bytes. Never throws on any content. */
    public Status parse(ByteBuffer datagram) {
        buffer = datagram;
        offset = datagram.position();
        length = datagram.remaining();
        extensionProfile = -1;
        Arrays.fill(elementOffset, -1);
        Arrays.fill(elementLength, 0);
        if (length < HEADER_LENGTH) {
            return Status.TOO_SHORT;
        }
        int b0 = u8(datagram, offset);
        if (b0 >>> 6 != 2) {
            return Status.BAD_VERSION;
        }
        padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        csrcCount = b0 & 0x0F;
        int b1 = u8(datagram, offset + 1);
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = u16(datagram, offset + 2);
        timestamp = u32(datagram, offset + 4);
        ssrc = u32(datagram, offset + 8);

        int end = offset + length;
        int at = offset + HEADER_LENGTH + 4 * csrcCount;
        if (at > end) {
            return Status.CSRC_PAST_END;
        }
        if (extension) {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the data.
            if (at + 4 > end) {
                return Status.EXTENSION_PAST_END;
            }
            int extensionEnd = at + 4 + 4 * u16(datagram, at + 2);
            if (extensionEnd > end) {
                return Status.EXTENSION_PAST_END;
            }
            extensionProfile = u16(datagram, at);
            if (extensionProfile == ONE_BYTE_PROFILE && !parseElements(at + 4, extensionEnd)) {
                return Status.BAD_EXTENSION_ELEMENT;
            }
            at = extensionEnd;
        }
        int paddingLength = 0;
        if (padding) {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            paddingLength = at < end ? u8(datagram, end - 1) : 0;
            if (paddingLength == 0 || paddingLength > end - at) {
                return Status.BAD_PADDING;
            }
        }
        payloadOffset = at;
        payloadLength = end - paddingLength - at;
        return Status.OK;
    }

    /** RFC 8285 §4.2 one-byte elements: 4-bit ID, 4-bit (length − 1), data. */
    private boolean parseElements(int from, int to) {
        int at = from;
        while (at < to) {
            int b = u8(buffer, at);
            int id = b >>> 4;
            if (id == 0) {            // padding byte
                at++;
                continue;
            }
            if (id == RESERVED_ELEMENT_ID) {  // stop; keep the elements before it
                return true;
            }
            int dataLength = (b & 0x0F) + 1;
            if (at + 1 + dataLength > to) {
                return false;
            }
            if (elementOffset[id] < 0) {
                elementOffset[id] = at + 1;
                elementLength[id] = dataLength;
            }
            at += 1 + dataLength;
        }
        return true;
    }

    /** The buffer last parsed. */
    public ByteBuffer buffer() { return buffer; }

    /** Index of the packet's first byte in {@link #buffer()}. */
    public int offset() { return offset; }

    /** Length of the whole datagram. */
    public int length() { return length; }

    public boolean padding() { return padding; }

    public int csrcCount() { return csrcCount; }

    /** The extension's 16-bit profile (0xBEDE for one-byte elements), or -1 without X. */
    public int extensionProfile() { return extensionProfile; }

    public boolean marker() { return marker; }

    public int payloadType() { return payloadType; }

    /** Sequence number, 0..65535. */
    public int sequence() { return sequence; }

    /** Timestamp, unsigned 32 bits. */
    public long timestamp() { return timestamp; }

    /** SSRC, unsigned 32 bits. */
    public long ssrc() { return ssrc; }

    /** Index of the payload's first byte in {@link #buffer()}. */
    public int payloadOffset() { return payloadOffset; }

    /** Payload length, padding excluded. */
    public int payloadLength() { return payloadLength; }

    /**
     * Index of the data of the first one-byte extension element with this ID, or -1 if the packet
     * has none (or the ID is not 1..14).
     */
    public int extensionOffset(int id) {
        return id >= 1 && id <= MAX_ELEMENT_ID ? elementOffset[id] : -1;
    }

    /** Data length (1..16) of the element with this ID, or 0 if absent. */
    public int extensionLength(int id) {
        return id >= 1 && id <= MAX_ELEMENT_ID ? elementLength[id] : 0;
    }
}
