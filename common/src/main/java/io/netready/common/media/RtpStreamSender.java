package io.netready.common.media;

import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;
import io.netready.common.rtp.RtpWriter;
import io.netready.proto.StreamOrigin;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Random;

/**
 * One synthetic RTP stream being sent: a {@link Pacer.Stream} that writes, signs and sends one
 * packet of the codec's profile each time it is due. Buffers are allocated once; the pacer thread
 * alone calls {@link #sendNext}.
 */
public final class RtpStreamSender implements Pacer.Stream {

    private static final Random RANDOM = new SecureRandom();

    private final VoiceCodec codec;
    private final long packets;
    private final DatagramOut out;
    private final InetSocketAddress to;
    private final RtpAuth auth;
    private final EchoState echo;
    private final RtpWriter writer = new RtpWriter();
    private final RtpPacket view = new RtpPacket();
    private final ByteBuffer buffer;
    private final long ssrc;
    private final int initialSeq;
    private final long initialTimestamp;
    private volatile long sent;
    private volatile long firstSendNanos;
    private volatile boolean stopped;

    /**
     * @param packets how many packets to send in all
     * @param echo    shared with the receiver of the opposite direction, for RTT
     */
    RtpStreamSender(VoiceCodec codec, long packets, byte[] sessionKey, int sessionTag, DatagramOut out,
                    InetSocketAddress to, EchoState echo) {
        this.codec = codec;
        this.packets = packets;
        this.out = out;
        this.to = to;
        this.auth = new RtpAuth(sessionKey, sessionTag);
        this.echo = echo;
        // RFC 3550 §5.1: initial sequence number and timestamp are random.
        this.ssrc = RANDOM.nextInt() & 0xFFFF_FFFFL;
        this.initialSeq = RANDOM.nextInt(1 << 16);
        this.initialTimestamp = RANDOM.nextInt() & 0xFFFF_FFFFL;
        this.buffer = ByteBuffer.allocateDirect(RtpPacket.HEADER_LENGTH + 4 + 1 + RtpAuth.ELEMENT_LENGTH + 3
                + codec.payloadBytes());
    }

    @Override
    public boolean sendNext(long scheduledNanos) {
        long n = sent;
        if (stopped || n >= packets) {
            return false;
        }
        if (n == 0) {
            firstSendNanos = scheduledNanos;
        }
        buffer.clear();
        // The marker bit flags the first packet of a talkspurt (RFC 3551 §4.1).
        writer.begin(buffer, n == 0, codec.payloadType(), (int) ((initialSeq + n) & 0xFFFF),
                (initialTimestamp + n * codec.timestampStep()) & 0xFFFF_FFFFL, ssrc);
        writer.addExtension(RtpAuth.EXTENSION_ID, RtpAuth.ELEMENT_LENGTH);
        writer.endHeader();
        echo.writePayload(buffer, codec.payloadBytes(), MediaClock.micros(System.nanoTime()));
        buffer.flip();
        view.parse(buffer);
        auth.sign(view);
        out.send(buffer, to);
        sent = n + 1;
        return n + 1 < packets;
    }

    /** Sends nothing more. */
    public void stop() {
        stopped = true;
    }

    public long sent() {
        return sent;
    }

    public boolean done() {
        return stopped || sent >= packets;
    }

    public long ssrc() {
        return ssrc;
    }

    /** The RTP timestamp of the instant {@code nanos}, for a sender report (RFC 3550 §6.4.1). */
    long rtpTimestampAt(long nanos) {
        long ticks = (nanos - firstSendNanos) * codec.clockRate() / 1_000_000_000L;
        return (initialTimestamp + ticks) & 0xFFFF_FFFFL;
    }

    /** Payload octets sent so far (RFC 3550 §6.4.1 sender's octet count). */
    long octetsSent() {
        return sent * codec.payloadBytes();
    }

    /** What the receiver needs to count losses at the start and end (RFC 3550 §6.4.1). */
    public StreamOrigin origin() {
        return StreamOrigin.newBuilder().setSsrc((int) ssrc).setInitialSeq(initialSeq).setPacketsSent(sent).build();
    }
}
