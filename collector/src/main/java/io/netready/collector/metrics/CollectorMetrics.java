package io.netready.collector.metrics;

import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.grading.SiteGrading.Graded;
import io.netready.collector.stun.StunDrop;
import io.netready.proto.AgentStatus;
import io.netready.proto.MediaResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The collector's {@code /metrics}, in the Prometheus text format (0.0.4). Site metrics are
 * computed at scrape time from the store, with the same grading as the API, so that they never
 * disagree with {@code netready report}. Units are the Prometheus base units (seconds, ratios
 * 0–1), as its naming conventions ask; docs/dashboard.md lists every metric.
 */
public final class CollectorMetrics {

    /** Where the UDP services' counters are read at scrape time. */
    public record UdpServices(IntSupplier openSessions, IntSupplier iceAgents,
                              ToLongFunction<StunDrop> stunDropped, LongSupplier mediaDropped) {
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final IngestCounters ingest = new IngestCounters(registry);
    private final SiteGrading grading;
    private final AgentRegistry agents;
    private final Clock clock;
    /** What the scrape in progress reads: sites graded and agents listed once per scrape, not once per metric. */
    private final ThreadLocal<Scrape> scrape = new ThreadLocal<>();

    private record Scrape(List<Graded> sites, List<AgentStatus> agents, Instant at) {
    }

    public CollectorMetrics(SiteGrading grading, AgentRegistry agents, Clock clock, UdpServices udp) {
        this.grading = grading;
        this.agents = agents;
        this.clock = clock;
        GaugeWithCallback.builder().name("netready_site_grade")
                .help("Grade of the site over its window as a number: A=1, B=2, C=3, D=4, F=5")
                .labelNames("site", "grade")
                .callback(cb -> sites().forEach(g -> cb.call(g.report().getGrade().getNumber(), site(g),
                        g.report().getGrade().name())))
                .register(registry);
        GaugeWithCallback.builder().name("netready_site_ready")
                .help("1 when the site is ready for voice (grade at least the policy's ready grade), else 0")
                .labelNames("site")
                .callback(cb -> sites().forEach(g -> cb.call(g.report().getReady() ? 1 : 0, site(g))))
                .register(registry);
        GaugeWithCallback.builder().name("netready_site_runs_in_window")
                .help("Runs the site's grade is based on")
                .labelNames("site")
                .callback(cb -> sites().forEach(g -> cb.call(g.report().getRunsInWindow(), site(g))))
                .register(registry);
        GaugeWithCallback.builder().name("netready_site_last_result_timestamp_seconds")
                .help("Start of the site's newest result, in seconds since the epoch")
                .labelNames("site")
                .callback(cb -> sites().stream().filter(g -> g.report().hasLastResultAt())
                        .forEach(g -> cb.call(g.report().getLastResultAt().getSeconds(), site(g))))
                .register(registry);
        direction("netready_site_last_loss_ratio", "Packet loss of the newest media run (0-1)",
                s -> s.getLossPercent() / 100);
        direction("netready_site_last_jitter_seconds", "RFC 3550 interarrival jitter of the newest media run",
                s -> s.getJitterMs() / 1000);
        direction("netready_site_last_mos", "E-model MOS (ITU-T G.107) of the newest media run", StreamStats::getMos);
        GaugeWithCallback.builder().name("netready_site_last_rtt_seconds")
                .help("Mean round-trip time of the newest media run")
                .labelNames("site")
                .callback(cb -> sites().forEach(g -> lastMedia(g)
                        .ifPresent(m -> cb.call(m.getRttMs() / 1000, site(g)))))
                .register(registry);

        GaugeWithCallback.builder().name("netready_agent_heartbeat_age_seconds")
                .help("Time since the agent's last heartbeat (the collector's clock)")
                .labelNames("site", "agent")
                .callback(cb -> scrape.get().agents().forEach(a -> cb.call(Math.max(0, Duration.between(
                        Instant.ofEpochSecond(a.getLastHeartbeatAt().getSeconds(), a.getLastHeartbeatAt().getNanos()),
                        scrape.get().at()).toMillis() / 1000.0), a.getSite(), a.getAgentId())))
                .register(registry);
        GaugeWithCallback.builder().name("netready_agent_stale")
                .help("1 when the agent sent no heartbeat for more than 3 run intervals (at least 3 min), else 0")
                .labelNames("site", "agent")
                .callback(cb -> scrape.get().agents().forEach(a -> cb.call(a.getStale() ? 1 : 0, a.getSite(),
                        a.getAgentId())))
                .register(registry);
        GaugeWithCallback.builder().name("netready_agent_spooled_results")
                .help("Results waiting in the agent's spool for upload, as of its last heartbeat")
                .labelNames("site", "agent")
                .callback(cb -> scrape.get().agents().forEach(a -> cb.call(a.getSpooledResults(), a.getSite(),
                        a.getAgentId())))
                .register(registry);

        GaugeWithCallback.builder().name("netready_probe_sessions_open")
                .help("Probe sessions opened and not yet closed or expired")
                .callback(cb -> cb.call(udp.openSessions().getAsInt()))
                .register(registry);
        GaugeWithCallback.builder().name("netready_ice_agents_running")
                .help("ICE agents the collector runs for probe sessions")
                .callback(cb -> cb.call(udp.iceAgents().getAsInt()))
                .register(registry);
        CounterWithCallback.builder().name("netready_stun_dropped_datagrams_total")
                .help("Datagrams the STUN server did not answer, by reason")
                .labelNames("reason")
                .callback(cb -> {
                    for (StunDrop reason : StunDrop.values()) {
                        cb.call(udp.stunDropped().applyAsLong(reason), reason.name().toLowerCase(Locale.ROOT));
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("netready_media_dropped_datagrams_total")
                .help("Datagrams the media reflector dropped: unauthenticated, unknown session or malformed RTP")
                .callback(cb -> cb.call(udp.mediaDropped().getAsLong()))
                .register(registry);
    }

    /** The counters {@link io.netready.collector.api.ResultsService} updates. */
    public IngestCounters ingest() {
        return ingest;
    }

    /** The content type of {@link #scrape()}'s text. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Every metric, now, in the Prometheus text format. */
    public String scrape() {
        scrape.set(new Scrape(grading.sites().stream().map(grading::graded).toList(), agents.list(""),
                clock.instant()));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            writer.write(out, registry.scrape());
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        } finally {
            scrape.remove();
        }
    }

    private void direction(String name, String help, ToDoubleFunction<StreamStats> value) {
        GaugeWithCallback.builder().name(name)
                .help(help + ", by direction (upstream: site to collector)")
                .labelNames("site", "direction")
                .callback(cb -> sites().forEach(g -> lastMedia(g).ifPresent(m -> {
                    if (m.hasUpstream()) {
                        cb.call(value.applyAsDouble(m.getUpstream()), site(g), "upstream");
                    }
                    if (m.hasDownstream()) {
                        cb.call(value.applyAsDouble(m.getDownstream()), site(g), "downstream");
                    }
                })))
                .register(registry);
    }

    private List<Graded> sites() {
        return scrape.get().sites();
    }

    private static String site(Graded g) {
        return g.report().getSite();
    }

    /** The newest run in the window with a media part. */
    private static Optional<MediaResult> lastMedia(Graded g) {
        return g.newest(ProbeResult::hasMedia).map(ProbeResult::getMedia);
    }
}
