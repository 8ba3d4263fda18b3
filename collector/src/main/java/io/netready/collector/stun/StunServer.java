package io.netready.collector.stun;

import io.netready.collector.net.Ports;
import io.netready.common.net.HostPort;
import io.netready.common.stun.StunMessage;
import io.netready.common.stun.StunMessageType;
import io.netready.common.stun.TransactionId;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 5780 STUN server: two or four UDP sockets (see {@link StunAddresses}), per-source
 * limits ({@link SourceLimits}) and the answers of {@link BindingResponder}, each sent from the
 * socket the request asked for. All sockets share one event loop, so one thread serves them.
 */
public final class StunServer {

    private static final Logger LOG = LoggerFactory.getLogger(StunServer.class);
    /** Binding the alternate address on the ports the kernel picked for the primary one may collide. */
    private static final int EPHEMERAL_BIND_TRIES = 5;

    private final StunAddresses addresses;
    private final BindingResponder responder;
    private final SourceLimits limits;
    private final Map<StunSocket, Channel> channels = new HashMap<>();
    private final Map<StunDrop, AtomicLong> drops = new EnumMap<>(StunDrop.class);

    private StunServer(StunAddresses addresses, Map<StunSocket, Channel> bound) {
        this.addresses = addresses;
        this.responder = new BindingResponder(addresses);
        this.limits = new SourceLimits(SourceLimits.MAX_SOURCES, System.nanoTime());
        for (StunDrop d : StunDrop.values()) {
            drops.put(d, new AtomicLong());
        }
        // Loads the codec's classes now, or the first agent's STUN round trip would include it
        // (tens of milliseconds, enough to mislead a latency reading).
        responder.respond(ByteBuffer.wrap(StunMessage.builder(StunMessageType.BINDING_REQUEST, TransactionId.random())
                .fingerprint().encode()), new InetSocketAddress(0), StunSocket.PRIMARY, bytes -> true);
        bound.forEach((socket, channel) -> {
            channels.put(socket, channel);
            channel.pipeline().replace(ChannelInboundHandlerAdapter.class, "stun", new SocketHandler(socket));
        });
    }

    /**
     * Binds the server's sockets on {@code loop}. Port 0 picks a free port; the alternate address
     * then gets the same ports as the primary, as RFC 5780 §6 requires.
     *
     * @throws IllegalStateException if a socket cannot be bound; the message names the flag to change
     */
    public static StunServer start(EventLoop loop, InetAddress primary, Optional<InetAddress> alternate, int port,
                                   int alternatePort) {
        if (port != 0 && port == alternatePort) {
            throw new IllegalArgumentException("--stun-port and --stun-alt-port are both " + port
                    + ": RFC 5780 needs two different ports");
        }
        boolean ephemeral = port == 0 || alternatePort == 0;
        // The handlers need the ports the kernel picks, so a pass-through stands in until all are
        // bound; a datagram arriving in that instant is discarded, as one before the start would be.
        Supplier<ChannelHandler> placeholder = ChannelInboundHandlerAdapter::new;
        for (int attempt = 1; ; attempt++) {
            Map<StunSocket, Channel> bound = new HashMap<>();
            try {
                Channel p = Ports.bindUdp(loop, new InetSocketAddress(primary, port), placeholder.get(), "--stun-port");
                bound.put(StunSocket.PRIMARY, p);
                Channel pAlt = Ports.bindUdp(loop, new InetSocketAddress(primary, alternatePort), placeholder.get(),
                        "--stun-alt-port");
                bound.put(new StunSocket(false, true), pAlt);
                StunAddresses addresses = new StunAddresses(primary, alternate, localPort(p), localPort(pAlt));
                if (alternate.isPresent()) {
                    for (StunSocket s : List.of(new StunSocket(true, false), new StunSocket(true, true))) {
                        bound.put(s, Ports.bindUdp(loop, addresses.address(s).orElseThrow(), placeholder.get(),
                                s.alternatePort() ? "--alt-address / --stun-alt-port" : "--alt-address / --stun-port"));
                    }
                }
                return new StunServer(addresses, bound);
            } catch (IllegalStateException e) {
                bound.values().forEach(c -> c.close().syncUninterruptibly());
                if (!ephemeral || attempt == EPHEMERAL_BIND_TRIES) {
                    throw e;
                }
            }
        }
    }

    private static int localPort(Channel c) {
        return ((InetSocketAddress) c.localAddress()).getPort();
    }

    public StunAddresses addresses() {
        return addresses;
    }

    /** Datagrams dropped for this reason since start. */
    public long dropped(StunDrop reason) {
        return drops.get(reason).get();
    }

    /** Datagrams dropped for any reason since start. */
    public long dropped() {
        return drops.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Reads one socket; knows which one, since a wildcard-bound socket cannot tell its address. */
    private final class SocketHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final StunSocket socket;

        SocketHandler(StunSocket socket) {
            this.socket = socket;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress source = packet.sender();
            long now = System.nanoTime();
            SourceLimits.Source limit = limits.of(source.getAddress(), now);
            if (!limit.takeRequest(now)) {
                drops.get(StunDrop.RATE_LIMITED).incrementAndGet();
                if (limit.shouldLog(now)) {
                    LOG.warn("STUN: {} sends more than {} requests/s; dropping the excess (counted, logged at most "
                            + "once a minute per source)", source.getAddress().getHostAddress(),
                            SourceLimits.REQUESTS_PER_SECOND);
                }
                return;
            }
            BindingResponder.Outcome outcome = responder.respond(packet.content().nioBuffer(), source, socket,
                    bytes -> limit.spendCredit(bytes, now));
            if (outcome instanceof BindingResponder.Answer a) {
                channels.get(a.from()).writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(a.bytes()), a.to()));
            } else if (outcome instanceof BindingResponder.Drop d) {
                long n = drops.get(d.reason()).incrementAndGet();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("dropped STUN datagram ({} #{}) of {} bytes from {} on {}: {}", d.reason(), n,
                            packet.content().readableBytes(), HostPort.format(source), socket, d.detail());
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A UDP socket has no connection to lose: log and keep serving.
            LOG.warn("STUN server: {}", cause.toString());
        }
    }
}
