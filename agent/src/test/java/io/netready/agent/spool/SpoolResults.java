package io.netready.agent.spool;

import com.google.protobuf.Timestamp;
import io.netready.agent.client.CollectorClient;
import io.netready.proto.HistoryRequest;
import io.netready.proto.ProbeResult;
import io.netready.proto.RunFailure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Results to spool in tests, and what the collector stored of them. */
final class SpoolResults {

    private SpoolResults() {
    }

    /** A failed scheduled run: the smallest result the collector accepts and stores. */
    static ProbeResult result(String site, Instant startedAt) {
        return ProbeResult.newBuilder().setResultId(UUID.randomUUID().toString()).setSite(site)
                .setAgentId("spool-test").setAgentVersion("test")
                .setStartedAt(Timestamp.newBuilder().setSeconds(startedAt.getEpochSecond()).setNanos(startedAt.getNano()))
                .setFailure(RunFailure.newBuilder().setStage("session").setMessage("collector unreachable"))
                .build();
    }

    /** The result ids the collector holds for {@code site}, one entry per stored row, newest first. */
    static List<String> storedIds(CollectorClient client, String site) {
        return client.reports(r -> r.getHistory(HistoryRequest.newBuilder().setSite(site).setLimit(10_000).build()))
                .getResultsList().stream().map(ProbeResult::getResultId).toList();
    }
}
