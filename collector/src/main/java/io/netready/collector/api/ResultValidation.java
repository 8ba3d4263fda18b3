package io.netready.collector.api;

import io.netready.common.net.SiteName;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;

/** What the collector refuses to store: results that cannot be graded or are inconsistent. */
final class ResultValidation {

    /** Site names appear in URLs, file names and metrics labels. */

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

    static String siteProblem(String site, String field) {
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
