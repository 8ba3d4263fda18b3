package io.netready.collector.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (the format reference in the
 * Prometheus documentation, "Exposition formats"), independent of the client that writes it:
 * names and label names by the data model's grammar, label values with only the three escapes
 * allowed, a TYPE before a family's samples, each family in one block, no series twice. Any
 * deviation throws with the line.
 */
final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\\n]|\\\\\\\\|\\\\n)*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:Inf|NaN|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)");

    /** Series, as {@code name{a="1",b="2"}} with labels sorted by name, and their values. */
    final Map<String, Double> series = new LinkedHashMap<>();
    /** Family name to type. */
    final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        String current = null;
        Set<String> finished = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                String family = m.group(1);
                if (p.types.put(family, m.group(2)) != null) {
                    throw new IllegalArgumentException("second TYPE for " + family);
                }
                if (current != null) {
                    finished.add(current);
                }
                current = family;
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String family = familyOf(name, current, p.types);
                if (family == null || finished.contains(family)) {
                    throw new IllegalArgumentException("sample outside its family's block (TYPE first, one block): " + line);
                }
                if (!FLOAT.matcher(m.group(3)).matches()) {
                    throw new IllegalArgumentException("not a float value: " + line);
                }
                String key = name + labels(m.group(2), line);
                if (p.series.put(key, Double.parseDouble(m.group(3).replace("Inf", "Infinity"))) != null) {
                    throw new IllegalArgumentException("series twice: " + key);
                }
            } else {
                throw new IllegalArgumentException("not a line of the text format: " + line);
            }
        }
        return p;
    }

    /** A sample belongs to the current family: the same name, or a counter's _total / a summary's parts. */
    private static String familyOf(String name, String current, Map<String, String> types) {
        if (current == null) {
            return null;
        }
        if (name.equals(current)) {
            return current;
        }
        String type = types.get(current);
        boolean suffixed = type.equals("counter") && name.equals(current + "_total")
                || name.equals(current + "_created");
        return suffixed ? current : null;
    }

    private static String labels(String text, String line) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Map<String, String> labels = new TreeMap<>();
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("bad label set: " + line);
            }
            if (labels.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("label twice: " + line);
            }
            at = m.end();
        }
        StringBuilder key = new StringBuilder("{");
        labels.forEach((k, v) -> key.append(key.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
        return key.append('}').toString();
    }

    double value(String key) {
        Double v = series.get(key);
        if (v == null) {
            throw new AssertionError("no series " + key + " in " + series.keySet());
        }
        return v;
    }
}
