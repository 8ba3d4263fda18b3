package io.netready.collector.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.metrics.CollectorMetrics;
import io.netready.collector.store.JdbcResultStore;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunFailure;
import io.netready.proto.StreamStats;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardPagesTest {

    @TempDir
    Path data;

    @Test
    void sitesAndSitePagesShowTheSeededSite() throws Exception {
        try (SeededCollector c = new SeededCollector(data, other("hq-1", 0.1), failed())) {
            HttpResponse<String> sites = c.get("/");
            assertEquals(200, sites.statusCode());
            assertTrue(sites.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            assertTrue(sites.headers().firstValue("content-security-policy").orElse("").startsWith("default-src 'none'"));
            // SPEC §6: two WARN findings (downstream loss 1.5 % > 1 %, binding lifetime 45 s < 60 s) make a C,
            // and C is below the default ready grade B.
            String row = row(sites.body(), SeededCollector.SITE);
            assertTrue(row.contains("grade-C"), row);
            assertTrue(row.contains("not ready"), row);
            assertTrue(row.contains("href=\"/sites/branch-7\""), row);
            // One agent heartbeats, one went silent 4 min ago with a 1 min interval: stale, in red.
            assertTrue(row.contains("<span class=\"pill ok agents-ok\">1 ok</span>"), row);
            assertTrue(row.contains("<span class=\"pill bad agents-stale\">1 stale</span>"), row);
            assertTrue(row(sites.body(), "hq-1").contains("<td>—</td></tr>"), "hq-1 has no agent");
            // Clean media, but a port-restricted cone NAT: FILTERING_STRICT is INFO only, which is a B.
            assertTrue(row(sites.body(), "hq-1").contains("grade-B"), sites.body());

            // Filter by name, and by readiness.
            String filtered = c.get("/?q=HQ").body();
            assertTrue(filtered.contains("data-site=\"hq-1\""));
            assertFalse(filtered.contains("data-site=\"branch-7\""));
            assertFalse(c.get("/?ready=yes").body().contains("data-site=\"branch-7\""));
            // Sort by grade: worst first.
            String byGrade = c.get("/?sort=grade").body();
            assertTrue(byGrade.indexOf("data-site=\"branch-7\"") < byGrade.indexOf("data-site=\"hq-1\""));

            String site = c.get("/sites/branch-7").body();
            assertTrue(site.contains("data-grade=\"C\""), site);
            assertTrue(site.contains("LOSS_HIGH") && site.contains("NAT_BINDING_SHORT"), "the two WARN findings");
            assertTrue(site.contains("PORT_RESTRICTED_CONE"));
            assertTrue(site.contains(SeededCollector.MAPPED));
            assertTrue(site.contains("at least 45 s"));
            assertEquals(4, count(site, "<svg class=\"chart\""), "jitter, loss, MOS and RTT plots");
            assertTrue(site.contains("seed-0001"), "the last runs table lists the run");
            assertTrue(site.contains("RUNS_FAILED"), site);
            assertTrue(site.contains("failed at session</span> collector unreachable: connection refused"), site);
            String gone = agentRow(site, SeededCollector.AGENT_GONE);
            assertTrue(gone.contains("pill bad\">stale") && gone.contains("4 min ago"), gone);
            String live = agentRow(site, SeededCollector.AGENT_LIVE);
            assertTrue(live.contains("pill ok\">ok") && live.contains("just now"), live);
            assertTrue(live.contains("<td class=\"num\">" + SeededCollector.LIVE_SPOOLED + "</td>"), live);
        }
    }

    @Test
    void unknownSitesBadPathsAndOtherMethodsAreRefused() throws Exception {
        try (SeededCollector c = new SeededCollector(data)) {
            HttpResponse<String> unknown = c.get("/sites/nowhere");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("No results for site"), unknown.body());
            assertEquals(404, c.get("/sites/").statusCode());
            assertEquals(404, c.get("/admin").statusCode());
            assertEquals(404, c.get("/sites/branch-7/../../etc/passwd").statusCode());
            HttpResponse<String> post = c.send("POST", "/");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""));
            HttpResponse<String> head = c.send("HEAD", "/sites/branch-7");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            assertTrue(Integer.parseInt(head.headers().firstValue("content-length").orElse("0")) > 1000,
                    "HEAD announces the length of the GET body");
            assertEquals(200, c.get("/healthz").statusCode());
        }
    }

    @Test
    void userDataIsEscaped() {
        // Ingest refuses such a name; a store written by anything else (an older version, a
        // database restore) may still hold one, and the page must render it as text.
        String evil = "<script>alert('x')</script>";
        try (JdbcResultStore store = JdbcResultStore.embedded(data)) {
            store.save(ProbeResult.newBuilder().setResultId("evil-1").setSite(evil)
                    .setStartedAt(Timestamps.fromMillis(System.currentTimeMillis()))
                    .setNat(NatResult.newBuilder().setMappedAddress("<img src=x onerror=alert(1)>")
                            .addEvidence("\"><script>alert(2)</script>"))
                    .setMedia(MediaResult.newBuilder()
                            .setUpstream(StreamStats.newBuilder().setPacketsSent(10).setPacketsReceived(10))
                            .setDownstream(StreamStats.newBuilder().setPacketsSent(10).setPacketsReceived(10)))
                    .build());
            SiteGrading grading = new SiteGrading(store, GradingPolicy.defaults(), Clock.systemUTC());
            AgentRegistry agents = new AgentRegistry(store, Clock.systemUTC());
            WebRoutes routes = new WebRoutes(grading, agents, new CollectorMetrics(grading, agents, Clock.systemUTC(),
                    new CollectorMetrics.UdpServices(() -> 0, () -> 0, reason -> 0, () -> 0)),
                    Clock.systemUTC(), Runnable::run);
            for (String path : new String[] {"/", "/sites/" + Html.urlPart(evil)}) {
                FullHttpResponse r = routes.respond(new QueryStringDecoder(path));
                String page = r.content().toString(StandardCharsets.UTF_8);
                r.release();
                assertEquals(200, r.status().code(), path);
                assertFalse(page.contains("<script>"), page);
                assertFalse(page.contains("<img"), page);
                assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
            }
            // The same name in a search box is echoed escaped too.
            FullHttpResponse r = routes.respond(new QueryStringDecoder("/?q=" + Html.urlPart("\"><script>")));
            assertFalse(r.content().toString(StandardCharsets.UTF_8).contains("\"><script>"));
            r.release();
        }
    }

    private static ProbeResult other(String site, double loss) {
        ProbeResult seed = SeededCollector.result();
        StreamStats clean = StreamStats.newBuilder().setPacketsSent(1000).setPacketsReceived(999).setLossPercent(loss)
                .setJitterMs(3).setMos(4.4).build();
        return seed.toBuilder().setResultId("other-" + site).setSite(site).clearLifetime()
                .setMedia(seed.getMedia().toBuilder().setUpstream(clean).setDownstream(clean)).build();
    }

    /** A run of branch-7 that could not reach the collector, uploaded later from the spool. */
    private static ProbeResult failed() {
        return ProbeResult.newBuilder().setResultId("failed-1").setSite(SeededCollector.SITE)
                .setStartedAt(SeededCollector.result().getStartedAt())
                .setFailure(RunFailure.newBuilder().setStage("session")
                        .setMessage("collector unreachable: connection refused")).build();
    }

    private static String agentRow(String page, String agent) {
        Matcher m = Pattern.compile("<tr data-agent=\"" + Pattern.quote(agent) + "\">.*?</tr>").matcher(page);
        assertTrue(m.find(), "no row for agent " + agent + " in " + page);
        return m.group();
    }

    private static String row(String page, String site) {
        Matcher m = Pattern.compile("<tr data-site=\"" + Pattern.quote(site) + "\">.*?</tr>").matcher(page);
        assertTrue(m.find(), "no row for " + site + " in " + page);
        return m.group();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
