package io.netready.common.config;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A settings file people write (the grading policy, the agent's configuration): YAML ({@code .yaml},
 * {@code .yml}) or JSON ({@code .json}), read into plain maps, lists, strings, numbers and booleans
 * for the caller to check key by key. One reader, so every file accepts the same spellings and
 * rejects the same mistakes (duplicate keys, tabs in YAML).
 */
public final class StructuredFile {

    private StructuredFile() {
    }

    /**
     * The file's content; {@code null} for an empty file or one with comments only.
     *
     * @throws UnreadableFileException naming the file and what is wrong with it
     */
    public static Object read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
            throw new UnreadableFileException(file + ": must be YAML (.yaml, .yml) or JSON (.json)");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UnreadableFileException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        try {
            return lower.endsWith(".json") ? readJson(text) : readYaml(text);
        } catch (IllegalArgumentException e) {
            throw new UnreadableFileException(file + ": " + e.getMessage());
        }
    }

    /** YAML as plain maps, lists, strings and numbers; SafeConstructor never instantiates classes. */
    static Object readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // two "loss:" keys: which one counts is a guess
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    /**
     * JSON in the same shapes as {@link #readYaml}. Not read as YAML: YAML forbids the tab
     * indentation that JSON tools commonly write. Gson's strict streaming reader (already here for
     * protobuf's JSON) rather than its object mapping, which turns every number into a double and
     * lets a duplicate key silently win.
     */
    static Object readJson(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            if (reader.peek() == JsonToken.END_DOCUMENT) {
                return null;
            }
            Object value = jsonValue(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedJsonException("text after the end of the JSON document");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
    }

    private static Object jsonValue(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (map.containsKey(key)) {
                        throw new MalformedJsonException("duplicate key " + key + " at " + reader.getPath());
                    }
                    map.put(key, jsonValue(reader));
                }
                reader.endObject();
                return map;
            }
            case BEGIN_ARRAY -> {
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(jsonValue(reader));
                }
                reader.endArray();
                return list;
            }
            case NUMBER -> {
                String digits = reader.nextString();
                return digits.matches("-?\\d+") ? (Object) Long.parseLong(digits) : (Object) Double.parseDouble(digits);
            }
            case STRING -> {
                return reader.nextString();
            }
            case BOOLEAN -> {
                return reader.nextBoolean();
            }
            default -> {
                reader.nextNull();
                return null;
            }
        }
    }

    /** A value as an error message shows it: 'text', a mapping, a list, a number. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value.toString();
    }

    /** The file is missing, unreadable, or not valid YAML/JSON; the message names the file. */
    public static final class UnreadableFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(String message) {
            super(message);
        }
    }
}
