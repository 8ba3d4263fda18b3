package io.netready.agent.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The round trip to the collector, timed as TCP handshakes to its gRPC port.
 *
 * <p>Why not the first gRPC call: in a fresh JVM that call includes class loading and the HTTP/2
 * set-up, hundreds of milliseconds on a LAN, and STUN's first retransmission timeout (and with it
 * how long "UDP blocked" takes to decide) scales with the RTT it is given. A connect() returns when
 * the SYN-ACK arrives: one network round trip, timed by the kernel's own handshake.
 */
public final class HandshakeRtt {

    private static final int TRIES = 3;
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private HandshakeRtt() {
    }

    /** The smallest of a few handshake times in ms, or {@code fallbackMs} when none succeeds. */
    public static double measure(InetSocketAddress collector, double fallbackMs) {
        double best = Double.NaN;
        for (int i = 0; i < TRIES; i++) {
            try (Socket s = new Socket()) {
                long start = System.nanoTime();
                s.connect(collector, CONNECT_TIMEOUT_MS);
                double ms = (System.nanoTime() - start) / 1e6;
                best = Double.isNaN(best) ? ms : Math.min(best, ms);
            } catch (IOException e) {
                break;
            }
        }
        return Double.isNaN(best) ? fallbackMs : Math.min(best, fallbackMs);
    }
}
