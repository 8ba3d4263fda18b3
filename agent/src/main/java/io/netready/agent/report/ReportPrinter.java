package io.netready.agent.report;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.netready.common.cli.HumanDuration;
import io.netready.proto.Finding;
import io.netready.proto.GateResponse;
import io.netready.proto.GateVerdict;
import io.netready.proto.ListSitesResponse;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunSummary;
import io.netready.proto.SiteReport;
import io.netready.proto.SiteSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
                line(b, "UDP", "blocked: no STUN answer from the collector");
            } else {
                line(b, "mapped address", n.getMappedAddress() + "  (local " + n.getLocalAddress() + ")");
                line(b, "mapping", n.getMappingBehavior().toString());
                line(b, "STUN round trip", fmt(n.getStunRttMs()) + " ms");
            }
            for (String e : n.getEvidenceList()) {
                b.append("    - ").append(e).append('\n');
            }
        }
        if (r.hasMedia()) {
            MediaResult m = r.getMedia();
            b.append(String.format(Locale.ROOT, "Media  %d x %s call%s, %.1f s, %d ms playout buffer%n",
                    m.getCalls(), m.getCodec(), m.getCalls() == 1 ? "" : "s", m.getDurationMs() / 1000.0,
                    m.getPlayoutDelayMs()));
            b.append(String.format(Locale.ROOT, "  %-22s %12s %12s%n", "", "upstream", "downstream"));
            row(b, "packets sent", m.getUpstream().getPacketsSent(), m.getDownstream().getPacketsSent());
            row(b, "packets received", m.getUpstream().getPacketsReceived(), m.getDownstream().getPacketsReceived());
            row(b, "loss %", m.getUpstream().getLossPercent(), m.getDownstream().getLossPercent());
            row(b, "jitter ms (mean)", m.getUpstream().getJitterMs(), m.getDownstream().getJitterMs());
            row(b, "jitter ms (max)", m.getUpstream().getJitterMaxMs(), m.getDownstream().getJitterMaxMs());
            row(b, "PDV p95 ms", m.getUpstream().getPdvP95Ms(), m.getDownstream().getPdvP95Ms());
            row(b, "max burst (packets)", m.getUpstream().getMaxBurstLoss(), m.getDownstream().getMaxBurstLoss());
            row(b, "MOS", m.getUpstream().getMos(), m.getDownstream().getMos());
            line(b, "round trip", fmt(m.getRttMs()) + " ms mean, " + fmt(m.getRttP95Ms()) + " ms p95");
        }
        return b.toString();
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
        for (Finding f : r.getFindingsList()) {
            b.append('\n').append(String.format(Locale.ROOT, "  %-4s %s: %s%n", f.getSeverity(), f.getCode(),
                    f.getTitle()));
            indented(b, "evidence", f.getEvidence());
            indented(b, "impact", f.getImpact());
            indented(b, "remedy", f.getRemedy());
        }
        if (r.getRecentRunsCount() > 0) {
            b.append(String.format(Locale.ROOT, "%n  %-20s %7s %9s %8s %5s  %s%n", "recent runs", "loss %",
                    "jitter ms", "rtt ms", "MOS", "mapped address"));
            for (RunSummary run : r.getRecentRunsList()) {
                b.append(String.format(Locale.ROOT, "  %-20s %7.2f %9.2f %8.2f %5.2f  %s%n",
                        time(run.getStartedAt()), run.getLossPercent(), run.getJitterMs(), run.getRttMs(),
                        run.getMos(), run.getMappedAddress()));
            }
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
            String seen = s.hasLastResultAt()
                    ? HumanDuration.format(Duration.between(Instant.ofEpochMilli(Timestamps.toMillis(s.getLastResultAt())), now)) + " ago"
                    : "never";
            b.append(String.format(Locale.ROOT, "%-24s %-5s %-9s %-10s %-6d %s%n", s.getSite(), s.getGrade(),
                    s.getReady() ? "ready" : "NOT READY", seen, s.getRunsInWindow(),
                    s.getWorstFinding().isEmpty() ? "-" : s.getWorstFinding()));
        }
        return b.toString();
    }

    /** The gate's verdict per site. */
    public static String gate(GateResponse response) {
        StringBuilder b = new StringBuilder();
        for (GateVerdict v : response.getSitesList()) {
            b.append(String.format(Locale.ROOT, "%-4s %-24s grade %s%s%n", v.getPass() ? "PASS" : "FAIL",
                    v.getSite(), v.getGrade() == io.netready.proto.Grade.GRADE_UNSPECIFIED ? "-" : v.getGrade(),
                    v.getPass() ? "" : "  " + v.getReason()));
        }
        b.append(response.getPass() ? "gate: PASS, every site is ready\n" : "gate: FAIL\n");
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "  %-22s %s%n", label, value));
    }

    private static void row(StringBuilder b, String label, double up, double down) {
        boolean whole = up == Math.rint(up) && down == Math.rint(down) && !label.equals("MOS");
        String f = whole ? "  %-22s %12.0f %12.0f%n" : "  %-22s %12.2f %12.2f%n";
        b.append(String.format(Locale.ROOT, f, label, up, down));
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
