package io.netready.collector.api;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.grading.GradeBroadcaster;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.store.ResultStore;
import io.netready.proto.GradeChange;
import io.netready.proto.HistoryRequest;
import io.netready.proto.HistoryResponse;
import io.netready.proto.ListAgentsRequest;
import io.netready.proto.ListAgentsResponse;
import io.netready.proto.ListSitesRequest;
import io.netready.proto.ListSitesResponse;
import io.netready.proto.ReportsGrpc;
import io.netready.proto.SiteReport;
import io.netready.proto.SiteReportRequest;
import io.netready.proto.WatchGradesRequest;
import java.util.Set;

/** Queries for people: a site's report, the list of sites, a site's history, the agents. */
public final class ReportsService extends ReportsGrpc.ReportsImplBase {

    static final int MAX_HISTORY = 10_000;

    private final ResultStore store;
    private final SiteGrading grading;
    private final GradeBroadcaster gradeChanges;
    private final AgentRegistry agents;

    public ReportsService(ResultStore store, SiteGrading grading, GradeBroadcaster gradeChanges,
                          AgentRegistry agents) {
        this.store = store;
        this.grading = grading;
        this.gradeChanges = gradeChanges;
        this.agents = agents;
    }

    @Override
    public void listAgents(ListAgentsRequest request, StreamObserver<ListAgentsResponse> response) {
        String problem = request.getSite().isEmpty() ? null : ResultValidation.siteProblem(request.getSite(), "site");
        if (problem != null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        response.onNext(ListAgentsResponse.newBuilder().addAllAgents(agents.list(request.getSite())).build());
        response.onCompleted();
    }

    @Override
    public void getSiteReport(SiteReportRequest request, StreamObserver<SiteReport> response) {
        String problem = ResultValidation.siteProblem(request.getSite(), "site");
        if (problem != null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        if (store.latest(request.getSite(), 1).isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("no results for site '" + request.getSite()
                    + "'; `netready sites` lists the sites this collector knows").asRuntimeException());
            return;
        }
        response.onNext(grading.report(request.getSite()));
        response.onCompleted();
    }

    @Override
    public void listSites(ListSitesRequest request, StreamObserver<ListSitesResponse> response) {
        response.onNext(ListSitesResponse.newBuilder().addAllSites(grading.summaries()).build());
        response.onCompleted();
    }

    @Override
    public void getHistory(HistoryRequest request, StreamObserver<HistoryResponse> response) {
        String problem = ResultValidation.siteProblem(request.getSite(), "site");
        if (problem != null || request.getLimit() < 0) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription(problem != null ? problem : "limit must not be negative").asRuntimeException());
            return;
        }
        int limit = request.getLimit() == 0 ? 100 : Math.min(request.getLimit(), MAX_HISTORY);
        response.onNext(HistoryResponse.newBuilder().addAllResults(store.latest(request.getSite(), limit)).build());
        response.onCompleted();
    }

    @Override
    public void watchGrades(WatchGradesRequest request, StreamObserver<GradeChange> response) {
        for (String site : request.getSitesList()) {
            String problem = ResultValidation.siteProblem(site, "sites");
            if (problem != null) {
                response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
                return;
            }
        }
        gradeChanges.subscribe(Set.copyOf(request.getSitesList()), (ServerCallStreamObserver<GradeChange>) response);
    }
}
