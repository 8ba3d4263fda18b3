package io.netready.agent.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.netready.proto.Grade;
import io.netready.proto.RunFailure;
import io.netready.proto.RunSummary;
import io.netready.proto.SiteReport;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    @Test
    void aFailedRunIsShownWithItsStageAndReasonInsteadOfValues() {
        SiteReport report = SiteReport.newBuilder().setSite("branch-7").setGrade(Grade.B).setRunsInWindow(2)
                .setWindowSeconds(86_400)
                .addRecentRuns(RunSummary.newBuilder().setStartedAt(Timestamp.newBuilder().setSeconds(1_700_000_000))
                        .setFailure(RunFailure.newBuilder().setStage("session")
                                .setMessage("collector.example.net:7400 did not answer")))
                .addRecentRuns(RunSummary.newBuilder().setStartedAt(Timestamp.newBuilder().setSeconds(1_699_999_100))
                        .setLossPercent(0.5).setMos(4.3).setMappedAddress("203.0.113.7:40001"))
                .build();
        String text = ReportPrinter.report(report);
        assertTrue(text.contains("FAILED at session: collector.example.net:7400 did not answer"), text);
        assertTrue(text.contains("0.50") && text.contains("203.0.113.7:40001"), text);
    }
}
