package io.netready.collector.media;

import io.netready.common.media.DatagramOut;
import io.netready.common.media.MediaStream;
import io.netready.common.media.VoiceCodec;
import io.netready.common.media.RtpStreamReceiver;
import io.netready.common.rtcp.RtcpAuth;
import io.netready.common.rtp.RtpAuth;
import io.netready.proto.StreamOrigin;
import io.netready.proto.StreamStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/**
 * The media side of one probe session at the collector: the calls the agent has started, each
 * latched to the source address its first authenticated packet came from.
 *
 * <p>Packets are handled on the reflector's event-loop thread only; {@link #stop} may come from
 * any thread, hence the copy-on-write array of calls beside the event loop's SSRC index.
 */
public final class MediaSession {

    /** One upstream stream the collector latched, with the downstream stream it sends back. */
    record LatchedCall(long ssrc, InetSocketAddress source, MediaStream stream) {
    }

    /** RTCP canonical name of the collector's streams (RFC 3550 §6.5.1). */
    private static final String CNAME = "netready-collector";

    private final VoiceCodec codec;
    private final int maxCalls;
    private final int packets;
    private final int playoutDelayMs;
    private final byte[] key;
    private final int tag;
    private final RtpAuth verifier;
    private final RtcpAuth reportVerifier;
    private volatile LatchedCall[] calls = new LatchedCall[0];
    /** SSRC → call for the per-packet lookup; event loop only. */
    private final SsrcIndex<LatchedCall> bySsrc;
    private volatile boolean stopped;

    public MediaSession(VoiceCodec codec, int calls, Duration duration, int playoutDelayMs, byte[] key, int tag) {
        this.codec = codec;
        this.maxCalls = calls;
        this.packets = (int) (duration.toMillis() / VoiceCodec.PACKET_INTERVAL_MS);
        this.playoutDelayMs = playoutDelayMs;
        this.key = key;
        this.tag = tag;
        this.bySsrc = new SsrcIndex<>(calls);
        this.verifier = new RtpAuth(key, tag);
        this.reportVerifier = new RtcpAuth(key, tag);
    }

    /** Verifies packets; used on the event loop only (RtpAuth is not thread-safe). */
    RtpAuth verifier() {
        return verifier;
    }

    /** Verifies RTCP; used on the event loop only. */
    RtcpAuth reportVerifier() {
        return reportVerifier;
    }

    /** The call of this SSRC, or null; event loop only. */
    LatchedCall call(long ssrc) {
        return bySsrc.get(ssrc);
    }

    /**
     * Latches a new call to {@code source} (symmetric RTP: media goes back where it came from);
     * null when the session already has all the calls it asked for, or is stopped.
     */
    LatchedCall latch(long ssrc, InetSocketAddress source, DatagramOut out) {
        LatchedCall[] current = calls;
        if (stopped || current.length >= maxCalls) {
            return null;
        }
        LatchedCall call = new LatchedCall(ssrc, source,
                new MediaStream(CNAME, codec, packets, playoutDelayMs, key, tag, out, source));
        LatchedCall[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = call;
        calls = grown;
        bySsrc.put(ssrc, call);
        return call;
    }

    /** Statistics of an upstream stream of which nothing arrived. */
    StreamStats unheard(StreamOrigin origin) {
        return RtpStreamReceiver.unheard(codec, origin, playoutDelayMs);
    }

    /** Packets received on all calls so far; from any thread. */
    long packetsReceived() {
        long n = 0;
        for (LatchedCall call : calls) {
            n += call.stream().receiver().received();
        }
        return n;
    }

    LatchedCall[] calls() {
        return calls;
    }

    /** Stops the downstream streams; from any thread. */
    public void stop() {
        stopped = true;
        for (LatchedCall call : calls) {
            call.stream().sender().stop();
        }
    }
}
