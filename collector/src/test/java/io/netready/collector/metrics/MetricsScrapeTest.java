package io.netready.collector.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import io.netready.collector.web.SeededCollector;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.ProbeSessionsGrpc;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsScrapeTest {

    private static final double EPS = 1e-9;

    @TempDir
    Path data;

    @Test
    void scrapeCarriesTheSeededResultAndTheServiceCounters() throws Exception {
        try (SeededCollector c = new SeededCollector(data)) {
            // One duplicate and one rejected submission on top of the seeded result.
            assertTrue(c.submit(SeededCollector.result()).getDuplicate());
            assertThrows(StatusRuntimeException.class, () -> c.submit(SeededCollector.result().toBuilder()
                    .setResultId("bad-1").setSite("no spaces allowed").build()));
            // One open probe session; one garbage datagram each to STUN and to the media reflector.
            var ch = c.channel();
            try {
                ProbeSessionsGrpc.newBlockingStub(ch).openSession(OpenSessionRequest.newBuilder()
                        .setSite(SeededCollector.SITE).build());
            } finally {
                ch.shutdownNow();
            }
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                byte[] junk = "not stun, not rtp".getBytes();
                s.send(new DatagramPacket(junk, junk.length, c.collector.stunAddress()));
                s.send(new DatagramPacket(junk, junk.length, c.collector.mediaAddress()));
            }

            PrometheusText m = scrapeUntil(c, "netready_media_dropped_datagrams_total");
            String site = "site=\"branch-7\"";
            // Grade C (two WARN findings, SPEC §6) is 3 on the A=1 … F=5 scale; C is not ready.
            assertEquals(3, m.value("netready_site_grade{grade=\"C\"," + site + "}"), EPS);
            assertEquals(0, m.value("netready_site_ready{" + site + "}"), EPS);
            assertEquals(1, m.value("netready_site_runs_in_window{" + site + "}"), EPS);
            assertEquals(SeededCollector.result().getStartedAt().getSeconds(),
                    m.value("netready_site_last_result_timestamp_seconds{" + site + "}"), EPS);
            assertEquals(SeededCollector.UP_LOSS / 100, m.value("netready_site_last_loss_ratio{direction=\"upstream\"," + site + "}"), EPS);
            assertEquals(SeededCollector.DOWN_LOSS / 100, m.value("netready_site_last_loss_ratio{direction=\"downstream\"," + site + "}"), EPS);
            assertEquals(SeededCollector.UP_JITTER_MS / 1000, m.value("netready_site_last_jitter_seconds{direction=\"upstream\"," + site + "}"), EPS);
            assertEquals(SeededCollector.DOWN_JITTER_MS / 1000, m.value("netready_site_last_jitter_seconds{direction=\"downstream\"," + site + "}"), EPS);
            assertEquals(SeededCollector.UP_MOS, m.value("netready_site_last_mos{direction=\"upstream\"," + site + "}"), EPS);
            assertEquals(SeededCollector.DOWN_MOS, m.value("netready_site_last_mos{direction=\"downstream\"," + site + "}"), EPS);
            assertEquals(SeededCollector.RTT_MS / 1000, m.value("netready_site_last_rtt_seconds{" + site + "}"), EPS);

            String gone = "{agent=\"" + SeededCollector.AGENT_GONE + "\"," + site + "}";
            String live = "{agent=\"" + SeededCollector.AGENT_LIVE + "\"," + site + "}";
            assertEquals(1, m.value("netready_agent_stale" + gone), EPS);
            assertEquals(0, m.value("netready_agent_stale" + live), EPS);
            assertEquals(SeededCollector.SILENCE.toSeconds(), m.value("netready_agent_heartbeat_age_seconds" + gone), EPS);
            assertEquals(0, m.value("netready_agent_heartbeat_age_seconds" + live), EPS);
            assertEquals(SeededCollector.LIVE_SPOOLED, m.value("netready_agent_spooled_results" + live), EPS);
            assertEquals(0, m.value("netready_agent_spooled_results" + gone), EPS);

            assertEquals("counter", m.types.get("netready_ingest_results_total"));
            assertEquals(1, m.value("netready_ingest_results_total{outcome=\"stored\"}"), EPS);
            assertEquals(1, m.value("netready_ingest_results_total{outcome=\"duplicate\"}"), EPS);
            assertEquals(1, m.value("netready_ingest_results_total{outcome=\"rejected\"}"), EPS);
            assertEquals(1, m.value("netready_probe_sessions_open"), EPS);
            assertEquals(0, m.value("netready_ice_agents_running"), EPS);
            assertEquals(1, m.value("netready_stun_dropped_datagrams_total{reason=\"malformed\"}"), EPS);
            assertEquals(0, m.value("netready_stun_dropped_datagrams_total{reason=\"rate_limited\"}"), EPS);
            assertEquals(1, m.value("netready_media_dropped_datagrams_total"), EPS);
        }
    }

    @Test
    void theStrictReaderRefusesWhatPrometheusWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x 1\n")); // no TYPE
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx{a=\"1\"} one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx{a=\"\\q\"} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx 1\nx 2\n"));
        assertThrows(IllegalArgumentException.class,
                () -> PrometheusText.parse("# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\nx{a=\"b\"} 2\n"));
        assertEquals(2, PrometheusText.parse("# HELP x a \\\\ b\n# TYPE x gauge\nx{a=\"q\\\"\"} 2\n")
                .value("x{a=\"q\\\"\"}"), EPS);
    }

    /** UDP is counted when the server has read it: scrape until the last datagram shows. */
    private static PrometheusText scrapeUntil(SeededCollector c, String counter) throws Exception {
        for (int i = 0; ; i++) {
            HttpResponse<String> r = c.get("/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"),
                    r.headers().toString());
            PrometheusText m = PrometheusText.parse(r.body());
            if (m.value(counter) >= 1 || i == 50) {
                return m;
            }
            Thread.sleep(100);
        }
    }
}
