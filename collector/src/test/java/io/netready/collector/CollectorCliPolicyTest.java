package io.netready.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --policy}: a bad file stops the start with the field named, before anything binds. */
class CollectorCliPolicyTest {

    @TempDir
    Path dir;

    @Test
    void invalidPolicyIsABadArgumentNamingTheField() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "loss: { good: 7 }\n");
        StringWriter err = new StringWriter();
        CommandLine cl = CollectorCli.commandLine();
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("serve", "--policy", policy.toString(), "--data", dir.resolve("db").toString());

        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--policy " + policy + ": loss.good: 7 is above loss.warn 3; good must be ≤ warn"),
                err.toString());
    }
}
