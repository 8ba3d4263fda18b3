package io.netready.agent.cli;

import io.netready.common.cli.HumanDuration;
import java.time.Duration;
import picocli.CommandLine;

/** Durations as people write them ({@link HumanDuration#parse}): 90s, 15m, 24h, 7d, 500ms, PT1H. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        try {
            return HumanDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
