package io.netready.common.media;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Where a stream's packets go: the agent's socket or the collector's Netty channel. */
@FunctionalInterface
public interface DatagramOut {
    /** Sends the bytes between the buffer's position and limit; the buffer is reused afterwards. */
    void send(ByteBuffer packet, InetSocketAddress to);
}
