package io.netready.collector.stun;

import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The STUN server's Netty handler: one datagram in, at most one answer back to its source. */
@ChannelHandler.Sharable
public final class StunServer extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(StunServer.class);

    private final BindingResponder responder = new BindingResponder();
    private final AtomicLong dropped = new AtomicLong();

    public StunServer() {
        // Loads the codec's classes now, or the first agent's STUN round trip would include it
        // (tens of milliseconds, enough to mislead a latency reading).
        responder.respond(ByteBuffer.wrap(StunMessage.builder(StunMessageType.BINDING_REQUEST,
                TransactionId.random()).fingerprint().encode()), new InetSocketAddress(0));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        BindingResponder.Outcome outcome = responder.respond(packet.content().nioBuffer(), packet.sender());
        if (outcome.response().isPresent()) {
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(outcome.response().get()), packet.sender()));
        } else {
            long n = dropped.incrementAndGet();
            if (LOG.isDebugEnabled()) {
                LOG.debug("dropped datagram #{} of {} bytes from {}: {}", n, packet.content().readableBytes(),
                        packet.sender(), outcome.dropReason());
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket has no connection to lose: log and keep serving.
        LOG.warn("STUN server: {}", cause.toString());
    }

    /** Datagrams dropped as malformed or not for us. */
    public long dropped() {
        return dropped.get();
    }
}
