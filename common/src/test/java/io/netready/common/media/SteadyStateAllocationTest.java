package io.netready.common.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing once warm: a sender that allocated per packet would
 * trigger collections, and collection pauses are jitter the probe would then measure.
 */
class SteadyStateAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void sendingVerifyingAndCountingAPacketAllocatesNothing() {
        byte[] key = new byte[32];
        InetSocketAddress peer = new InetSocketAddress("192.0.2.1", 40000);
        ByteBuffer wire = ByteBuffer.allocateDirect(2048);
        int packets = 60_000;
        MediaStream b = new MediaStream("test", VoiceCodec.G711, packets, 60, key, 7, (p, to) -> { }, peer);
        MediaStream a = new MediaStream("test", VoiceCodec.G711, packets, 60, key, 7, (p, to) -> {
            wire.clear();
            wire.put(p).flip();
        }, peer);
        RtpPacket view = new RtpPacket();
        RtpAuth auth = new RtpAuth(key, 7);
        Runnable onePacket = () -> {
            a.sender().sendNext(0);
            if (view.parse(wire) != RtpPacket.Status.OK || !auth.verify(view)) {
                throw new AssertionError("packet did not verify");
            }
            b.receiver().accept(view, System.nanoTime());
        };
        for (int i = 0; i < 40_000; i++) {
            onePacket.run(); // warm-up: JIT compilation
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            onePacket.run();
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(THREADS.isThreadAllocatedMemoryEnabled());
        assertEquals(50_000, b.receiver().received());
        // A few bytes of slack for the counter's own bookkeeping; one object per packet would be >= 160 kB.
        assertTrue(allocated < 4096, allocated + " bytes allocated for 10,000 packets");
    }
}
