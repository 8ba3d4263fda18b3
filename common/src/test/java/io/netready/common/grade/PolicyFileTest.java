package io.netready.common.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.netready.proto.Grade;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.SiteReport;
import io.netready.proto.StreamStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFileTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void yamlOverridesEveryFieldAndKeepsUnsetDefaults() throws IOException {
        GradingPolicy policy = PolicyFile.load(write("policy.yaml", """
                # stricter for a contact centre
                window: 6h
                readyGrade: A
                playoutDelayMs: 80
                loss: { good: 0.5, warn: 2 }
                jitter: { warn: 40 }
                rtt: { good: 80, warn: 200 }
                mos: { good: 4.1, warn: 3.8 }
                burstLoss: { good: 1, warn: 3 }
                bindingLifetime: { good: 120, warn: 30 }
                reorder: { good: 0.1 }
                """));

        assertEquals(Duration.ofHours(6), policy.window());
        assertEquals(Grade.A, policy.readyGrade());
        assertEquals(80, policy.playoutDelayMs());
        assertLimits(policy.loss(), 0.5, 2);
        assertLimits(policy.jitter(), 30, 40); // good left at the SPEC §6 default
        assertLimits(policy.rtt(), 80, 200);
        assertLimits(policy.mos(), 4.1, 3.8);
        assertLimits(policy.burstLoss(), 1, 3);
        assertLimits(policy.bindingLifetime(), 120, 30);
        assertEquals(0.1, policy.reorder().good());
    }

    @Test
    void jsonIsReadToo() throws IOException {
        // Tab-indented, as editors and jq write it.
        GradingPolicy policy = PolicyFile.load(write("policy.json",
                "{\n\t\"window\": \"PT12H\",\n\t\"loss\": {\n\t\t\"good\": 2,\n\t\t\"warn\": 4\n\t}\n}\n"));

        assertEquals(Duration.ofHours(12), policy.window());
        assertLimits(policy.loss(), 2, 4);
        assertEquals(90, PolicyFile.load(write("delay.json", "{\"playoutDelayMs\": 90}")).playoutDelayMs());
    }

    @Test
    void emptyFileIsTheDefaults() throws IOException {
        GradingPolicy policy = PolicyFile.load(write("policy.yml", "# nothing overridden yet\n"));

        assertEquals(GradingPolicy.defaults().toString(), policy.toString());
    }

    @Test
    void policyChangesTheGrade() throws IOException {
        // Jitter 40 ms: WARN under the default (good ≤ 30 ms), so B; good under a 45 ms limit, so A.
        ProbeResult run = ProbeResult.newBuilder()
                .setResultId("r1")
                .setSite("store-042")
                .setStartedAt(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 60))
                .setMedia(MediaResult.newBuilder().setCodec("g711").setRttMs(40)
                        .setUpstream(stream(40)).setDownstream(stream(5)))
                .build();
        GradingPolicy lenient = PolicyFile.load(write("lenient.yaml", "jitter: { good: 45, warn: 60 }\n"));
        GradingPolicy strictReady = PolicyFile.load(write("strict.yaml", "readyGrade: A\n"));

        SiteReport byDefault = new Grader(GradingPolicy.defaults()).grade("store-042", List.of(run), NOW);
        SiteReport byLenient = new Grader(lenient).grade("store-042", List.of(run), NOW);
        SiteReport byStrict = new Grader(strictReady).grade("store-042", List.of(run), NOW);

        assertEquals(Grade.B, byDefault.getGrade());
        assertTrue(byDefault.getReady());
        assertEquals(Grade.A, byLenient.getGrade());
        assertEquals(List.of(), byLenient.getFindingsList());
        assertEquals(Grade.B, byStrict.getGrade());
        assertFalse(byStrict.getReady());
    }

    @Test
    void unknownKeyIsNamedWithTheKnownKeys() throws IOException {
        assertRejected("policy.yaml", "los: { good: 2 }\n",
                "policy.yaml: unknown key 'los'; known keys: window, readyGrade, playoutDelayMs, loss, jitter, rtt, "
                        + "mos, burstLoss, bindingLifetime, reorder");
        assertRejected("policy.yaml", "loss: { good: 2, fail: 5 }\n",
                "unknown key 'loss.fail'; known keys in loss: good, warn");
        assertRejected("policy.yaml", "reorder: { good: 0.1, warn: 1 }\n",
                "unknown key 'reorder.warn'; known keys in reorder: good");
    }

    /** Each mistake in a YAML policy: the file, then the field, what is wrong and what is allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # good worse than warn: both limits named, and which way round they must be
            loss: { good: 7 }                 | loss.good: 7 is above loss.warn 3; good must be ≤ warn
            mos: { good: 3.5, warn: 3.6 }     | mos.good: 3.5 is below mos.warn 3.6; good must be ≥ warn
            # out of range: the field and the allowed range
            loss: { warn: 120 }               | loss.warn: 120 is outside the allowed range 0 to 100
            mos: { good: 5 }                  | mos.good: 5 is outside the allowed range 1 to 4.5
            rtt: { good: -1 }                 | rtt.good: -1 is outside the allowed range 0 to 5000
            bindingLifetime: { warn: .nan }   | bindingLifetime.warn: NaN is outside
            window: 30s                       | window: 30s is outside the allowed range 1 minute to 90 days
            playoutDelayMs: 5000              | playoutDelayMs: 5000 is outside the allowed range 0 to 1000
            readyGrade: E                     | readyGrade: 'E' is not a grade; use one of A, B, C, D, F
            # wrong type: what was expected and what was found
            loss: { good: "2" }               | loss.good: expected a number, found '2'
            loss: 2                           | loss: expected a mapping with good, warn, found 2
            window: 24                        | window: expected text such as 24h, found 24
            window: soon                      | window: 'soon' is not a duration: write e.g. 90s, 15m, 24h or 7d
            playoutDelayMs: 60.5              | playoutDelayMs: expected a whole number
            - loss                            | the top level: expected a mapping
            """)
    void mistakesNameTheFieldAndWhatIsAllowed(String yaml, String expected) throws IOException {
        assertRejected("policy.yaml", yaml + "\n", "policy.yaml: " + expected);
    }

    @Test
    void unreadableFilesSayWhy() throws IOException {
        assertRejected("policy.yaml", "loss: { good: 1\n", "policy.yaml: not valid YAML");
        assertRejected("policy.yaml", "loss: { good: 1 }\nloss: { good: 2 }\n", "duplicate key loss");
        assertRejected("policy.json", "{\"loss\": {\"good\": 1}", "policy.json: not valid JSON");
        assertRejected("policy.json", "{\"loss\": {\"good\": 1}, \"loss\": {}}", "duplicate key loss");
        assertRejected("policy.json", "{\"playoutDelayMs\": 60.5}", "playoutDelayMs: expected a whole number");
        assertRejected("policy.toml", "loss = 1\n", "must be YAML (.yaml, .yml) or JSON (.json)");
        var e = assertThrows(PolicyFile.InvalidPolicyException.class, () -> PolicyFile.load(dir.resolve("none.yaml")));
        assertTrue(e.getMessage().contains("none.yaml: cannot read the file"), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private void assertRejected(String name, String text, String expected) throws IOException {
        Path file = write(name, text);
        var e = assertThrows(PolicyFile.InvalidPolicyException.class, () -> PolicyFile.load(file));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }

    private static void assertLimits(Thresholds t, double good, double warn) {
        assertEquals(good, t.good());
        assertEquals(warn, t.warn());
    }

    private static StreamStats stream(double jitterMs) {
        return StreamStats.newBuilder().setPacketsSent(500).setPacketsReceived(500).setJitterMs(jitterMs).setMos(4.3)
                .build();
    }
}
