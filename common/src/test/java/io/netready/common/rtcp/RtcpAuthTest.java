package io.netready.common.rtcp;

import static io.netready.common.rtcp.RtcpCompoundTest.KEY;
import static io.netready.common.rtcp.RtcpCompoundTest.RR_COMPOUND;
import static io.netready.common.rtcp.RtcpCompoundTest.SR_COMPOUND;
import static io.netready.common.rtcp.RtcpCompoundTest.TAG;
import static io.netready.common.rtcp.RtcpCompoundTest.parsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtcp.RtcpCompound.Status;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtcpAuthTest {

    /** A copy of the compound signed with KEY and TAG. */
    static byte[] signed(byte[] compound) {
        byte[] datagram = compound.clone();
        new RtcpAuth(KEY, TAG).sign(parsed(datagram));
        return datagram;
    }

    private static boolean accepted(byte[] datagram, RtcpAuth auth) {
        RtcpCompound compound = new RtcpCompound();
        return compound.parse(ByteBuffer.wrap(datagram)) == Status.OK && auth.verify(compound);
    }

    @Test
    void signedCompoundVerifiesInPlaceAndLeavesBufferState() {
        byte[] datagram = signed(RR_COMPOUND);
        ByteBuffer buffer = ByteBuffer.allocate(200);
        buffer.position(5).put(datagram).position(5).limit(5 + datagram.length);
        RtcpCompound compound = new RtcpCompound();
        assertEquals(Status.OK, compound.parse(buffer));

        assertEquals(0x9ABCDEF0L, RtcpAuth.sessionTag(compound));
        assertTrue(new RtcpAuth(KEY, TAG).verify(compound));
        assertEquals(5, buffer.position());
        assertEquals(5 + datagram.length, buffer.limit());
    }

    @Test
    void anySingleFlippedBitFails() {
        byte[] datagram = signed(SR_COMPOUND);
        RtcpAuth auth = new RtcpAuth(KEY, TAG);
        assertTrue(accepted(datagram, auth));
        for (int bit = 0; bit < 8 * datagram.length; bit++) {
            byte[] tampered = datagram.clone();
            tampered[bit / 8] ^= (byte) (0x80 >>> bit % 8);
            assertFalse(accepted(tampered, auth), "bit " + bit + " flipped");
        }
    }

    @Test
    void wrongKeyOrTagFails() {
        byte[] datagram = signed(SR_COMPOUND);
        byte[] otherKey = KEY.clone();
        otherKey[31] ^= 1;
        assertFalse(accepted(datagram, new RtcpAuth(otherKey, TAG)));
        assertFalse(accepted(datagram, new RtcpAuth(Arrays.copyOf(KEY, 16), TAG)));
        assertFalse(accepted(datagram, new RtcpAuth(KEY, TAG + 1)));
    }

    @Test
    void compoundWithoutAuthElementHasNoTagAndFails() {
        byte[] datagram = SR_COMPOUND.clone();
        datagram[83] = 'Z';   // APP name "NRDZ": someone else's APP
        RtcpCompound compound = parsed(datagram);
        RtcpAuth auth = new RtcpAuth(KEY, TAG);
        assertEquals(RtcpAuth.NO_TAG, RtcpAuth.sessionTag(compound));
        assertFalse(auth.verify(compound));
        assertThrows(IllegalArgumentException.class, () -> auth.sign(compound));

        datagram = SR_COMPOUND.clone();
        datagram[72] = (byte) 0x81;   // subtype 1
        assertEquals(RtcpAuth.NO_TAG, RtcpAuth.sessionTag(parsed(datagram)));
    }

    @Test
    void keyMustBe16Or32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new RtcpAuth(new byte[15], TAG));
        assertThrows(IllegalArgumentException.class, () -> new RtcpAuth(new byte[24], TAG));
    }
}
