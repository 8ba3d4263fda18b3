package io.netready.agent.probe;

import io.netready.agent.ice.TurnServer;
import io.netready.common.media.VoiceCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What one probe run does.
 *
 * @param tests which parts run: {@link #NAT}, {@link #ICE}, {@link #MEDIA}
 * @param playoutDelayMs jitter-buffer depth assumed for discards and the E-model
 * @param turn the TURN server for the ICE part's relayed candidate, if any
 */
public record ProbeOptions(String site, Set<String> tests, VoiceCodec codec, int calls, Duration duration,
                           int playoutDelayMs, Optional<TurnServer> turn) {

    public static final String NAT = "nat";
    public static final String ICE = "ice";
    public static final String MEDIA = "media";
    /** The parts this version can run. */
    public static final Set<String> SUPPORTED = Set.of(NAT, ICE, MEDIA);
    public static final int DEFAULT_PLAYOUT_DELAY_MS = 60;

    public boolean runs(String test) {
        return tests.contains(test);
    }
}
