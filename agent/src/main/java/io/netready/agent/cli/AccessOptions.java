package io.netready.agent.cli;

import io.netready.agent.client.CollectorAccess;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --token}, {@code --ca} and {@code --tls}: how every command authenticates to the collector. */
public final class AccessOptions {

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:NETREADY_TOKEN}",
            description = "The collector's token (`netready-collector token create`): a site token for probe, a "
                    + "read token for report, sites and gate. Default: $NETREADY_TOKEN, which keeps it out of "
                    + "the process list.")
    String token;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Use TLS and trust the collector's certificate if this CA (PEM) signed it: for "
                    + "private CAs. Implies --tls.")
    Path caFile;

    @Option(names = "--tls", description = "Use TLS, trusting the CAs this Java trusts.")
    boolean tls;

    public CollectorAccess access() {
        return new CollectorAccess(Optional.ofNullable(token).filter(t -> !t.isBlank()), Optional.ofNullable(caFile),
                tls);
    }
}
