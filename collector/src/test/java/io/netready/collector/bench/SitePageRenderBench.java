package io.netready.collector.bench;

import com.google.protobuf.util.Timestamps;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.metrics.CollectorMetrics;
import io.netready.collector.store.JdbcResultStore;
import io.netready.collector.web.WebRoutes;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.ClassicNat;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.StreamStats;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Render time of a site page for a site with many stored results (docs/benchmarks.md):
 * {@code bench/render.sh [RESULTS] [ITERATIONS]}. The results are spread evenly over the grading
 * window, so that every one of them is read, graded and plotted. After a warm-up, each
 * iteration renders the whole page as the HTTP route does (store read, grading, HTML and SVG);
 * the store read and the grading alone are timed the same way, to show where the time goes.
 */
public final class SitePageRenderBench {

    private static final String SITE = "bench-site";

    public static void main(String[] args) throws Exception {
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path data = Files.createTempDirectory("netready-render-bench");
        try (JdbcResultStore store = JdbcResultStore.embedded(data)) {
            seed(store, results);
            GradingPolicy policy = GradingPolicy.defaults();
            SiteGrading grading = new SiteGrading(store, policy, Clock.systemUTC());
            AgentRegistry agents = new AgentRegistry(store, Clock.systemUTC());
            WebRoutes routes = new WebRoutes(grading, agents, new CollectorMetrics(grading, agents, Clock.systemUTC(),
                    new CollectorMetrics.UdpServices(() -> 0, () -> 0, reason -> 0, () -> 0)),
                    Clock.systemUTC(), Runnable::run);
            QueryStringDecoder uri = new QueryStringDecoder("/sites/" + SITE);
            int[] bytes = new int[1];
            Supplier<Object> page = () -> {
                FullHttpResponse r = routes.respond(uri);
                bytes[0] = r.content().readableBytes();
                r.release();
                return r;
            };
            System.out.printf(Locale.ROOT, "site with %d stored results in the window; %d iterations after %d warm-up%n",
                    results, iterations, iterations / 4);
            report("store read (resultsSince)", () -> store.resultsSince(SITE, java.time.Instant.EPOCH), iterations);
            report("store read + grading", () -> grading.graded(SITE), iterations);
            report("site page (whole route)", page, iterations);
            System.out.printf(Locale.ROOT, "page size: %d bytes%n", bytes[0]);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void seed(JdbcResultStore store, int results) {
        long now = System.currentTimeMillis();
        // Evenly over 23.9 h, the newest a minute ago: all inside the default 24 h window.
        long step = (86_040_000L - 60_000) / Math.max(1, results - 1);
        Random random = new Random(42);
        for (int i = 0; i < results; i++) {
            store.save(ProbeResult.newBuilder().setResultId("r-" + i).setSite(SITE)
                    .setStartedAt(Timestamps.fromMillis(now - 60_000 - i * step))
                    .setNat(NatResult.newBuilder().setMappedAddress("198.51.100.9:" + (40000 + i % 20000))
                            .setClassicType(ClassicNat.Type.PORT_RESTRICTED_CONE))
                    .setMedia(MediaResult.newBuilder().setCodec("g711").setRttMs(40 + 20 * random.nextDouble())
                            .setRttP95Ms(60 + 30 * random.nextDouble())
                            .setUpstream(stream(random)).setDownstream(stream(random)))
                    .build());
        }
    }

    private static StreamStats stream(Random random) {
        double loss = random.nextDouble() * 1.2;
        return StreamStats.newBuilder().setPacketsSent(500).setPacketsReceived(Math.round(500 * (1 - loss / 100)))
                .setLossPercent(loss).setJitterMs(5 + 20 * random.nextDouble()).setMos(4.0 + 0.4 * random.nextDouble())
                .build();
    }

    private static void report(String what, Supplier<Object> task, int iterations) {
        for (int i = 0; i < iterations / 4; i++) {
            task.get();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            task.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-28s mean %7.1f ms  p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", what,
                Arrays.stream(ms).average().orElse(0), ms[iterations / 2], ms[(int) Math.ceil(iterations * 0.95) - 1],
                ms[iterations - 1]);
    }
}
