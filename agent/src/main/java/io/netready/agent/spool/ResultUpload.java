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

    /**
     * SubmitResult over {@code client}, with the client's deadline and error messages. It asks for
     * no site report ({@code omit_report}): nobody reads it here, and the collector then only
     * commits the result, which keeps ingest cheap when a fleet drains its backlogs at once.
     */
    static ResultUpload to(CollectorClient client) {
        return result -> client.results(s -> s.submitResult(
                SubmitResultRequest.newBuilder().setResult(result).setOmitReport(true).build()));
    }
}
