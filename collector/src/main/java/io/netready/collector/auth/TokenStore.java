package io.netready.collector.auth;

import io.netready.collector.store.StatementBinder;
import io.netready.collector.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * API tokens in the {@code tokens} table (migration V100). A token is {@code nrt_} and 256
 * random bits in URL-safe base64; only its SHA-256 is stored. A fast hash is enough here, unlike
 * for passwords: a slow hash defends low-entropy secrets against guessing, and 2^256 random
 * tokens cannot be guessed at any hash speed, while a slow hash would cost every API call.
 */
public final class TokenStore {

    /** The prefix makes a leaked token recognisable (secret scanners, logs). */
    public static final String PREFIX = "nrt_";

    /** "last used" is written at most this often per token, not on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    public TokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Creates a token; the returned secret is the only copy. */
    public IssuedToken create(TokenKind kind, Optional<String> site) {
        if ((kind == TokenKind.SITE) != site.isPresent()) {
            throw new IllegalArgumentException("a site token needs a site, and only a site token has one");
        }
        String id = HexFormat.of().formatHex(random(5));
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        update("INSERT INTO tokens (token_id, token_hash, kind, site, created_at) VALUES (?, ?, ?, ?, ?)", s -> {
            s.setString(1, id);
            s.setString(2, hash(secret));
            s.setString(3, kind.name());
            s.setString(4, site.orElse(null));
            s.setTimestamp(5, Timestamp.from(clock.instant()));
        }, "create a token");
        return new IssuedToken(id, secret);
    }

    /** Every token, revoked ones too, oldest first. */
    public List<Token> list() {
        return query("SELECT * FROM tokens ORDER BY created_at, token_id", s -> { }, "list tokens");
    }

    /** The token whose secret is {@code secret}, revoked or not; empty when none is. */
    public Optional<Token> find(String secret) {
        List<Token> found = query("SELECT * FROM tokens WHERE token_hash = ?", s -> s.setString(1, hash(secret)),
                "look up a token");
        found.stream().filter(t -> !t.revoked()).findFirst().ifPresent(this::touch);
        return found.stream().findFirst();
    }

    /** Whether any token that is not revoked exists (no token means development mode may apply). */
    public boolean anyActive() {
        return !query("SELECT * FROM tokens WHERE revoked_at IS NULL LIMIT 1", s -> { }, "count tokens").isEmpty();
    }

    /** Revokes token {@code id}; false when there is no such token or it was revoked already. */
    public boolean revoke(String id) {
        return update("UPDATE tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", s -> {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, id);
        }, "revoke token " + id) == 1;
    }

    private void touch(Token token) {
        Instant now = clock.instant();
        Instant written = lastUsedWritten.get(token.id());
        if (written != null && written.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return;
        }
        lastUsedWritten.put(token.id(), now);
        update("UPDATE tokens SET last_used_at = ? WHERE token_id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, token.id());
        }, "record the use of token " + token.id());
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    private int update(String sql, StatementBinder binder, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private List<Token> query(String sql, StatementBinder binder, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                List<Token> tokens = new ArrayList<>();
                while (rs.next()) {
                    tokens.add(new Token(rs.getString("token_id"), TokenKind.valueOf(rs.getString("kind")),
                            Optional.ofNullable(rs.getString("site")), rs.getTimestamp("created_at").toInstant(),
                            instant(rs, "last_used_at"), instant(rs, "revoked_at")));
                }
                return tokens;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
