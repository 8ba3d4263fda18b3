package io.netready.common.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;
import io.netready.proto.StreamStats;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both ends of a call wired back to back in memory: what one sends, the other measures. */
class MediaStreamTest {

    private static final byte[] KEY = new byte[32];
    private static final int TAG = 0x0BADCAFE;
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 40000);

    /** Captures each sent datagram as a copy. */
    private static final class Wire implements DatagramOut {
        final List<ByteBuffer> packets = new ArrayList<>();

        @Override
        public void send(ByteBuffer packet, InetSocketAddress to) {
            assertEquals(PEER, to);
            ByteBuffer copy = ByteBuffer.allocate(packet.remaining());
            copy.put(packet).flip();
            packets.add(copy);
        }
    }

    @Test
    void senderWritesTheCodecProfileWithConsecutiveSequenceAndTimestamps() {
        for (VoiceCodec codec : VoiceCodec.values()) {
            Wire wire = new Wire();
            MediaStream a = new MediaStream("test", codec, 5, 60, KEY, TAG, wire, PEER);
            for (int i = 0; i < 5; i++) {
                assertEquals(i < 4, a.sender().sendNext(0));
            }
            assertFalse(a.sender().sendNext(0), "sends no more than planned");
            assertEquals(5, wire.packets.size());
            RtpPacket p = new RtpPacket();
            RtpAuth auth = new RtpAuth(KEY, TAG);
            int firstSeq = -1;
            long firstTs = -1;
            for (int i = 0; i < 5; i++) {
                assertEquals(RtpPacket.Status.OK, p.parse(wire.packets.get(i)));
                assertTrue(auth.verify(p), "packet " + i + " is signed");
                assertEquals(codec.payloadType(), p.payloadType());
                assertEquals(codec.payloadBytes(), p.payloadLength());
                assertEquals(i == 0, p.marker());
                assertEquals(a.sender().ssrc(), p.ssrc());
                if (i == 0) {
                    firstSeq = p.sequence();
                    firstTs = p.timestamp();
                    assertEquals(firstSeq, a.sender().origin().getInitialSeq());
                }
                assertEquals((firstSeq + i) & 0xFFFF, p.sequence());
                assertEquals((firstTs + (long) i * codec.timestampStep()) & 0xFFFF_FFFFL, p.timestamp());
            }
            assertEquals(5, a.sender().origin().getPacketsSent());
        }
    }

    @Test
    void backToBackCallMeasuresEveryPacketAndTheRoundTrip() {
        Wire toB = new Wire();
        Wire toA = new Wire();
        MediaStream a = new MediaStream("test", VoiceCodec.G711, 50, 60, KEY, TAG, toB, PEER);
        MediaStream b = new MediaStream("test", VoiceCodec.G711, 50, 60, KEY, TAG, toA, PEER);
        RtpPacket p = new RtpPacket();
        for (int i = 0; i < 50; i++) {
            a.sender().sendNext(0);
            p.parse(toB.packets.get(i));
            b.receiver().accept(p, System.nanoTime());
            b.sender().sendNext(0);
            p.parse(toA.packets.get(i));
            a.receiver().accept(p, System.nanoTime());
        }
        StreamStats atB = b.receiver().stats(a.sender().origin());
        assertEquals(50, atB.getPacketsSent());
        assertEquals(50, atB.getPacketsReceived());
        assertEquals(0.0, atB.getLossPercent());
        // Every packet B sent echoed A's latest send time: A measured 50 round trips, all tiny.
        long[] rtt = a.receiver().rttMicros();
        assertEquals(50, rtt.length);
        assertTrue(rtt[0] >= 0 && rtt[rtt.length - 1] < 1_000_000, rtt[0] + ".." + rtt[rtt.length - 1]);
    }

    @Test
    void aStreamOfWhichNothingArrivedIsAllLoss() {
        Wire wire = new Wire();
        MediaStream a = new MediaStream("test", VoiceCodec.G729, 10, 60, KEY, TAG, wire, PEER);
        for (int i = 0; i < 10; i++) {
            a.sender().sendNext(0);
        }
        StreamStats lost = RtpStreamReceiver.unheard(VoiceCodec.G729, a.sender().origin(), 60);
        assertEquals(10, lost.getPacketsSent());
        assertEquals(0, lost.getPacketsReceived());
        assertEquals(100.0, lost.getLossPercent());
        assertEquals(10, lost.getMaxBurstLoss());
    }
}
