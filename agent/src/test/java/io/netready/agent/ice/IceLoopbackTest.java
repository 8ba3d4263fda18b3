package io.netready.agent.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import io.netready.agent.probe.Probe;
import io.netready.agent.probe.ProbeListener;
import io.netready.agent.probe.ProbeOptions;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.media.VoiceCodec;
import io.netready.proto.IceResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ICE part against a real collector on loopback: ice4j on both sides, candidates over gRPC. */
class IceLoopbackTest {

    @TempDir
    Path data;

    @Test
    void connectsHostToHostAndSaysHowFast() {
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(data.resolve("db"), GradingPolicy.defaults()));
             CollectorClient client = new CollectorClient(new CollectorAddress("127.0.0.1",
                     collector.grpcAddress().getPort()))) {
            ProbeOptions options = new ProbeOptions("ice-loopback", Set.of(ProbeOptions.ICE), VoiceCodec.G711, 1,
                    Duration.ofSeconds(1), ProbeOptions.DEFAULT_PLAYOUT_DELAY_MS, Optional.empty(), 0, Optional.empty());
            IceResult ice = new Probe(client, ProbeListener.SILENT).measure(options).getIce();

            assertTrue(ice.getConnected(), ice.getFailureReason());
            // No NAT on loopback: the server-reflexive address is the host's own, so ice4j drops it as
            // redundant (RFC 8445 §5.1.3) and the pair is host/host.
            assertEquals("host", ice.getLocalCandidateType(), ice.toString());
            assertEquals("host", ice.getRemoteCandidateType(), ice.toString());
            assertTrue(ice.getLocalCandidatesList().stream().anyMatch(c -> c.startsWith("host 127.0.0.1:")),
                    ice.getLocalCandidatesList().toString());
            assertTrue(ice.getTimeToConnectedMs() > 0 && ice.getTimeToConnectedMs() < 2000, ice.toString());
            assertTrue(ice.getDurationMs() >= ice.getTimeToConnectedMs(), ice.toString());
            assertEquals("", ice.getFailureReason());
        }
    }
}
