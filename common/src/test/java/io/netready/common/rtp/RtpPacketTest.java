package io.netready.common.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtp.RtpPacket.Status;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    /*
     * RFC 3550 §5.1 fixed header, then an RFC 8285 §4.2 one-byte extension:
     *   byte 0  V=2 P=0 X=1 CC=0      10 0 1 0000        = 0x90
     *   byte 1  M=1 PT=18 (G.729)     1 0010010          = 0x92
     *   2..3    sequence 43981                           = 0xABCD
     *   4..7    timestamp 3735928559                     = 0xDEADBEEF
     *   8..11   SSRC                                     = 0x12345678
     *   12..15  profile 0xBEDE, length 2 (32-bit words)  = BE DE 00 02
     *   16..17  ID=1 L=0 (1 byte): 0001 0000 = 0x10, data 0x42
     *   18..22  ID=2 L=3 (4 bytes): 0010 0011 = 0x23, data 01 02 03 04
     *   23      padding to the word boundary             = 0x00
     *   24..27  payload                                  = F0 F1 F2 F3
     */
    static final byte[] PACKET = bytes(
            0x90, 0x92, 0xAB, 0xCD,
            0xDE, 0xAD, 0xBE, 0xEF,
            0x12, 0x34, 0x56, 0x78,
            0xBE, 0xDE, 0x00, 0x02,
            0x10, 0x42, 0x23, 0x01,
            0x02, 0x03, 0x04, 0x00,
            0xF0, 0xF1, 0xF2, 0xF3);

    @Test
    void decodesHandBuiltPacketAtAnyBufferPosition() {
        // Embedded at position 5 with trailing bytes past the limit: offsets are absolute.
        ByteBuffer buffer = ByteBuffer.allocate(40);
        buffer.position(5);
        buffer.put(PACKET);
        buffer.put(bytes(0x99, 0x99));
        buffer.position(5).limit(5 + PACKET.length);
        buffer.order(ByteOrder.LITTLE_ENDIAN);  // must not matter

        RtpPacket packet = new RtpPacket();
        assertEquals(Status.OK, packet.parse(buffer));
        assertEquals(5, buffer.position());
        assertEquals(5, packet.offset());
        assertEquals(28, packet.length());
        assertFalse(packet.padding());
        assertEquals(0, packet.csrcCount());
        assertEquals(0xBEDE, packet.extensionProfile());
        assertTrue(packet.marker());
        assertEquals(18, packet.payloadType());
        assertEquals(0xABCD, packet.sequence());
        assertEquals(0xDEADBEEFL, packet.timestamp());
        assertEquals(0x12345678L, packet.ssrc());
        assertEquals(5 + 17, packet.extensionOffset(1));
        assertEquals(1, packet.extensionLength(1));
        assertEquals(5 + 19, packet.extensionOffset(2));
        assertEquals(4, packet.extensionLength(2));
        assertEquals(-1, packet.extensionOffset(3));
        assertEquals(0, packet.extensionLength(3));
        assertEquals(-1, packet.extensionOffset(0));
        assertEquals(-1, packet.extensionOffset(15));
        assertEquals(5 + 24, packet.payloadOffset());
        assertEquals(4, packet.payloadLength());
    }

    @Test
    void encodesTheSameBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        RtpWriter writer = new RtpWriter();
        writer.begin(buffer, true, 18, 0xABCD, 0xDEADBEEFL, 0x12345678L);
        buffer.put(writer.addExtension(1, 1), (byte) 0x42);
        buffer.put(writer.addExtension(2, 4), bytes(1, 2, 3, 4));
        writer.endHeader();
        buffer.put(bytes(0xF0, 0xF1, 0xF2, 0xF3));
        buffer.flip();

        byte[] written = new byte[buffer.remaining()];
        buffer.get(written);
        assertArrayEquals(PACKET, written);
    }

    @Test
    void writerWithoutExtensionsWritesBareHeader() {
        ByteBuffer buffer = ByteBuffer.allocate(12);
        RtpWriter writer = new RtpWriter();
        // sequence and timestamp keep their low bits: 65536 + 7 -> 7, 2^32 + 9 -> 9
        writer.begin(buffer, false, 0, 65536 + 7, (1L << 32) + 9, 0xFFFFFFFFL);
        writer.endHeader();
        assertArrayEquals(bytes(0x80, 0x00, 0x00, 0x07, 0, 0, 0, 9, 0xFF, 0xFF, 0xFF, 0xFF),
                buffer.array());
    }

    @Test
    void writerRejectsMisuse() {
        RtpWriter writer = new RtpWriter();
        assertThrows(IllegalArgumentException.class,
                () -> writer.begin(ByteBuffer.allocate(64), false, 128, 0, 0, 0));
        assertThrows(BufferOverflowException.class,
                () -> writer.begin(ByteBuffer.allocate(11), false, 0, 0, 0, 0));
        writer.begin(ByteBuffer.allocate(64), false, 0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> writer.addExtension(15, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.addExtension(1, 17));
        writer.endHeader();
        assertThrows(IllegalStateException.class, () -> writer.addExtension(1, 1));
    }

    @Test
    void decodesCsrcListAndPadding() {
        /*
         * byte 0  V=2 P=1 X=0 CC=2   10 1 0 0010 = 0xA2;  byte 1  M=0 PT=0 = 0x00
         * seq 1, timestamp 160, SSRC 1, CSRCs 0x11111111 0x22222222,
         * payload AA BB, padding 00 00 03 (the last octet counts itself: 3)
         */
        RtpPacket packet = new RtpPacket();
        assertEquals(Status.OK, packet.parse(ByteBuffer.wrap(bytes(
                0xA2, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x01,
                0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
                0xAA, 0xBB, 0x00, 0x00, 0x03))));
        assertTrue(packet.padding());
        assertEquals(2, packet.csrcCount());
        assertEquals(-1, packet.extensionProfile());
        assertFalse(packet.marker());
        assertEquals(0, packet.payloadType());
        assertEquals(1, packet.sequence());
        assertEquals(160, packet.timestamp());
        assertEquals(20, packet.payloadOffset());
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void decodesRfc8285OneByteExample() {
        /*
         * RFC 8285 §4.2 example layout, length=3 words:
         *   ID=1 L=0 data | ID=2 L=1 data data | 0 (pad) 0 (pad) | ID=3 L=3 data x4
         */
        RtpPacket packet = new RtpPacket();
        assertEquals(Status.OK, packet.parse(ByteBuffer.wrap(bytes(
                0x90, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1,
                0xBE, 0xDE, 0x00, 0x03,
                0x10, 0xA1, 0x21, 0xB1,
                0xB2, 0x00, 0x00, 0x33,
                0xC1, 0xC2, 0xC3, 0xC4,
                0x55))));
        assertEquals(17, packet.extensionOffset(1));
        assertEquals(1, packet.extensionLength(1));
        assertEquals(19, packet.extensionOffset(2));
        assertEquals(2, packet.extensionLength(2));
        assertEquals(24, packet.extensionOffset(3));
        assertEquals(4, packet.extensionLength(3));
        assertEquals(28, packet.payloadOffset());
        assertEquals(1, packet.payloadLength());
    }

    @Test
    void stopsAtReservedId15AndSkipsOtherProfiles() {
        RtpPacket packet = new RtpPacket();
        // ID=1 L=0 0xA1, then ID=15: the rest of the extension is ignored (RFC 8285 §4.2).
        assertEquals(Status.OK, packet.parse(ByteBuffer.wrap(bytes(
                0x90, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1,
                0xBE, 0xDE, 0x00, 0x01, 0x10, 0xA1, 0xFF, 0x2F))));
        assertEquals(17, packet.extensionOffset(1));
        assertEquals(-1, packet.extensionOffset(2));
        // Two-byte form profile 0x1000 (RFC 8285 §4.3): skipped, no one-byte elements.
        assertEquals(Status.OK, packet.parse(ByteBuffer.wrap(bytes(
                0x90, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1,
                0x10, 0x00, 0x00, 0x01, 0x01, 0x01, 0xA1, 0x00))));
        assertEquals(0x1000, packet.extensionProfile());
        assertEquals(-1, packet.extensionOffset(1));
        assertEquals(20, packet.payloadOffset());
    }

    @Test
    void rejectsMalformedInputWithReason() {
        assertEquals(Status.TOO_SHORT, parse());
        assertEquals(Status.TOO_SHORT, parse(0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        // V=1 and V=3
        assertEquals(Status.BAD_VERSION, parse(0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(Status.BAD_VERSION, parse(0xC0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        // CC=15 needs 60 more bytes
        assertEquals(Status.CSRC_PAST_END, parse(0x8F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4));
        // X=1 without room for the extension header
        assertEquals(Status.EXTENSION_PAST_END, parse(0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE));
        // extension declares 16 words, has 1
        assertEquals(Status.EXTENSION_PAST_END,
                parse(0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0x00, 0x10, 0x10, 1, 0, 0));
        // ID=1 L=15 (16 data bytes) in a 4-byte extension
        assertEquals(Status.BAD_EXTENSION_ELEMENT,
                parse(0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0x00, 0x01, 0x1F, 1, 2, 3));
        // P=1 with count 0, with count past the header, and with no byte to hold the count
        assertEquals(Status.BAD_PADDING, parse(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0));
        assertEquals(Status.BAD_PADDING, parse(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 3));
        assertEquals(Status.BAD_PADDING, parse(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void everyTruncationIntoTheHeaderIsRejected() {
        for (int length = 0; length < 24; length++) {  // 24 = header + extension
            assertNotEquals(Status.OK, parse(Arrays.copyOf(PACKET, length)), "length " + length);
        }
        assertEquals(Status.OK, parse(Arrays.copyOf(PACKET, 24)));
    }

    @Test
    void randomAndMutatedInputNeverThrows() {
        Random random = new Random(20240611);
        RtpPacket packet = new RtpPacket();
        for (int i = 0; i < 200_000; i++) {
            byte[] data;
            if (i % 2 == 0) {
                data = new byte[random.nextInt(64)];
                random.nextBytes(data);
                if (data.length > 0 && random.nextBoolean()) {
                    data[0] = (byte) (0x80 | data[0] & 0x3F);  // get past the version check
                }
            } else {
                data = PACKET.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                }
                data = Arrays.copyOf(data, random.nextInt(data.length + 1));
            }
            ByteBuffer buffer = ByteBuffer.wrap(data);
            if (packet.parse(buffer) == Status.OK) {
                assertTrue(packet.payloadOffset() >= RtpPacket.HEADER_LENGTH);
                assertTrue(packet.payloadLength() >= 0);
                assertTrue(packet.payloadOffset() + packet.payloadLength() <= data.length);
                for (int id = 1; id <= 14; id++) {
                    int at = packet.extensionOffset(id);
                    assertTrue(at < 0 || at + packet.extensionLength(id) <= packet.payloadOffset());
                }
            }
        }
    }

    private static Status parse(int... data) {
        return parse(bytes(data));
    }

    private static Status parse(byte[] data) {
        return new RtpPacket().parse(ByteBuffer.wrap(data));
    }

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }
}
