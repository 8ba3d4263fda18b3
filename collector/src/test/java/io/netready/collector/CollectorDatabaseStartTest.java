package io.netready.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A database the collector cannot use stops it at start with one line saying what to check. */
class CollectorDatabaseStartTest {

    @TempDir
    Path dir;

    private record Run(int exit, String err) {
    }

    private Run serve(String... args) {
        CommandLine cl = CollectorCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        String[] all = new String[args.length + 7];
        System.arraycopy(new String[] {"serve", "--grpc-port", "0", "--http-port", "0", "--stun-port", "0"}, 0, all, 0, 7);
        System.arraycopy(args, 0, all, 7, args.length);
        return new Run(cl.execute(all), err.toString());
    }

    @Test
    void anUnreachableDatabaseExitsOneWithoutAStackTrace() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path password = Files.writeString(dir.resolve("pw"), "secret\n");
        Run run = serve("--stun-alt-port", "0", "--media-port", "0", "--db-url",
                "jdbc:postgresql://127.0.0.1:" + closed + "/netready", "--db-user", "netready",
                "--db-password-file", password.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().startsWith("error: cannot open the database at jdbc:postgresql://127.0.0.1:" + closed),
                run.err());
        assertTrue(run.err().contains("check the host and port in --db-url"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithTheOptionToUseInstead() {
        Run run = serve("--db-url", "jdbc:postgresql://db/netready?user=n&password=secret");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("pass --db-password-file FILE"), run.err());
    }

    @Test
    void aRetentionThatIsNotADurationIsABadArgument() {
        Run run = serve("--retention", "forever");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--retention: 'forever' is not a duration"), run.err());
    }
}
