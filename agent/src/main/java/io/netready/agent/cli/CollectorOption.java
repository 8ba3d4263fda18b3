package io.netready.agent.cli;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --collector} option every command shares, with the token and TLS options. */
public final class CollectorOption {

    @Option(names = {"-c", "--collector"}, required = true, paramLabel = "HOST:PORT",
            converter = CollectorAddress.Converter.class,
            description = "The collector's gRPC address, e.g. 127.0.0.1:7400 (port defaults to 7400).")
    CollectorAddress address;

    @Mixin
    AccessOptions access;

    public CollectorClient connect() {
        return new CollectorClient(address, access.access());
    }

    public CollectorAddress address() {
        return address;
    }
}
