package io.netready.common.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtp.RtpPacket.Status;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RtpAuthTest {
    private static final byte[] KEY = new byte[32];
    private static final int TAG = 0x9ABCDEF0;  // negative as an int: read back unsigned

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (7 * i + 1);
        }
    }

    /** A G.729-sized probe packet signed with KEY; the auth element's data starts at byte 17. */
    private static byte[] signedPacket() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        RtpWriter writer = new RtpWriter();
        writer.begin(buffer, false, 18, 65000, 123_456_789L, 0xCAFEBABEL);
        writer.addExtension(RtpAuth.EXTENSION_ID, RtpAuth.ELEMENT_LENGTH);
        writer.endHeader();
        ProbePayload.write(buffer, 20, 1_000_000, 900_000, 30_000);
        buffer.flip();
        RtpPacket packet = new RtpPacket();
        assertEquals(Status.OK, packet.parse(buffer));
        new RtpAuth(KEY, TAG).sign(packet);
        return Arrays.copyOf(buffer.array(), buffer.limit());
    }

    private static boolean accepted(byte[] datagram, RtpAuth auth) {
        RtpPacket packet = new RtpPacket();
        return packet.parse(ByteBuffer.wrap(datagram)) == Status.OK && auth.verify(packet);
    }

    @Test
    void layoutIsTagThenHmacOverEverythingButTheMac() throws Exception {
        byte[] datagram = signedPacket();
        // 12 header + BE DE 00 05 + element byte 0x1F (ID 1, L=15) -> tag at 17, MAC at 21..32
        assertEquals(12 + 4 + 1 + 16 + 3 + 20, datagram.length);  // 3 bytes pad the extension
        assertEquals((byte) 0x1F, datagram[16]);
        assertArrayEquals(RtpPacketTest.bytes(0x9A, 0xBC, 0xDE, 0xF0),
                Arrays.copyOfRange(datagram, 17, 21));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        mac.update(datagram, 0, 21);
        mac.update(datagram, 33, datagram.length - 33);
        assertArrayEquals(Arrays.copyOf(mac.doFinal(), 12), Arrays.copyOfRange(datagram, 21, 33));
    }

    @Test
    void validPacketVerifiesAndLeavesBufferState() {
        byte[] datagram = signedPacket();
        ByteBuffer buffer = ByteBuffer.allocate(100);
        buffer.position(3);
        buffer.put(datagram);
        buffer.position(3).limit(3 + datagram.length);
        RtpPacket packet = new RtpPacket();
        assertEquals(Status.OK, packet.parse(buffer));

        assertEquals(0x9ABCDEF0L, RtpAuth.sessionTag(packet));
        assertTrue(new RtpAuth(KEY, TAG).verify(packet));
        assertEquals(3, buffer.position());
        assertEquals(3 + datagram.length, buffer.limit());
    }

    @Test
    void anySingleFlippedBitFails() {
        byte[] datagram = signedPacket();
        RtpAuth auth = new RtpAuth(KEY, TAG);
        assertTrue(accepted(datagram, auth));
        for (int bit = 0; bit < 8 * datagram.length; bit++) {
            byte[] tampered = datagram.clone();
            tampered[bit / 8] ^= (byte) (0x80 >>> bit % 8);
            assertFalse(accepted(tampered, auth), "bit " + bit + " flipped");
        }
    }

    @Test
    void wrongKeyOrTagFails() {
        byte[] datagram = signedPacket();
        byte[] otherKey = KEY.clone();
        otherKey[31] ^= 1;
        assertFalse(accepted(datagram, new RtpAuth(otherKey, TAG)));
        assertFalse(accepted(datagram, new RtpAuth(Arrays.copyOf(KEY, 16), TAG)));
        assertFalse(accepted(datagram, new RtpAuth(KEY, TAG + 1)));
    }

    @Test
    void packetWithoutAuthElementHasNoTagAndFails() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        RtpWriter writer = new RtpWriter();
        writer.begin(buffer, false, 0, 1, 2, 3);
        writer.addExtension(RtpAuth.EXTENSION_ID, 4);  // right ID, wrong length
        writer.endHeader();
        buffer.flip();
        RtpPacket packet = new RtpPacket();
        assertEquals(Status.OK, packet.parse(buffer));

        RtpAuth auth = new RtpAuth(KEY, TAG);
        assertEquals(RtpAuth.NO_TAG, RtpAuth.sessionTag(packet));
        assertFalse(auth.verify(packet));
        assertThrows(IllegalArgumentException.class, () -> auth.sign(packet));
    }

    @Test
    void keyMustBe16Or32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new RtpAuth(new byte[15], TAG));
        assertThrows(IllegalArgumentException.class, () -> new RtpAuth(new byte[24], TAG));
    }
}
