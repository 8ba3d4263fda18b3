package io.netready.collector;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.api.AgentsService;
import io.netready.collector.api.GateService;
import io.netready.collector.api.LocalAddressInterceptor;
import io.netready.collector.api.ProbeSessionsService;
import io.netready.collector.api.ReportsService;
import io.netready.collector.api.ResultsService;
import io.netready.collector.auth.AccessPolicy;
import io.netready.collector.auth.TokenInterceptor;
import io.netready.collector.auth.TokenStore;
import io.netready.collector.grading.GradeBroadcaster;
import io.netready.collector.grading.SiteGrading;
import io.netready.collector.http.HttpEndpoint;
import io.netready.collector.ice.IceResponder;
import io.netready.collector.media.MediaReflector;
import io.netready.collector.media.ReflectorWarmUp;
import io.netready.collector.metrics.CollectorMetrics;
import io.netready.collector.net.Ports;
import io.netready.collector.session.SessionRegistry;
import io.netready.collector.store.Database;
import io.netready.collector.store.JdbcResultStore;
import io.netready.collector.store.PasswordFile;
import io.netready.collector.store.ResultStore;
import io.netready.collector.store.RetentionSweeper;
import io.netready.collector.stun.StunAddresses;
import io.netready.collector.stun.StunDrop;
import io.netready.collector.stun.StunServer;
import io.netready.collector.tls.TlsFiles;
import io.netready.collector.web.WebRoutes;
import io.netready.common.net.HostPort;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector: gRPC API, STUN server, media reflector, HTTP endpoint and store, wired
 * together. Start one with {@link #start}; {@link #close} stops everything it started.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private static final int MEDIA_SOCKET_BUFFER_BYTES = 8 << 20;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private InetSocketAddress grpcAddress;
    private InetSocketAddress httpAddress;
    private InetSocketAddress mediaAddress;
    private StunServer stunServer;
    private MediaReflector reflector;
    private AccessPolicy access;

    private Collector() {
    }

    /** Starts every service of {@code config}; on failure, stops what had started and rethrows. */
    public static Collector start(CollectorConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** {@link #start(CollectorConfig)} on {@code clock}: tests move it to see what time does (stale agents). */
    public static Collector start(CollectorConfig config, Clock clock) {
        Collector c = new Collector();
        try {
            c.startAll(config, clock);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void startAll(CollectorConfig config, Clock clock) {
        Database database = config.dbUrl()
                .map(url -> Database.open(url, config.dbUser().orElse(null),
                        config.dbPasswordFile().map(PasswordFile::read).orElse(null)))
                .orElseGet(() -> Database.embedded(config.dataDir()));
        ResultStore store = new JdbcResultStore(database);
        resources.add(store);
        resources.add(RetentionSweeper.start(store, config.retention(), clock));
        access = AccessPolicy.atStart(new TokenStore(database.dataSource(), clock), config.listenAddress(),
                config.insecureOpen());
        if (access.open()) {
            LOG.warn("no authentication: every gRPC call and HTTP page is open ({})", config.insecureOpen()
                    ? "--insecure-open" : "development mode: loopback, no token; `netready-collector token create` ends it");
        }

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        resources.add(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());

        stunServer = StunServer.start(group.next(), config.listenAddress(), config.stunAlternateAddress(),
                config.stunPort(), config.stunAlternatePort());
        StunAddresses stun = stunServer.addresses();
        if (!stun.untestable().isEmpty()) {
            LOG.warn("STUN server has one address{}: it cannot serve {}", config.listenAddress().isAnyLocalAddress()
                    ? " (a wildcard address, so its answers carry no RESPONSE-ORIGIN)" : "",
                    String.join("; ", stun.untestable()));
        }

        SessionRegistry sessions = new SessionRegistry();
        DatagramChannel mediaSocket = openUdp();
        reflector = new MediaReflector(sessions, mediaSocket);
        resources.add(reflector);
        Channel media = Ports.bindUdp(group, new InetSocketAddress(config.listenAddress(), config.mediaPort()),
                reflector, "--media-port", mediaSocket);
        mediaAddress = (InetSocketAddress) media.localAddress();
        ReflectorWarmUp.run(sessions, mediaAddress);
        group.next().scheduleAtFixedRate(() -> sessions.expire(clock.instant()), 10, 10, TimeUnit.SECONDS);

        IceResponder ice = new IceResponder(List.of(config.listenAddress()), IceResponder.DEFAULT_MAX_AGENTS);
        resources.add(ice);
        sessions.onRemove(s -> ice.sessionEnded(s.id()));

        SiteGrading grading = new SiteGrading(store, config.policy(), clock);
        AgentRegistry agents = new AgentRegistry(store, clock);
        CollectorMetrics metrics = new CollectorMetrics(grading, agents, clock, new CollectorMetrics.UdpServices(
                sessions::size, ice::running, stunServer::dropped, reflector::dropped));
        GradeBroadcaster gradeChanges = new GradeBroadcaster(grading, clock, GradeBroadcaster.DEFAULT_QUEUE);
        var endpoints = new ProbeSessionsService.UdpEndpoints(stun.primarySocket(), stun.alternateSocket(),
                stun.untestable(), mediaAddress);
        InetSocketAddress grpcBind = new InetSocketAddress(config.listenAddress(), config.grpcPort());
        NettyServerBuilder grpcBuilder = NettyServerBuilder.forAddress(grpcBind)
                .addService(ServerInterceptors.intercept(
                        new ProbeSessionsService(sessions, reflector, ice, endpoints, clock), new LocalAddressInterceptor()))
                .addService(new ResultsService(store, grading, metrics.ingest(), gradeChanges))
                .addService(new AgentsService(agents))
                .addService(new ReportsService(store, grading, gradeChanges, agents))
                .addService(new GateService(grading, clock))
                .intercept(new TokenInterceptor(access));
        config.tls().ifPresent(tls -> grpcBuilder.sslContext(tls.grpcContext()));
        Server grpc = grpcBuilder.build();
        Ports.bind(grpc::start, "TCP", grpcBind, "--grpc-port");
        resources.add(() -> grpc.shutdown().awaitTermination(5, TimeUnit.SECONDS));
        resources.add(gradeChanges); // closed before the server, whose graceful shutdown waits for open streams
        grpcAddress = (InetSocketAddress) grpc.getListenSockets().get(0);

        // Pages and scrapes read the store: a thread of their own keeps them off the UDP event loop.
        ExecutorService web = Executors.newSingleThreadExecutor(r -> new Thread(r, "netready-web"));
        resources.add(web::shutdownNow);
        Channel http = Ports.bindTcp(group, new InetSocketAddress(config.listenAddress(), config.httpPort()),
                new HttpEndpoint(() -> "{\"status\":\"ok\",\"openSessions\":" + sessions.size() + "}",
                        config.tls().map(TlsFiles::httpContext), access,
                        () -> new WebRoutes(grading, agents, metrics, clock, web)),
                "--http-port");
        httpAddress = (InetSocketAddress) http.localAddress();
        LOG.info("collector up: gRPC {}, HTTP {}, STUN {}/udp, media {}/udp", HostPort.format(grpcAddress),
                HostPort.format(httpAddress), stunServer.addresses().describe(), HostPort.format(mediaAddress));
    }

    /**
     * The media socket. One thread reads every session's upstream, so the kernel's buffer is all
     * that absorbs a pause of that thread: the default (about 200 KiB, a few milliseconds at full
     * load) is where every loss in the capacity benchmark happened. The kernel caps the request
     * at net.core.rmem_max.
     */
    private static DatagramChannel openUdp() {
        try {
            DatagramChannel socket = DatagramChannel.open();
            socket.setOption(StandardSocketOptions.SO_RCVBUF, MEDIA_SOCKET_BUFFER_BYTES);
            socket.setOption(StandardSocketOptions.SO_SNDBUF, MEDIA_SOCKET_BUFFER_BYTES);
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket: " + e.getMessage(), e);
        }
    }

    public InetSocketAddress grpcAddress() {
        return grpcAddress;
    }

    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    /** The STUN server's primary socket (A, P): where clients start. */
    public InetSocketAddress stunAddress() {
        return stunServer.addresses().primarySocket();
    }

    /** All of the STUN server's addresses and ports. */
    public StunAddresses stunAddresses() {
        return stunServer.addresses();
    }


    /** Development mode: no authentication (SPEC §4). */
    public boolean open() {
        return access.open();
    }

    public InetSocketAddress mediaAddress() {
        return mediaAddress;
    }

    /**
     * Datagrams the STUN server and the media reflector dropped: malformed, unauthenticated,
     * rate-limited, or unanswerable without amplification.
     */
    public long droppedDatagrams() {
        return stunServer.dropped() + reflector.dropped();
    }

    /** Datagrams the STUN server dropped for this reason. */
    public long stunDropped(StunDrop reason) {
        return stunServer.dropped(reason);
    }

    /** Stops the services in the reverse order of their start. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        resources.clear();
    }
}
