package io.netready.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.HistoryResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code netready sites --watch} and {@code netready report --history} against a real collector. */
class WatchAndHistoryCliTest {

    @TempDir
    Path data;

    @Test
    void watchPrintsGradesAsTheyChangeAndHistoryListsTheRuns() throws Exception {
        Collector collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()));
        String address = HostPort.format(collector.grpcAddress());
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> {
                CommandLine cl = NetreadyCli.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                return cl.execute("sites", "--collector", address, "--watch");
            });
            // A new site's first result is a change: a clean loopback probe grades A.
            CliRun probe = CliRun.of("probe", "--collector", address, "--site", "branch-7", "--duration", "1");
            assertEquals(0, probe.exitCode(), probe.out() + probe.err());
            awaitText(out::toString, "branch-7 +A +ready");

            CliRun history = CliRun.of("report", "--collector", address, "--site", "branch-7", "--history", "5");
            assertEquals(0, history.exitCode(), history.err());
            assertTrue(history.out().contains("Site branch-7: last 1 run"), history.out());
            CliRun json = CliRun.of("report", "--collector", address, "--site", "branch-7", "--history", "1", "--json");
            HistoryResponse.Builder parsed = HistoryResponse.newBuilder();
            JsonFormat.parser().merge(json.out(), parsed);
            assertEquals("branch-7", parsed.getResults(0).getSite());
            assertTrue(parsed.getResults(0).hasMedia());
            CliRun tooMany = CliRun.of("report", "--collector", address, "--site", "branch-7", "--history", "0");
            assertEquals(2, tooMany.exitCode());
            assertTrue(tooMany.err().contains("--history must be 1 to 10000 runs"), tooMany.err());

            // The collector goes away: the watch ends with exit 2 and says so, it does not hang.
            collector.close();
            assertEquals(2, watch.get(15, TimeUnit.SECONDS), out + "" + err);
            assertTrue(err.toString().contains("collector at " + address), err.toString());
        } finally {
            collector.close();
        }
    }

    private static void awaitText(Supplier<String> text, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Pattern.compile(expected).matcher(text.get()).find()) {
            assertFalse(System.nanoTime() > deadline, () -> "expected \"" + expected + "\" in:\n" + text.get());
            Thread.sleep(20);
        }
    }
}
