package io.netready.agent.media;

import io.netready.common.media.VoiceCodec;
import io.netready.common.rtp.RtpAuth;
import io.netready.common.rtp.RtpPacket;

/** The bit rate the calls put on the wire in one direction, headers included. */
final class WireRate {

    /** IPv4 (20) + UDP (8). */
    private static final int IP_UDP_BYTES = 28;
    /** RFC 8285 extension: 4-byte header, 1-byte element header + data, padded to 32 bits. */
    private static final int EXTENSION_BYTES = 4 + ((1 + RtpAuth.ELEMENT_LENGTH + 3) & ~3);

    private WireRate() {
    }

    static double kbps(VoiceCodec codec, int calls) {
        int packetBytes = IP_UDP_BYTES + RtpPacket.HEADER_LENGTH + EXTENSION_BYTES + codec.payloadBytes();
        double packetsPerSecond = 1000.0 / VoiceCodec.PACKET_INTERVAL_MS;
        return packetBytes * 8 * packetsPerSecond * calls / 1000.0;
    }
}
