package io.netready.common.media;

import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;
import io.netready.common.rtp.RtpReceiveStats;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Runs the per-packet code (write, sign, parse, verify, count) on a throwaway call until the JIT
 * has compiled it. A fresh agent JVM otherwise interprets and compiles it during the first
 * seconds of the call and adds that to the jitter it measures (docs/benchmarks.md: p99 pacing
 * error at one call 1014 µs before, 173 µs after). About 50 ms; nothing goes on the wire.
 */
public final class MediaWarmUp {

    /** Enough iterations for the JIT's C2 tier to compile the per-packet path. */
    private static final int PACKETS = 20_000;

    private MediaWarmUp() {
    }

    public static void run(VoiceCodec codec) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ByteBuffer wire = ByteBuffer.allocateDirect(2048);
        MediaStream scratch = new MediaStream("warm-up", codec, PACKETS, RtpReceiveStats.DEFAULT_PLAYOUT_DELAY_MS, key, 1,
                (packet, to) -> wire.clear().put(packet).flip(), new InetSocketAddress(0));
        RtpPacket packet = new RtpPacket();
        RtpAuth auth = new RtpAuth(key, 1);
        for (int i = 0; i < PACKETS; i++) {
            scratch.sender().sendNext(System.nanoTime());
            if (packet.parse(wire) == RtpPacket.Status.OK && auth.verify(packet)) {
                scratch.receiver().accept(packet, System.nanoTime());
            }
        }
    }
}
