package io.netready.common.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The voice codecs a synthetic call can imitate: what goes on the wire (RFC 3551 payload type,
 * RTP clock, payload size per 20 ms packet) and how the ITU-T G.107 E-model rates them
 * (equipment impairment Ie and packet-loss robustness Bpl, ITU-T G.113 Appendix I).
 *
 * <p>The payload is synthetic: only its size matters to the network.
 */
public enum VoiceCodec {
    /** PCMU, RFC 3551 §4.5.14. G.113 App. I: Ie 0, Bpl 25.1 with packet loss concealment. */
    G711("g711", 0, 8000, 160, 0, 25.1, 0.0),
    /**
     * RFC 3551 §4.5.2: G.722 is clocked at 8000 Hz in RTP although it samples at 16 kHz.
     * Approximation: the narrowband E-model cannot credit wideband audio, so G.722 is rated as
     * G.711 with concealment (Ie 0, Bpl 25.1); its algorithmic delay is 1.5 ms.
     */
    G722("g722", 9, 8000, 160, 0, 25.1, 1.5),
    /** RFC 3551 §4.5.6. G.113 App. I: G.729A (+VAD) Ie 11, Bpl 19.0; 5 ms look-ahead. */
    G729("g729", 18, 8000, 20, 11, 19.0, 5.0),
    /**
     * RFC 7587: dynamic payload type, 48 kHz RTP clock; ~32 kbit/s gives ~80 B per 20 ms.
     * Approximation: G.113 lists no Opus values; rated as G.711 with concealment (Ie 0,
     * Bpl 25.1), which understates Opus's own concealment; 6.5 ms look-ahead.
     */
    OPUS("opus", 111, 48000, 80, 0, 25.1, 6.5);

    /** Every profile sends one packet each 20 ms. */
    public static final int PACKET_INTERVAL_MS = 20;

    private final String cliName;
    private final int payloadType;
    private final int clockRate;
    private final int payloadBytes;
    private final double ie;
    private final double bpl;
    private final double algorithmicDelayMs;

    VoiceCodec(String cliName, int payloadType, int clockRate, int payloadBytes,
               double ie, double bpl, double algorithmicDelayMs) {
        this.cliName = cliName;
        this.payloadType = payloadType;
        this.clockRate = clockRate;
        this.payloadBytes = payloadBytes;
        this.ie = ie;
        this.bpl = bpl;
        this.algorithmicDelayMs = algorithmicDelayMs;
    }

    /** The name used on the command line, in configuration and in results ("g711"). */
    public String cliName() { return cliName; }

    public int payloadType() { return payloadType; }

    /** RTP timestamp units per second. */
    public int clockRate() { return clockRate; }

    public int payloadBytes() { return payloadBytes; }

    /** RTP timestamp increment between consecutive packets. */
    public int timestampStep() { return clockRate / 1000 * PACKET_INTERVAL_MS; }

    /** E-model equipment impairment factor Ie (G.107 §7.6). */
    public double ie() { return ie; }

    /** E-model packet-loss robustness factor Bpl (G.107 §7.6). */
    public double bpl() { return bpl; }

    /** Delay the codec adds on top of packetisation (look-ahead), for the E-model's Ta. */
    public double algorithmicDelayMs() { return algorithmicDelayMs; }

    /** Looks a codec up by its command-line name, case-insensitively. */
    public static VoiceCodec fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (VoiceCodec codec : values()) {
            if (codec.cliName.equals(wanted)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + name + "'; use one of "
                + Arrays.stream(values()).map(VoiceCodec::cliName).collect(Collectors.joining(", ")));
    }
}
