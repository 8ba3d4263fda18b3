package io.netready.common.media;

import java.net.InetSocketAddress;

/**
 * Both directions of one synthetic call at one end: what it sends and what it receives, tied by
 * the echo that measures the round trip, and the RTCP reports about them. The agent and the collector each hold one per call.
 */
public final class MediaStream {

    private final EchoState echo = new EchoState();
    private final RtpStreamSender sender;
    private final RtpStreamReceiver receiver;
    private final RtcpStreamSender reports;

    /**
     * @param cname   this end's RTCP canonical name (RFC 3550 §6.5.1)
     * @param packets packets each direction carries (duration / 20 ms)
     */
    public MediaStream(String cname, VoiceCodec codec, int packets, int playoutDelayMs, byte[] sessionKey,
                       int sessionTag, DatagramOut out, InetSocketAddress peer) {
        this.sender = new RtpStreamSender(codec, packets, sessionKey, sessionTag, out, peer, echo);
        this.receiver = new RtpStreamReceiver(codec, packets, playoutDelayMs, echo);
        this.reports = new RtcpStreamSender(cname, sender, receiver, sessionKey, sessionTag, out, peer,
                packets * VoiceCodec.PACKET_INTERVAL_MS * 1_000_000L);
    }

    public RtpStreamSender sender() {
        return sender;
    }

    public RtpStreamReceiver receiver() {
        return receiver;
    }

    /** The RTCP reports this end sends; ticked by the receiving thread. */
    public RtcpStreamSender reports() {
        return reports;
    }
}
