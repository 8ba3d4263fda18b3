package io.netready.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.collector.Collector;
import io.netready.collector.CollectorConfig;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import io.netready.proto.AgentsGrpc;
import io.netready.proto.HeartbeatRequest;
import io.netready.proto.ListAgentsResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netready agents} against a real collector that received heartbeats. */
class AgentsCliTest {

    @TempDir
    Path data;

    @Test
    void listsTheAgentsOfEverySiteOrOneWithTheirSpoolAndState() throws Exception {
        try (Collector collector = Collector.start(CollectorConfig.ephemeral(data, GradingPolicy.defaults()))) {
            String address = HostPort.format(collector.grpcAddress());
            CliRun none = CliRun.of("agents", "--collector", address);
            assertEquals(0, none.exitCode(), none.err());
            assertTrue(none.out().contains("No agent has sent a heartbeat"), none.out());

            ManagedChannel ch = NettyChannelBuilder.forAddress(collector.grpcAddress()).usePlaintext().build();
            try {
                long now = System.currentTimeMillis();
                for (String site : new String[] {"branch-7", "branch-8"}) {
                    AgentsGrpc.newBlockingStub(ch).heartbeat(HeartbeatRequest.newBuilder().setSite(site)
                            .setAgentId("box-" + site).setAgentVersion("0.6.0")
                            .setStartedAt(Timestamps.fromMillis(now - 3_600_000)).setIntervalSeconds(900)
                            .setSpooledResults(12).setEvictedResults(3)
                            .setNextRunAt(Timestamps.fromMillis(now + 600_000)).build());
                }
            } finally {
                ch.shutdownNow();
            }

            CliRun all = CliRun.of("agents", "--collector", address);
            assertEquals(0, all.exitCode(), all.err());
            String[] lines = all.out().split("\n");
            assertEquals(3, lines.length, all.out());
            assertTrue(lines[1].matches("branch-7 +box-branch-7 +0\\.6\\.0 +\\ds ago +in (9|10)m +12 +3  ok"), lines[1]);

            CliRun one = CliRun.of("agents", "--collector", address, "--site", "branch-8", "--json");
            assertEquals(0, one.exitCode(), one.err());
            ListAgentsResponse.Builder parsed = ListAgentsResponse.newBuilder();
            JsonFormat.parser().merge(one.out(), parsed);
            assertEquals(1, parsed.getAgentsCount());
            assertEquals("box-branch-8", parsed.getAgents(0).getAgentId());
            assertEquals(12, parsed.getAgents(0).getSpooledResults());

            CliRun bad = CliRun.of("agents", "--collector", address, "--site", "a b");
            assertEquals(2, bad.exitCode());
            assertTrue(bad.err().contains("site 'a b' is not a valid site name"), bad.err());
        }
    }
}
