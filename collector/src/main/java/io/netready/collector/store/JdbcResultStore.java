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
import java.util.Optional;
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

    /**
     * Opens the database at {@code jdbcUrl} and migrates its schema to the newest version.
     *
     * @param user the database user, or null for the URL's or the driver's default
     * @param password the user's password, or null
     */
    public static JdbcResultStore open(String jdbcUrl, String user, String password) {
        return new JdbcResultStore(Database.open(jdbcUrl, user, password));
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
    public void saveAgent(AgentRow agent) {
        // An upsert both databases accept: H2 has no ON CONFLICT DO UPDATE and PostgreSQL's MERGE
        // fails on a concurrent insert. UPDATE first (the common case: the agent is known); when it
        // matched nothing, INSERT ... DO NOTHING; when a concurrent first heartbeat won that race,
        // UPDATE once more. Each is one auto-commit statement, so a crash never leaves half a row.
        String update = "UPDATE agents SET agent_version = ?, started_at = ?, last_heartbeat_at = ?, "
                + "interval_seconds = ?, spooled_results = ?, evicted_results = ?, next_run_at = ? "
                + "WHERE site = ? AND agent_id = ?";
        String insert = "INSERT INTO agents (agent_version, started_at, last_heartbeat_at, interval_seconds, "
                + "spooled_results, evicted_results, next_run_at, site, agent_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        StatementBinder binder = s -> {
            s.setString(1, agent.agentVersion());
            s.setTimestamp(2, Timestamp.from(agent.startedAt()));
            s.setTimestamp(3, Timestamp.from(agent.lastHeartbeatAt()));
            s.setInt(4, agent.intervalSeconds());
            s.setInt(5, agent.spooledResults());
            s.setLong(6, agent.evictedResults());
            s.setTimestamp(7, agent.nextRunAt().map(Timestamp::from).orElse(null));
            s.setString(8, agent.site());
            s.setString(9, agent.agentId());
        };
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement(update);
             PreparedStatement i = c.prepareStatement(insert)) {
            binder.bind(u);
            if (u.executeUpdate() == 1) {
                return;
            }
            binder.bind(i);
            if (i.executeUpdate() == 0) {
                u.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the heartbeat of agent " + agent.agentId() + " of site "
                    + agent.site() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AgentRow> agents(String site) {
        String sql = "SELECT * FROM agents" + (site.isEmpty() ? "" : " WHERE site = ?") + " ORDER BY site, agent_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (!site.isEmpty()) {
                s.setString(1, site);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<AgentRow> agents = new ArrayList<>();
                while (rs.next()) {
                    agents.add(new AgentRow(rs.getString("site"), rs.getString("agent_id"),
                            rs.getString("agent_version"), rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("last_heartbeat_at").toInstant(), rs.getInt("interval_seconds"),
                            rs.getInt("spooled_results"), rs.getLong("evicted_results"),
                            Optional.ofNullable(rs.getTimestamp("next_run_at")).map(Timestamp::toInstant)));
                }
                return agents;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list agents: " + e.getMessage(), e);
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
}
