package io.netready.agent.probe;

import io.netready.agent.lifetime.IdleSchedule;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bounds of a probe's settings, for the probe command's options and the agent's configuration
 * alike. Each check returns the value or throws an {@link IllegalArgumentException} whose message
 * says the allowed range and the value given; the caller prefixes the option or key name.
 */
public final class ProbeLimits {

    public static final int MAX_CALLS = 1000;
    public static final Duration MIN_DURATION = Duration.ofSeconds(1);
    public static final Duration MAX_DURATION = Duration.ofSeconds(600);
    public static final int MAX_PLAYOUT_DELAY_MS = 1000;

    private ProbeLimits() {
    }

    public static int calls(int calls) {
        if (calls < 1 || calls > MAX_CALLS) {
            throw new IllegalArgumentException("must be 1 to " + MAX_CALLS + ", got " + calls);
        }
        return calls;
    }

    public static Duration duration(Duration duration) {
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("must be 1 to " + MAX_DURATION.toSeconds() + " seconds, got "
                    + duration.toMillis() / 1000.0 + " s");
        }
        return duration;
    }

    public static int playoutDelayMs(int ms) {
        if (ms < 0 || ms > MAX_PLAYOUT_DELAY_MS) {
            throw new IllegalArgumentException("must be 0 to " + MAX_PLAYOUT_DELAY_MS + " ms, got " + ms);
        }
        return ms;
    }

    public static int lifetimeMaxSeconds(int seconds) {
        if (seconds < 1 || seconds > IdleSchedule.LONGEST_MAX_SECONDS) {
            throw new IllegalArgumentException("must be 1 to " + IdleSchedule.LONGEST_MAX_SECONDS + " seconds, got "
                    + seconds);
        }
        return seconds;
    }

    /** The named parts, lower-cased, in the order given; an unknown name is an error listing the known ones. */
    public static Set<String> tests(Collection<String> names) {
        Set<String> parts = new LinkedHashSet<>();
        for (String t : names) {
            String part = t.trim().toLowerCase(Locale.ROOT);
            if (!ProbeOptions.SUPPORTED.contains(part)) {
                throw new IllegalArgumentException("'" + t + "' is not a part this version runs; use any of "
                        + String.join(", ", ProbeOptions.SUPPORTED));
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("name at least one part: " + String.join(", ", ProbeOptions.SUPPORTED));
        }
        return parts;
    }
}
