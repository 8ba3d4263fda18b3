package io.netready.collector.web;

import com.google.protobuf.util.Timestamps;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.collector.agents.MovableClock;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.AgentsGrpc;
import io.netready.proto.ClassicNat;
import io.netready.proto.Filtering;
import io.netready.proto.HeartbeatRequest;
import io.netready.proto.LifetimeResult;
import io.netready.proto.Mapping;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.StreamStats;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.SubmitResultResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * A collector on loopback with one site's result submitted through the real gRPC Results
 * service and heartbeats of two of its agents, one stale, through the Agents service, and the
 * numbers of both for tests to compare pages and metrics with.
 */
public final class SeededCollector implements AutoCloseable {

    public static final String SITE = "branch-7";
    public static final double UP_LOSS = 0.4;
    public static final double UP_JITTER_MS = 12.5;
    public static final double UP_MOS = 4.3;
    /** Above the 1 % "good" loss limit of SPEC §6 and within 3 %: one WARN. */
    public static final double DOWN_LOSS = 1.5;
    public static final double DOWN_JITTER_MS = 22;
    public static final double DOWN_MOS = 4.1;
    public static final double RTT_MS = 48;
    /** Below the 60 s "good" binding lifetime of SPEC §6 and at least 20 s: a second WARN. */
    public static final int LIFETIME_S = 45;
    public static final String MAPPED = "198.51.100.7:40312";
    /** An agent of the site whose heartbeats stopped: its interval is 1 min, so it is stale after 3 min. */
    public static final String AGENT_GONE = "box-gone";
    /** An agent of the site that sent its heartbeat just now, with results in its spool. */
    public static final String AGENT_LIVE = "box-live";
    public static final int LIVE_SPOOLED = 2;
    /** How long before the live agent's heartbeat the other one sent its last. */
    public static final Duration SILENCE = Duration.ofMinutes(4);
    /** A minute before the tests start: well inside the 24 h grading window. Fixed, so that a resubmission is identical. */
    private static final long STARTED_MS = System.currentTimeMillis() - 60_000;

    public final Collector collector;
    /** The collector's clock, still unless a test moves it; in whole milliseconds, which the database keeps exactly. */
    public final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    public SeededCollector(Path data, ProbeResult... more) throws InterruptedException {
        collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()), clock);
        base = "http://" + collector.httpAddress().getAddress().getHostAddress() + ":" + collector.httpAddress().getPort();
        submit(result());
        for (ProbeResult r : more) {
            submit(r);
        }
        heartbeat(AGENT_GONE, 60, 0);
        clock.advance(SILENCE);
        heartbeat(AGENT_LIVE, 300, LIVE_SPOOLED);
    }

    /** A heartbeat of an agent of {@link #SITE} through the Agents service, as a scheduled agent sends it. */
    public void heartbeat(String agent, int intervalSeconds, int spooled) throws InterruptedException {
        ManagedChannel ch = channel();
        try {
            AgentsGrpc.newBlockingStub(ch).heartbeat(HeartbeatRequest.newBuilder().setSite(SITE).setAgentId(agent)
                    .setAgentVersion("0.6.0").setStartedAt(Timestamps.fromMillis(STARTED_MS))
                    .setIntervalSeconds(intervalSeconds).setSpooledResults(spooled).setEvictedResults(1)
                    .setNextRunAt(Timestamps.fromMillis(clock.millis() + intervalSeconds * 1000L)).build());
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Submits through the Results service, as an agent does. */
    public SubmitResultResponse submit(ProbeResult r) throws InterruptedException {
        ManagedChannel ch = channel();
        try {
            return ResultsGrpc.newBlockingStub(ch).submitResult(SubmitResultRequest.newBuilder().setResult(r).build());
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    public ManagedChannel channel() {
        return NettyChannelBuilder.forAddress(collector.grpcAddress()).usePlaintext().build();
    }

    /** The seeded run: NAT, media both ways and binding lifetime, started a minute ago. */
    public static ProbeResult result() {
        return ProbeResult.newBuilder().setResultId("seed-0001").setSite(SITE)
                .setStartedAt(Timestamps.fromMillis(STARTED_MS))
                .setNat(NatResult.newBuilder().setMappedAddress(MAPPED)
                        .setMappingBehavior(Mapping.Behavior.ENDPOINT_INDEPENDENT)
                        .setFilteringBehavior(Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT)
                        .setClassicType(ClassicNat.Type.PORT_RESTRICTED_CONE))
                .setMedia(MediaResult.newBuilder().setCodec("g711").setCalls(1).setRttMs(RTT_MS).setRttP95Ms(RTT_MS + 5)
                        .setUpstream(stream(UP_LOSS, UP_JITTER_MS, UP_MOS))
                        .setDownstream(stream(DOWN_LOSS, DOWN_JITTER_MS, DOWN_MOS)))
                .setLifetime(LifetimeResult.newBuilder().setBindingLifetimeSeconds(LIFETIME_S)
                        .setBindingLifetimeUpperSeconds(60).setRecommendedKeepaliveSeconds(20))
                .build();
    }

    private static StreamStats stream(double loss, double jitter, double mos) {
        long sent = 1000;
        return StreamStats.newBuilder().setPacketsSent(sent).setPacketsReceived(Math.round(sent * (1 - loss / 100)))
                .setLossPercent(loss).setJitterMs(jitter).setMos(mos).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        collector.close();
    }
}
