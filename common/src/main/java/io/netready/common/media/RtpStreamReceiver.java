package io.netready.common.media;

import io.netready.common.rtp.ProbePayload;
import io.netready.common.rtp.RtpPacket;
import io.netready.common.rtp.RtpReceiveStats;
import io.netready.proto.StreamOrigin;
import io.netready.proto.StreamStats;
import java.util.Arrays;

/**
 * One RTP stream being received, already authenticated: feeds the receive statistics, notes the
 * peer's send time for the echo, and keeps the round trips the peer's echoes reveal. Called from
 * one receiving thread.
 */
public final class RtpStreamReceiver {

    private final RtpReceiveStats stats;
    private final EchoState echo;
    private long[] rttMicros;
    private int rttCount;

    RtpStreamReceiver(VoiceCodec codec, int expectedPackets, int playoutDelayMs, EchoState echo) {
        this.stats = new RtpReceiveStats(codec.clockRate(), expectedPackets, playoutDelayMs);
        this.echo = echo;
        this.rttMicros = new long[Math.max(16, expectedPackets)];
    }

    /** Takes a packet that parsed and verified, arrived at {@code arrivalNanos}. */
    public void accept(RtpPacket packet, long arrivalNanos) {
        stats.onPacket(packet.sequence(), packet.timestamp(), arrivalNanos);
        if (packet.payloadLength() < ProbePayload.LENGTH) {
            return;
        }
        long now = MediaClock.micros(arrivalNanos);
        int at = packet.payloadOffset();
        echo.heard(ProbePayload.sendTimeMicros(packet.buffer(), at), now);
        long echoed = ProbePayload.echoedSendTimeMicros(packet.buffer(), at);
        if (echoed != ProbePayload.NO_ECHO) {
            long rtt = ProbePayload.rttMicros(now, echoed, ProbePayload.holdMicros(packet.buffer(), at));
            if (rtt >= 0) {
                if (rttCount == rttMicros.length) {
                    rttMicros = Arrays.copyOf(rttMicros, rttCount * 2);
                }
                rttMicros[rttCount++] = rtt;
            }
        }
    }

    /** Packets received so far; safe from any thread. */
    public long received() {
        return stats.received();
    }

    /** The running RFC 3550 jitter estimate; safe from any thread. */
    public double currentJitterMs() {
        return stats.currentJitterMs();
    }

    /** Final statistics once the sender has said what it sent. */
    public StreamStats stats(StreamOrigin sender) {
        return stats.toStats(sender.getInitialSeq(), sender.getPacketsSent());
    }

    /** Statistics of a stream of which nothing arrived: every packet sent was lost. */
    public static StreamStats unheard(VoiceCodec codec, StreamOrigin sender, int playoutDelayMs) {
        return new RtpReceiveStats(codec.clockRate(), 0, playoutDelayMs)
                .toStats(sender.getInitialSeq(), sender.getPacketsSent());
    }

    /** Round trips measured from the peer's echoes, in microseconds, sorted. */
    public long[] rttMicros() {
        long[] copy = Arrays.copyOf(rttMicros, rttCount);
        Arrays.sort(copy);
        return copy;
    }
}
