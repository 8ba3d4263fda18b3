package io.netready.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The collector's database: a connection pool on a schema migrated to the newest version by the
 * versioned migrations in {@code db/migration}. Results and tokens share it (one pool, one set
 * of migrations); {@link #close} closes the pool.
 */
public final class Database implements AutoCloseable {

    /**
     * Connections of the pool. Every statement is a single short auto-commit one, so a few
     * connections per core keep the database busy; more only queue inside the database
     * (docs/storage.md, docs/benchmarks.md).
     */
    static final int POOL_SIZE = 8;

    /** Longest wait for a free connection before a statement fails. */
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The embedded database in {@code dataDir}, created on first use. */
    public static Database embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir.toAbsolutePath() + " ("
                    + e + "): choose a writable one with --data", e);
        }
        Path file = dataDir.toAbsolutePath().resolve("netready");
        // PostgreSQL mode keeps one set of migrations and queries for both databases.
        return open("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", null, null);
    }

    /** Opens the database at {@code jdbcUrl} and migrates its schema to the newest version. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("netready-store");
        config.setMaximumPoolSize(POOL_SIZE);
        // Under the agent's 8 s call deadline, so that an overloaded database is answered with a
        // "retry later" the agent sees, not left to time out while the server keeps working.
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the database at " + jdbcUrl + ": " + rootMessage(e) + hint(e), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot migrate the database schema at " + jdbcUrl + ": " + rootMessage(e), e);
        }
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /**
     * What to check, from the SQLSTATE of the failure (PostgreSQL appendix A; H2 uses the same
     * classes), or H2's lock message.
     */
    private static String hint(Throwable e) {
        String state = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        if (rootMessage(e).contains("locked")) {
            // H2 says "The file is locked" when another process holds the database.
            return " (is another collector using the same --data directory? Stop it first; only a shared "
                    + "database, --db-url, can be used by several processes)";
        }
        if (state == null) {
            return "";
        }
        if (state.startsWith("08")) {
            return " (check the host and port in --db-url, that the server is running, and that its "
                    + "listen_addresses and firewall let this machine in)";
        }
        if (state.startsWith("28")) {
            return " (check --db-user and --db-password-file, and that pg_hba.conf allows this user from this "
                    + "machine)";
        }
        if (state.equals("3D000")) {
            return " (create the database, e.g. createdb -O USER NAME, or correct its name in --db-url)";
        }
        return "";
    }
}
