package io.netready.collector.web;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the dashboard shows them: UTC, to the minute or second, with the age beside. */
final class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** "2026-05-01 10:15 UTC · 5 min ago", the absolute time also as a tooltip-free text. */
    static String seen(Timestamp t, Instant now) {
        Instant at = instant(t);
        return "<time datetime=\"" + at + "\">" + MINUTES.format(at) + "</time> <span class=\"sub\">· "
                + age(Duration.between(at, now)) + "</span>";
    }

    static String toSecond(Timestamp t) {
        return SECONDS.format(instant(t));
    }

    /** "just now", "12 min ago", "3 h ago", "4 d ago". */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        return s < 172_800 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
    }
}
