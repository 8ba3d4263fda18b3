package io.netready.collector.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What became of each submitted result: stored, a duplicate of a stored one, or rejected. */
public final class IngestCounters {

    private final Counter results;

    IngestCounters(PrometheusRegistry registry) {
        results = Counter.builder()
                .name("netready_ingest_results_total")
                .help("Results submitted over gRPC, by outcome: stored, duplicate (result id already stored) "
                        + "or rejected (invalid)")
                .labelNames("outcome")
                .register(registry);
        // Each outcome is exported from the start, so that rate() sees the first increment.
        for (String outcome : new String[] {"stored", "duplicate", "rejected"}) {
            results.labelValues(outcome);
        }
    }

    public void stored() {
        results.labelValues("stored").inc();
    }

    public void duplicate() {
        results.labelValues("duplicate").inc();
    }

    public void rejected() {
        results.labelValues("rejected").inc();
    }
}
