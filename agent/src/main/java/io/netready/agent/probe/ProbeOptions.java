package io.netready.agent.probe;

import io.netready.common.media.VoiceCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What one probe run does.
 *
 * @param tests which parts run: {@link #NAT}, {@link #MEDIA} (more parts arrive with later releases)
 * @param playoutDelayMs jitter-buffer depth assumed for discards and the E-model
 * @param stunServer NAT discovery against this RFC 5780 server instead of the collector's
 */
public record ProbeOptions(String site, Set<String> tests, VoiceCodec codec, int calls, Duration duration,
                           int playoutDelayMs, Optional<InetSocketAddress> stunServer) {

    public static final String NAT = "nat";
    public static final String MEDIA = "media";
    /** The parts this version can run. */
    public static final Set<String> SUPPORTED = Set.of(NAT, MEDIA);
    public static final int DEFAULT_PLAYOUT_DELAY_MS = 60;

    public boolean runs(String test) {
        return tests.contains(test);
    }
}
