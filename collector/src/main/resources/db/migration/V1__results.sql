-- One row per probe run. The whole result is kept as its protobuf encoding, so that fields
-- added to the API later are never lost; the columns beside it are what queries filter on.
-- The same file runs on H2 (embedded default) and PostgreSQL.
CREATE TABLE probe_result (
    result_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    site        VARCHAR(128)             NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    result      BYTEA                    NOT NULL
);

CREATE INDEX probe_result_site_started ON probe_result (site, started_at);
