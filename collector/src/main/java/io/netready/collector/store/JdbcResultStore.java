package io.netready.collector.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netready.proto.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * {@link ResultStore} over JDBC: H2 embedded by default, any JDBC URL Flyway and the driver
 * support otherwise. The schema is created and upgraded by the versioned migrations in
 * {@code db/migration} before the store is used.
 */
public final class JdbcResultStore implements ResultStore {

    /**
     * Connections of the pool. Every statement is a single short auto-commit one, so a few
     * connections per core keep the database busy; more only queue inside the database
     * (docs/storage.md, docs/benchmarks.md).
     */
    static final int POOL_SIZE = 8;

    /** Longest wait for a free connection before a statement fails. */
    static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);

    private final HikariDataSource dataSource;

    private JdbcResultStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The embedded database in {@code dataDir}, created on first use. */
    public static JdbcResultStore embedded(Path dataDir) {
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

    /**
     * Opens the database at {@code jdbcUrl} and migrates its schema to the newest version.
     *
     * @param user the database user, or null for the URL's or the driver's default
     * @param password the user's password, or null
     */
    public static JdbcResultStore open(String jdbcUrl, String user, String password) {
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
        return new JdbcResultStore(dataSource);
    }

    @Override
    public boolean save(ProbeResult result) {
        // One auto-commit statement: committed when it returns. ON CONFLICT DO NOTHING (PostgreSQL,
        // and H2 in PostgreSQL mode) makes a concurrent second insert of the same id wait for the
        // first and then insert nothing, instead of failing with a unique violation.
        String sql = "INSERT INTO probe_result (result_id, site, started_at, received_at, result) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, result.getResultId());
            s.setString(2, result.getSite());
            s.setTimestamp(3, Timestamp.from(startedAt(result)));
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.setBytes(5, result.toByteArray());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot store result " + result.getResultId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long deleteStartedBefore(Instant cutoff, int batchSize) {
        // PostgreSQL has no DELETE ... LIMIT; a key subquery bounds each batch on both databases,
        // so that no single transaction holds locks on, or writes WAL for, millions of rows.
        String sql = "DELETE FROM probe_result WHERE result_id IN "
                + "(SELECT result_id FROM probe_result WHERE started_at < ? LIMIT ?)";
        long deleted = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, batchSize);
            int batch;
            do {
                batch = s.executeUpdate();
                deleted += batch;
            } while (batch == batchSize);
            return deleted;
        } catch (SQLException e) {
            throw new StoreException("cannot delete results older than " + cutoff + " (" + deleted
                    + " deleted so far): " + e.getMessage(), e);
        }
    }

    @Override
    public List<ProbeResult> resultsSince(String site, Instant since) {
        return query("SELECT result FROM probe_result WHERE site = ? AND started_at >= ? ORDER BY started_at",
                s -> {
                    s.setString(1, site);
                    s.setTimestamp(2, Timestamp.from(since));
                });
    }

    @Override
    public List<ProbeResult> latest(String site, int limit) {
        return query("SELECT result FROM probe_result WHERE site = ? ORDER BY started_at DESC LIMIT ?",
                s -> {
                    s.setString(1, site);
                    s.setInt(2, limit);
                });
    }

    @Override
    public List<String> sites() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT site FROM probe_result ORDER BY site");
             ResultSet rs = s.executeQuery()) {
            List<String> sites = new ArrayList<>();
            while (rs.next()) {
                sites.add(rs.getString(1));
            }
            return sites;
        } catch (SQLException e) {
            throw new StoreException("cannot list sites: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<ProbeResult> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                List<ProbeResult> results = new ArrayList<>();
                while (rs.next()) {
                    results.add(ProbeResult.parseFrom(rs.getBytes(1)));
                }
                return results;
            }
        } catch (SQLException | InvalidProtocolBufferException e) {
            throw new StoreException("cannot read results: " + e.getMessage(), e);
        }
    }

    private static Instant startedAt(ProbeResult result) {
        return Instant.ofEpochSecond(result.getStartedAt().getSeconds(), result.getStartedAt().getNanos());
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
            return " (is another collector using the same --data directory?)";
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
