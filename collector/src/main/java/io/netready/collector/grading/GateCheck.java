package io.netready.collector.grading;

import com.google.protobuf.util.Timestamps;
import io.netready.common.cli.HumanDuration;
import io.netready.proto.GateResponse;
import io.netready.proto.GateVerdict;
import io.netready.proto.Grade;
import io.netready.proto.SiteReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The pipeline gate's decision. It fails closed: a site without a fresh result fails, whatever
 * its last grade was.
 */
public final class GateCheck {

    private GateCheck() {
    }

    /**
     * @param minGrade the worst grade that still passes
     * @param maxAge a site's newest result must be younger than this
     */
    public static GateResponse decide(List<SiteReport> reports, Grade minGrade, Duration maxAge, Instant now) {
        GateResponse.Builder response = GateResponse.newBuilder().setPass(true);
        for (SiteReport report : reports) {
            GateVerdict verdict = verdict(report, minGrade, maxAge, now);
            response.addSites(verdict);
            response.setPass(response.getPass() && verdict.getPass());
        }
        return response.build();
    }

    static GateVerdict verdict(SiteReport report, Grade minGrade, Duration maxAge, Instant now) {
        GateVerdict.Builder v = GateVerdict.newBuilder()
                .setSite(report.getSite())
                .setGrade(report.getGrade())
                .addAllFindings(report.getFindingsList());
        if (!report.hasLastResultAt()) {
            return v.setPass(false).setReason("no result in the grading window; is an agent probing this site?")
                    .build();
        }
        v.setLastResultAt(report.getLastResultAt());
        Duration age = Duration.between(Instant.ofEpochMilli(Timestamps.toMillis(report.getLastResultAt())), now);
        if (age.compareTo(maxAge) > 0) {
            return v.setPass(false).setReason("newest result is " + HumanDuration.format(age) + " old, older than --max-age "
                    + HumanDuration.format(maxAge)).build();
        }
        // Grade enum values are ordered A=1 (best) .. F=5 (worst).
        if (report.getGrade().getNumber() > minGrade.getNumber()) {
            return v.setPass(false).setReason("grade " + report.getGrade() + " is below the minimum " + minGrade)
                    .build();
        }
        return v.setPass(true).build();
    }
}
