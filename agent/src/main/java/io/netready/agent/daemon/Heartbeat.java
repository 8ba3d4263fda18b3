package io.netready.agent.daemon;

import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.netready.agent.client.CollectorClient;
import io.netready.agent.client.CollectorException;
import io.netready.proto.HeartbeatRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The agent's heartbeat (service Agents): at start and about once a minute, also while results
 * wait in the spool, so the collector tells a stopped or cut-off agent from one whose results are on
 * their way. A failure is logged once per outage, and its end once, not every minute: a branch
 * offline for a weekend should leave two lines, not three thousand.
 */
final class Heartbeat {

    /** Often enough that "stale" shows within minutes, rare enough to cost a collector nothing. */
    static final Duration PERIOD = Duration.ofSeconds(60);

    /** What the heartbeat reports, read fresh for each beat. */
    record State(int spooled, long evicted, Instant nextRunAt) {
    }

    private final CollectorClient collector;
    private final HeartbeatRequest identity;
    private final Supplier<State> state;
    private final PrintStream log;
    private boolean failing;
    private boolean unsupported;

    Heartbeat(CollectorClient collector, AgentConfig config, String agentId, String version, Instant startedAt,
              Supplier<State> state, PrintStream log) {
        this.collector = collector;
        this.identity = HeartbeatRequest.newBuilder()
                .setSite(config.site())
                .setAgentId(agentId)
                .setAgentVersion(version)
                .setStartedAt(Timestamps.fromMillis(startedAt.toEpochMilli()))
                .setIntervalSeconds((int) Math.min(Integer.MAX_VALUE, config.interval().toSeconds()))
                .build();
        this.state = state;
        this.log = log;
    }

    /** Sends one beat; never throws, so that the timer that calls it keeps running. */
    synchronized void beat() {
        State now = state.get();
        HeartbeatRequest request = identity.toBuilder()
                .setSpooledResults(now.spooled())
                .setEvictedResults(now.evicted())
                .setNextRunAt(Timestamps.fromMillis(now.nextRunAt().toEpochMilli()))
                .build();
        try {
            collector.agents(a -> a.heartbeat(request));
            if (failing) {
                LogLine.event("heartbeat").add("outcome", "ok").add("message", "the collector answers again")
                        .to(log);
            }
            failing = false;
            unsupported = false;
        } catch (CollectorException e) {
            if (e.code() == Status.Code.UNIMPLEMENTED) {
                if (!unsupported) {
                    LogLine.event("heartbeat").add("outcome", "unsupported")
                            .add("message", "collector too old: no heartbeat, so it cannot show this agent as stale; "
                                    + "results are still uploaded. Upgrade the collector")
                            .to(log);
                }
                unsupported = true;
            } else if (!failing) {
                LogLine.event("heartbeat").add("outcome", "failed").add("message", e.getMessage())
                        .add("note", "logged once until the collector answers again").to(log);
                failing = true;
            }
        } catch (RuntimeException e) {
            LogLine.event("heartbeat").add("outcome", "failed").add("message", String.valueOf(e)).to(log);
        }
    }
}
