package io.netready.agent.daemon;

import io.netready.agent.client.CollectorAccess;
import io.netready.agent.client.CollectorAddress;
import io.netready.agent.ice.TurnServer;
import io.netready.agent.probe.ProbeLimits;
import io.netready.agent.probe.ProbeOptions;
import io.netready.common.cli.ByteSize;
import io.netready.common.cli.HumanDuration;
import io.netready.common.config.StructuredFile;
import io.netready.common.media.VoiceCodec;
import io.netready.common.net.SiteName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and checks the agent's configuration file (docs/agent.md has every key with its default
 * and range). The whole file is checked before anything runs and every problem is reported at
 * once, each naming its key, the value found and what is allowed: an installer fixing a branch's
 * file should not need one restart per typo. Unknown keys are errors, so that a misspelt
 * {@code intervall: 1m} is not silently replaced by the default.
 */
public final class AgentConfigFile {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SPREAD = Duration.ofSeconds(60);
    public static final List<String> DEFAULT_TESTS = List.of(ProbeOptions.NAT, ProbeOptions.ICE, ProbeOptions.MEDIA);
    public static final Duration DEFAULT_LIFETIME_EVERY = Duration.ofHours(6);
    public static final int DEFAULT_LIFETIME_MAX_SECONDS = 300;
    public static final Path DEFAULT_SPOOL_DIR = Path.of("/var/lib/netready/spool");
    public static final long DEFAULT_SPOOL_MAX_BYTES = 50L * 1024 * 1024;
    public static final Duration DEFAULT_SPOOL_MAX_AGE = Duration.ofDays(7);

    /** Runs at most once a second (tests, labs) and at least once a day (else the collector calls it stale). */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(1);
    static final Duration MIN_LIFETIME_EVERY = Duration.ofMinutes(1);
    static final Duration MAX_LIFETIME_EVERY = Duration.ofDays(30);
    /** Below this a spool holds only a few results; above it, a branch box's disk is the problem. */
    static final long MIN_SPOOL_BYTES = 64L * 1024;
    static final long MAX_SPOOL_BYTES = 100L * 1024 * 1024 * 1024;
    static final Duration MIN_SPOOL_AGE = Duration.ofHours(1);
    static final Duration MAX_SPOOL_AGE = Duration.ofDays(365);

    private static final List<String> TOP = List.of("collector", "site", "token", "tokenFile", "caFile", "tls",
            "interval", "spread", "tests", "media", "lifetime", "spool", "turn");
    private static final List<String> MEDIA = List.of("codec", "calls", "duration", "playoutDelay");
    private static final List<String> LIFETIME = List.of("every", "max");
    private static final List<String> SPOOL = List.of("dir", "maxBytes", "maxAge");

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private AgentConfigFile(Path file) {
        this.file = file;
    }

    /**
     * The configuration in {@code file}.
     *
     * @throws InvalidConfigException with every problem found, each naming its key
     */
    public static AgentConfig load(Path file) {
        Object root;
        try {
            root = StructuredFile.read(file);
        } catch (StructuredFile.UnreadableFileException e) {
            throw new InvalidConfigException(file, List.of(e.getMessage()));
        }
        return new AgentConfigFile(file).parse(root);
    }

    private AgentConfig parse(Object root) {
        if (root == null) {
            root = Map.of(); // empty file: every required key is then reported missing
        }
        Map<String, Object> top = mapping("", root, TOP);
        Map<String, Object> media = mapping("media", top.get("media"), MEDIA);
        Map<String, Object> lifetime = mapping("lifetime", top.get("lifetime"), LIFETIME);
        Map<String, Object> spool = mapping("spool", top.get("spool"), SPOOL);

        CollectorAddress collector = required("collector", top, "HOST:PORT such as collector.example.net:7400",
                text -> CollectorAddress.parse(text));
        String site = required("site", top, "the site's name such as store-042", text -> {
            String problem = SiteName.problem(text, "");
            if (problem != null) {
                throw new IllegalArgumentException(problem.trim()); // "'x' is not a valid site name: use ..."
            }
            return text;
        });
        CollectorAccess access = access(top);
        Duration interval = duration("interval", top, DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL);
        Duration spread = duration("spread", top, DEFAULT_SPREAD, Duration.ZERO, interval);
        Set<String> tests = tests(top.get("tests"));
        AgentConfig.Media calls = media(media);
        Optional<Duration> every = lifetimeEvery(lifetime.get("every"));
        int lifetimeMax = checked("lifetime.max", lifetime, DEFAULT_LIFETIME_MAX_SECONDS,
                value -> ProbeLimits.lifetimeMaxSeconds(seconds(durationValue(value))));
        Optional<TurnServer> turn = Optional.ofNullable(optional("turn", top, "turn:USER:PASSWORD@HOST[:PORT]",
                TurnServer::parse));
        Path spoolDir = spoolDir(spool.get("dir"));
        long maxBytes = checked("spool.maxBytes", spool, DEFAULT_SPOOL_MAX_BYTES, value -> inRange(
                value instanceof Number n ? n.longValue() : ByteSize.parse(text(value, "a size such as 50MB")),
                MIN_SPOOL_BYTES, MAX_SPOOL_BYTES));
        Duration maxAge = duration("spool.maxAge", spool, DEFAULT_SPOOL_MAX_AGE, MIN_SPOOL_AGE, MAX_SPOOL_AGE);

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(file, problems);
        }
        return new AgentConfig(collector, site, access, interval, spread, tests, calls, every, lifetimeMax, turn,
                spoolDir, maxBytes, maxAge, List.copyOf(warnings));
    }

    private CollectorAccess access(Map<String, Object> top) {
        String token = optional("token", top, "the site token as text", text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("is empty");
            }
            return text.trim();
        });
        Path tokenFile = optional("tokenFile", top, "a file path", this::path);
        if (token != null && tokenFile != null) {
            problems.add("token and tokenFile: give one of them, not both");
        } else if (tokenFile != null) {
            token = tokenFrom(tokenFile);
        }
        Path caFile = optional("caFile", top, "a file path", this::path);
        if (caFile != null && !Files.isReadable(caFile)) {
            problems.add("caFile: '" + caFile + "' cannot be read: give the PEM file of the CA that signed the "
                    + "collector's certificate");
        }
        boolean tls = checked("tls", top, false, value -> {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("expected true or false, found " + StructuredFile.describe(value));
        });
        return new CollectorAccess(Optional.ofNullable(token), Optional.ofNullable(caFile), tls);
    }

    private String tokenFrom(Path tokenFile) {
        String token;
        try {
            token = Files.readString(tokenFile).trim();
        } catch (IOException e) {
            problems.add("tokenFile: '" + tokenFile + "' cannot be read (" + e.getMessage() + "): create it with the "
                    + "token from `netready-collector token create --site NAME`, readable by the agent's user");
            return null;
        }
        if (token.isEmpty()) {
            problems.add("tokenFile: '" + tokenFile + "' is empty: write the site token into it");
            return null;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(tokenFile);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add("tokenFile '" + tokenFile + "' can be read by other users: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): its ACLs are the installer's job.
        }
        return token;
    }

    private Set<String> tests(Object value) {
        if (value == null) {
            return ProbeLimits.tests(DEFAULT_TESTS);
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            problems.add("tests: expected a list such as [nat, ice, media], found " + StructuredFile.describe(value));
            return ProbeLimits.tests(DEFAULT_TESTS);
        }
        try {
            return ProbeLimits.tests(list.stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
            problems.add("tests: " + e.getMessage());
            return ProbeLimits.tests(DEFAULT_TESTS);
        }
    }

    private AgentConfig.Media media(Map<String, Object> media) {
        VoiceCodec codec = checked("media.codec", media, VoiceCodec.fromName("g711"),
                value -> VoiceCodec.fromName(text(value, "a codec name such as g711")));
        int calls = checked("media.calls", media, 1, value -> ProbeLimits.calls(whole(value)));
        Duration duration = checked("media.duration", media, Duration.ofSeconds(10),
                value -> ProbeLimits.duration(durationValue(value)));
        int playout = checked("media.playoutDelay", media, ProbeOptions.DEFAULT_PLAYOUT_DELAY_MS,
                value -> ProbeLimits.playoutDelayMs((int) Math.min(Integer.MAX_VALUE, durationValue(value).toMillis())));
        return new AgentConfig.Media(codec, calls, duration, playout);
    }

    private Optional<Duration> lifetimeEvery(Object value) {
        if (value == null) {
            return Optional.of(DEFAULT_LIFETIME_EVERY);
        }
        // YAML 1.1 reads a bare "off" as false.
        if (Boolean.FALSE.equals(value) || "off".equals(value)) {
            return Optional.empty();
        }
        return Optional.of(duration("lifetime.every", Map.of("every", value), DEFAULT_LIFETIME_EVERY,
                MIN_LIFETIME_EVERY, MAX_LIFETIME_EVERY, "off, or "));
    }

    private Path spoolDir(Object value) {
        if (value == null) {
            return DEFAULT_SPOOL_DIR;
        }
        Path dir = checked("spool.dir", Map.of("dir", value), DEFAULT_SPOOL_DIR,
                v -> path(text(v, "a directory path")));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            problems.add("spool.dir: '" + dir + "' exists and is not a directory: give a directory the agent may "
                    + "write (it is created if missing)");
        }
        return dir;
    }

    /** Relative paths are taken from the config file's directory, not from wherever the daemon was started. */
    private Path path(String text) {
        Path p = Path.of(text.trim());
        Path base = file.toAbsolutePath().getParent();
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    private Duration duration(String key, Map<String, Object> map, Duration dflt, Duration min, Duration max) {
        return duration(key, map, dflt, min, max, "");
    }

    private Duration duration(String key, Map<String, Object> map, Duration dflt, Duration min, Duration max,
                              String alternatives) {
        return checked(key, map, dflt, value -> {
            Duration d = durationValue(value);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be " + alternatives + HumanDuration.format(min) + " to "
                        + HumanDuration.format(max) + ", got " + value);
            }
            return d;
        });
    }

    private static Duration durationValue(Object value) {
        return HumanDuration.parse(text(value, "a duration such as 90s, 5m or 6h"));
    }

    private static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toSeconds());
    }

    private static int whole(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, ((Number) value).longValue()));
        }
        throw new IllegalArgumentException("expected a whole number, found " + StructuredFile.describe(value));
    }

    private static long inRange(long bytes, long min, long max) {
        if (bytes < min || bytes > max) {
            throw new IllegalArgumentException("must be " + ByteSize.format(min) + " to " + ByteSize.format(max)
                    + ", got " + ByteSize.format(bytes));
        }
        return bytes;
    }

    private static String text(Object value, String expected) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("expected " + expected + ", found " + StructuredFile.describe(value));
    }

    private <T> T required(String key, Map<String, Object> map, String expected, Function<String, T> parse) {
        if (map.get(key) == null) {
            problems.add(key + ": missing; give " + expected);
            return null;
        }
        return optional(key, map, expected, parse);
    }

    private <T> T optional(String key, Map<String, Object> map, String expected, Function<String, T> parse) {
        return checked(key, map, null, value -> parse.apply(text(value, expected)));
    }

    /** The checked value of {@code key}, the default when it is absent, or the default and a problem when invalid. */
    private <T> T checked(String path, Map<String, Object> map, T dflt, Function<Object, T> check) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        Object value = map.get(key);
        if (value == null) {
            return dflt;
        }
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return dflt;
        }
    }

    /** The section's entries; each unknown key is a problem that lists the known ones. */
    private Map<String, Object> mapping(String section, Object value, List<String> known) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add((section.isEmpty() ? "the file" : section) + ": expected a mapping with "
                    + String.join(", ", known) + ", found " + StructuredFile.describe(value));
            return result;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (known.contains(key)) {
                result.put(key, entry.getValue());
            } else {
                problems.add((section.isEmpty() ? key : section + "." + key) + ": unknown key; known keys"
                        + (section.isEmpty() ? "" : " in " + section) + ": " + String.join(", ", known));
            }
        }
        return result;
    }

    /** A configuration that cannot be used: every problem, each naming its key. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidConfigException(Path file, List<String> problems) {
            super(file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                    + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
