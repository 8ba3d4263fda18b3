package io.netready.collector.media;

import io.netready.collector.session.ProbeSession;
import io.netready.collector.session.SessionRegistry;
import io.netready.common.media.DatagramOut;
import io.netready.common.media.Pacer;
import io.netready.common.media.SocketOut;
import io.netready.common.media.VoiceCodec;
import io.netready.common.net.HostPort;
import io.netready.common.rtcp.RtcpAuth;
import io.netready.common.rtcp.RtcpCompound;
import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;
import io.netready.proto.CloseSessionResponse;
import io.netready.proto.ReceivedStream;
import io.netready.proto.StreamOrigin;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media reflector: receives each session's upstream RTP, measures it, and sends a downstream
 * stream of the same profile back to the address it latched.
 *
 * <p>It answers nothing that has not proven, by the session HMAC, that it holds an open
 * session's key: garbage, unauthenticated and foreign packets are counted and dropped, so the
 * reflector can neither be probed nor used to bounce traffic at a third party. Downstream packets
 * leave from this same socket, so they match the NAT mapping the upstream created.
 */
@ChannelHandler.Sharable
public final class MediaReflector extends SimpleChannelInboundHandler<DatagramPacket> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaReflector.class);

    private final SessionRegistry sessions;
    private final DatagramOut out;
    private final Pacer pacer = new Pacer("netready-reflector-pacer");
    private final AtomicLong dropped = new AtomicLong();
    /** Parsing state; the channel's single event-loop thread is its only user. */
    private final RtpPacket packet = new RtpPacket();
    private final RtcpCompound report = new RtcpCompound();
    private volatile Channel channel;

    /**
     * @param socket the media socket, bound by Netty for reading; the downstream streams are sent
     *     on it directly from the pacer thread, which allocates nothing per packet (a Netty write
     *     from another thread would allocate a buffer, a message and a task each time)
     */
    public MediaReflector(SessionRegistry sessions, DatagramChannel socket) {
        this.sessions = sessions;
        this.out = new SocketOut(socket, new AtomicLong());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        long arrival = System.nanoTime();
        ByteBuf content = datagram.content();
        // The buffer's own NIO view: no new ByteBuffer per packet.
        ByteBuffer bytes = content.internalNioBuffer(content.readerIndex(), content.readableBytes());
        if (RtcpCompound.isRtcp(bytes)) {
            acceptReport(datagram, bytes, arrival);
            return;
        }
        RtpPacket.Status status = packet.parse(bytes);
        if (status != RtpPacket.Status.OK) {
            drop(datagram, "not RTP: " + status);
            return;
        }
        long tag = RtpAuth.sessionTag(packet);
        ProbeSession session = tag == RtpAuth.NO_TAG ? null : sessions.byTag((int) tag);
        if (session == null) {
            drop(datagram, "no open session with this tag");
            return;
        }
        MediaSession media = session.media();
        if (!media.verifier().verify(packet)) {
            drop(datagram, "bad session HMAC");
            return;
        }
        MediaSession.LatchedCall call = media.call(packet.ssrc());
        if (call == null) {
            call = media.latch(packet.ssrc(), datagram.sender(), out);
            if (call == null) {
                drop(datagram, "session " + session.id() + " has all its calls");
                return;
            }
            LOG.debug("session {} latched call ssrc {} to {}", session.id(), call.ssrc(), call.source());
            pacer.add(call.stream().sender(), System.nanoTime(), VoiceCodec.PACKET_INTERVAL_MS * 1_000_000L);
        } else if (!call.source().equals(datagram.sender())) {
            // Latched once: a copy from elsewhere must not move the media or skew the statistics.
            drop(datagram, "call ssrc " + call.ssrc() + " is latched to " + call.source());
            return;
        }
        call.stream().receiver().accept(packet, arrival);
        call.stream().reports().tick(arrival);
    }

    /** RTCP multiplexed on the media port (RFC 5761): counted for its call once authenticated. */
    private void acceptReport(DatagramPacket datagram, ByteBuffer bytes, long arrival) {
        RtcpCompound.Status status = report.parse(bytes);
        if (status != RtcpCompound.Status.OK) {
            drop(datagram, "not RTCP: " + status);
            return;
        }
        long tag = RtcpAuth.sessionTag(report);
        ProbeSession session = tag == RtcpAuth.NO_TAG ? null : sessions.byTag((int) tag);
        if (session == null || !session.media().reportVerifier().verify(report)) {
            drop(datagram, "RTCP without a valid session HMAC");
            return;
        }
        MediaSession.LatchedCall call = session.media().call(report.ssrc());
        if (call == null || !call.source().equals(datagram.sender())) {
            // RTCP never latches: only a call's own source may report on it.
            drop(datagram, "RTCP for no call latched to " + datagram.sender());
            return;
        }
        call.stream().receiver().acceptReport(report, arrival);
    }

    /**
     * Ends a session's media and returns what the collector measured of each upstream stream the
     * agent reports, and what it sent downstream. Runs on the event loop, so no packet is being
     * counted meanwhile.
     */
    public CloseSessionResponse finish(ProbeSession session, List<StreamOrigin> upstream) {
        MediaSession media = session.media();
        media.stop();
        Channel ch = channel;
        if (ch == null) {
            return CloseSessionResponse.getDefaultInstance();
        }
        try {
            return ch.eventLoop().submit(() -> summary(media, upstream)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing session " + session.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot summarise session " + session.id() + ": " + e, e);
        }
    }

    private static CloseSessionResponse summary(MediaSession media, List<StreamOrigin> upstream) {
        CloseSessionResponse.Builder r = CloseSessionResponse.newBuilder();
        for (StreamOrigin origin : upstream) {
            MediaSession.LatchedCall call = media.call(Integer.toUnsignedLong(origin.getSsrc()));
            ReceivedStream.Builder received = ReceivedStream.newBuilder().setSsrc(origin.getSsrc());
            if (call == null) {
                received.setStats(media.unheard(origin));
                r.addDownstream(StreamOrigin.getDefaultInstance());
            } else {
                InetSocketAddress source = call.source();
                received.setStats(call.stream().receiver().stats(origin))
                        .setLatchedAddress(HostPort.format(source));
                r.addDownstream(call.stream().sender().origin());
            }
            r.addUpstream(received);
        }
        return r.build();
    }


    private void drop(DatagramPacket datagram, String reason) {
        long n = dropped.incrementAndGet();
        if (LOG.isDebugEnabled()) {
            LOG.debug("dropped media datagram #{} of {} bytes from {}: {}", n, datagram.content().readableBytes(),
                    datagram.sender(), reason);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("media reflector: {}", cause.toString());
    }

    /** Datagrams dropped as malformed, unauthenticated or not for an open session. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        // The socket is Netty's channel now: the event loop group closes it.
        pacer.close();
    }
}
