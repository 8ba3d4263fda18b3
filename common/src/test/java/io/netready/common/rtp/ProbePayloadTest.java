package io.netready.common.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ProbePayloadTest {

    @Test
    void writesBigEndianFieldsThenFill() {
        ByteBuffer buffer = ByteBuffer.allocate(30);
        buffer.position(2);
        ProbePayload.write(buffer, 24, 0x0102030405060708L, 0x1112131415161718L, 0xFFFFFFFEL);
        assertEquals(26, buffer.position());
        assertArrayEquals(RtpPacketTest.bytes(
                0, 0,
                0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,   // send time
                0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,   // echoed send time
                0xFF, 0xFF, 0xFF, 0xFE,                           // hold, unsigned
                0xFF, 0xFF, 0xFF, 0xFF,                           // fill
                0, 0, 0, 0), buffer.array());

        assertEquals(0x0102030405060708L, ProbePayload.sendTimeMicros(buffer, 2));
        assertEquals(0x1112131415161718L, ProbePayload.echoedSendTimeMicros(buffer, 2));
        assertEquals(4_294_967_294L, ProbePayload.holdMicros(buffer, 2));
    }

    @Test
    void rttSubtractsThePeersHold() {
        // We sent at 900 000 µs; the peer held our send time 30 000 µs before echoing it;
        // the echo reached us at 1 000 000 µs: 100 000 µs elapsed, 70 000 µs of it on the wire.
        assertEquals(70_000, ProbePayload.rttMicros(1_000_000, 900_000, 30_000));
    }

    @Test
    void rejectsShortPayloadAndOutOfRangeHold() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        assertThrows(IllegalArgumentException.class, () -> ProbePayload.write(buffer, 19, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ProbePayload.write(buffer, 20, 1, 0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> ProbePayload.write(buffer, 20, 1, 0, ProbePayload.MAX_HOLD_MICROS + 1));
    }
}
