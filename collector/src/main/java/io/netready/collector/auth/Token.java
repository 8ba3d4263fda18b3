package io.netready.collector.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * A token as stored: everything but the secret, which is never kept.
 *
 * @param site the site of a {@link TokenKind#SITE} token; empty for the other kinds
 */
public record Token(String id, TokenKind kind, Optional<String> site, Instant createdAt,
                    Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
