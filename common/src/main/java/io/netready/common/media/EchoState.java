package io.netready.common.media;

import io.netready.common.rtp.ProbePayload;
import java.nio.ByteBuffer;

/**
 * The last send time heard from the peer and when, so the next packet sent can echo it with the
 * time it was held (RFC 3550 §6.4.1's LSR/DLSR idea). Written by the receiving thread, read by
 * the pacer thread; the lock keeps the pair consistent and is uncontended.
 */
final class EchoState {

    private long peerSendMicros = ProbePayload.NO_ECHO;
    private long heardAtMicros;

    synchronized void heard(long peerSendMicros, long nowMicros) {
        this.peerSendMicros = peerSendMicros;
        this.heardAtMicros = nowMicros;
    }

    /** Writes a probe payload carrying this sender's time and the echo. */
    synchronized void writePayload(ByteBuffer dst, int payloadLength, long nowMicros) {
        long hold = peerSendMicros == ProbePayload.NO_ECHO ? 0
                : Math.min(ProbePayload.MAX_HOLD_MICROS, Math.max(0, nowMicros - heardAtMicros));
        ProbePayload.write(dst, payloadLength, nowMicros, peerSendMicros, hold);
    }
}
