package io.netready.collector.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** Binds the collector's sockets and turns a failure into an error that says what to change. */
public final class Ports {

    private Ports() {
    }

    /** Binds a UDP socket whose datagrams go to {@code handler}. */
    public static Channel bindUdp(EventLoopGroup group, InetSocketAddress address, ChannelHandler handler,
                                  String flag) {
        return bindUdp(group, address, handler, flag, null);
    }

    /**
     * Binds {@code socket} (a JDK channel the caller opened, or null for a new one) for Netty to
     * read; the caller may also send on {@code socket} from its own thread.
     */
    public static Channel bindUdp(EventLoopGroup group, InetSocketAddress address, ChannelHandler handler,
                                  String flag, DatagramChannel socket) {
        Bootstrap b = new Bootstrap().group(group).handler(handler)
                .channelFactory(() -> socket == null ? new NioDatagramChannel() : new NioDatagramChannel(socket));
        return bind(() -> b.bind(address).syncUninterruptibly().channel(), "UDP", address, flag);
    }

    /** Binds a TCP listening socket whose connections are set up by {@code childHandler}. */
    public static Channel bindTcp(EventLoopGroup group, InetSocketAddress address, ChannelHandler childHandler,
                                  String flag) {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(childHandler);
        return bind(() -> b.bind(address).syncUninterruptibly().channel(), "TCP", address, flag);
    }

    /** Runs a bind and explains a failure: which port, on which address, and the flag to change it. */
    public static <T> T bind(BindAction<T> action, String protocol, InetSocketAddress address, String flag) {
        try {
            return action.bind();
        } catch (Exception e) {
            throw new IllegalStateException(explain(e, protocol, address, flag), e);
        }
    }

    /** A bind that may fail. */
    public interface BindAction<T> {
        T bind() throws Exception;
    }

    static String explain(Throwable e, String protocol, InetSocketAddress address, String flag) {
        String where = protocol + " port " + address.getPort() + " on " + address.getAddress().getHostAddress();
        // NIO says BindException; gRPC's native epoll transport says NativeIoException: check the words.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("in use")) {
                return where + " is already in use: stop the program that holds it, or choose another port with "
                        + flag;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot bind " + where + " (" + t.getMessage() + "): check that the address belongs to this "
                        + "machine, or choose another with --listen / " + flag;
            }
        }
        return "cannot bind " + where + ": " + e.getMessage();
    }
}
