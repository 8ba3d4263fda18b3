package io.netready.collector.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.api.ReportsService;
import io.netready.collector.store.JdbcResultStore;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.Grade;
import io.netready.proto.GradeChange;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.ReportsGrpc;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.SiteReport;
import io.netready.proto.StreamStats;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.WatchGradesRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WatchGrades over real gRPC: current grades first, then each change ingest makes. */
class WatchGradesTest {

    @TempDir
    Path data;

    @Test
    void sendsCurrentGradesThenEveryChangeOfTheWatchedSites() throws Exception {
        try (Collector c = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()))) {
            ManagedChannel ch = NettyChannelBuilder.forAddress(c.grpcAddress()).usePlaintext().build();
            try {
                var results = ResultsGrpc.newBlockingStub(ch);
                submit(results, "r1", "s1", 0);
                Watcher all = new Watcher();
                Watcher onlyS2 = new Watcher();
                ReportsGrpc.newStub(ch).watchGrades(WatchGradesRequest.getDefaultInstance(), all);
                ReportsGrpc.newStub(ch).watchGrades(WatchGradesRequest.newBuilder().addSites("s2").build(), onlyS2);

                assertChange(all.next(), "s1", Grade.GRADE_UNSPECIFIED, Grade.A, true);
                // s2 has no result yet: its current grade is F (nothing measured), as its report says.
                assertChange(onlyS2.next(), "s2", Grade.GRADE_UNSPECIFIED, Grade.F, false);

                // 10 % loss in one of two runs: p95 is the worst run, LOSS_HIGH FAIL, grade D.
                submit(results, "r2", "s1", 10);
                assertChange(all.next(), "s1", Grade.A, Grade.D, false);
                // Same grade again: no message.
                submit(results, "r3", "s1", 0);
                submit(results, "r4", "s2", 0);
                assertChange(all.next(), "s2", Grade.F, Grade.A, true);
                assertChange(onlyS2.next(), "s2", Grade.F, Grade.A, true);
                assertNull(onlyS2.changes.poll(300, TimeUnit.MILLISECONDS), "s1's changes are not sent to an s2 watcher");

                Watcher bad = new Watcher();
                ReportsGrpc.newStub(ch).watchGrades(WatchGradesRequest.newBuilder().addSites("a b").build(), bad);
                Status status = Status.fromThrowable(bad.end.get(5, TimeUnit.SECONDS));
                assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void slowWatcherIsDroppedAndIngestDoesNotWait() throws Exception {
        try (JdbcResultStore store = JdbcResultStore.embedded(data)) {
            SiteGrading grading = new SiteGrading(store, GradingPolicy.defaults(), Clock.systemUTC());
            GradeBroadcaster changes = new GradeBroadcaster(grading, Clock.systemUTC(), 8);
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new ReportsService(store, grading, changes, new AgentRegistry(store, Clock.systemUTC())))
                    .build().start();
            // A small HTTP/2 window, and a reader that never asks for a message: the stream stops being ready.
            ManagedChannel ch = NettyChannelBuilder.forAddress((InetSocketAddress) server.getListenSockets().get(0))
                    .usePlaintext().flowControlWindow(1024).build();
            try {
                ClientCall<WatchGradesRequest, GradeChange> call =
                        ch.newCall(ReportsGrpc.getWatchGradesMethod(), CallOptions.DEFAULT);
                CompletableFuture<Status> closed = new CompletableFuture<>();
                call.start(new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                }, new Metadata());
                call.sendMessage(WatchGradesRequest.getDefaultInstance());
                call.halfClose();
                waitFor(() -> changes.subscribers() == 1);

                long start = System.nanoTime();
                for (int i = 0; i < 20_000 && changes.subscribers() > 0; i++) {
                    changes.publish(SiteReport.newBuilder().setSite("s1")
                            .setGrade(i % 2 == 0 ? Grade.A : Grade.D).setReady(i % 2 == 0).build());
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(0, changes.subscribers());
                assertTrue(millis < 5_000, "publishing took " + millis + " ms");

                // The status queues behind what the stream already carries: a reader that catches up sees why.
                call.request(Integer.MAX_VALUE);
                Status status = closed.get(10, TimeUnit.SECONDS);
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
                assertTrue(status.getDescription().contains("fell 8 grade changes behind"), status.getDescription());
            } finally {
                ch.shutdownNow();
                server.shutdownNow();
            }
        }
    }

    private static void submit(ResultsGrpc.ResultsBlockingStub stub, String id, String site, double lossPercent) {
        stub.submitResult(SubmitResultRequest.newBuilder().setResult(ProbeResult.newBuilder()
                .setResultId(id).setSite(site)
                .setStartedAt(Timestamps.fromMillis(System.currentTimeMillis()))
                .setMedia(MediaResult.newBuilder().setRttMs(20)
                        .setUpstream(StreamStats.newBuilder().setPacketsSent(100)
                                .setPacketsReceived(Math.round(100 - lossPercent)).setLossPercent(lossPercent))
                        .setDownstream(StreamStats.newBuilder().setPacketsSent(100).setPacketsReceived(100))))
                .build());
    }

    private static void assertChange(GradeChange change, String site, Grade previous, Grade current, boolean ready) {
        assertNotNull(change, "no grade change arrived within 5 s");
        assertEquals(List.of(site, previous, current, ready),
                List.of(change.getSite(), change.getPrevious(), change.getCurrent(), change.getReady()), change.toString());
        assertTrue(change.hasAt());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out");
            Thread.sleep(10);
        }
    }

    /** Collects what the stream sends. */
    private static final class Watcher implements StreamObserver<GradeChange> {
        final BlockingQueue<GradeChange> changes = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();

        GradeChange next() throws InterruptedException {
            return changes.poll(5, TimeUnit.SECONDS);
        }

        @Override
        public void onNext(GradeChange value) {
            changes.add(value);
        }

        @Override
        public void onError(Throwable t) {
            end.complete(t);
        }

        @Override
        public void onCompleted() {
            end.complete(null);
        }
    }
}
