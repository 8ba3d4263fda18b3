package io.netready.common.cli;

import java.time.Duration;

/** Durations for people: "45s", "12m", "5h", "3d" — the largest unit that keeps two digits. */
public final class HumanDuration {

    private HumanDuration() {
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
