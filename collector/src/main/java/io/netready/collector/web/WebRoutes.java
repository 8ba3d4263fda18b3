package io.netready.collector.web;

import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.http.HttpResponses;
import io.netready.collector.metrics.CollectorMetrics;
import io.netready.collector.store.StoreException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only routes of the HTTP port: the sites page {@code /}, a site's page
 * {@code /sites/NAME} and {@code /metrics}. Everything else is a 404 page. It sits after
 * whatever checks the HTTP pipeline makes (method, and a read token where tokens are set).
 * Pages and scrapes read the store, so they run on an executor of their own: the event loop
 * also carries STUN and media, which must not wait for a database.
 */
public final class WebRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String SITE_PREFIX = "/sites/";

    private final SiteGrading grading;
    private final AgentRegistry agents;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final Executor executor;

    public WebRoutes(SiteGrading grading, AgentRegistry agents, CollectorMetrics metrics, Clock clock,
                     Executor executor) {
        super(false); // released once the response is sent, on the executor
        this.grading = grading;
        this.agents = agents;
        this.metrics = metrics;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            executor.execute(() -> {
                try {
                    HttpResponses.send(ctx, request, respond(new QueryStringDecoder(request.uri())));
                } finally {
                    request.release();
                }
            });
        } catch (RejectedExecutionException e) { // the collector is stopping
            try {
                HttpResponses.send(ctx, request, HttpResponses.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "the collector is stopping; retry in a moment\n"));
            } finally {
                request.release();
            }
        }
    }

    /** The response to a GET of {@code uri}; HEAD is the same without the body. */
    public FullHttpResponse respond(QueryStringDecoder uri) {
        String path = uri.path();
        try {
            if (path.equals("/")) {
                return html(HttpResponseStatus.OK, SitesPage.render(grading.summaries(), agents.list(""), uri.parameters(),
                        clock.instant()));
            }
            if (path.equals("/metrics")) {
                return HttpResponses.of(HttpResponseStatus.OK, metrics.contentType(), metrics.scrape());
            }
            if (path.startsWith(SITE_PREFIX) && path.length() > SITE_PREFIX.length()) {
                return site(path.substring(SITE_PREFIX.length()));
            }
            return notFound("No page at " + path + ".");
        } catch (StoreException e) {
            LOG.warn("cannot serve {}: {}", path, e.getMessage());
            return html(HttpResponseStatus.SERVICE_UNAVAILABLE, PageLayout.page("Database unavailable",
                    "<h1>Database unavailable</h1><p class=\"sub\">" + Html.esc(e.getMessage())
                            + "</p><p>Check the collector's log and its database, then reload.</p>"));
        }
    }

    private FullHttpResponse site(String name) {
        // QueryStringDecoder has already decoded %xx: the name is the site's own.
        if (!grading.knows(name)) {
            return notFound("No results for site “" + name + "”.");
        }
        return html(HttpResponseStatus.OK, SitePage.render(grading.graded(name), agents.list(name), grading.policy(),
                clock.instant()));
    }

    private static FullHttpResponse notFound(String what) {
        return html(HttpResponseStatus.NOT_FOUND, PageLayout.page("Not found", "<h1>Not found</h1><p class=\"sub\">"
                + Html.esc(what) + "</p><p><a href=\"/\">All sites</a> lists the sites this collector knows; "
                + "<a href=\"/metrics\">/metrics</a> is for Prometheus.</p>"));
    }

    private static FullHttpResponse html(HttpResponseStatus status, String page) {
        FullHttpResponse r = HttpResponses.of(status, HTML, page);
        // Pages carry agents' data (site names, evidence): should escaping ever miss, a browser still
        // runs no script, loads nothing from elsewhere and is not framed (CSP Level 3).
        r.headers().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("HTTP request failed: {}", cause.toString());
        ctx.close();
    }
}
