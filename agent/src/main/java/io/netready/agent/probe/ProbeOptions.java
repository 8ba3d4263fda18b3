package io.netready.agent.probe;

import io.netready.common.media.VoiceCodec;
import java.time.Duration;
import java.util.Set;

/**
 * What one probe run does.
 *
 * @param tests which parts run: {@link #NAT}, {@link #MEDIA} (more parts arrive with later releases)
 * @param playoutDelayMs jitter-buffer depth assumed for discards and the E-model
 */
public record ProbeOptions(String site, Set<String> tests, VoiceCodec codec, int calls, Duration duration,
                           int playoutDelayMs) {

    public static final String NAT = "nat";
    public static final String MEDIA = "media";
    /** The parts this version can run. */
    public static final Set<String> SUPPORTED = Set.of(NAT, MEDIA);
    public static final int DEFAULT_PLAYOUT_DELAY_MS = 60;

    public boolean runs(String test) {
        return tests.contains(test);
    }
}
