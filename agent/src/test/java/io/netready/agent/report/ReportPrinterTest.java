package io.netready.agent.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.netready.proto.AgentStatus;
import io.netready.proto.Grade;
import io.netready.proto.ListAgentsResponse;
import io.netready.proto.RunFailure;
import io.netready.proto.RunSummary;
import io.netready.proto.SiteReport;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    @Test
    void staleAgentsAreMarked() {
        java.time.Instant now = java.time.Instant.ofEpochSecond(1_700_000_000);
        ListAgentsResponse agents = ListAgentsResponse.newBuilder()
                .addAgents(AgentStatus.newBuilder().setSite("branch-7").setAgentId("box-1").setAgentVersion("0.6.0")
                        .setLastHeartbeatAt(Timestamp.newBuilder().setSeconds(1_700_000_000 - 3 * 3600)).setStale(true)
                        .setNextRunAt(Timestamp.newBuilder().setSeconds(1_700_000_000 - 2 * 3600)).setSpooledResults(40))
                .build();
        String text = ReportPrinter.agents(agents, now);
        assertTrue(text.lines().skip(1).findFirst().orElseThrow()
                .matches("branch-7 +box-1 +0\\.6\\.0 +3h ago +2h ago +40 +0  STALE"), text);
    }

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
