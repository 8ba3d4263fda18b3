package io.netready.collector.web;

import io.netready.collector.grading.SiteGrading.Graded;
import io.netready.collector.web.SvgLineChart.Limit;
import io.netready.collector.web.SvgLineChart.Point;
import io.netready.collector.web.SvgLineChart.Series;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.grade.Thresholds;
import io.netready.proto.AgentStatus;
import io.netready.proto.Finding;
import io.netready.proto.LifetimeResult;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunSummary;
import io.netready.proto.SiteReport;
import io.netready.proto.StreamStats;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One site: grade and ready, findings with evidence and remedy, plots of jitter, loss, MOS and
 * RTT over the grading window, NAT type and binding lifetime of the newest runs that measured
 * them, the site's agents, and the last runs.
 */
final class SitePage {

    /** Points per line: enough for a 560-pixel-wide chart, a constant cost however many runs. */
    static final int MAX_POINTS = 240;

    private SitePage() {
    }

    static String render(Graded graded, List<AgentStatus> agents, GradingPolicy policy, Instant now) {
        SiteReport r = graded.report();
        List<ProbeResult> window = graded.window();
        StringBuilder b = new StringBuilder(32_768);
        b.append("<p class=\"sub\"><a href=\"/\">← All sites</a></p>")
                .append("<h1><span id=\"site-name\">").append(Html.esc(r.getSite())).append("</span>")
                .append("<span id=\"grade\" data-grade=\"").append(r.getGrade().name()).append("\">")
                .append(PageLayout.gradeBadge(r.getGrade().name())).append("</span>")
                .append(PageLayout.readyPill(r.getReady())).append("</h1>")
                .append("<p class=\"sub\">Graded on ").append(r.getRunsInWindow()).append(r.getRunsInWindow() == 1 ? " run" : " runs")
                .append(" in the last ").append(hours(r.getWindowSeconds())).append(" (95th percentile, worst direction)")
                .append(r.hasLastResultAt() ? "; last result " + Times.seen(r.getLastResultAt(), now) : "").append(".</p>");

        findings(b, r.getFindingsList());
        charts(b, window, policy);
        facts(b, graded);
        agents(b, agents, now);
        runs(b, r.getRecentRunsList());
        return PageLayout.page(r.getSite(), b.toString());
    }

    private static void findings(StringBuilder b, List<Finding> findings) {
        b.append("<h2>Findings</h2>");
        if (findings.isEmpty()) {
            b.append("<div class=\"card\">No findings: every measured metric is within the policy's good range.</div>");
            return;
        }
        for (Finding f : findings) {
            String severity = f.getSeverity().name();
            b.append("<section class=\"card finding ").append(severity).append("\"><h3><span class=\"sev sev-")
                    .append(severity).append("\">").append(severity).append("</span>").append(Html.esc(f.getTitle()))
                    .append(" <span class=\"code mono\">").append(Html.esc(f.getCode())).append("</span></h3><dl>")
                    .append(row("Evidence", f.getEvidence())).append(row("Impact", f.getImpact()))
                    .append(row("Remedy", f.getRemedy())).append("</dl></section>");
        }
    }

    private static String row(String label, String text) {
        return text.isEmpty() ? "" : "<dt>" + label + "</dt><dd>" + Html.esc(text) + "</dd>";
    }

    private static void charts(StringBuilder b, List<ProbeResult> window, GradingPolicy policy) {
        List<ProbeResult> media = window.stream().filter(ProbeResult::hasMedia).toList();
        b.append("<h2>Over time</h2><div class=\"charts\">");
        b.append(card(directions("Jitter", "ms", media, StreamStats::getJitterMs, policy.jitter())));
        b.append(card(directions("Packet loss", "%", media, StreamStats::getLossPercent, policy.loss())));
        b.append(card(directions("MOS", "1–5", media, StreamStats::getMos, policy.mos()).range(1, 5)));
        b.append(card(limits(new SvgLineChart("Round-trip time", "ms")
                .series(series("mean", "s1", media, MediaResult::getRttMs, policy.rtt()))
                .series(series("p95", "s2", media, MediaResult::getRttP95Ms, policy.rtt())), policy.rtt())));
        b.append("</div><p class=\"sub note\">Each point is a run (with more than ").append(MAX_POINTS)
                .append(" runs, the worst run of each time slice). Dashed lines: the policy's good limit (green) "
                        + "and warn limit (red).</p>");
    }

    private static String card(SvgLineChart chart) {
        return "<div class=\"card\">" + chart.render() + "</div>";
    }

    private static SvgLineChart directions(String title, String unit, List<ProbeResult> media,
                                           ToDoubleFunction<StreamStats> metric, Thresholds t) {
        return limits(new SvgLineChart(title, unit)
                .series(series("upstream", "s1", media, m -> direction(m.getUpstream(), m.hasUpstream(), metric), t))
                .series(series("downstream", "s2", media,
                        m -> direction(m.getDownstream(), m.hasDownstream(), metric), t)), t);
    }

    /** NaN where a direction was not measured (no packet sent), so that no zero is plotted for it. */
    private static double direction(StreamStats s, boolean present, ToDoubleFunction<StreamStats> metric) {
        return present && s.getPacketsSent() > 0 ? metric.applyAsDouble(s) : Double.NaN;
    }

    private static Series series(String name, String css, List<ProbeResult> media,
                                 ToDoubleFunction<MediaResult> metric, Thresholds t) {
        List<Point> points = media.stream()
                .map(run -> new Point(Times.instant(run.getStartedAt()), metric.applyAsDouble(run.getMedia())))
                .filter(p -> !Double.isNaN(p.value()))
                .toList();
        return new Series(name, css, Downsample.worstPerBucket(points, MAX_POINTS, t.higherIsBetter()));
    }

    private static SvgLineChart limits(SvgLineChart chart, Thresholds t) {
        return chart.limit(new Limit("good limit " + number(t.good()), t.good(), "good"))
                .limit(new Limit("warn limit " + number(t.warn()), t.warn(), "warn"));
    }

    private static void facts(StringBuilder b, Graded graded) {
        Optional<NatResult> nat = graded.newest(ProbeResult::hasNat).map(ProbeResult::getNat);
        Optional<LifetimeResult> lifetime = graded.newest(ProbeResult::hasLifetime).map(ProbeResult::getLifetime);
        b.append("<h2>NAT and binding lifetime</h2><div class=\"facts\"><div class=\"card\" id=\"nat\">");
        nat.ifPresentOrElse(n -> {
            b.append("<dl>").append(fact("NAT type", n.getClassicType().name()))
                    .append(fact("Mapping (RFC 5780)", n.getMappingBehavior().name()))
                    .append(fact("Filtering (RFC 5780)", n.getFilteringBehavior().name()))
                    .append(fact("Public address", n.getMappedAddress().isEmpty() ? "—" : n.getMappedAddress()))
                    .append(fact("Hairpinning", n.hasHairpinning() ? (n.getHairpinning() ? "yes" : "no") : "not tested"))
                    .append(fact("More than one NAT", n.getMultipleNat() ? "likely" : "no sign"))
                    .append(fact("UDP", n.getUdpBlocked() ? "blocked" : "open")).append("</dl>");
            evidence(b, n.getEvidenceList());
        }, () -> b.append("<p class=\"sub\">No run in the window tested NAT behaviour.</p>"));
        b.append("</div><div class=\"card\" id=\"lifetime\">");
        lifetime.ifPresentOrElse(l -> {
            b.append("<dl>").append(fact("Binding lifetime", l.getBindingLifetimeSeconds() > 0
                            ? "at least " + l.getBindingLifetimeSeconds() + " s" : "not measured"))
                    .append(fact("Binding died after", l.getBindingLifetimeUpperSeconds() > 0
                            ? l.getBindingLifetimeUpperSeconds() + " s idle" : "did not die in the test"))
                    .append(fact("Keep-alive every", l.getRecommendedKeepaliveSeconds() > 0
                            ? l.getRecommendedKeepaliveSeconds() + " s or less" : "—"))
                    .append("</dl>");
            evidence(b, l.getEvidenceList());
        }, () -> b.append("<p class=\"sub\">No run in the window measured the UDP binding lifetime.</p>"));
        b.append("</div></div>");
    }

    private static String fact(String label, String value) {
        return "<dt>" + label + "</dt><dd>" + Html.esc(value) + "</dd>";
    }

    private static void evidence(StringBuilder b, List<String> lines) {
        if (!lines.isEmpty()) {
            b.append("<ul>");
            lines.forEach(line -> b.append("<li>").append(Html.esc(line)).append("</li>"));
            b.append("</ul>");
        }
    }

    /** The site's scheduled agents; a stale one (no heartbeat for 3 intervals) in red. */
    private static void agents(StringBuilder b, List<AgentStatus> agents, Instant now) {
        b.append("<h2>Agents</h2>");
        if (agents.isEmpty()) {
            b.append("<div class=\"card empty\">No scheduled agent has sent a heartbeat for this site; "
                    + "its results come from runs started by hand.</div>");
            return;
        }
        b.append("<table id=\"agents\"><thead><tr><th>Agent</th><th>Version</th><th>Last heartbeat</th>"
                + "<th>Next run</th><th class=\"num\">Spooled</th><th class=\"num\">Evicted</th><th>State</th>"
                + "</tr></thead><tbody>");
        for (AgentStatus a : agents) {
            b.append("<tr data-agent=\"").append(Html.esc(a.getAgentId())).append("\"><td class=\"mono\">")
                    .append(Html.esc(a.getAgentId())).append("</td><td>").append(Html.esc(a.getAgentVersion()))
                    .append("</td><td>").append(Times.seen(a.getLastHeartbeatAt(), now)).append("</td><td>")
                    .append(a.hasNextRunAt() ? Times.toSecond(a.getNextRunAt()) : "—")
                    .append("</td><td class=\"num\">").append(a.getSpooledResults())
                    .append("</td><td class=\"num\">").append(a.getEvictedResults()).append("</td><td>")
                    .append(a.getStale() ? "<span class=\"pill bad\">stale</span>" : "<span class=\"pill ok\">ok</span>")
                    .append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static void runs(StringBuilder b, List<RunSummary> runs) {
        b.append("<h2>Last runs</h2>");
        if (runs.isEmpty()) {
            b.append("<div class=\"card empty\">No run in the window.</div>");
            return;
        }
        b.append("<table id=\"runs\"><thead><tr><th>Started (UTC)</th><th class=\"num\">Loss %</th>"
                + "<th class=\"num\">Jitter ms</th><th class=\"num\">RTT ms</th><th class=\"num\">MOS</th>"
                + "<th>Public address</th><th>Result</th></tr></thead><tbody>");
        for (RunSummary run : runs) {
            if (run.hasFailure()) {
                // Nothing measured to show: the reason says what to check.
                b.append("<tr class=\"failed\"><td>").append(Times.toSecond(run.getStartedAt()))
                        .append("</td><td colspan=\"5\"><span class=\"pill bad\">failed at ")
                        .append(Html.esc(run.getFailure().getStage())).append("</span> ")
                        .append(Html.esc(run.getFailure().getMessage())).append("</td><td class=\"mono\">")
                        .append(Html.esc(run.getResultId())).append("</td></tr>");
                continue;
            }
            b.append("<tr><td>").append(Times.toSecond(run.getStartedAt())).append("</td><td class=\"num\">")
                    .append(number(run.getLossPercent())).append("</td><td class=\"num\">")
                    .append(number(run.getJitterMs())).append("</td><td class=\"num\">")
                    .append(number(run.getRttMs())).append("</td><td class=\"num\">")
                    .append(run.getMos() > 0 ? number(run.getMos()) : "—").append("</td><td class=\"mono\">")
                    .append(run.getMappedAddress().isEmpty() ? "—" : Html.esc(run.getMappedAddress()))
                    .append("</td><td class=\"mono\">").append(Html.esc(run.getResultId())).append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String hours(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }
}
