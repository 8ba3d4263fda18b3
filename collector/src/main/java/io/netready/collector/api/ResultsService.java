package io.netready.collector.api;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netready.collector.grading.GradeBroadcaster;
import io.netready.collector.grading.GradeRefresher;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.metrics.IngestCounters;
import io.netready.collector.store.GroupCommit;
import io.netready.collector.store.StoreException;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.SiteReport;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.SubmitResultResponse;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Result ingest: validate, commit, answer with the site's new grade — or, for an upload that
 * asks for no report, with the acknowledgement alone, the site regraded in the background.
 */
public final class ResultsService extends ResultsGrpc.ResultsImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsService.class);

    private final GroupCommit commits;
    private final SiteGrading grading;
    private final IngestCounters counters;
    private final GradeBroadcaster gradeChanges;
    private final GradeRefresher refresher;

    public ResultsService(GroupCommit commits, SiteGrading grading, IngestCounters counters,
                          GradeBroadcaster gradeChanges, GradeRefresher refresher) {
        this.commits = commits;
        this.grading = grading;
        this.counters = counters;
        this.gradeChanges = gradeChanges;
        this.refresher = refresher;
    }

    @Override
    public void submitResult(SubmitResultRequest request, StreamObserver<SubmitResultResponse> response) {
        String problem = ResultValidation.problem(request.getResult());
        if (problem != null) {
            counters.rejected();
            response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        boolean stored;
        try {
            // Blocks this call's thread (gRPC's executor) until the batch it joined is committed.
            stored = commits.save(request.getResult()).join();
        } catch (CompletionException failed) {
            if (!(failed.getCause() instanceof StoreException e)) {
                throw failed;
            }
            // Nothing was acknowledged, and a retry of the same result id is safe (idempotent ingest).
            LOG.warn("{}", e.getMessage());
            response.onError(Status.UNAVAILABLE.withDescription("the collector could not store the result ("
                    + e.getMessage() + "): retry later; a retry of the same result is never stored twice")
                    .asRuntimeException());
            return;
        }
        if (stored) {
            counters.stored();
        } else {
            counters.duplicate();
        }
        LOG.info("result {} from site {} {}", request.getResult().getResultId(), request.getResult().getSite(),
                stored ? "stored" : "was already stored");
        String site = request.getResult().getSite();
        if (request.getOmitReport()) {
            response.onNext(SubmitResultResponse.newBuilder().setDuplicate(!stored).build());
            response.onCompleted();
            if (stored) {
                refresher.siteChanged(site);
            }
            return;
        }
        SiteReport report = grading.report(site);
        response.onNext(SubmitResultResponse.newBuilder().setDuplicate(!stored).setReport(report).build());
        response.onCompleted();
        gradeChanges.publish(report); // after the answer: watchers never delay the agent
    }
}
