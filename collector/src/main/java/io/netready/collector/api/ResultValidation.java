package io.netready.collector.api;

import io.netready.common.net.SiteName;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import java.util.Set;

/** What the collector refuses to store: results that cannot be graded or are inconsistent. */
public final class ResultValidation {

    /** The steps of a run that can fail (results.proto, RunFailure.stage). */
    static final Set<String> STAGES = Set.of("session", "nat", "ice", "media", "lifetime");

    /** Long enough for any error an agent logs with its advice, short enough for a page. */
    static final int MAX_FAILURE_MESSAGE = 1000;

    private ResultValidation() {
    }

    /** The first problem found, naming the field, or null when the result is fine. */
    static String problem(ProbeResult r) {
        if (r.getResultId().isEmpty() || r.getResultId().length() > 64) {
            return "result.result_id must be 1 to 64 characters (the agent generates a UUID)";
        }
        String site = siteProblem(r.getSite(), "result.site");
        if (site != null) {
            return site;
        }
        if (!r.hasStartedAt()) {
            return "result.started_at is missing";
        }
        if (r.hasFailure()) {
            if (!STAGES.contains(r.getFailure().getStage())) {
                return "result.failure.stage '" + r.getFailure().getStage() + "' is not one of "
                        + "session, nat, ice, media, lifetime";
            }
            if (r.getFailure().getMessage().length() > MAX_FAILURE_MESSAGE) {
                return "result.failure.message must be at most " + MAX_FAILURE_MESSAGE + " characters, got "
                        + r.getFailure().getMessage().length();
            }
        }
        if (r.hasMedia()) {
            MediaResult m = r.getMedia();
            String s = streamProblem(m.getUpstream(), "result.media.upstream");
            if (s == null) {
                s = streamProblem(m.getDownstream(), "result.media.downstream");
            }
            if (s != null) {
                return s;
            }
            if (m.getRttMs() < 0) {
                return "result.media.rtt_ms must not be negative";
            }
        }
        return null;
    }

    /** The problem of a site name, naming {@code field}, or null when it is fine. */
    public static String siteProblem(String site, String field) {
        return SiteName.problem(site, field);
    }

    private static String streamProblem(StreamStats s, String field) {
        if (s.getPacketsSent() < 0 || s.getPacketsReceived() < 0 || s.getDuplicates() < 0) {
            return field + ": packet counts must not be negative";
        }
        if (s.getLossPercent() < 0 || s.getLossPercent() > 100) {
            return field + ".loss_percent must be between 0 and 100, got " + s.getLossPercent();
        }
        if (s.getJitterMs() < 0) {
            return field + ".jitter_ms must not be negative";
        }
        return null;
    }
}
