-- Scheduled agents (`netready agent`), one row per agent of a site, overwritten by each heartbeat
-- (docs/collector.md, "Agents"). last_heartbeat_at is the collector's clock at receipt, so that
-- an agent whose clock is off is still judged stale or alive correctly.
-- The same file runs on H2 (embedded default, MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE agents (
    site              VARCHAR(128)             NOT NULL,
    agent_id          VARCHAR(64)              NOT NULL,
    agent_version     VARCHAR(64)              NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    interval_seconds  INTEGER                  NOT NULL,
    spooled_results   INTEGER                  NOT NULL,
    evicted_results   BIGINT                   NOT NULL,
    next_run_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (site, agent_id)
);
