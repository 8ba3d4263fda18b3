package io.netready.common.grade;

import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The two RTP directions of a synthetic call, measured separately because NAT and firewall
 * faults are directional (SPEC §3.3).
 */
enum Direction {
    UPSTREAM("upstream (site → collector)", MediaResult::hasUpstream, MediaResult::getUpstream),
    DOWNSTREAM("downstream (collector → site)", MediaResult::hasDownstream, MediaResult::getDownstream);

    private final String label;
    private final Predicate<MediaResult> present;
    private final Function<MediaResult, StreamStats> stats;

    Direction(String label, Predicate<MediaResult> present, Function<MediaResult, StreamStats> stats) {
        this.label = label;
        this.present = present;
        this.stats = stats;
    }

    String label() {
        return label;
    }

    Direction opposite() {
        return this == UPSTREAM ? DOWNSTREAM : UPSTREAM;
    }

    /** This direction's statistics, when the run measured it. */
    Optional<StreamStats> stats(ProbeResult run) {
        return run.hasMedia() && present.test(run.getMedia())
                ? Optional.of(stats.apply(run.getMedia()))
                : Optional.empty();
    }

    /** Packets got through: the quality metrics of this direction mean something. */
    boolean live(ProbeResult run) {
        return stats(run).filter(s -> s.getPacketsReceived() > 0).isPresent();
    }

    /** Packets were sent and none arrived. */
    boolean dead(ProbeResult run) {
        return stats(run).filter(s -> s.getPacketsSent() > 0 && s.getPacketsReceived() == 0).isPresent();
    }

    /** "upstream (site → collector): 0 of 500 packets received". */
    String counts(ProbeResult run) {
        StreamStats s = stats(run).orElseThrow();
        return label + ": " + s.getPacketsReceived() + " of " + s.getPacketsSent() + " packets received";
    }
}
