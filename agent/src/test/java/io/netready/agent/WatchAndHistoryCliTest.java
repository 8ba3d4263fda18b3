package io.netready.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.HistoryResponse;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.StreamStats;
import io.netready.proto.SubmitResultRequest;
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
        ManagedChannel channel = NettyChannelBuilder.forAddress(collector.grpcAddress()).usePlaintext().build();
        try {
            var results = ResultsGrpc.newBlockingStub(channel);
            submit(results, "r1", 0);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> {
                CommandLine cl = NetreadyCli.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                return cl.execute("sites", "--collector", address, "--watch");
            });
            awaitText(out::toString, "branch-7 +A +ready");
            // 10 % loss in one of two runs: LOSS_HIGH FAIL, grade D.
            submit(results, "r2", 10);
            awaitText(out::toString, "branch-7 +A -> D +NOT READY");

            CliRun history = CliRun.of("report", "--collector", address, "--site", "branch-7", "--history", "5");
            assertEquals(0, history.exitCode(), history.err());
            assertTrue(history.out().contains("Site branch-7: last 2 runs"), history.out());
            assertTrue(history.out().contains("  10.00 "), history.out()); // r2's loss, newest first
            CliRun json = CliRun.of("report", "--collector", address, "--site", "branch-7", "--history", "1", "--json");
            HistoryResponse.Builder parsed = HistoryResponse.newBuilder();
            JsonFormat.parser().merge(json.out(), parsed);
            assertEquals("r2", parsed.getResults(0).getResultId());
            CliRun tooMany = CliRun.of("report", "--collector", address, "--site", "branch-7", "--history", "0");
            assertEquals(2, tooMany.exitCode());
            assertTrue(tooMany.err().contains("--history must be 1 to 10000 runs"), tooMany.err());

            // The collector goes away: the watch ends with exit 2 and says so, it does not hang.
            collector.close();
            assertEquals(2, watch.get(15, TimeUnit.SECONDS), out + "" + err);
            assertFalse(err.toString().isBlank());
        } finally {
            channel.shutdownNow();
            collector.close();
        }
    }

    private static void submit(ResultsGrpc.ResultsBlockingStub stub, String id, double lossPercent) {
        stub.submitResult(SubmitResultRequest.newBuilder().setResult(ProbeResult.newBuilder()
                .setResultId(id).setSite("branch-7")
                .setStartedAt(Timestamps.fromMillis(System.currentTimeMillis()))
                .setMedia(MediaResult.newBuilder().setRttMs(20)
                        .setUpstream(StreamStats.newBuilder().setPacketsSent(100)
                                .setPacketsReceived(Math.round(100 - lossPercent)).setLossPercent(lossPercent))
                        .setDownstream(StreamStats.newBuilder().setPacketsSent(100).setPacketsReceived(100))))
                .build());
    }

    private static void awaitText(Supplier<String> text, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Pattern.compile(expected).matcher(text.get()).find()) {
            assertFalse(System.nanoTime() > deadline, () -> "expected \"" + expected + "\" in:\n" + text.get());
            Thread.sleep(20);
        }
    }
}
