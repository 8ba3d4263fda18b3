package io.netready.agent.daemon;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;

/** The one line a run leaves on stdout: what a person scanning the journal or a log query needs. */
final class RunLog {

    private RunLog() {
    }

    static LogLine line(ProbeResult r, int spoolPending, long uploadedTotal) {
        LogLine line = LogLine.event("run").add("site", r.getSite()).add("result_id", r.getResultId())
                .add("duration_s", Timestamps.between(r.getStartedAt(), r.getFinishedAt()).getSeconds()
                        + Timestamps.between(r.getStartedAt(), r.getFinishedAt()).getNanos() / 1e9);
        if (r.hasFailure()) {
            line.add("outcome", "failed").add("stage", r.getFailure().getStage())
                    .add("message", r.getFailure().getMessage());
        } else {
            line.add("outcome", "ok");
        }
        if (r.hasNat()) {
            line.add("nat", r.getNat().getUdpBlocked() ? "UDP_BLOCKED" : r.getNat().getClassicType().name());
        }
        if (r.hasIce()) {
            line.add("ice", r.getIce().getConnected() ? r.getIce().getLocalCandidateType() : "failed");
        }
        if (r.hasMedia()) {
            MediaResult m = r.getMedia();
            line.add("loss_up_pct", m.getUpstream().getLossPercent())
                    .add("loss_down_pct", m.getDownstream().getLossPercent())
                    .add("jitter_up_ms", m.getUpstream().getJitterMs())
                    .add("jitter_down_ms", m.getDownstream().getJitterMs())
                    .add("mos", Math.min(m.getUpstream().getMos(), m.getDownstream().getMos()))
                    .add("rtt_ms", m.getRttMs());
        }
        if (r.hasLifetime()) {
            line.add("binding_lifetime_s", r.getLifetime().getBindingLifetimeSeconds());
        }
        return line.add("spool_pending", spoolPending).add("uploaded_total", uploadedTotal);
    }
}
