package io.netready.common.grade;

import io.netready.proto.Finding;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunFailure;
import io.netready.proto.Severity;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code RUNS_FAILED} finding: runs of the window that could not measure, mostly scheduled
 * runs of an agent that could not reach its collector. INFO, because a failed run says nothing
 * about voice quality; when every run failed the window has no measurement and STALE grades it.
 */
final class FailedRuns {

    static final String CODE = "RUNS_FAILED";

    private FailedRuns() {
    }

    static Optional<Finding> assess(List<ProbeResult> inWindow) {
        List<ProbeResult> failed = inWindow.stream().filter(ProbeResult::hasFailure)
                .sorted(Comparator.comparing(Runs::startedAt)).toList();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        // The newest failure's reason: the one that still holds, or held last.
        RunFailure newest = failed.get(failed.size() - 1).getFailure();
        String first = Runs.startedAt(failed.get(0)).truncatedTo(ChronoUnit.SECONDS).toString();
        String last = Runs.startedAt(failed.get(failed.size() - 1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String when = failed.size() == 1 ? "at " + first : "first " + first + ", last " + last;
        return Optional.of(Finding.newBuilder()
                .setCode(CODE)
                .setSeverity(Severity.INFO)
                .setTitle("Runs that could not measure")
                .setEvidence(failed.size() + " of " + inWindow.size() + " runs in the window could not measure: "
                        + newest.getStage() + ": " + newest.getMessage() + " (" + when + ").")
                .setImpact("These runs say nothing about voice quality; the grade rests on the other runs. While "
                        + "the branch could not reach its collector it may not have reached the voice provider "
                        + "either.")
                .setRemedy("Most failed runs are a branch that could not reach its collector. Compare the times "
                        + "with the WAN monitoring and change log: failures at many branches at the same times "
                        + "point at the collector or the data centre (collector down, its firewall changed); "
                        + "failures at this branch alone point at its WAN link (outage) or its firewall, which must "
                        + "let the agent out to the collector's gRPC port (TCP 7400 by default), STUN ports (UDP "
                        + "3478 and 3479) and media port (UDP 40000). Failures that continue while the link is up call for the agent's log "
                        + "(`journalctl -u netready-agent`).")
                .build());
    }
}
