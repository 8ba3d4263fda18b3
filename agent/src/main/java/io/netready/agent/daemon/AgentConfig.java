package io.netready.agent.daemon;

import io.netready.agent.client.CollectorAccess;
import io.netready.agent.client.CollectorAddress;
import io.netready.agent.ice.TurnServer;
import io.netready.agent.probe.ProbeOptions;
import io.netready.common.media.VoiceCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agent daemon's configuration ({@code netready agent --config FILE}, SPEC §5), checked:
 * {@link AgentConfigFile} builds one only when every field is valid.
 *
 * @param tests the parts of every run; the lifetime test is added by its own schedule
 * @param lifetimeEvery how often a run includes the binding-lifetime test; empty when it is off
 * @param warnings things that work but should be fixed (a token file others can read)
 */
public record AgentConfig(CollectorAddress collector, String site, CollectorAccess access, Duration interval,
                          Duration spread, Set<String> tests, Media media, Optional<Duration> lifetimeEvery,
                          int lifetimeMaxSeconds, Optional<TurnServer> turn, Path spoolDir, long spoolMaxBytes,
                          Duration spoolMaxAge, List<String> warnings) {

    /** The synthetic calls of each run. */
    public record Media(VoiceCodec codec, int calls, Duration duration, int playoutDelayMs) {
    }

    /** What one run does; {@code withLifetime} when the lifetime schedule says it is due. */
    public ProbeOptions probeOptions(boolean withLifetime) {
        Set<String> parts = new LinkedHashSet<>(tests);
        if (withLifetime) {
            parts.add(ProbeOptions.LIFETIME);
        }
        return new ProbeOptions(site, parts, media.codec(), media.calls(), media.duration(), media.playoutDelayMs(),
                turn, lifetimeMaxSeconds, Optional.empty());
    }
}
