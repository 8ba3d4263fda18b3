package io.netready.common.media;

import io.netready.common.rtcp.NtpTime;
import io.netready.common.rtcp.ReportBlock;
import io.netready.common.rtcp.RtcpAuth;
import io.netready.common.rtcp.RtcpCompound;
import io.netready.common.rtcp.RtcpWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The RTCP reports one end of a call sends (RFC 3550 §6.4): a sender report once it has sent RTP,
 * with a report block about the stream it receives, then SDES CNAME and the authentication APP,
 * multiplexed on the RTP socket (RFC 5761). They make the streams recognisable to standard tools
 * and give each end the other's view.
 *
 * <p>Driven by the receiving thread ({@link #tick}), because the reception values live there.
 * The first report goes out after half the minimum interval (§6.2), or half the call when that is
 * shorter, then every {@link #INTERVAL_NANOS}. Allocates nothing per report.
 */
public final class RtcpStreamSender {

    /** RFC 3550 §6.2: the minimum interval between reports. */
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final RtpStreamSender rtp;
    private final RtpStreamReceiver received;
    private final RtcpWriter writer;
    private final RtcpAuth auth;
    private final RtcpCompound view = new RtcpCompound();
    private final ReportBlock block = new ReportBlock();
    private final ByteBuffer buffer;
    private final DatagramOut out;
    private final InetSocketAddress peer;
    private long nextNanos;
    private long sent;

    RtcpStreamSender(String cname, RtpStreamSender rtp, RtpStreamReceiver received, byte[] sessionKey,
                     int sessionTag, DatagramOut out, InetSocketAddress peer, long callNanos) {
        this.rtp = rtp;
        this.received = received;
        this.writer = new RtcpWriter(cname);
        this.auth = new RtcpAuth(sessionKey, sessionTag);
        this.buffer = ByteBuffer.allocateDirect(writer.maxLength());
        this.out = out;
        this.peer = peer;
        this.nextNanos = System.nanoTime() + Math.min(INTERVAL_NANOS / 2, callNanos / 2);
    }

    /** Sends a report if one is due. Call it often from the receiving thread. */
    public void tick(long nowNanos) {
        if (nowNanos - nextNanos < 0) {
            return;
        }
        nextNanos = nowNanos + INTERVAL_NANOS;
        ReportBlock about = received.fillReportBlock(block, nowNanos) ? block : null;
        buffer.clear();
        if (rtp.sent() > 0) {
            long ntp = NtpTime.fromEpochNanos(System.currentTimeMillis() * 1_000_000L);
            writer.writeSenderReport(buffer, rtp.ssrc(), ntp, rtp.rtpTimestampAt(nowNanos), rtp.sent(),
                    rtp.octetsSent(), about);
        } else {
            writer.writeReceiverReport(buffer, rtp.ssrc(), about);
        }
        buffer.flip();
        view.parse(buffer);
        auth.sign(view);
        out.send(buffer, peer);
        sent++;
    }

    /** Reports sent so far. */
    public long sent() {
        return sent;
    }
}
