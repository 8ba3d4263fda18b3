package io.netready.collector.web;

import io.netready.proto.AgentStatus;
import io.netready.proto.SiteSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sites table: grade, ready, last seen, runs in the window, worst finding, agents (stale
 * ones in red). Sorting and
 * filtering are query parameters ({@code sort}, {@code q}, {@code ready}), so they work without
 * script and a filtered view is a link that can be shared.
 */
final class SitesPage {

    /** The orders a user can pick; the name is the {@code sort} parameter. */
    enum Sort {
        site("Site", Comparator.comparing(SiteSummary::getSite)),
        /** Worst first: the sites that need attention on top. */
        grade("Grade", Comparator.comparingInt((SiteSummary s) -> s.getGrade().getNumber()).reversed()
                .thenComparing(SiteSummary::getSite)),
        /** Longest silent first. */
        seen("Last seen", Comparator.comparingLong((SiteSummary s) -> s.getLastResultAt().getSeconds())
                .thenComparing(SiteSummary::getSite)),
        runs("Runs", Comparator.comparingInt(SiteSummary::getRunsInWindow).thenComparing(SiteSummary::getSite));

        final String label;
        final Comparator<SiteSummary> order;

        Sort(String label, Comparator<SiteSummary> order) {
            this.label = label;
            this.order = order;
        }

        static Sort parse(String name) {
            for (Sort s : values()) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return site;
        }
    }

    private SitesPage() {
    }

    static String render(List<SiteSummary> sites, List<AgentStatus> agents, Map<String, List<String>> query,
                         Instant now) {
        Map<String, List<AgentStatus>> agentsBySite = agents.stream()
                .collect(Collectors.groupingBy(AgentStatus::getSite));
        Sort sort = Sort.parse(param(query, "sort"));
        String q = param(query, "q").trim();
        String ready = param(query, "ready");
        List<SiteSummary> shown = sites.stream()
                .filter(s -> q.isEmpty() || s.getSite().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
                .filter(s -> !ready.equals("yes") || s.getReady())
                .filter(s -> !ready.equals("no") || !s.getReady())
                .sorted(sort.order)
                .toList();
        long readyCount = sites.stream().filter(SiteSummary::getReady).count();

        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>Sites</h1><p class=\"sub\">").append(sites.size()).append(sites.size() == 1 ? " site, " : " sites, ")
                .append(readyCount).append(" ready for voice. Grades cover each site's recent window of runs.</p>");
        b.append("<form class=\"filters\" method=\"get\" action=\"/\">")
                .append("<input type=\"search\" name=\"q\" placeholder=\"Filter by site name\" value=\"")
                .append(Html.esc(q)).append("\" aria-label=\"Filter by site name\">")
                .append("<select name=\"ready\" aria-label=\"Readiness\">")
                .append(option("", "All sites", ready)).append(option("yes", "Ready", ready))
                .append(option("no", "Not ready", ready)).append("</select>")
                .append("<select name=\"sort\" aria-label=\"Sort by\">");
        for (Sort s : Sort.values()) {
            b.append(option(s.name(), "Sort by " + s.label.toLowerCase(Locale.ROOT), sort.name()));
        }
        b.append("</select><button type=\"submit\">Apply</button></form>");

        if (shown.isEmpty()) {
            b.append("<div class=\"card empty\">").append(sites.isEmpty()
                    ? "No site has reported yet. Run <span class=\"mono\">netready probe --collector HOST:7400 --site NAME</span> at a site."
                    : "No site matches the filter.").append("</div>");
            return PageLayout.page("Sites", b.toString());
        }
        b.append("<table id=\"sites\"><thead><tr>")
                .append(header(Sort.site, q, ready, "")).append(header(Sort.grade, q, ready, ""))
                .append("<th>Ready</th>").append(header(Sort.seen, q, ready, ""))
                .append(header(Sort.runs, q, ready, "num")).append("<th>Worst finding</th><th>Agents</th></tr></thead>"
                        + "<tbody>");
        for (SiteSummary s : shown) {
            b.append("<tr data-site=\"").append(Html.esc(s.getSite())).append("\"><td><a href=\"")
                    .append(Html.siteHref(s.getSite())).append("\">").append(Html.esc(s.getSite())).append("</a></td><td>")
                    .append(PageLayout.gradeBadge(s.getGrade().name())).append("</td><td>")
                    .append(PageLayout.readyPill(s.getReady())).append("</td><td>")
                    .append(s.hasLastResultAt() ? Times.seen(s.getLastResultAt(), now) : "never")
                    .append("</td><td class=\"num\">").append(s.getRunsInWindow()).append("</td><td class=\"mono\">")
                    .append(s.getWorstFinding().isEmpty() ? "—" : Html.esc(s.getWorstFinding())).append("</td><td>")
                    .append(agentsCell(agentsBySite.getOrDefault(s.getSite(), List.of()))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return PageLayout.page("Sites", b.toString());
    }

    /** "2 ok" and "1 stale" (red), or a dash for a site probed only by hand. */
    private static String agentsCell(List<AgentStatus> agents) {
        if (agents.isEmpty()) {
            return "—";
        }
        long stale = agents.stream().filter(AgentStatus::getStale).count();
        long alive = agents.size() - stale;
        return (alive > 0 ? "<span class=\"pill ok agents-ok\">" + alive + " ok</span> " : "")
                + (stale > 0 ? "<span class=\"pill bad agents-stale\">" + stale + " stale</span>" : "");
    }

    private static String header(Sort sort, String q, String ready, String css) {
        StringBuilder href = new StringBuilder("/?sort=").append(sort.name());
        if (!q.isEmpty()) {
            href.append("&q=").append(Html.urlPart(q));
        }
        if (!ready.isEmpty()) {
            href.append("&ready=").append(Html.urlPart(ready));
        }
        return "<th class=\"" + css + "\"><a href=\"" + Html.esc(href.toString()) + "\">" + sort.label + "</a></th>";
    }

    private static String option(String value, String label, String selected) {
        return "<option value=\"" + Html.esc(value) + "\"" + (value.equals(selected) ? " selected" : "") + ">"
                + Html.esc(label) + "</option>";
    }

    private static String param(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
