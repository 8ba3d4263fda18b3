package io.netready.collector.bench;

import com.google.protobuf.util.Timestamps;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.store.JdbcResultStore;
import io.netready.collector.store.PostgresServer;
import io.netready.collector.store.ResultStore;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.ClassicNat;
import io.netready.proto.Filtering;
import io.netready.proto.Mapping;
import io.netready.proto.MediaResult;
import io.netready.proto.NatResult;
import io.netready.proto.ProbeResult;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.StreamStats;
import io.netready.proto.SubmitResultRequest;
import io.netready.proto.SubmitResultResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest benchmark (issue 5): {@code agents} simulated agents, one gRPC connection each, submit
 * realistic results (NAT and media parts) to an in-process collector at a fixed total rate (open
 * loop: a slow answer does not slow the offered load, so the latency is not flattered), and the
 * SubmitResult latency is measured from the moment each call was due. By default the uploads ask
 * for no site report, as the agent daemon's do ({@code omit_report}); {@code report} makes every
 * answer carry the site's grade, as {@code netready probe}'s does.
 *
 * <pre>IngestBench embedded|postgres [agents] [rate/s] [seconds] [no-report|report]</pre>
 *
 * Prints one JSON line: offered and achieved results/s, p50/p99/max latency, errors; then the
 * cost of a store save and of the site report the service answers with (and of the window read
 * inside it), each timed alone.
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "embedded";
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        boolean omitReport = !(args.length > 4 && args[4].equals("report"));
        Path data = Files.createTempDirectory("netready-ingest");
        PostgresServer postgres = db.equals("postgres") ? PostgresServer.start(true) : null;
        try {
            CollectorConfig config = CollectorConfig.ephemeral(data, GradingPolicy.defaults());
            if (postgres != null) {
                String database = postgres.createDatabase();
                Path password = Files.writeString(data.resolve("pw"), PostgresServer.PASSWORD);
                config = new CollectorConfig(config.listenAddress(), config.stunAlternateAddress(), 0, 0, 0, 0, 0,
                        data, Optional.of(postgres.url(database)), config.policy(), Optional.empty(), false,
                        Optional.of(PostgresServer.USER), Optional.of(password), config.retention());
            }
            try (Collector collector = Collector.start(config)) {
                List<ManagedChannel> channels = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    channels.add(NettyChannelBuilder.forAddress(collector.grpcAddress()).usePlaintext().build());
                }
                try {
                    // Warm-up (JIT, pool, connections), not measured.
                    load(channels, rate, Math.max(5, seconds / 4), omitReport);
                    Load measured = load(channels, rate, seconds, omitReport);
                    System.out.println(measured.json(db, agents, rate, seconds, omitReport));
                } finally {
                    channels.forEach(ManagedChannel::shutdownNow);
                }
                System.out.println(parts(config, postgres));
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What one run measured. */
    private record Load(long[] latenciesNanos, int completed, long errors, double elapsedSeconds) {
        String json(String db, int agents, int rate, int seconds, boolean omitReport) {
            long[] sorted = Arrays.copyOf(latenciesNanos, completed);
            Arrays.sort(sorted);
            return String.format(java.util.Locale.ROOT, "{\"db\":\"%s\",\"agents\":%d,\"offered_per_s\":%d,"
                    + "\"seconds\":%d,\"report\":%b,\"results_per_s\":%.0f,\"p50_ms\":%.1f,\"p99_ms\":%.1f,"
                    + "\"max_ms\":%.1f,\"errors\":%d}", db, agents, rate, seconds, !omitReport,
                    completed / elapsedSeconds, ms(sorted, 0.50),
                    ms(sorted, 0.99), ms(sorted, 1.0), errors);
        }

        private static double ms(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }

    /** Offers {@code rate} submissions/s for {@code seconds}, spread round-robin over the agents. */
    private static Load load(List<ManagedChannel> channels, int rate, int seconds, boolean omitReport)
            throws InterruptedException {
        List<ResultsGrpc.ResultsStub> stubs = channels.stream().map(ResultsGrpc::newStub).toList();
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicInteger finished = new AtomicInteger();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int agent = i % stubs.size();
            SubmitResultRequest request = SubmitResultRequest.newBuilder().setResult(result("site-" + agent))
                    .setOmitReport(omitReport).build();
            stubs.get(agent).submitResult(request, new StreamObserver<>() {
                @Override
                public void onNext(SubmitResultResponse value) {
                }

                @Override
                public void onError(Throwable t) {
                    errors.incrementAndGet();
                    finished.incrementAndGet();
                }

                @Override
                public void onCompleted() {
                    // Measured from when the call was due, not sent: a stalled sender counts too.
                    latencies[done.getAndIncrement()] = System.nanoTime() - due;
                    finished.incrementAndGet();
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (finished.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Load(latencies, done.get(), errors.get() + (total - finished.get()), elapsed);
    }

    /**
     * The two halves of a SubmitResult, timed alone on the same database: the insert, and the
     * site report (the grading window read and graded) that the answer carries.
     */
    private static String parts(CollectorConfig config, PostgresServer postgres) {
        try (ResultStore store = postgres == null ? JdbcResultStore.embedded(config.dataDir())
                : JdbcResultStore.open(config.dbUrl().orElseThrow(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            SiteGrading grading = new SiteGrading(store, config.policy(), Clock.systemUTC());
            int n = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                store.save(result("site-" + (i % 500)));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                grading.report("site-" + (i % 500));
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                store.resultsSince("site-" + (i % 500), Instant.now().minus(config.policy().window()));
            }
            long t3 = System.nanoTime();
            int window = store.resultsSince("site-0", Instant.now().minus(config.policy().window())).size();
            return String.format(java.util.Locale.ROOT, "{\"save_ms\":%.3f,\"report_ms\":%.3f,"
                    + "\"of_which_window_read_ms\":%.3f,\"results_in_window_per_site\":%d}", (t1 - t0) / 1e6 / n,
                    (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n, window);
        }
    }

    /** A result as an agent sends it after a NAT test and a 1-call G.711 media test. */
    static ProbeResult result(String site) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Instant started = Instant.now().minusSeconds(12);
        return ProbeResult.newBuilder()
                .setResultId(UUID.randomUUID().toString())
                .setSite(site)
                .setAgentId("agent-" + site)
                .setAgentVersion("0.1.0")
                .setStartedAt(Timestamps.fromMillis(started.toEpochMilli()))
                .setFinishedAt(Timestamps.fromMillis(started.plusSeconds(11).toEpochMilli()))
                .setCollector("collector.example.net:7400")
                .setNat(NatResult.newBuilder()
                        .setDurationMs(1200)
                        .setMappedAddress("203.0.113.1:" + (1024 + r.nextInt(60000)))
                        .setLocalAddress("192.0.2.10:" + (1024 + r.nextInt(60000)))
                        .setMappingBehavior(Mapping.Behavior.ENDPOINT_INDEPENDENT)
                        .setFilteringBehavior(Filtering.Behavior.ADDRESS_AND_PORT_DEPENDENT)
                        .setClassicType(ClassicNat.Type.PORT_RESTRICTED_CONE)
                        .setHairpinning(false)
                        .setPortPreserved(false)
                        .setStunRttMs(18 + r.nextDouble(4))
                        .addEvidence("test II: no answer from the alternate address and port (filtering test 2)")
                        .addEvidence("test III: no answer from the alternate port (filtering test 3)")
                        .addEvidence("mapped address 203.0.113.1 is the same towards both collector addresses"))
                .setMedia(MediaResult.newBuilder()
                        .setDurationMs(10000)
                        .setCodec("g711")
                        .setCalls(1)
                        .setPacketIntervalMs(20)
                        .setPayloadBytes(160)
                        .setUpstream(stream(r))
                        .setDownstream(stream(r))
                        .setRttMs(20 + r.nextDouble(5))
                        .setRttP95Ms(28 + r.nextDouble(5))
                        .setWireKbps(87.2)
                        .setPlayoutDelayMs(60))
                .build();
    }

    private static StreamStats stream(ThreadLocalRandom r) {
        int lost = r.nextInt(3);
        return StreamStats.newBuilder()
                .setPacketsSent(500).setPacketsReceived(500 - lost).setLossPercent(lost / 5.0)
                .setJitterMs(1 + r.nextDouble(2)).setJitterMaxMs(4 + r.nextDouble(3))
                .setPdvP50Ms(0.5).setPdvP95Ms(3 + r.nextDouble()).setPdvP99Ms(6 + r.nextDouble())
                .setMaxBurstLoss(lost > 0 ? 1 : 0).setMeanBurstLoss(lost > 0 ? 1 : 0)
                .setEffectiveLossPercent(lost / 5.0).setRFactor(92.5 - lost).setMos(4.38 - lost * 0.02)
                .setRtcpReports(2)
                .build();
    }
}
