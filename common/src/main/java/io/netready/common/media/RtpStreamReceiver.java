package io.netready.common.media;

import io.netready.common.rtcp.ReceptionReporter;
import io.netready.common.rtcp.ReportBlock;
import io.netready.common.rtcp.RtcpCompound;
import io.netready.common.rtp.ProbePayload;
import io.netready.common.rtp.RtpPacket;
import io.netready.common.rtp.RtpReceiveStats;
import io.netready.proto.StreamOrigin;
import io.netready.proto.StreamStats;
import java.util.Arrays;

/**
 * One RTP stream being received, already authenticated: feeds the receive statistics, notes the
 * peer's send time for the echo, keeps the round trips the peer's echoes reveal, and takes the
 * sender's RTCP reports. Called from one receiving thread.
 */
public final class RtpStreamReceiver {

    private final RtpReceiveStats stats;
    private final ReceptionReporter reporter;
    private final EchoState echo;
    private long ssrc = -1;
    private long rtcpReports;
    private long[] rttMicros;
    private int rttCount;

    RtpStreamReceiver(VoiceCodec codec, int expectedPackets, int playoutDelayMs, EchoState echo) {
        this.stats = new RtpReceiveStats(codec.clockRate(), expectedPackets, playoutDelayMs);
        this.reporter = new ReceptionReporter(stats);
        this.echo = echo;
        this.rttMicros = new long[Math.max(16, expectedPackets)];
    }

    /** Takes a packet that parsed and verified, arrived at {@code arrivalNanos}. */
    public void accept(RtpPacket packet, long arrivalNanos) {
        ssrc = packet.ssrc();
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

    /** Takes an authenticated RTCP report from this stream's sender. */
    public void acceptReport(RtcpCompound report, long arrivalNanos) {
        rtcpReports++;
        if (report.isSenderReport()) {
            reporter.onSenderReport(report.ntpTimestamp(), arrivalNanos);
        }
    }

    /**
     * The report block about this stream (RFC 3550 §6.4.1, A.3) due now; false before anything
     * arrived. Starts the next reporting interval.
     */
    boolean fillReportBlock(ReportBlock block, long nowNanos) {
        return ssrc >= 0 && reporter.fill(block, ssrc, nowNanos);
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
        return stats.toStats(sender.getInitialSeq(), sender.getPacketsSent()).toBuilder()
                .setRtcpReports(rtcpReports).build();
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
