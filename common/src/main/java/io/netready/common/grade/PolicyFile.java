package io.netready.common.grade;

import io.netready.common.cli.HumanDuration;
import io.netready.common.config.StructuredFile;
import io.netready.proto.Grade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a grading policy file ({@code --policy FILE} of the collector and of {@code probe
 * --no-upload}): YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}). Every key is
 * optional and overrides the SPEC §6 default; docs/grading.md §6 shows the format:
 *
 * <pre>
 * window: 24h
 * readyGrade: B
 * loss: { good: 1, warn: 3 }
 * reorder: { good: 0.05 }
 * </pre>
 *
 * <p>The whole file is checked before the collector starts, so that a typo never grades a fleet
 * with a silently ignored threshold: an unknown key is an error that lists the known ones, and a
 * value out of range names its field ({@code loss.good}) and the allowed range.
 */
public final class PolicyFile {

    /** A metric's limits in the file: its key and the builder setter that validates them. */
    private record Limits(String key, Function<GradingPolicy, Thresholds> defaults, Setter setter, boolean hasWarn) {
    }

    @FunctionalInterface
    private interface Setter {
        GradingPolicy.Builder set(GradingPolicy.Builder builder, double good, double warn);
    }

    private static final List<Limits> LIMITS = List.of(
            new Limits("loss", GradingPolicy::loss, GradingPolicy.Builder::loss, true),
            new Limits("jitter", GradingPolicy::jitter, GradingPolicy.Builder::jitter, true),
            new Limits("rtt", GradingPolicy::rtt, GradingPolicy.Builder::rtt, true),
            new Limits("mos", GradingPolicy::mos, GradingPolicy.Builder::mos, true),
            new Limits("burstLoss", GradingPolicy::burstLoss, GradingPolicy.Builder::burstLoss, true),
            new Limits("bindingLifetime", GradingPolicy::bindingLifetime, GradingPolicy.Builder::bindingLifetime, true),
            // Reordering alone never fails a site: it has a good limit only.
            new Limits("reorder", GradingPolicy::reorder, (b, good, warn) -> b.reorder(good), false));

    private static final String WINDOW = "window";
    private static final String READY_GRADE = "readyGrade";
    private static final String PLAYOUT_DELAY = "playoutDelayMs";

    private PolicyFile() {
    }

    /**
     * The SPEC §6 defaults with the file's overrides.
     *
     * @throws InvalidPolicyException naming the file, the field and what to write instead
     */
    public static GradingPolicy load(Path file) {
        Object root;
        try {
            root = StructuredFile.read(file);
        } catch (StructuredFile.UnreadableFileException e) {
            throw new InvalidPolicyException(e.getMessage());
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(file + ": " + e.getMessage() + " (the format is in docs/grading.md §6)");
        }
    }

    /**
     * The policy from a parsed file.
     *
     * @throws IllegalArgumentException naming the field
     */
    static GradingPolicy parse(Object root) {
        GradingPolicy.Builder builder = GradingPolicy.defaults().toBuilder();
        if (root == null) {
            return builder.build(); // empty or comments only: the defaults
        }
        Map<String, Object> top = mapping("the top level", root, knownTopKeys());
        for (Map.Entry<String, Object> entry : top.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            switch (key) {
                case WINDOW -> builder.window(duration(text(key, value)));
                case READY_GRADE -> builder.readyGrade(grade(text(key, value)));
                case PLAYOUT_DELAY -> builder.playoutDelayMs(integer(key, value));
                default -> setLimits(builder, limits(key), value);
            }
        }
        return builder.build();
    }

    private static void setLimits(GradingPolicy.Builder builder, Limits limits, Object value) {
        // A list, not a set: error messages name the keys in a stable order.
        List<String> keys = limits.hasWarn() ? List.of("good", "warn") : List.of("good");
        Map<String, Object> given = mapping(limits.key(), value, keys);
        Thresholds defaults = limits.defaults().apply(GradingPolicy.defaults());
        double good = given.containsKey("good") ? number(limits.key() + ".good", given.get("good")) : defaults.good();
        double warn = given.containsKey("warn") ? number(limits.key() + ".warn", given.get("warn")) : defaults.warn();
        limits.setter().set(builder, good, warn);
    }

    private static Limits limits(String key) {
        return LIMITS.stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> knownTopKeys() {
        List<String> keys = new ArrayList<>(List.of(WINDOW, READY_GRADE, PLAYOUT_DELAY));
        LIMITS.forEach(l -> keys.add(l.key()));
        return keys;
    }

    /** A mapping whose keys are all known; an unknown key is an error listing the known ones. */
    private static Map<String, Object> mapping(String where, Object value, Collection<String> known) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping with " + String.join(", ", known)
                    + ", found " + StructuredFile.describe(value));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!known.contains(key)) {
                String path = where.equals("the top level") ? key : where + "." + key;
                throw new IllegalArgumentException("unknown key '" + path + "'; known keys"
                        + (where.equals("the top level") ? "" : " in " + where) + ": " + String.join(", ", known));
            }
            result.put(key, entry.getValue());
        }
        return result;
    }

    private static double number(String path, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(path + ": expected a number, found " + StructuredFile.describe(value));
    }

    private static int integer(String path, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            // Out-of-int values become out-of-range, so the builder's message names the range.
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
        }
        throw new IllegalArgumentException(path + ": expected a whole number of milliseconds, found " + StructuredFile.describe(value));
    }

    private static String text(String path, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(path + ": expected text such as "
                + (path.equals(WINDOW) ? "24h" : "B") + ", found " + StructuredFile.describe(value));
    }

    private static Duration duration(String value) {
        try {
            return HumanDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WINDOW + ": " + e.getMessage());
        }
    }

    private static Grade grade(String value) {
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "A" -> Grade.A;
            case "B" -> Grade.B;
            case "C" -> Grade.C;
            case "D" -> Grade.D;
            case "F" -> Grade.F;
            default -> throw new IllegalArgumentException(READY_GRADE + ": '" + value + "' is not a grade; use one of "
                    + "A, B, C, D, F");
        };
    }

    /** A policy file that cannot be used; the message names the file, the field and the fix. */
    public static final class InvalidPolicyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidPolicyException(String message) {
            super(message);
        }
    }
}
