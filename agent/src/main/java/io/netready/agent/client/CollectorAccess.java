package io.netready.agent.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the client proves who it is and checks the collector: a token sent as
 * {@code authorization: Bearer TOKEN}, and TLS, trusting {@code caFile} (a private CA) or else
 * the JDK's trusted CAs.
 */
public record CollectorAccess(Optional<String> token, Optional<Path> caFile, boolean tls) {

    /** No token, plaintext: a collector in development mode on loopback. */
    public static final CollectorAccess NONE = new CollectorAccess(Optional.empty(), Optional.empty(), false);

    /** A CA file implies TLS: there is nothing else to use it for. */
    public CollectorAccess {
        tls = tls || caFile.isPresent();
    }
}
