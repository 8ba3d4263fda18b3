package io.netready.common.rtcp;

import static io.netready.common.rtcp.RtcpCompoundTest.KEY;
import static io.netready.common.rtcp.RtcpCompoundTest.SR_COMPOUND;
import static io.netready.common.rtcp.RtcpCompoundTest.TAG;
import static io.netready.common.rtcp.RtcpCompoundTest.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtcp.RtcpCompound.Status;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 3550 Appendix A.2 validity checks, on SR_COMPOUND (SR 0..51, SDES 52..71, APP 72..99). */
class MalformedRtcpTest {

    private static Status parse(byte[] datagram) {
        return new RtcpCompound().parse(ByteBuffer.wrap(datagram));
    }

    private static byte[] withByte(int index, int value) {
        byte[] datagram = SR_COMPOUND.clone();
        datagram[index] = (byte) value;
        return datagram;
    }

    @Test
    void versionMustBe2InEveryPacket() {
        assertEquals(Status.BAD_VERSION, parse(withByte(0, 0x41)));    // V=1, RC=1
        assertEquals(Status.BAD_VERSION, parse(withByte(0, 0xC1)));    // V=3
        assertEquals(Status.BAD_VERSION, parse(withByte(72, 0x40)));   // the APP's V=1
    }

    @Test
    void firstPacketMustBeSrOrRr() {
        // SDES, APP, BYE (203) first; the SDES + APP tail alone
        assertEquals(Status.NOT_REPORT_FIRST, parse(withByte(1, 202)));
        assertEquals(Status.NOT_REPORT_FIRST, parse(withByte(1, 204)));
        assertEquals(Status.NOT_REPORT_FIRST, parse(withByte(1, 203)));
        assertEquals(Status.NOT_REPORT_FIRST, parse(Arrays.copyOfRange(SR_COMPOUND, 52, 100)));
    }

    @Test
    void onlyTheLastPacketMayPad() {
        assertEquals(Status.BAD_PADDING, parse(withByte(0, 0xA1)));    // P on the SR
        assertEquals(Status.BAD_PADDING, parse(withByte(52, 0xA1)));   // P on the SDES

        // P on the APP, one word longer (length 7), ending in the padding count 4: accepted.
        byte[] padded = Arrays.copyOf(SR_COMPOUND, 104);
        padded[72] = (byte) 0xA0;
        padded[75] = 7;
        padded[103] = 4;
        RtcpCompound compound = new RtcpCompound();
        assertEquals(Status.OK, compound.parse(ByteBuffer.wrap(padded)));
        assertEquals(TAG & 0xFFFF_FFFFL, RtcpAuth.sessionTag(compound));

        padded[103] = 0;     // a count of 0 is no padding
        assertEquals(Status.BAD_PADDING, parse(padded));
        padded[103] = 29;    // more than the 28 octets after the APP's header
        assertEquals(Status.BAD_PADDING, parse(padded));
    }

    @Test
    void lengthsMustAddUpToTheDatagram() {
        assertEquals(Status.BAD_LENGTH, parse(withByte(75, 7)));       // APP runs past the end
        assertEquals(Status.BAD_LENGTH, parse(withByte(3, 25)));       // SR claims 104 octets
        assertEquals(Status.BAD_LENGTH, parse(Arrays.copyOf(SR_COMPOUND, 103)));  // 3 octets over
        assertEquals(Status.BAD_VERSION, parse(Arrays.copyOf(SR_COMPOUND, 104))); // a zero word
        // APP one word short: its MAC's last word is read as a header with V=0
        assertEquals(Status.BAD_VERSION, parse(withByte(75, 5)));
    }

    @Test
    void reportMustHoldItsSenderInfoAndBlocks() {
        assertEquals(Status.BAD_REPORT, parse(withByte(0, 0x82)));     // RC=2 in 52 octets
        assertEquals(Status.BAD_REPORT, parse(bytes(0x80, 0xC9, 0x00, 0x00)));  // RR without SSRC
        // An SR of RC=1 cut to 48 octets (length 11): the rest is then read as the next packet,
        // but the short report is caught first.
        assertEquals(Status.BAD_REPORT, parse(withByte(3, 11)));
    }

    @Test
    void sdesItemsMustFitTheirPacket() {
        assertEquals(Status.BAD_SDES, parse(withByte(61, 11)));   // CNAME of 11 in a 10-octet room
        assertEquals(Status.BAD_SDES, parse(withByte(52, 0x82))); // SC=2, no room for a chunk
        byte[] unterminated = SR_COMPOUND.clone();
        // CNAME of 10: "agent@h" and its 3 nulls as text, then no null octet before the end
        unterminated[61] = 10;
        assertEquals(Status.BAD_SDES, parse(unterminated));
    }

    @Test
    void truncatedCompoundsFailOrLoseTheAuthElement() {
        RtcpCompound compound = new RtcpCompound();
        for (int length = 0; length < SR_COMPOUND.length; length++) {
            Status status = compound.parse(ByteBuffer.wrap(SR_COMPOUND, 0, length));
            if (length < 4) {
                assertEquals(Status.TOO_SHORT, status, "length " + length);
            } else if (length == 52 || length == 72) {
                // ends on a packet boundary: a valid compound (SR; SR + SDES) without the APP
                assertEquals(Status.OK, status);
                assertEquals(RtcpAuth.NO_TAG, RtcpAuth.sessionTag(compound));
            } else {
                assertTrue(status == Status.BAD_LENGTH || status == Status.BAD_REPORT,
                        "length " + length + ": " + status);
            }
        }
    }

    @Test
    void randomAndBitFlippedInputsNeverThrow() {
        Random random = new Random(3550);
        byte[] signed = RtcpAuthTest.signed(SR_COMPOUND);
        RtcpCompound compound = new RtcpCompound();
        ReportBlock block = new ReportBlock();
        RtcpAuth auth = new RtcpAuth(KEY, TAG);
        int ok = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = Arrays.copyOf(signed, random.nextInt(signed.length + 8));
                for (int flips = 1 + random.nextInt(3); flips > 0 && input.length > 0; flips--) {
                    int bit = random.nextInt(8 * input.length);
                    input[bit / 8] ^= (byte) (1 << bit % 8);
                }
            } else {
                input = new byte[random.nextInt(120)];
                random.nextBytes(input);
                if (input.length > 1 && random.nextBoolean()) {
                    input[0] = (byte) (0x80 | input[0] & 0x3F);    // V=2
                    input[1] = (byte) (200 + random.nextInt(2));   // SR or RR
                }
            }
            if (compound.parse(ByteBuffer.wrap(input)) == Status.OK) {
                ok++;
                for (int r = 0; r < compound.reportCount(); r++) {
                    compound.reportBlock(r, block);
                }
                compound.cname();
                if (RtcpAuth.sessionTag(compound) != RtcpAuth.NO_TAG) {
                    assertFalse(auth.verify(compound), "input " + i);
                }
            }
        }
        assertTrue(ok > 1000, "only " + ok + " inputs reached the accessors");
    }
}
