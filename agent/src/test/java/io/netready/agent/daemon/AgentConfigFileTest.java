package io.netready.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.agent.probe.ProbeOptions;
import io.netready.common.media.VoiceCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void theSpecExampleReadsAsWritten() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        AgentConfig c = AgentConfigFile.load(write("""
                collector: collector.example.net:7401
                site: store-042
                tokenFile: token                          # relative: next to this file
                caFile: %s
                interval: 10m
                spread: 90s
                tests: [nat, media]
                media: { codec: opus, calls: 4, duration: 20s, playoutDelay: 80ms }
                lifetime: { every: 12h, max: 120s }
                spool: { dir: spool, maxBytes: 10MB, maxAge: 3d }
                """.formatted(ca)));
        assertEquals("collector.example.net", c.collector().host());
        assertEquals(7401, c.collector().port());
        assertEquals("store-042", c.site());
        assertEquals(Optional.of("s3cret"), c.access().token());
        assertTrue(c.access().tls(), "a CA file means TLS");
        assertEquals(Duration.ofMinutes(10), c.interval());
        assertEquals(Duration.ofSeconds(90), c.spread());
        assertEquals(Set.of("nat", "media"), c.tests());
        assertEquals(new AgentConfig.Media(VoiceCodec.OPUS, 4, Duration.ofSeconds(20), 80), c.media());
        assertEquals(Optional.of(Duration.ofHours(12)), c.lifetimeEvery());
        assertEquals(120, c.lifetimeMaxSeconds());
        assertEquals(dir.resolve("spool"), c.spoolDir());
        assertEquals(10L * 1024 * 1024, c.spoolMaxBytes());
        assertEquals(Duration.ofDays(3), c.spoolMaxAge());
        assertEquals(List.of(), c.warnings());
        assertTrue(c.probeOptions(true).runs(ProbeOptions.LIFETIME));
        assertEquals(Set.of("nat", "media"), c.probeOptions(false).tests());
    }

    @Test
    void onlyCollectorAndSiteAreRequiredAndTheRestHasBranchDefaults() throws IOException {
        AgentConfig c = AgentConfigFile.load(write("collector: 10.0.0.5\nsite: store-1\n"));
        assertEquals(7400, c.collector().port());
        assertEquals(Optional.empty(), c.access().token());
        assertEquals(Duration.ofMinutes(5), c.interval());
        assertEquals(Duration.ofSeconds(60), c.spread());
        assertEquals(List.of("nat", "ice", "media"), List.copyOf(c.tests()));
        assertEquals(new AgentConfig.Media(VoiceCodec.G711, 1, Duration.ofSeconds(10), 60), c.media());
        assertEquals(Optional.of(Duration.ofHours(6)), c.lifetimeEvery());
        assertEquals(300, c.lifetimeMaxSeconds());
        assertEquals(Path.of("/var/lib/netready/spool"), c.spoolDir());
        assertEquals(50L * 1024 * 1024, c.spoolMaxBytes());
        assertEquals(Duration.ofDays(7), c.spoolMaxAge());
    }

    /** Each line of a valid file replaced by a bad one: exactly one problem, naming the key, the value and the rule. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            collector        | collector: 'host:99999'              | port '99999' is not a number from 1 to 65535
            site             | site: '-store'                       | '-store' is not a valid site name: use 1 to 128
            token            | token: '  '                          | token: is empty
            tokenFile        | tokenFile: /nonexistent/token        | tokenFile: '/nonexistent/token' cannot be read
            caFile           | caFile: /nonexistent/ca.pem          | caFile: '/nonexistent/ca.pem' cannot be read
            tls              | tls: maybe                           | tls: expected true or false, found 'maybe'
            interval         | interval: 2 hours                    | interval: '2 hours' is not a duration: write e.g. 90s
            interval         | interval: 2d                         | interval: must be 1s to 24h, got 2d
            spread           | spread: 10m                          | spread: must be 0s to 5m, got 10m
            tests            | tests: [nat, sip]                    | tests: 'sip' is not a part this version runs; use any of nat, ice, media, lifetime
            tests            | tests: nat                           | tests: expected a list such as [nat, ice, media], found 'nat'
            tests            | tests: []                            | tests: name at least one part
            media.codec      | media: { codec: g726 }               | media.codec: unknown codec 'g726'; use one of
            media.calls      | media: { calls: 0 }                  | media.calls: must be 1 to 1000, got 0
            media.calls      | media: { calls: two }                | media.calls: expected a whole number, found 'two'
            media.duration   | media: { duration: 10 }              | media.duration: expected a duration such as 90s, 5m or 6h, found 10
            media.duration   | media: { duration: 11m }             | media.duration: must be 1 to 600 seconds, got 660.0 s
            media.playout    | media: { playoutDelay: 2s }          | media.playoutDelay: must be 0 to 1000 ms, got 2000
            media.unknown    | media: { codecs: g711 }              | media.codecs: unknown key; known keys in media: codec, calls, duration, playoutDelay
            lifetime.every   | lifetime: { every: 10s }             | lifetime.every: must be off, or 60s to 30d, got 10s
            lifetime.max     | lifetime: { max: 2h }                | lifetime.max: must be 1 to 3600 seconds, got 7200
            spool.maxBytes   | spool: { maxBytes: 50 MiB }          | spool.maxBytes: '50 MiB' is not a size: write e.g. 50MB
            spool.maxBytes   | spool: { maxBytes: 1KB }             | spool.maxBytes: must be 64KB to 100GB, got 1KB
            spool.maxAge     | spool: { maxAge: 400d }              | spool.maxAge: must be 60m to 365d, got 400d
            spool.dir        | spool: { dir: /etc/passwd }        | spool.dir: '/etc/passwd' exists and is not a directory
            spool            | spool: /var/spool                    | spool: expected a mapping with dir, maxBytes, maxAge, found '/var/spool'
            turn             | turn: 'http://x'                     | turn:
            unknown          | intervall: 1m                        | intervall: unknown key; known keys: collector, site, token, tokenFile
            """)
    void eachInvalidFieldIsItsOwnProblem(String field, String line, String expected) throws IOException {
        String key = line.substring(0, line.indexOf(':'));
        String valid = "collector: 127.0.0.1:7400\nsite: store-042\n";
        String text = valid.lines().anyMatch(l -> l.startsWith(key + ":"))
                ? valid.replaceAll("(?m)^" + key + ":.*$", line) : valid + line + "\n";
        var e = assertThrows(AgentConfigFile.InvalidConfigException.class, () -> AgentConfigFile.load(write(text)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        var e = assertThrows(AgentConfigFile.InvalidConfigException.class, () -> AgentConfigFile.load(write("""
                interval: 0s
                media: { calls: -1, codec: gsm }
                colour: blue
                """)));
        assertEquals(List.of("colour: unknown key; known keys: collector, site, token, tokenFile, caFile, tls, "
                        + "interval, spread, tests, media, lifetime, spool, turn",
                "collector: missing; give HOST:PORT such as collector.example.net:7400",
                "site: missing; give the site's name such as store-042",
                "interval: must be 1s to 24h, got 0s",
                "media.codec: unknown codec 'gsm'; use one of g711, g722, g729, opus",
                "media.calls: must be 1 to 1000, got -1"), e.problems());
        assertTrue(e.getMessage().contains("6 problems"), e.getMessage());
    }

    @Test
    void tokenAndTokenFileExcludeEachOtherAndAnEmptyOrOpenTokenFileIsCaught() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertProblem("token: abc\ntokenFile: " + empty, "token and tokenFile: give one of them, not both");
        assertProblem("tokenFile: " + empty, "tokenFile: '" + empty + "' is empty");

        Path open = Files.writeString(dir.resolve("open"), "tok\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        AgentConfig c = AgentConfigFile.load(write("collector: h\nsite: s\ntokenFile: " + open + "\n"));
        assertEquals(Optional.of("tok"), c.access().token());
        assertEquals(List.of("tokenFile '" + open + "' can be read by other users: chmod 600 it"), c.warnings());
    }

    @Test
    void lifetimeCanBeTurnedOffAndSizesAcceptPlainBytes() throws IOException {
        AgentConfig c = AgentConfigFile.load(write("collector: h\nsite: s\nlifetime: { every: off }\n"
                + "spool: { maxBytes: 1048576 }\n"));
        assertEquals(Optional.empty(), c.lifetimeEvery());
        assertEquals(1048576, c.spoolMaxBytes());
    }

    @Test
    void unreadableAndMalformedFilesSayWhy() throws IOException {
        var missing = assertThrows(AgentConfigFile.InvalidConfigException.class,
                () -> AgentConfigFile.load(dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("none.yaml: cannot read the file"), missing.getMessage());
        var broken = assertThrows(AgentConfigFile.InvalidConfigException.class,
                () -> AgentConfigFile.load(write("site: [a\n")));
        assertTrue(broken.getMessage().contains("not valid YAML"), broken.getMessage());
        var twice = assertThrows(AgentConfigFile.InvalidConfigException.class,
                () -> AgentConfigFile.load(write("site: a\nsite: b\n")));
        assertTrue(twice.getMessage().contains("duplicate key site"), twice.getMessage());
    }

    private void assertProblem(String extra, String expected) throws IOException {
        var e = assertThrows(AgentConfigFile.InvalidConfigException.class,
                () -> AgentConfigFile.load(write("collector: h\nsite: s\n" + extra + "\n")));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("agent.yaml"), text);
    }
}
