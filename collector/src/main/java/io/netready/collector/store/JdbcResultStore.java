package io.netready.collector.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netready.proto.ProbeResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link ResultStore} over JDBC: H2 embedded by default, any JDBC URL Flyway and the driver
 * support otherwise. The schema is created and upgraded by the versioned migrations in
 * {@code db/migration} before the store is used.
 */
public final class JdbcResultStore implements ResultStore {

    private final Database database;
    private final DataSource dataSource;

    /** A store on {@code database}; closing the store closes the database. */
    public JdbcResultStore(Database database) {
        this.database = database;
        this.dataSource = database.dataSource();
    }

    /** The embedded database in {@code dataDir}, created on first use. */
    public static JdbcResultStore embedded(Path dataDir) {
        return new JdbcResultStore(Database.embedded(dataDir));
    }

    /** Opens the database at {@code jdbcUrl} and migrates its schema to the newest version. */
    public static JdbcResultStore open(String jdbcUrl, String user, String password) {
        return new JdbcResultStore(Database.open(jdbcUrl, user, password));
    }

    @Override
    public boolean save(ProbeResult result) {
        // Insert-if-absent in one statement keeps ingest idempotent under concurrent retries.
        String sql = "INSERT INTO probe_result (result_id, site, started_at, received_at, result) "
                + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM probe_result WHERE result_id = ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, result.getResultId());
            s.setString(2, result.getSite());
            s.setTimestamp(3, Timestamp.from(startedAt(result)));
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.setBytes(5, result.toByteArray());
            s.setString(6, result.getResultId());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw new StoreException("cannot store result " + result.getResultId() + ": " + e.getMessage(), e);
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
        database.close();
    }

    private List<ProbeResult> query(String sql, StatementBinder binder) {
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

    /** SQLSTATE 23505 is unique_violation in both H2 and PostgreSQL. */
    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
