package io.netready.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The collector's database: a connection pool on a schema migrated to the newest version by the
 * versioned migrations in {@code db/migration}. Results and tokens share it (one pool, one set
 * of migrations); {@link #close} closes the pool.
 */
public final class Database implements AutoCloseable {

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
        config.setMaximumPoolSize(8);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            String why = rootMessage(e);
            // H2 says "The file is locked" when another process holds the database.
            String hint = why.contains("locked") ? " (is another collector using the same --data directory? "
                    + "Stop it first; only a shared database, --db-url, can be used by several processes)" : "";
            throw new StoreException("cannot open the database at " + jdbcUrl + ": " + why + hint, e);
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
}
