package io.netready.agent.client;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.MetadataUtils;
import io.netready.proto.AgentsGrpc;
import io.netready.proto.GateGrpc;
import io.netready.proto.GradeChange;
import io.netready.proto.ProbeSessionsGrpc;
import io.netready.proto.ReportsGrpc;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.WatchGradesRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A connection to a collector's gRPC API. Every call has a deadline, and every failure becomes a
 * {@link CollectorException} whose message says what to check.
 */
public final class CollectorClient implements AutoCloseable {

    /** Long enough for a loaded collector, short enough that a dead one is reported promptly. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final CollectorAddress address;
    private final boolean tls;
    private final ManagedChannel channel;

    /** Plaintext, no token: a collector in development mode. */
    public CollectorClient(CollectorAddress address) {
        this(address, CollectorAccess.NONE);
    }

    public CollectorClient(CollectorAddress address, CollectorAccess access) {
        this.address = address;
        this.tls = access.tls();
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(address.host(), address.port());
        if (access.caFile().isPresent()) {
            builder.sslContext(trusting(access.caFile().get()));
        } else if (access.tls()) {
            builder.useTransportSecurity();
        } else {
            builder.usePlaintext();
        }
        access.token().ifPresent(token -> {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        });
        this.channel = builder.build();
    }

    private static SslContext trusting(Path caFile) {
        try {
            return GrpcSslContexts.forClient().trustManager(caFile.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--ca " + caFile + " is not a usable CA certificate (" + e.getMessage()
                    + "): give the PEM file (BEGIN CERTIFICATE) of the CA that signed the collector's certificate", e);
        }
    }

    public CollectorAddress address() {
        return address;
    }

    public <T> T sessions(Function<ProbeSessionsGrpc.ProbeSessionsBlockingStub, T> call) {
        return call(call, ProbeSessionsGrpc.newBlockingStub(channel));
    }

    public <T> T agents(Function<AgentsGrpc.AgentsBlockingStub, T> call) {
        return call(call, AgentsGrpc.newBlockingStub(channel));
    }

    public <T> T results(Function<ResultsGrpc.ResultsBlockingStub, T> call) {
        return call(call, ResultsGrpc.newBlockingStub(channel));
    }

    public <T> T reports(Function<ReportsGrpc.ReportsBlockingStub, T> call) {
        return call(call, ReportsGrpc.newBlockingStub(channel));
    }

    public <T> T gate(Function<GateGrpc.GateBlockingStub, T> call) {
        return call(call, GateGrpc.newBlockingStub(channel));
    }

    /**
     * The collector's grade changes as they happen, without a deadline: the current grade of each
     * watched site first. Iterating throws {@link CollectorException} when the stream ends in error.
     */
    public Iterator<GradeChange> watchGrades(WatchGradesRequest request) {
        Iterator<GradeChange> stream = ReportsGrpc.newBlockingStub(channel).watchGrades(request);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return stream.hasNext();
                } catch (StatusRuntimeException e) {
                    throw CollectorException.from(e, address, tls);
                }
            }

            @Override
            public GradeChange next() {
                return stream.next();
            }
        };
    }

    private <S extends io.grpc.stub.AbstractStub<S>, T> T call(Function<S, T> call, S stub) {
        // After an outage gRPC waits up to two minutes of its own backoff before it reconnects, and
        // fails calls meanwhile. Our callers pace their retries themselves (the daemon's upload
        // backoff, the heartbeat's minute), so each call they make really tries to connect.
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            channel.resetConnectBackoff();
        }
        try {
            return call.apply(stub.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw CollectorException.from(e, address, tls);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
