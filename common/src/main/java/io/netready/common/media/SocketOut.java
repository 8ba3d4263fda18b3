package io.netready.common.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a stream's packets on a JDK datagram socket and counts those this host failed to send: an
 * I/O error, or a non-blocking socket whose buffer was full (send returns 0). Such packets never
 * reached the network, so the receiver's count of them as lost must not be read as the path's
 * loss: the count says how many there were. A failure is not fatal, so one unreachable peer cannot
 * stop other streams; it is logged, the first and then every {@value #LOG_EVERY}th.
 */
public final class SocketOut implements DatagramOut {

    private static final Logger LOG = LoggerFactory.getLogger(SocketOut.class);
    private static final long LOG_EVERY = 1000;

    private final DatagramChannel socket;
    private final AtomicLong failures;

    /** @param failures where to count, shared by the sockets of one probe or one collector */
    public SocketOut(DatagramChannel socket, AtomicLong failures) {
        this.socket = socket;
        this.failures = failures;
    }

    @Override
    public void send(ByteBuffer packet, InetSocketAddress to) {
        String why;
        try {
            if (socket.send(packet, to) > 0) {
                return;
            }
            why = "the socket's send buffer was full";
        } catch (IOException e) {
            why = e.toString();
        }
        long n = failures.incrementAndGet();
        if (n % LOG_EVERY == 1) {
            LOG.warn("could not send to {} ({}); {} packet(s) not sent so far", to, why, n);
        }
    }
}
