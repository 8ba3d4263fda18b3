package io.netready.agent.spool;

import io.netready.proto.ProbeResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a spooled result: {@code started_at} in epoch milliseconds, zero-padded to 13
 * digits, then the result id, so that the names' plain sort order is oldest first (ties broken
 * by result id) and a directory listing shows the backlog in upload order.
 */
record SpoolFileName(long startedMillis, String resultId) {

    static final String SUFFIX = ".result";
    /** A write in progress; one left behind was cut off by a crash before its rename. */
    static final String TEMP_SUFFIX = ".tmp";

    /** The agent generates UUIDs; anything else could escape the directory or break the ordering. */
    private static final Pattern RESULT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern NAME = Pattern.compile("(\\d{13})-(" + RESULT_ID.pattern() + ")" + Pattern.quote(SUFFIX));

    static SpoolFileName of(ProbeResult result) {
        if (!RESULT_ID.matcher(result.getResultId()).matches()) {
            throw new IllegalArgumentException("result_id '" + result.getResultId() + "' cannot be spooled: use 1 to 64 "
                    + "letters, digits, '_' or '-' (the agent generates a UUID)");
        }
        if (!result.hasStartedAt() || result.getStartedAt().getSeconds() < 0) {
            throw new IllegalArgumentException("result " + result.getResultId() + " has no started_at: the spool orders "
                    + "and ages results by it");
        }
        long millis = result.getStartedAt().getSeconds() * 1000 + result.getStartedAt().getNanos() / 1_000_000;
        return new SpoolFileName(millis, result.getResultId());
    }

    static Optional<SpoolFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.of(new SpoolFileName(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }

    String fileName() {
        return String.format("%013d-%s%s", startedMillis, resultId, SUFFIX);
    }

    String tempFileName() {
        return fileName() + TEMP_SUFFIX;
    }
}
