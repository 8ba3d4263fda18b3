package io.netready.collector.api;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netready.collector.grading.GateCheck;
import io.netready.collector.grading.SiteGrading;
import io.netready.proto.GateGrpc;
import io.netready.proto.GateRequest;
import io.netready.proto.GateResponse;
import io.netready.proto.Grade;
import io.netready.proto.SiteReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The yes/no for deployment pipelines. */
public final class GateService extends GateGrpc.GateImplBase {

    private final SiteGrading grading;
    private final Clock clock;

    public GateService(SiteGrading grading, Clock clock) {
        this.grading = grading;
        this.clock = clock;
    }

    @Override
    public void check(GateRequest request, StreamObserver<GateResponse> response) {
        String problem = request.getSitesCount() == 0 ? "name at least one site" : null;
        for (String site : request.getSitesList()) {
            problem = problem != null ? problem : ResultValidation.siteProblem(site, "sites");
        }
        if (problem == null && (request.getMinGrade() == Grade.UNRECOGNIZED || request.getMaxAgeSeconds() < 0)) {
            problem = "min_grade must be A to F and max_age_seconds must not be negative";
        }
        if (problem != null) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
            return;
        }
        Grade minGrade = request.getMinGrade() == Grade.GRADE_UNSPECIFIED
                ? grading.policy().readyGrade() : request.getMinGrade();
        Duration maxAge = request.getMaxAgeSeconds() == 0
                ? grading.policy().window() : Duration.ofSeconds(request.getMaxAgeSeconds());
        List<SiteReport> reports = request.getSitesList().stream().map(grading::report).toList();
        response.onNext(GateCheck.decide(reports, minGrade, maxAge, clock.instant()));
        response.onCompleted();
    }
}
