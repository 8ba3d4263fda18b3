package io.netready.agent.spool;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.client.CollectorException;
import io.netready.proto.ProbeResult;
import io.netready.proto.SubmitResultRequest;

/** The collector's SubmitResult, as the spool's uploader calls it. */
@FunctionalInterface
public interface ResultUpload {

    /**
     * Returns when the collector acknowledged the result, also when it had already stored it
     * (a duplicate: ingest is idempotent by result id).
     *
     * @throws CollectorException when the collector did not acknowledge it
     */
    void submit(ProbeResult result);

    /** SubmitResult over {@code client}, with the client's deadline and error messages. */
    static ResultUpload to(CollectorClient client) {
        return result -> client.results(s -> s.submitResult(SubmitResultRequest.newBuilder().setResult(result).build()));
    }
}
