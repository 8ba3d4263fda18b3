package io.netready.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.JsonFormat;
import io.netready.agent.NetreadyCli;
import io.netready.collector.CollectorCli;
import io.netready.proto.Finding;
import io.netready.proto.ProbeOutcome;
import io.netready.proto.StreamStats;
import io.netready.testbed.Testbed;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media path against ground truth (TESTBED.md): the collector in the public namespace, the
 * probe at the site, and iptables in between dropping a known, counted number of RTP packets in
 * one direction at a time.
 */
class MediaPathNamespaceTest {

    /** IP total length of a G.711 probe packet: 20 IP + 8 UDP + 12 RTP + 24 extension (RFC 8285) + 160 payload. */
    private static final String G711_IP_LENGTH = "224";
    private static final String MEDIA_PORT = "40000";
    private static final int DURATION_SECONDS = 6;
    private static final int PACKETS = DURATION_SECONDS * 50;

    @TempDir
    static Path dir;
    static Testbed net;

    @BeforeAll
    static void startCollector() throws Exception {
        net = Testbed.routed();
        Path log = dir.resolve("collector.log");
        net.start(net.pub, Testbed.java(CollectorCli.class, "serve", "--insecure-open", "--listen", Testbed.PUBLIC_IP,
                "--data", dir.resolve("db").toString()), log);
        Testbed.awaitLine(log, "  media", 30_000);
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    @AfterEach
    void flushRules() {
        net.exec(net.nat, "iptables", "-F", "FORWARD");
    }

    /** One probe run as its own site, so that the report's window holds this run only. */
    private ProbeOutcome probe(String site) throws Exception {
        Testbed.Result r = net.execResult(net.site, Testbed.java(NetreadyCli.class, "probe", "--collector",
                Testbed.PUBLIC_IP + ":7400", "--site", site, "--duration", String.valueOf(DURATION_SECONDS), "--json")
                .toArray(String[]::new));
        assertTrue(r.exit() == 0 || r.exit() == 1, "probe failed (" + r.exit() + "): " + r.err());
        ProbeOutcome.Builder o = ProbeOutcome.newBuilder();
        JsonFormat.parser().merge(r.out(), o);
        return o.build();
    }

    /** Drops a random 5 % of G.711 RTP packets entering the middlebox on {@code inIf} to or from the media port. */
    private void dropFivePercent(String inIf, String portMatch) {
        net.exec(net.nat, "iptables", "-A", "FORWARD", "-i", inIf, "-p", "udp", portMatch, MEDIA_PORT,
                "-m", "length", "--length", G711_IP_LENGTH,
                "-m", "statistic", "--mode", "random", "--probability", "0.05", "-j", "DROP");
    }

    private static void assertLossEquals(long dropped, StreamStats s) {
        assertEquals(PACKETS, s.getPacketsSent());
        assertEquals(dropped, s.getPacketsSent() - s.getPacketsReceived(), "packets lost vs the rule's counter");
        assertEquals(100.0 * dropped / s.getPacketsSent(), s.getLossPercent(), 1e-9);
    }

    @Test
    void upstreamLossEqualsTheDropRuleCounterAndDownstreamIsClean() throws Exception {
        dropFivePercent(net.natInsideIf, "--dport");
        ProbeOutcome o = probe("upstream-loss");
        long dropped = net.iptablesPackets(net.nat, "FORWARD", 1);
        assertTrue(dropped > 0, "the rule dropped nothing; the test proves nothing");
        assertLossEquals(dropped, o.getResult().getMedia().getUpstream());
        assertLossEquals(0, o.getResult().getMedia().getDownstream());
    }

    @Test
    void downstreamLossEqualsTheDropRuleCounterAndUpstreamIsClean() throws Exception {
        dropFivePercent(net.natOutsideIf, "--sport");
        ProbeOutcome o = probe("downstream-loss");
        long dropped = net.iptablesPackets(net.nat, "FORWARD", 1);
        assertTrue(dropped > 0, "the rule dropped nothing; the test proves nothing");
        assertLossEquals(dropped, o.getResult().getMedia().getDownstream());
        assertLossEquals(0, o.getResult().getMedia().getUpstream());
    }

    @Test
    void blockedDownstreamIsOneWayAudioNamingTheDownstream() throws Exception {
        net.exec(net.nat, "iptables", "-A", "FORWARD", "-i", net.natOutsideIf, "-p", "udp", "--sport", MEDIA_PORT,
                "-j", "DROP");
        Finding f = oneWayFinding(probe("downstream-blocked"));
        assertTrue(f.getTitle().contains("downstream (collector → site)"), f.getTitle());
    }

    @Test
    void blockedUpstreamIsOneWayAudioNamingTheUpstream() throws Exception {
        net.exec(net.nat, "iptables", "-A", "FORWARD", "-i", net.natInsideIf, "-p", "udp", "--dport", MEDIA_PORT,
                "-j", "DROP");
        Finding f = oneWayFinding(probe("upstream-blocked"));
        assertTrue(f.getTitle().contains("upstream (site → collector)"), f.getTitle());
    }

    /**
     * Jitter against an independent implementation: Wireshark's RTP stream analysis of a capture
     * on the site's interface, with real delay variation from a 2 Mbit/s bottleneck that bursts of
     * other traffic queue up. Wireshark must also recognise both ends' RTCP.
     */
    @Test
    void downstreamJitterAndLossAgreeWithWiresharksRtpAnalysis() throws Exception {
        assumeTrue(Testbed.onPath("tshark"), "needs tshark: apt-get install -y tshark");
        net.exec(net.nat, "tc", "qdisc", "add", "dev", net.natInsideIf, "root", "handle", "1:", "htb", "default", "10");
        net.exec(net.nat, "tc", "class", "add", "dev", net.natInsideIf, "parent", "1:", "classid", "1:10", "htb",
                "rate", "2mbit", "ceil", "2mbit");
        Path pcap = dir.resolve("downstream.pcap");
        Path tsharkLog = dir.resolve("tshark.log");
        Process capture = net.start(net.site, List.of("tshark", "-i", net.siteIf, "-f", "udp port " + MEDIA_PORT,
                "-w", pcap.toString()), tsharkLog);
        Testbed.awaitLine(tsharkLog, "Capturing on", 20_000);
        // Bounded competing traffic: 20 kB every 100 ms for the length of the call, towards the site.
        net.start(net.pub, List.of("bash", "-c", "for i in $(seq 1 " + (DURATION_SECONDS * 10 + 10) + "); do "
                + "head -c 20000 /dev/zero > /dev/udp/" + Testbed.SITE_IP + "/9; sleep 0.1; done"),
                dir.resolve("burst.log"));
        try {
            StreamStats down = probe("jitter").getResult().getMedia().getDownstream();
            Thread.sleep(500);
            capture.destroy();
            capture.waitFor();
            String streams = net.exec(net.site, "tshark", "-r", pcap.toString(), "-d", "udp.port==" + MEDIA_PORT + ",rtp",
                    "-q", "-z", "rtp,streams");
            WiresharkStream ws = WiresharkStream.find(streams, Testbed.PUBLIC_IP);
            assertTrue(down.getJitterMs() > 1, "the bottleneck made no jitter worth comparing: " + down.getJitterMs());
            assertEquals(ws.meanJitterMs(), down.getJitterMs(), Math.max(0.1, 0.05 * ws.meanJitterMs()),
                    "mean jitter vs Wireshark:\n" + streams);
            assertEquals(ws.lost(), down.getPacketsSent() - down.getPacketsReceived(), "loss vs Wireshark");
            assertEquals(ws.packets(), down.getPacketsReceived());
            // Wireshark recognises both ends' RTCP sender reports (multiplexed, RFC 5761).
            String senderReports = net.exec(net.site, "tshark", "-r", pcap.toString(), "-d",
                    "udp.port==" + MEDIA_PORT + ",rtp", "-Y", "rtcp.pt == 200", "-T", "fields", "-e", "ip.src");
            assertTrue(senderReports.contains(Testbed.SITE_IP) && senderReports.contains(Testbed.PUBLIC_IP),
                    "RTCP sender reports seen from: " + senderReports);
        } finally {
            net.exec(net.nat, "tc", "qdisc", "del", "dev", net.natInsideIf, "root");
        }
    }

    private static Finding oneWayFinding(ProbeOutcome o) {
        return o.getReport().getFindingsList().stream().filter(f -> f.getCode().equals("ONE_WAY_AUDIO")).findFirst()
                .orElseThrow(() -> new AssertionError("no ONE_WAY_AUDIO in " + o.getReport().getFindingsList()));
    }
}
