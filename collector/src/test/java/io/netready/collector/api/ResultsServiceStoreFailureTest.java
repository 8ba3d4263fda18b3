package io.netready.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.grading.GradeBroadcaster;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.metrics.CollectorMetrics;
import io.netready.collector.store.JdbcResultStore;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.ProbeResult;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.SubmitResultResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsServiceStoreFailureTest {

    @TempDir
    Path dir;

    @Test
    void aStoreThatFailsIsAnsweredUnavailableWithRetryAdvice() {
        JdbcResultStore store = JdbcResultStore.embedded(dir);
        store.close(); // every statement now fails, as with a database that went away
        SiteGrading grading = new SiteGrading(store, GradingPolicy.defaults(), Clock.systemUTC());
        CollectorMetrics metrics = new CollectorMetrics(grading, new AgentRegistry(store, Clock.systemUTC()),
                Clock.systemUTC(), new CollectorMetrics.UdpServices(() -> 0, () -> 0, drop -> 0, () -> 0));
        ResultsService service = new ResultsService(store, grading, metrics.ingest(),
                new GradeBroadcaster(grading, Clock.systemUTC(), GradeBroadcaster.DEFAULT_QUEUE));
        AtomicReference<Throwable> error = new AtomicReference<>();
        service.submitResult(SubmitResultRequest.newBuilder().setResult(ProbeResult.newBuilder()
                .setResultId("r1").setSite("a").setStartedAt(Timestamps.fromMillis(1_700_000_000_000L))).build(),
                new StreamObserver<SubmitResultResponse>() {
                    @Override
                    public void onNext(SubmitResultResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        error.set(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        Status status = Status.fromThrowable(error.get());
        assertEquals(Status.Code.UNAVAILABLE, status.getCode());
        assertTrue(status.getDescription().startsWith("the collector could not store the result (cannot store "
                + "result r1: "), status.getDescription());
        assertTrue(status.getDescription().endsWith("retry later; a retry of the same result is never stored twice"),
                status.getDescription());
    }
}
