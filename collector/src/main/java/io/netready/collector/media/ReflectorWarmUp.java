package io.netready.collector.media;

import io.netready.collector.session.ProbeSession;
import io.netready.collector.session.SessionRegistry;
import io.netready.common.media.MediaStream;
import io.netready.common.media.SocketOut;
import io.netready.common.media.VoiceCodec;
import io.netready.common.rtp.RtpReceiveStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the reflector a burst of real sessions' traffic through its own socket at start, so that
 * Netty's read path, the per-call latching and the per-packet code are compiled before the first
 * agent arrives. Measured without it: a fresh collector lost 9 % of 100,000 packets/s to its
 * socket buffer while compiling, and nothing once warm (docs/benchmarks.md).
 */
public final class ReflectorWarmUp {

    private static final int CALLS = 500;
    private static final int PACKETS_PER_CALL = 100;
    /** Spread over about a second, well under what the reflector carries. */
    private static final long PAUSE_EVERY_PACKETS = 50;
    private static final long PAUSE_NANOS = 1_000_000;
    private static final long CONSUME_TIMEOUT_NANOS = 2_000_000_000L;

    private ReflectorWarmUp() {
    }

    /** Runs the warm-up against the reflector listening at {@code media}; returns when done. */
    public static void run(SessionRegistry sessions, InetSocketAddress media) {
        InetSocketAddress target = media.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), media.getPort()) : media;
        ProbeSession session = sessions.open("netready-warm-up", VoiceCodec.G711, CALLS,
                Duration.ofMillis((long) PACKETS_PER_CALL * VoiceCodec.PACKET_INTERVAL_MS),
                RtpReceiveStats.DEFAULT_PLAYOUT_DELAY_MS, Instant.now());
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(target.getAddress(), 0))) {
            List<MediaStream> calls = new ArrayList<>(CALLS);
            for (int i = 0; i < CALLS; i++) {
                calls.add(new MediaStream("warm-up", VoiceCodec.G711, PACKETS_PER_CALL,
                        RtpReceiveStats.DEFAULT_PLAYOUT_DELAY_MS, session.key(), session.tag(),
                        new SocketOut(client, new AtomicLong()), target));
            }
            long sent = 0;
            for (int n = 0; n < PACKETS_PER_CALL; n++) {
                for (MediaStream call : calls) {
                    call.sender().sendNext(System.nanoTime());
                    if (++sent % PAUSE_EVERY_PACKETS == 0) {
                        LockSupport.parkNanos(PAUSE_NANOS);
                    }
                }
            }
            awaitConsumed(session.media(), sent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot warm up the media reflector: " + e.getMessage(), e);
        } finally {
            sessions.remove(session);
        }
    }

    /**
     * Waits until the reflector has taken every packet, so none is left queued when the session
     * closes (it would then count as a dropped datagram); a lost one ends the wait at the timeout.
     */
    private static void awaitConsumed(MediaSession media, long sent) {
        long deadline = System.nanoTime() + CONSUME_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && media.packetsReceived() < sent) {
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
