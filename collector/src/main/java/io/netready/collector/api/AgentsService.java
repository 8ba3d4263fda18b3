package io.netready.collector.api;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netready.collector.agents.AgentRegistry;
import io.netready.collector.store.StoreException;
import io.netready.proto.AgentsGrpc;
import io.netready.proto.HeartbeatRequest;
import io.netready.proto.HeartbeatResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Heartbeats of scheduled agents; what they mean is {@link AgentRegistry}'s. */
public final class AgentsService extends AgentsGrpc.AgentsImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(AgentsService.class);

    private final AgentRegistry agents;

    public AgentsService(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
        try {
            agents.heartbeat(request);
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (StoreException e) {
            LOG.warn("{}", e.getMessage());
            response.onError(Status.UNAVAILABLE.withDescription("the collector could not store the heartbeat ("
                    + e.getMessage() + "): the agent sends the next one in about a minute").asRuntimeException());
            return;
        }
        response.onNext(HeartbeatResponse.getDefaultInstance());
        response.onCompleted();
    }
}
