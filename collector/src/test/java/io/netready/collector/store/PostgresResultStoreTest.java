package io.netready.collector.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
