package io.netready.agent.client;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.netready.proto.GateGrpc;
import io.netready.proto.GradeChange;
import io.netready.proto.ProbeSessionsGrpc;
import io.netready.proto.ReportsGrpc;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.WatchGradesRequest;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A connection to a collector's gRPC API. Every call has a deadline, and every failure becomes a
 * {@link CollectorException} whose message says what to check.
 */
public final class CollectorClient implements AutoCloseable {

    /** Long enough for a loaded collector, short enough that a dead one is reported promptly. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private final CollectorAddress address;
    private final ManagedChannel channel;

    public CollectorClient(CollectorAddress address) {
        this.address = address;
        // Plaintext for now; TLS arrives with tokens (docs/collector.md).
        this.channel = NettyChannelBuilder.forAddress(address.host(), address.port())
                .usePlaintext()
                .build();
    }

    public CollectorAddress address() {
        return address;
    }

    public <T> T sessions(Function<ProbeSessionsGrpc.ProbeSessionsBlockingStub, T> call) {
        return call(call, ProbeSessionsGrpc.newBlockingStub(channel));
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
                    throw CollectorException.from(e, address);
                }
            }

            @Override
            public GradeChange next() {
                return stream.next();
            }
        };
    }

    private <S extends io.grpc.stub.AbstractStub<S>, T> T call(Function<S, T> call, S stub) {
        try {
            return call.apply(stub.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw CollectorException.from(e, address);
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
