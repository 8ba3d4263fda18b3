package io.netready.common.rtp;

import static io.netready.common.rtp.NetworkOrder.put16;
import static io.netready.common.rtp.NetworkOrder.put32;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes RTP packets into a caller-provided buffer without allocating. Per packet:
 * {@link #begin}, then any {@link #addExtension} calls, then {@link #endHeader}; the caller then
 * puts the payload at the buffer's position (e.g. with {@link ProbePayload#write}).
 *
 * <p>The packet is written at the buffer's position, which each step advances. P and CC are
 * always 0: a probe neither pads nor mixes. Too little room throws
 * {@link BufferOverflowException}. Reusable; not thread-safe: one instance per sending thread.
 */
public final class RtpWriter {
    private static final int ELEMENT_MAX_LENGTH = 16;

    private ByteBuffer dst;
    private int start;
    /** Index of the extension's profile word, or -1 while there is no extension. */
    private int extensionStart;
    private boolean headerOpen;

    /**
     * Writes the fixed header (RFC 3550 §5.1): V=2, P=0, X=0 until an extension is added, CC=0.
     * The low 16 bits of {@code sequence} and low 32 bits of {@code timestamp} and {@code ssrc}
     * are written.
     */
    public void begin(ByteBuffer dst, boolean marker, int payloadType, int sequence,
                      long timestamp, long ssrc) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (dst.remaining() < RtpPacket.HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        int at = dst.position();
        dst.put(at, (byte) 0x80);
        dst.put(at + 1, (byte) ((marker ? 0x80 : 0) | payloadType));
        put16(dst, at + 2, sequence);
        put32(dst, at + 4, timestamp);
        put32(dst, at + 8, ssrc);
        dst.position(at + RtpPacket.HEADER_LENGTH);
        this.dst = dst;
        this.start = at;
        this.extensionStart = -1;
        this.headerOpen = true;
    }

    /**
     * Appends a one-byte header extension element (RFC 8285 §4.2), opening the extension (X=1,
     * profile 0xBEDE) on the first call. The element's data is zeroed for the caller to fill.
     *
     * @param id     1..14
     * @param length data length, 1..16
     * @return index in the buffer of the element's first data byte
     */
    public int addExtension(int id, int length) {
        requireHeaderOpen();
        if (id < 1 || id > RtpPacket.MAX_ELEMENT_ID) {
            throw new IllegalArgumentException("one-byte element ID must be 1..14: " + id);
        }
        if (length < 1 || length > ELEMENT_MAX_LENGTH) {
            throw new IllegalArgumentException("one-byte element length must be 1..16: " + length);
        }
        if (extensionStart < 0) {
            if (dst.remaining() < 4) {
                throw new BufferOverflowException();
            }
            extensionStart = dst.position();
            put16(dst, extensionStart, RtpPacket.ONE_BYTE_PROFILE);
            dst.position(extensionStart + 4);        // length word is written by endHeader
            dst.put(start, (byte) (dst.get(start) | 0x10));
        }
        dst.put((byte) (id << 4 | (length - 1)));
        int dataStart = dst.position();
        zeroFill(length);
        return dataStart;
    }

    /**
     * Closes the header: zero-pads the extension to a 32-bit boundary (RFC 8285 §4.2) and writes
     * its length in words. The payload starts at the buffer's position afterwards.
     */
    public void endHeader() {
        requireHeaderOpen();
        if (extensionStart >= 0) {
            int dataLength = dst.position() - extensionStart - 4;
            zeroFill(-dataLength & 3);
            put16(dst, extensionStart + 2, (dataLength + 3) / 4);
        }
        headerOpen = false;
    }

    private void zeroFill(int count) {
        for (int i = 0; i < count; i++) {
            dst.put((byte) 0);
        }
    }

    private void requireHeaderOpen() {
        if (!headerOpen) {
            throw new IllegalStateException("call begin() first; the header is already closed");
        }
    }
}
