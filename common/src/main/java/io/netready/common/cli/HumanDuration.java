package io.netready.common.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations for people: "45s", "12m", "5h", "3d" — the largest unit that keeps two digits. */
public final class HumanDuration {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private HumanDuration() {
    }

    /**
     * Durations as people write them: 90s, 15m, 24h, 7d, 500ms, or ISO-8601 (PT1H).
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Duration parse(String value) {
        Matcher m = SIMPLE.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration: write e.g. 90s, 15m, 24h or 7d");
        }
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
