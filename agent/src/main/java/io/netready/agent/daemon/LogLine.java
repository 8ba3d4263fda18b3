package io.netready.agent.daemon;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One logfmt line ({@code time=… event=run site=store-042 outcome=ok}): key=value pairs that
 * journald keeps as one message and that log shippers (Loki, Vector, Fluent Bit, Splunk) split into
 * fields without a custom parser. Values with spaces, quotes, '=' or nothing in them are quoted with
 * Go-style escapes, as logfmt's reference implementation writes them.
 */
public final class LogLine {

    private final StringBuilder text = new StringBuilder();

    private LogLine(String event) {
        add("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        add("event", event);
    }

    public static LogLine event(String event) {
        return new LogLine(event);
    }

    public LogLine add(String key, Object value) {
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(key).append('=').append(quoted(String.valueOf(value)));
        return this;
    }

    /** A count, as digits (not through {@link #add(String, double)}, which an int would otherwise pick). */
    public LogLine add(String key, long value) {
        return add(key, (Object) Long.toString(value));
    }

    /** A measurement with two decimals: enough for loss % and jitter ms, without float noise. */
    public LogLine add(String key, double value) {
        return add(key, (Object) String.format(Locale.ROOT, "%.2f", value));
    }

    /** Prints the line in one write, so lines from the run loop and the heartbeat never interleave. */
    public void to(PrintStream out) {
        out.println(text);
        out.flush();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String quoted(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
        }
        if (plain) {
            return value;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
