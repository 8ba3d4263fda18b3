package io.netready.agent.report;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.netready.common.cli.HumanDuration;
import io.netready.common.grade.Grader;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.AgentStatus;
import io.netready.proto.CallResult;
import io.netready.proto.Finding;
import io.netready.proto.GateResponse;
import io.netready.proto.GateVerdict;
import io.netready.proto.Grade;
import io.netready.proto.GradeChange;
import io.netready.proto.HistoryResponse;
import io.netready.proto.LifetimeResult;
import io.netready.proto.ListAgentsResponse;
import io.netready.proto.ListSitesResponse;
import io.netready.proto.IceResult;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunSummary;
import io.netready.proto.SiteReport;
import io.netready.proto.SiteSummary;
import io.netready.proto.StreamStats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders results, reports and verdicts for a person at a terminal. */
public final class ReportPrinter {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ReportPrinter() {
    }

    /** What one probe run measured. */
    public static String result(ProbeResult r) {
        StringBuilder b = new StringBuilder();
        if (r.hasNat()) {
            NatResult n = r.getNat();
            b.append("NAT\n");
            if (n.getUdpBlocked()) {
                line(b, "UDP", "blocked: no STUN answer from the server");
            } else {
                line(b, "mapped address", n.getMappedAddress() + "  (local " + n.getLocalAddress() + ")");
                line(b, "type", n.getClassicType() + "  (mapping " + n.getMappingBehavior() + ", filtering "
                        + n.getFilteringBehavior() + ")");
                if (n.hasHairpinning()) {
                    line(b, "hairpinning", n.getHairpinning() ? "yes" : "no");
                }
                if (n.hasPortPreserved()) {
                    line(b, "port preserved", n.getPortPreserved() ? "yes" : "no");
                }
                line(b, "STUN round trip", fmt(n.getStunRttMs()) + " ms");
            }
            for (String e : n.getEvidenceList()) {
                b.append("    - ").append(e).append('\n');
            }
        }
        if (r.hasIce()) {
            IceResult i = r.getIce();
            b.append("ICE\n");
            if (i.getConnected()) {
                line(b, "nominated pair", i.getLocalCandidateType() + " (here) - " + i.getRemoteCandidateType()
                        + " (collector)");
                line(b, "time to connected", i.getTimeToConnectedMs() + " ms of checks");
            } else {
                line(b, "connectivity", "FAILED: " + i.getFailureReason());
            }
            line(b, "local candidates", String.join(", ", i.getLocalCandidatesList()));
        }
        if (r.hasMedia()) {
            MediaResult m = r.getMedia();
            b.append(String.format(Locale.ROOT, "Media  %d x %s call%s, %.1f s, %d ms playout buffer, %.0f kbit/s "
                            + "each way on the wire%n", m.getCalls(), m.getCodec(), m.getCalls() == 1 ? "" : "s",
                    m.getDurationMs() / 1000.0, m.getPlayoutDelayMs(), m.getWireKbps()));
            streams(b, m.getUpstream(), m.getDownstream());
            line(b, "round trip", fmt(m.getRttMs()) + " ms mean, " + fmt(m.getRttP95Ms()) + " ms p95");
            if (m.getPacketsNotSent() > 0) {
                line(b, "NOT SENT by this host", m.getPacketsNotSent() + " packets (counted as upstream loss, but "
                        + "this machine could not keep up: its loss figures overstate the network's)");
            }
            if (m.getPerCallCount() > 0) {
                b.append(String.format(Locale.ROOT, "  %-6s %14s %14s %16s %10s%n", "call", "loss % up/down",
                        "jitter ms u/d", "max burst u/d", "MOS u/d"));
                for (CallResult c : m.getPerCallList()) {
                    StreamStats u = c.getUpstream();
                    StreamStats d = c.getDownstream();
                    b.append(String.format(Locale.ROOT, "  %-6d %6.2f / %-5.2f %6.2f / %-5.2f %7d / %-6d %4.2f / %-4.2f%n",
                            c.getCall(), u.getLossPercent(), d.getLossPercent(), u.getJitterMs(), d.getJitterMs(),
                            u.getMaxBurstLoss(), d.getMaxBurstLoss(), u.getMos(), d.getMos()));
                }
            }
        }
        if (r.hasLifetime()) {
            lifetime(b, r.getLifetime());
        }
        return b.toString();
    }

    private static void lifetime(StringBuilder b, LifetimeResult l) {
        b.append(String.format(Locale.ROOT, "UDP binding lifetime  %.1f s%n", l.getDurationMs() / 1000.0));
        if (l.getTrialsCount() > 0) {
            line(b, "idle mapping", l.getBindingLifetimeUpperSeconds() == 0
                    ? "alive after " + l.getBindingLifetimeSeconds() + " s, the longest tried"
                    : "alive after " + l.getBindingLifetimeSeconds() + " s, dead after "
                            + l.getBindingLifetimeUpperSeconds() + " s");
            line(b, "keep-alive", l.getRecommendedKeepaliveSeconds() > 0
                    ? "every " + l.getRecommendedKeepaliveSeconds() + " s or more often (SIP and RTP over UDP)"
                    : "none helps: raise the NAT's UDP timeout");
        }
        for (String e : l.getEvidenceList()) {
            b.append("    - ").append(e).append('\n');
        }
    }

    /** A site's grade, findings and recent runs. */
    public static String report(SiteReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Site %s: grade %s, %s%n", r.getSite(), r.getGrade(),
                r.getReady() ? "READY for voice" : "NOT READY for voice"));
        b.append(String.format(Locale.ROOT, "  graded on %d run%s of the last %s%s%n", r.getRunsInWindow(),
                r.getRunsInWindow() == 1 ? "" : "s", HumanDuration.format(Duration.ofSeconds(r.getWindowSeconds())),
                r.hasLastResultAt() ? ", newest " + time(r.getLastResultAt()) : ""));
        if (r.getFindingsCount() == 0) {
            b.append("  No findings: every measured metric is within the policy.\n");
        }
        b.append(findings(r.getFindingsList()));
        if (r.getRecentRunsCount() > 0) {
            b.append('\n').append(runs("recent runs", r.getRecentRunsList()));
        }
        return b.toString();
    }

    /** A site's last runs from GetHistory, newest first, in the report's table. */
    public static String history(String site, HistoryResponse history) {
        if (history.getResultsCount() == 0) {
            return "No results for site " + site + ": `netready sites` lists the sites the collector knows.\n";
        }
        Grader summarizer = new Grader(GradingPolicy.defaults()); // a run's summary does not depend on the policy
        return String.format(Locale.ROOT, "Site %s: last %d run%s%n", site, history.getResultsCount(),
                history.getResultsCount() == 1 ? "" : "s")
                + runs("started", history.getResultsList().stream().map(summarizer::summary).toList());
    }

    /** "2026-03-10 12:00:00Z  store-042  A -> D  NOT READY"; the first line per site has no arrow. */
    public static String gradeChange(GradeChange c) {
        String grades = c.getPrevious() == Grade.GRADE_UNSPECIFIED ? String.valueOf(c.getCurrent())
                : c.getPrevious() + " -> " + c.getCurrent();
        return String.format(Locale.ROOT, "%s  %-24s %-7s %s", time(c.getAt()), c.getSite(), grades,
                c.getReady() ? "ready" : "NOT READY");
    }

    /** Time, worst-direction loss, jitter and MOS, RTT and mapped address per run; or why it failed. */
    private static String runs(String heading, List<RunSummary> runs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-20s %7s %9s %8s %5s  %s%n", heading,
                "loss %", "jitter ms", "rtt ms", "MOS", "mapped address"));
        for (RunSummary run : runs) {
            if (run.hasFailure()) {
                // A failed run has no values to show; its reason says what to check.
                b.append(String.format(Locale.ROOT, "  %-20s FAILED at %s: %s%n", time(run.getStartedAt()),
                        run.getFailure().getStage(), run.getFailure().getMessage()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %-20s %7.2f %9.2f %8.2f %5.2f  %s%n",
                    time(run.getStartedAt()), run.getLossPercent(), run.getJitterMs(), run.getRttMs(),
                    run.getMos(), run.getMappedAddress()));
        }
        return b.toString();
    }

    /** Each finding as a block: severity, code and title, then evidence, impact and remedy. */
    public static String findings(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append('\n').append(String.format(Locale.ROOT, "  %-4s %s: %s%n", f.getSeverity(), f.getCode(),
                    f.getTitle()));
            indented(b, "evidence", f.getEvidence());
            indented(b, "impact", f.getImpact());
            indented(b, "remedy", f.getRemedy());
        }
        return b.toString();
    }

    /** The table of all sites. */
    public static String sites(ListSitesResponse sites, Instant now) {
        if (sites.getSitesCount() == 0) {
            return "No sites yet: run `netready probe --collector HOST:PORT --site NAME` at a site.\n";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-5s %-9s %-10s %-6s %s%n",
                "SITE", "GRADE", "READY", "LAST SEEN", "RUNS", "WORST FINDING"));
        for (SiteSummary s : sites.getSitesList()) {
            String seen = s.hasLastResultAt() ? age(s.getLastResultAt(), now) : "never";
            b.append(String.format(Locale.ROOT, "%-24s %-5s %-9s %-10s %-6d %s%n", s.getSite(), s.getGrade(),
                    s.getReady() ? "ready" : "NOT READY", seen, s.getRunsInWindow(),
                    s.getWorstFinding().isEmpty() ? "-" : s.getWorstFinding()));
        }
        return b.toString();
    }

    /** The table of agents, stale ones marked. */
    public static String agents(ListAgentsResponse agents, Instant now) {
        if (agents.getAgentsCount() == 0) {
            return "No agent has sent a heartbeat: start one at a branch with `netready agent --config FILE`.\n";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-20s %-10s %-14s %-12s %7s %7s  %s%n",
                "SITE", "AGENT", "VERSION", "LAST HEARTBEAT", "NEXT RUN", "SPOOLED", "EVICTED", "STATE"));
        for (AgentStatus a : agents.getAgentsList()) {
            String next = a.hasNextRunAt() ? relative(a.getNextRunAt(), now) : "-";
            b.append(String.format(Locale.ROOT, "%-24s %-20s %-10s %-14s %-12s %7d %7d  %s%n", a.getSite(),
                    a.getAgentId(), a.getAgentVersion(), age(a.getLastHeartbeatAt(), now), next,
                    a.getSpooledResults(), a.getEvictedResults(), a.getStale() ? "STALE" : "ok"));
        }
        return b.toString();
    }

    /** "5m ago". */
    private static String age(Timestamp at, Instant now) {
        return HumanDuration.format(Duration.between(Instant.ofEpochMilli(Timestamps.toMillis(at)), now)) + " ago";
    }

    /** "in 5m", or "5m ago" for a run that should have started already. */
    private static String relative(Timestamp at, Instant now) {
        Duration d = Duration.between(now, Instant.ofEpochMilli(Timestamps.toMillis(at)));
        return d.isNegative() ? HumanDuration.format(d.negated()) + " ago" : "in " + HumanDuration.format(d);
    }

    /** The gate's verdict per site. */
    public static String gate(GateResponse response) {
        StringBuilder b = new StringBuilder();
        for (GateVerdict v : response.getSitesList()) {
            b.append(String.format(Locale.ROOT, "%-4s %-24s grade %s%s%n", v.getPass() ? "PASS" : "FAIL",
                    v.getSite(), v.getGrade() == Grade.GRADE_UNSPECIFIED ? "-" : v.getGrade(),
                    v.getPass() ? "" : "  " + v.getReason()));
        }
        b.append(response.getPass() ? "gate: PASS, every site is ready\n" : "gate: FAIL\n");
        return b.toString();
    }

    /** Both directions side by side, every metric of SPEC §3.3. */
    private static void streams(StringBuilder b, StreamStats up, StreamStats down) {
        b.append(String.format(Locale.ROOT, "  %-22s %14s %14s%n", "", "upstream", "downstream"));
        row(b, "packets sent", up.getPacketsSent(), down.getPacketsSent());
        row(b, "packets received", up.getPacketsReceived(), down.getPacketsReceived());
        row(b, "loss %", up.getLossPercent(), down.getLossPercent());
        row(b, "max / mean burst", up.getMaxBurstLoss(), down.getMaxBurstLoss(), up.getMeanBurstLoss(),
                down.getMeanBurstLoss());
        row(b, "jitter ms mean / max", up.getJitterMs(), down.getJitterMs(), up.getJitterMaxMs(),
                down.getJitterMaxMs());
        row(b, "PDV ms p50 / p95", up.getPdvP50Ms(), down.getPdvP50Ms(), up.getPdvP95Ms(), down.getPdvP95Ms());
        row(b, "PDV ms p99", up.getPdvP99Ms(), down.getPdvP99Ms());
        row(b, "reorder %", up.getReorderPercent(), down.getReorderPercent());
        row(b, "duplicates", up.getDuplicates(), down.getDuplicates());
        row(b, "late for buffer %", up.getDiscardPercent(), down.getDiscardPercent());
        row(b, "effective loss %", up.getEffectiveLossPercent(), down.getEffectiveLossPercent());
        row(b, "R-factor / MOS", up.getRFactor(), down.getRFactor(), up.getMos(), down.getMos());
    }

    private static void row(StringBuilder b, String label, double up, double down, double up2, double down2) {
        b.append(String.format(Locale.ROOT, "  %-22s %14s %14s%n", label, num(up) + " / " + num(up2),
                num(down) + " / " + num(down2)));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "  %-22s %s%n", label, value));
    }

    private static void row(StringBuilder b, String label, double up, double down) {
        b.append(String.format(Locale.ROOT, "  %-22s %14s %14s%n", label, num(up), num(down)));
    }

    private static void indented(StringBuilder b, String label, String text) {
        if (!text.isEmpty()) {
            b.append(String.format(Locale.ROOT, "       %-9s %s%n", label + ":", text));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String time(Timestamp t) {
        return TIME.format(Instant.ofEpochMilli(Timestamps.toMillis(t)));
    }
}
