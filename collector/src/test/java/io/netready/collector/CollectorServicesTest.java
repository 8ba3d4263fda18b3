package io.netready.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.Finding;
import io.netready.proto.Grade;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.RunFailure;
import io.netready.proto.StreamStats;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.SubmitResultResponse;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorServicesTest {

    @TempDir
    Path data;

    private static ProbeResult result(String id, double loss) {
        return ProbeResult.newBuilder().setResultId(id).setSite("s1")
                .setStartedAt(Timestamps.fromMillis(System.currentTimeMillis()))
                .setMedia(MediaResult.newBuilder()
                        .setUpstream(StreamStats.newBuilder().setPacketsSent(100).setPacketsReceived(100)
                                .setLossPercent(loss))
                        .setDownstream(StreamStats.newBuilder().setPacketsSent(100).setPacketsReceived(100)))
                .build();
    }

    @Test
    void ingestIsIdempotentAndRejectsInconsistentResultsNamingTheField() {
        try (Collector c = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()))) {
            ManagedChannel ch = NettyChannelBuilder.forAddress(c.grpcAddress()).usePlaintext().build();
            try {
                var stub = ResultsGrpc.newBlockingStub(ch);
                SubmitResultResponse first = stub.submitResult(SubmitResultRequest.newBuilder()
                        .setResult(result("r1", 0)).build());
                assertFalse(first.getDuplicate());
                assertEquals(1, first.getReport().getRunsInWindow());
                SubmitResultResponse again = stub.submitResult(SubmitResultRequest.newBuilder()
                        .setResult(result("r1", 0)).build());
                assertTrue(again.getDuplicate());
                assertEquals(1, again.getReport().getRunsInWindow());

                StatusRuntimeException bad = assertThrows(StatusRuntimeException.class, () -> stub.submitResult(
                        SubmitResultRequest.newBuilder().setResult(result("r2", 140)).build()));
                assertEquals(Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
                assertTrue(bad.getStatus().getDescription().contains("result.media.upstream.loss_percent"));

                StatusRuntimeException site = assertThrows(StatusRuntimeException.class, () -> stub.submitResult(
                        SubmitResultRequest.newBuilder().setResult(result("r3", 0).toBuilder().setSite("a b"))
                                .build()));
                assertTrue(site.getStatus().getDescription().contains("result.site 'a b' is not a valid site name"));
                StatusRuntimeException stage = assertThrows(StatusRuntimeException.class, () -> stub.submitResult(
                        SubmitResultRequest.newBuilder().setResult(result("r4", 0).toBuilder().setFailure(
                                RunFailure.newBuilder().setStage("upload").setMessage("x"))).build()));
                assertEquals("result.failure.stage 'upload' is not one of session, nat, ice, media, lifetime",
                        stage.getStatus().getDescription());
                StatusRuntimeException longMessage = assertThrows(StatusRuntimeException.class, () -> stub.submitResult(
                        SubmitResultRequest.newBuilder().setResult(result("r5", 0).toBuilder().setFailure(
                                RunFailure.newBuilder().setStage("media").setMessage("m".repeat(1001)))).build()));
                assertTrue(longMessage.getStatus().getDescription().startsWith("result.failure.message must be at most 1000"));
                // Rejected results were not stored.
                assertEquals(1, stub.submitResult(SubmitResultRequest.newBuilder().setResult(result("r1", 0)).build())
                        .getReport().getRunsInWindow());
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void aFailedRunIsStoredAndReportedButNotGradedAsAMeasurement() {
        try (Collector c = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()))) {
            ManagedChannel ch = NettyChannelBuilder.forAddress(c.grpcAddress()).usePlaintext().build();
            try {
                var stub = ResultsGrpc.newBlockingStub(ch);
                SubmitResultResponse answer = stub.submitResult(SubmitResultRequest.newBuilder().setResult(
                        result("f1", 100).toBuilder().setFailure(RunFailure.newBuilder().setStage("media")
                                .setMessage("the collector stopped answering"))).build());
                assertFalse(answer.getDuplicate());
                assertEquals(Grade.F, answer.getReport().getGrade(), "its only run failed: nothing measured");
                assertEquals(List.of("STALE", "RUNS_FAILED"), answer.getReport().getFindingsList().stream()
                        .map(Finding::getCode).toList());
                assertEquals("media", answer.getReport().getRecentRuns(0).getFailure().getStage());
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void healthzAnswers() throws Exception {
        try (Collector c = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://" + c.httpAddress().getAddress().getHostAddress() + ":" + c.httpAddress().getPort();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"status\":\"ok\""), ok.body());
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
        }
    }

    @Test
    void aPortInUseIsNamedWithTheFlagThatChangesIt() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            CollectorConfig config = new CollectorConfig(busy.getLocalAddress(), Optional.empty(), 0, 0, busy.getLocalPort(), 0, 0,
                    data, Optional.empty(), GradingPolicy.defaults(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), CollectorConfig.DEFAULT_RETENTION);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Collector.start(config));
            assertEquals("UDP port " + busy.getLocalPort() + " on 127.0.0.1 is already in use: stop the program "
                    + "that holds it, or choose another port with --stun-port", e.getMessage());
        }
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CollectorConfig config = new CollectorConfig(busy.getInetAddress(), Optional.empty(), busy.getLocalPort(), 0, 0, 0, 0,
                    data, Optional.empty(), GradingPolicy.defaults(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), CollectorConfig.DEFAULT_RETENTION);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Collector.start(config));
            assertTrue(e.getMessage().contains("--grpc-port"), e.getMessage());
            assertTrue(e.getMessage().startsWith("TCP port " + busy.getLocalPort()), e.getMessage());
        }
    }
}
