package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netready.collector.auth.IssuedToken;
import io.netready.collector.auth.Token;
import io.netready.collector.auth.TokenKind;
import io.netready.collector.auth.TokenStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL server, and the start errors only a server has. */
class PostgresResultStoreTest extends ResultStoreContract {

    private String database;

    @BeforeAll
    static void needsPostgres() {
        Assumptions.assumeTrue(PostgresServer.binaries().isPresent(), PostgresServer.MISSING);
    }

    @Override
    protected void createDatabase() {
        database = PostgresServer.shared().createDatabase();
    }

    @Override
    protected ResultStore open() {
        return JdbcResultStore.open(PostgresServer.shared().url(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Test
    void tokensAreCreatedFoundListedAndRevokedOnPostgres() {
        try (Database db = Database.open(PostgresServer.shared().url(database), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            TokenStore tokens = new TokenStore(db.dataSource(), Clock.systemUTC());
            assertFalse(tokens.anyActive());
            IssuedToken site = tokens.create(TokenKind.SITE, Optional.of("store-042"));
            IssuedToken read = tokens.create(TokenKind.READ, Optional.empty());
            Token found = tokens.find(site.secret()).orElseThrow();
            assertEquals(List.of(site.id(), TokenKind.SITE, Optional.of("store-042"), false),
                    List.of(found.id(), found.kind(), found.site(), found.revoked()));
            assertTrue(tokens.find("nrt_unknown").isEmpty());
            assertEquals(List.of(site.id(), read.id()), tokens.list().stream().map(Token::id).toList());
            assertTrue(tokens.revoke(site.id()));
            assertFalse(tokens.revoke(site.id()));
            assertTrue(tokens.find(site.secret()).orElseThrow().revoked());
            assertTrue(tokens.revoke(read.id()));
            assertFalse(tokens.anyActive());
        }
    }

    @Test
    void aWrongPasswordSaysWhichSettingsToCheck() {
        StoreException e = assertThrows(StoreException.class, () -> JdbcResultStore.open(
                PostgresServer.shared().url(database), PostgresServer.USER, "wrong"));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains("check --db-user and --db-password-file"), e.getMessage());
    }

    @Test
    void anUnknownDatabaseSaysHowToCreateIt() {
        StoreException e = assertThrows(StoreException.class, () -> JdbcResultStore.open(
                PostgresServer.shared().url("nosuchdb"), PostgresServer.USER, PostgresServer.PASSWORD));
        assertTrue(e.getMessage().contains("\"nosuchdb\" does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("create the database"), e.getMessage());
    }
}
