package io.netready.common.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtcp.RtcpCompound.Status;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The compounds are laid out by hand from RFC 3550 §6.4.1, §6.4.2, §6.5 and §6.7. */
class RtcpCompoundTest {
    static final byte[] KEY = new byte[32];
    static final int TAG = 0x9ABCDEF0;  // negative as an int: read back unsigned
    static final long SSRC = 0x11223344L;
    /** 2026-01-01T00:00:00.5Z: 3976214400 s = 0xED003780 (see NtpTimeTest), fraction 1/2. */
    static final long NTP = 0xED00_3780_8000_0000L;

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (7 * i + 1);
        }
    }

    /** SR with one report block + SDES CNAME "agent@h" + APP NRDY; the MAC is left zero. */
    static final byte[] SR_COMPOUND = bytes(
            // SR header: V=2 P=0 RC=1 -> 0x81; PT 200; length 52 / 4 - 1 = 12
            0x81, 0xC8, 0x00, 0x0C,
            0x11, 0x22, 0x33, 0x44,   // SSRC of sender
            0xED, 0x00, 0x37, 0x80,   // NTP timestamp, integer part
            0x80, 0x00, 0x00, 0x00,   // NTP timestamp, fraction: 0.5 s
            0xCA, 0xFE, 0xBA, 0xBE,   // RTP timestamp
            0x00, 0x00, 0x01, 0xF4,   // sender's packet count: 500
            0x00, 0x01, 0x38, 0x80,   // sender's octet count: 80000 = 500 x 160
            // report block
            0x55, 0x66, 0x77, 0x88,   // SSRC_1, the source reported on
            0x33, 0xFF, 0xFF, 0xFD,   // fraction lost 51/256; cumulative lost -3 (24-bit)
            0x00, 0x01, 0x00, 0x03,   // extended highest sequence: 1 cycle, sequence 3
            0x00, 0x00, 0x00, 0x09,   // interarrival jitter: 9 timestamp units
            0x12, 0x34, 0x80, 0x00,   // LSR
            0x00, 0x01, 0x80, 0x00,   // DLSR: 1.5 s = 0x18000 / 65536
            // SDES header: V=2 P=0 SC=1 -> 0x81; PT 202; length 20 / 4 - 1 = 4
            0x81, 0xCA, 0x00, 0x04,
            0x11, 0x22, 0x33, 0x44,   // chunk SSRC
            0x01, 0x07, 'a', 'g',     // CNAME (1), 7 octets: "agent@h"
            'e', 'n', 't', '@',
            'h', 0x00, 0x00, 0x00,    // 2 + 7 = 9 octets of item: 3 nulls to the boundary
            // APP header: V=2 P=0 subtype 0 -> 0x80; PT 204; length 28 / 4 - 1 = 6
            0x80, 0xCC, 0x00, 0x06,
            0x11, 0x22, 0x33, 0x44,   // SSRC
            'N', 'R', 'D', 'Y',       // name
            0x9A, 0xBC, 0xDE, 0xF0,   // session tag
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);  // MAC, bytes 88..99

    /** RR with one block, CNAME "collector", from SSRC 0x55667788. */
    static final byte[] RR_COMPOUND = bytes(
            // RR header: V=2 P=0 RC=1 -> 0x81; PT 201; length 32 / 4 - 1 = 7
            0x81, 0xC9, 0x00, 0x07,
            0x55, 0x66, 0x77, 0x88,   // SSRC of packet sender
            0x11, 0x22, 0x33, 0x44,   // SSRC_1
            0x00, 0x00, 0x00, 0x00,   // nothing lost
            0x00, 0x00, 0xFF, 0xFF,   // extended highest sequence 65535
            0x00, 0x00, 0x00, 0x00,   // no jitter
            0x00, 0x00, 0x00, 0x00,   // no SR received: LSR 0
            0x00, 0x00, 0x00, 0x00,   // and DLSR 0
            // SDES: SC=1, length 20 / 4 - 1 = 4
            0x81, 0xCA, 0x00, 0x04,
            0x55, 0x66, 0x77, 0x88,
            0x01, 0x09, 'c', 'o',     // CNAME, 9 octets: "collector"
            'l', 'l', 'e', 'c',
            't', 'o', 'r', 0x00,      // 2 + 9 = 11 octets of item: 1 null
            // APP NRDY
            0x80, 0xCC, 0x00, 0x06,
            0x55, 0x66, 0x77, 0x88,
            'N', 'R', 'D', 'Y',
            0, 0, 0, 0,               // tag and MAC left for RtcpAuth
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static RtcpCompound parsed(byte[] datagram) {
        RtcpCompound compound = new RtcpCompound();
        assertEquals(Status.OK, compound.parse(ByteBuffer.wrap(datagram)));
        return compound;
    }

    /** The report block of SR_COMPOUND. */
    static ReportBlock handBlock() {
        ReportBlock block = new ReportBlock();
        block.ssrc = 0x55667788L;
        block.fractionLost = 51;
        block.cumulativeLost = -3;
        block.extendedHighestSeq = 0x0001_0003L;
        block.jitter = 9;
        block.lastSr = 0x1234_8000L;
        block.delaySinceLastSr = 0x0001_8000L;
        return block;
    }

    @Test
    void handBuiltSenderReportDecodes() {
        RtcpCompound compound = parsed(SR_COMPOUND);
        assertTrue(compound.isSenderReport());
        assertEquals(SSRC, compound.ssrc());
        assertEquals(NTP, compound.ntpTimestamp());
        assertEquals(0xCAFEBABEL, compound.rtpTimestamp());
        assertEquals(500, compound.senderPacketCount());
        assertEquals(80_000, compound.senderOctetCount());
        assertEquals(1, compound.reportCount());
        ReportBlock block = new ReportBlock();
        compound.reportBlock(0, block);
        assertEquals(0x55667788L, block.ssrc());
        assertEquals(51, block.fractionLost());
        assertEquals(-3, block.cumulativeLost());
        assertEquals(65_539, block.extendedHighestSeq());
        assertEquals(9, block.jitter());
        assertEquals(0x1234_8000L, block.lastSr());
        assertEquals(0x0001_8000L, block.delaySinceLastSr());
        assertThrows(IndexOutOfBoundsException.class, () -> compound.reportBlock(1, block));
        assertEquals("agent@h", compound.cname());
        assertEquals(0x9ABCDEF0L, RtcpAuth.sessionTag(compound));
    }

    @Test
    void writerProducesTheHandBuiltBytesAndAMacOverAllButItself() throws Exception {
        RtcpWriter writer = new RtcpWriter("agent@h");
        assertEquals(SR_COMPOUND.length, writer.maxLength());
        ByteBuffer buffer = ByteBuffer.allocate(writer.maxLength());
        writer.writeSenderReport(buffer, SSRC, NTP, 0xCAFEBABEL, 500, 80_000, handBlock());
        assertEquals(SR_COMPOUND.length, buffer.position());
        buffer.flip();
        RtcpCompound compound = new RtcpCompound();
        assertEquals(Status.OK, compound.parse(buffer));
        new RtcpAuth(KEY, TAG).sign(compound);

        byte[] written = Arrays.copyOf(buffer.array(), buffer.limit());
        assertArrayEquals(Arrays.copyOf(SR_COMPOUND, 88), Arrays.copyOf(written, 88));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        mac.update(written, 0, 88);
        assertArrayEquals(Arrays.copyOf(mac.doFinal(), 12), Arrays.copyOfRange(written, 88, 100));
    }

    @Test
    void receiverReportHasNoSenderInfo() {
        RtcpCompound compound = parsed(RR_COMPOUND);
        assertFalse(compound.isSenderReport());
        assertEquals(0x55667788L, compound.ssrc());
        assertEquals(0, compound.ntpTimestamp());
        assertEquals(0, compound.senderPacketCount());
        assertEquals(1, compound.reportCount());
        ReportBlock block = new ReportBlock();
        compound.reportBlock(0, block);
        assertEquals(SSRC, block.ssrc());
        assertEquals(0, block.cumulativeLost());
        assertEquals(65_535, block.extendedHighestSeq());
        assertEquals(0, block.lastSr());
        assertEquals("collector", compound.cname());

        ReportBlock written = new ReportBlock();
        written.ssrc = SSRC;
        written.extendedHighestSeq = 65_535;
        ByteBuffer buffer = ByteBuffer.allocate(200);
        new RtcpWriter("collector").writeReceiverReport(buffer, 0x55667788L, written);
        assertArrayEquals(RR_COMPOUND, Arrays.copyOf(buffer.array(), buffer.position()));
    }

    @Test
    void reportWithoutBlock() {
        // RR, RC=0, length 1: just the header and the SSRC; then SDES and APP.
        ByteBuffer buffer = ByteBuffer.allocate(200);
        new RtcpWriter("collector").writeReceiverReport(buffer, 0x55667788L, null);
        byte[] expected = new byte[RR_COMPOUND.length - 24];
        System.arraycopy(RR_COMPOUND, 32, expected, 8, expected.length - 8);
        System.arraycopy(bytes(0x80, 0xC9, 0x00, 0x01, 0x55, 0x66, 0x77, 0x88), 0, expected, 0, 8);
        assertArrayEquals(expected, Arrays.copyOf(buffer.array(), buffer.position()));
        assertEquals(0, parsed(expected).reportCount());
    }

    @Test
    void cnameItemIsNullPaddedToTheNextWordEvenOnABoundary() {
        // §6.5: item = type + length + text; at least one null octet, up to a 32-bit boundary.
        // CNAME octets -> item octets -> nulls -> SDES length (header 4 + SSRC 4 + item + nulls)
        int[][] cases = {
            {1, 3, 1, 12},
            {2, 4, 4, 16},   // item ends on the boundary: a whole word of nulls
            {3, 5, 3, 16},
            {5, 7, 1, 16},
            {6, 8, 4, 20},   // ditto
            {255, 257, 3, 268},
        };
        for (int[] c : cases) {
            String cname = "x".repeat(c[0]);
            RtcpWriter writer = new RtcpWriter(cname);
            ByteBuffer buffer = ByteBuffer.allocate(writer.maxLength());
            writer.writeReceiverReport(buffer, 7, null);
            int sdes = 8;   // after an RR without blocks
            assertEquals(c[3], buffer.position() - sdes - 28, cname);
            assertEquals(c[3] / 4 - 1, buffer.getShort(sdes + 2), cname);
            int nullsFrom = sdes + 8 + c[1];
            for (int i = nullsFrom; i < nullsFrom + c[2]; i++) {
                assertEquals(0, buffer.get(i), cname + " null " + i);
            }
            assertEquals((byte) 0x80, buffer.get(nullsFrom + c[2]), cname + ": APP follows");
            assertEquals(cname, parsed(Arrays.copyOf(buffer.array(), buffer.position())).cname());
        }
        assertThrows(IllegalArgumentException.class, () -> new RtcpWriter(""));
        assertThrows(IllegalArgumentException.class, () -> new RtcpWriter("x".repeat(256)));
    }

    @Test
    void writerNeedsRoomForTheWholeCompound() {
        RtcpWriter writer = new RtcpWriter("agent@h");
        ByteBuffer buffer = ByteBuffer.allocate(99);
        assertThrows(BufferOverflowException.class, () -> writer.writeSenderReport(
                buffer, SSRC, NTP, 0, 0, 0, handBlock()));
        assertEquals(0, buffer.position());
    }

    @Test
    void cnameOfAnotherSourceIsNotTheReporters() {
        byte[] datagram = SR_COMPOUND.clone();
        datagram[59] ^= 1;   // the SDES chunk's SSRC no longer matches the SR's
        assertNull(parsed(datagram).cname());
    }

    @Test
    void rtcpAndRtpAreToldApartByTheSecondByte() {
        // RFC 5761 §4: RTCP types 192..223; RTP's second byte is M | PT.
        assertTrue(RtcpCompound.isRtcp(ByteBuffer.wrap(SR_COMPOUND)));
        assertTrue(RtcpCompound.isRtcp(ByteBuffer.wrap(RR_COMPOUND)));
        for (int pt : new int[] {0, 9, 18, 111}) {
            assertFalse(RtcpCompound.isRtcp(ByteBuffer.wrap(bytes(0x90, pt))), "PT " + pt);
            assertFalse(RtcpCompound.isRtcp(ByteBuffer.wrap(bytes(0x90, 0x80 | pt))), "M " + pt);
        }
        assertFalse(RtcpCompound.isRtcp(ByteBuffer.wrap(bytes(0x81))));
    }
}
