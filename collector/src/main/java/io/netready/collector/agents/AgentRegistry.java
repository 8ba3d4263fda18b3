package io.netready.collector.agents;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.netready.collector.api.ResultValidation;
import io.netready.collector.store.AgentRow;
import io.netready.collector.store.ResultStore;
import io.netready.proto.AgentStatus;
import io.netready.proto.HeartbeatRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheduled agents (`netready agent`) and whether each is alive: every heartbeat replaces
 * the agent's row; an agent is stale when no heartbeat came for longer than
 * {@link #staleAfter(int)} (docs/collector.md, "Agents"). Heartbeats are dated with the
 * collector's clock, so an agent whose clock is off is judged correctly.
 */
public final class AgentRegistry {

    /** Missed runs before an agent is called stale: one late run is not yet an outage. */
    static final int STALE_INTERVALS = 3;

    /**
     * The shortest time to stale: heartbeats come about once a minute whatever the run interval,
     * so a short interval must not make one delayed heartbeat look like a dead agent.
     */
    static final Duration MIN_STALE_AFTER = Duration.ofMinutes(3);

    /** Longest run interval accepted: a week. */
    static final int MAX_INTERVAL_SECONDS = 7 * 24 * 3600;

    /** Agent ids appear in metrics labels and pages, like site names. */
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ResultStore store;
    private final Clock clock;

    public AgentRegistry(ResultStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long without a heartbeat makes an agent with this run interval stale. */
    public static Duration staleAfter(int intervalSeconds) {
        Duration intervals = Duration.ofSeconds((long) STALE_INTERVALS * intervalSeconds);
        return intervals.compareTo(MIN_STALE_AFTER) > 0 ? intervals : MIN_STALE_AFTER;
    }

    /** Whether {@code agent} has been silent for longer than its interval allows at {@code now}. */
    public static boolean stale(AgentRow agent, Instant now) {
        return Duration.between(agent.lastHeartbeatAt(), now).compareTo(staleAfter(agent.intervalSeconds())) > 0;
    }

    /**
     * Records a heartbeat, received now.
     *
     * @throws IllegalArgumentException naming the field, when the request is invalid
     */
    public void heartbeat(HeartbeatRequest request) {
        String problem = problem(request);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        store.saveAgent(new AgentRow(request.getSite(), request.getAgentId(), request.getAgentVersion(),
                instant(request.getStartedAt()), clock.instant(), request.getIntervalSeconds(),
                request.getSpooledResults(), request.getEvictedResults(),
                request.hasNextRunAt() ? Optional.of(instant(request.getNextRunAt())) : Optional.empty()));
    }

    /** The agents of {@code site} (every site when empty) with their stale marks, by site and agent. */
    public List<AgentStatus> list(String site) {
        Instant now = clock.instant();
        return store.agents(site).stream().map(a -> status(a, now)).toList();
    }

    private static AgentStatus status(AgentRow a, Instant now) {
        AgentStatus.Builder s = AgentStatus.newBuilder()
                .setSite(a.site())
                .setAgentId(a.agentId())
                .setAgentVersion(a.agentVersion())
                .setStartedAt(timestamp(a.startedAt()))
                .setLastHeartbeatAt(timestamp(a.lastHeartbeatAt()))
                .setIntervalSeconds(a.intervalSeconds())
                .setSpooledResults(a.spooledResults())
                .setEvictedResults(a.evictedResults())
                .setStale(stale(a, now));
        a.nextRunAt().map(AgentRegistry::timestamp).ifPresent(s::setNextRunAt);
        return s.build();
    }

    /** The first problem of a heartbeat, naming the field, or null when it is fine. */
    static String problem(HeartbeatRequest r) {
        String site = ResultValidation.siteProblem(r.getSite(), "site");
        if (site != null) {
            return site;
        }
        if (!AGENT_ID.matcher(r.getAgentId()).matches()) {
            return "agent_id '" + r.getAgentId() + "' is not valid: use 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (the agent uses its host name unless configured)";
        }
        if (r.getAgentVersion().isEmpty() || r.getAgentVersion().length() > 64
                || r.getAgentVersion().chars().anyMatch(Character::isISOControl)) {
            return "agent_version must be 1 to 64 printable characters";
        }
        if (!r.hasStartedAt() || !Timestamps.isValid(r.getStartedAt())) {
            return "started_at is missing or not a valid time";
        }
        if (r.getIntervalSeconds() < 1 || r.getIntervalSeconds() > MAX_INTERVAL_SECONDS) {
            return "interval_seconds must be 1 to " + MAX_INTERVAL_SECONDS + " (a week), got " + r.getIntervalSeconds();
        }
        if (r.getSpooledResults() < 0) {
            return "spooled_results must not be negative, got " + r.getSpooledResults();
        }
        if (r.getEvictedResults() < 0) {
            return "evicted_results must not be negative, got " + r.getEvictedResults();
        }
        if (r.hasNextRunAt() && !Timestamps.isValid(r.getNextRunAt())) {
            return "next_run_at is not a valid time";
        }
        return null;
    }

    private static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
}
