package io.netready.common.media;

import java.net.InetSocketAddress;

/**
 * Both directions of one synthetic call at one end: what it sends and what it receives, tied by
 * the echo that measures the round trip. The agent and the collector each hold one per call.
 */
public final class MediaStream {

    private final EchoState echo = new EchoState();
    private final RtpStreamSender sender;
    private final RtpStreamReceiver receiver;

    /**
     * @param packets packets each direction carries (duration / 20 ms)
     */
    public MediaStream(VoiceCodec codec, int packets, int playoutDelayMs, byte[] sessionKey, int sessionTag,
                       DatagramOut out, InetSocketAddress peer) {
        this.sender = new RtpStreamSender(codec, packets, sessionKey, sessionTag, out, peer, echo);
        this.receiver = new RtpStreamReceiver(codec, packets, playoutDelayMs, echo);
    }

    public RtpStreamSender sender() {
        return sender;
    }

    public RtpStreamReceiver receiver() {
        return receiver;
    }
}
