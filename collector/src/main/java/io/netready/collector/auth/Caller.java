package io.netready.collector.auth;

import java.util.Optional;

/**
 * Who is calling: the kind of their token and, for a site token, its site. In development mode
 * every caller is {@link #OPEN}.
 */
public record Caller(TokenKind kind, Optional<String> site) {

    /** Anyone, in development mode (loopback, no tokens): may do everything. */
    public static final Caller OPEN = new Caller(TokenKind.ADMIN, Optional.empty());

    static Caller of(Token token) {
        return new Caller(token.kind(), token.site());
    }
}
