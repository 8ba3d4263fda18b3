package io.netready.collector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.agents.MovableClock;
import io.netready.collector.auth.AccessPolicy;
import io.netready.collector.auth.TokenInterceptor;
import io.netready.collector.auth.TokenKind;
import io.netready.collector.auth.TokenStore;
import io.netready.collector.grading.GradeBroadcaster;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.store.Database;
import io.netready.collector.store.JdbcResultStore;
import io.netready.common.grade.GradingPolicy;
import io.netready.proto.AgentStatus;
import io.netready.proto.AgentsGrpc;
import io.netready.proto.HeartbeatRequest;
import io.netready.proto.ListAgentsRequest;
import io.netready.proto.ReportsGrpc;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents.Heartbeat and Reports.ListAgents over gRPC, with tokens, as an agent and a person call them. */
class AgentsGrpcTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private JdbcResultStore store;
    private MovableClock clock;
    private TokenStore tokens;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        Database database = Database.embedded(dir);
        store = new JdbcResultStore(database);
        clock = new MovableClock(T);
        tokens = new TokenStore(database.dataSource(), clock);
        AgentRegistry agents = new AgentRegistry(store, clock);
        SiteGrading grading = new SiteGrading(store, GradingPolicy.defaults(), clock);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AgentsService(agents))
                .addService(new ReportsService(store, grading, new GradeBroadcaster(grading, clock, 8), agents))
                .intercept(new TokenInterceptor(new AccessPolicy(tokens, false)))
                .build().start();
        channel = NettyChannelBuilder.forAddress((InetSocketAddress) server.getListenSockets().get(0))
                .usePlaintext().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        store.close();
    }

    private Metadata bearer(TokenKind kind, Optional<String> site) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + tokens.create(kind, site).secret());
        return m;
    }

    private AgentsGrpc.AgentsBlockingStub agents(Metadata auth) {
        return AgentsGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    private ReportsGrpc.ReportsBlockingStub reports(Metadata auth) {
        return ReportsGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    private static HeartbeatRequest heartbeat(String site) {
        return HeartbeatRequest.newBuilder().setSite(site).setAgentId("box-1").setAgentVersion("0.6.0")
                .setStartedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(T.getEpochSecond()))
                .setIntervalSeconds(300).setSpooledResults(4).build();
    }

    @Test
    void aSiteTokenHeartbeatsForItsOwnSiteOnly() {
        AgentsGrpc.AgentsBlockingStub branch1 = agents(bearer(TokenKind.SITE, Optional.of("branch-1")));
        branch1.heartbeat(heartbeat("branch-1"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> branch1.heartbeat(heartbeat("branch-2")));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("may not act for site 'branch-2'"), e.getMessage());

        StatusRuntimeException read = assertThrows(StatusRuntimeException.class,
                () -> agents(bearer(TokenKind.READ, Optional.empty())).heartbeat(heartbeat("branch-1")));
        assertEquals(Status.Code.PERMISSION_DENIED, read.getStatus().getCode(), "a read token does not heartbeat");
        StatusRuntimeException list = assertThrows(StatusRuntimeException.class, () -> reports(
                bearer(TokenKind.SITE, Optional.of("branch-1"))).listAgents(ListAgentsRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, list.getStatus().getCode(), "a site token does not read");

        List<AgentStatus> listed = reports(bearer(TokenKind.READ, Optional.empty()))
                .listAgents(ListAgentsRequest.getDefaultInstance()).getAgentsList();
        assertEquals(List.of("branch-1"), listed.stream().map(AgentStatus::getSite).toList());
    }

    @Test
    void badFieldsAreInvalidArgumentNamingTheField() {
        AgentsGrpc.AgentsBlockingStub admin = agents(bearer(TokenKind.ADMIN, Optional.empty()));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> admin.heartbeat(heartbeat("b").toBuilder().setSpooledResults(-5).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("spooled_results must not be negative, got -5", e.getStatus().getDescription());
        StatusRuntimeException list = assertThrows(StatusRuntimeException.class, () -> reports(
                bearer(TokenKind.ADMIN, Optional.empty())).listAgents(ListAgentsRequest.newBuilder().setSite("a/b").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, list.getStatus().getCode());
    }

    @Test
    void listAgentsShowsAnAgentStaleOnceItMissedThreeIntervals() {
        agents(bearer(TokenKind.SITE, Optional.of("branch-1"))).heartbeat(heartbeat("branch-1"));
        ReportsGrpc.ReportsBlockingStub reader = reports(bearer(TokenKind.READ, Optional.empty()));
        ListAgentsRequest branch1 = ListAgentsRequest.newBuilder().setSite("branch-1").build();
        assertFalse(reader.listAgents(branch1).getAgents(0).getStale());
        clock.advance(Duration.ofMinutes(15)); // 3 × 300 s: at the limit
        assertFalse(reader.listAgents(branch1).getAgents(0).getStale());
        clock.advance(Duration.ofSeconds(1));
        AgentStatus stale = reader.listAgents(branch1).getAgents(0);
        assertTrue(stale.getStale());
        assertEquals(4, stale.getSpooledResults());
        assertEquals(T.getEpochSecond(), stale.getLastHeartbeatAt().getSeconds());
        assertEquals(0, reader.listAgents(ListAgentsRequest.newBuilder().setSite("branch-2").build()).getAgentsCount());
    }
}
