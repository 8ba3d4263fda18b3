package io.netready.common.rtp;

import static io.netready.common.rtp.NetworkOrder.put32;
import static io.netready.common.rtp.NetworkOrder.put64;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * The first {@value #LENGTH} bytes of every probe payload (G.729's whole payload), big-endian:
 *
 * <pre>
 *  0..7   send time, µs, on the sender's own monotonic clock (always &gt; 0)
 *  8..15  echoed send time: the send time of the last packet received from the peer, or 0
 * 16..19  hold: µs the sender held that echo before sending, unsigned
 * </pre>
 *
 * The rest of the payload is 0xFF; only its size matters. Echoing a send time with the hold is
 * how RTCP's LSR/DLSR measure the round trip without synchronized clocks (RFC 3550 §6.4.1):
 * see {@link #rttMicros}.
 */
public final class ProbePayload {
    /** Bytes of timing data at the start of the payload. */
    public static final int LENGTH = 20;
    /** Echoed send time meaning "nothing received from the peer yet". */
    public static final long NO_ECHO = 0;
    /** Largest hold the 4-byte field carries (about 71 minutes). */
    public static final long MAX_HOLD_MICROS = 0xFFFF_FFFFL;

    private static final byte FILL = (byte) 0xFF;

    private ProbePayload() {
    }

    /**
     * Writes a payload of {@code payloadLength} bytes at {@code dst}'s position and advances it.
     *
     * @throws IllegalArgumentException if {@code payloadLength < LENGTH} or the hold is outside
     *                                  0..{@link #MAX_HOLD_MICROS}
     * @throws BufferOverflowException  if {@code dst} has less room than {@code payloadLength}
     */
    public static void write(ByteBuffer dst, int payloadLength, long sendTimeMicros,
                             long echoedSendTimeMicros, long holdMicros) {
        if (payloadLength < LENGTH) {
            throw new IllegalArgumentException("payload must hold " + LENGTH + " bytes: "
                    + payloadLength);
        }
        if (holdMicros < 0 || holdMicros > MAX_HOLD_MICROS) {
            throw new IllegalArgumentException("hold out of range: " + holdMicros);
        }
        if (dst.remaining() < payloadLength) {
            throw new BufferOverflowException();
        }
        int at = dst.position();
        put64(dst, at, sendTimeMicros);
        put64(dst, at + 8, echoedSendTimeMicros);
        put32(dst, at + 16, holdMicros);
        for (int i = at + LENGTH; i < at + payloadLength; i++) {
            dst.put(i, FILL);
        }
        dst.position(at + payloadLength);
    }

    /**
     * The sender's send time in the payload starting at {@code payloadOffset}. Like the two
     * readers below, requires {@code LENGTH} payload bytes: check
     * {@code RtpPacket.payloadLength() >= LENGTH} first.
     */
    public static long sendTimeMicros(ByteBuffer packet, int payloadOffset) {
        return NetworkOrder.s64(packet, payloadOffset);
    }

    /** The echoed send time, or {@link #NO_ECHO}. */
    public static long echoedSendTimeMicros(ByteBuffer packet, int payloadOffset) {
        return NetworkOrder.s64(packet, payloadOffset + 8);
    }

    /** The hold, 0..{@link #MAX_HOLD_MICROS}. */
    public static long holdMicros(ByteBuffer packet, int payloadOffset) {
        return NetworkOrder.u32(packet, payloadOffset + 16);
    }

    /**
     * Round-trip time from an echo, all on the caller's own clock: now − echoed send time − the
     * peer's hold (RFC 3550 §6.4.1, A − LSR − DLSR). Meaningless for {@link #NO_ECHO}.
     */
    public static long rttMicros(long nowMicros, long echoedSendTimeMicros, long holdMicros) {
        return nowMicros - echoedSendTimeMicros - holdMicros;
    }
}
