package io.netready.agent.probe;

import io.netready.agent.ice.TurnServer;
import io.netready.common.media.VoiceCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one probe run does.
 *
 * @param tests which parts run: {@link #NAT}, {@link #ICE}, {@link #MEDIA}, {@link #LIFETIME}
 * @param playoutDelayMs jitter-buffer depth assumed for discards and the E-model
 * @param turn the TURN server for the ICE part's relayed candidate, if any
 * @param lifetimeMaxSeconds the longest idle time the binding lifetime test tries
 * @param stunServer NAT discovery against this RFC 5780 server instead of the collector's
 */
public record ProbeOptions(String site, Set<String> tests, VoiceCodec codec, int calls, Duration duration,
                           int playoutDelayMs, Optional<TurnServer> turn, int lifetimeMaxSeconds,
                           Optional<InetSocketAddress> stunServer) {

    public static final String NAT = "nat";
    public static final String ICE = "ice";
    public static final String MEDIA = "media";
    public static final String LIFETIME = "lifetime";
    /** The parts this version can run. */
    public static final List<String> SUPPORTED = List.of(NAT, ICE, MEDIA, LIFETIME);
    public static final int DEFAULT_PLAYOUT_DELAY_MS = 60;

    public boolean runs(String test) {
        return tests.contains(test);
    }
}
