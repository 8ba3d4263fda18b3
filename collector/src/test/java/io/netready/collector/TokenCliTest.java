package io.netready.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code netready-collector token ...} on the embedded database, in-process. */
class TokenCliTest {

    @TempDir
    Path data;

    private record Run(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CollectorCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createPrintsTheTokenAloneOnTheLastLineOnceListNeverShowsItRevokeRevokes() {
        String dir = data.toString();
        Run site = run("token", "create", "--site", "store-042", "--data", dir);
        assertEquals(0, site.code(), site.err());
        String token = site.lastLine();
        assertTrue(token.matches("nrt_[A-Za-z0-9_-]{43}"), site.out());
        Run read = run("token", "create", "--read", "--data", dir);
        assertEquals(0, read.code(), read.err());

        Run list = run("token", "list", "--data", dir);
        assertEquals(0, list.code(), list.err());
        assertFalse(list.out().contains(token.substring(4)), list.out());
        String id = list.out().lines().filter(l -> l.contains("store-042")).findFirst().orElseThrow().split(" +")[0];
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("site") && l.contains("never")),
                list.out());

        Run revoke = run("token", "revoke", id, "--data", dir);
        assertEquals(0, revoke.code(), revoke.err());
        Run again = run("token", "revoke", id, "--data", dir);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("token list"), again.err());
    }

    @Test
    void exactlyOneKindIsRequired() {
        Run none = run("token", "create", "--data", data.toString());
        assertEquals(2, none.code());
        Run two = run("token", "create", "--read", "--admin", "--data", data.toString());
        assertEquals(2, two.code());
        Run badSite = run("token", "create", "--site", "a b", "--data", data.toString());
        assertEquals(2, badSite.code());
        assertTrue(badSite.err().contains("site name"), badSite.err());
    }
}
