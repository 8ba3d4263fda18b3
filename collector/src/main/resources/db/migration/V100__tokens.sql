-- API tokens (docs/collector.md, "Tokens and TLS"). Only the SHA-256 of a token is kept: the
-- token itself is shown once, at creation. A revoked token stays listed (revoked_at set) so that
-- the collector can tell its holder it was revoked rather than unknown.
-- The same file runs on H2 (embedded default, MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE tokens (
    token_id     VARCHAR(16)              NOT NULL PRIMARY KEY,
    token_hash   CHAR(64)                 NOT NULL UNIQUE,
    kind         VARCHAR(8)               NOT NULL,
    site         VARCHAR(128),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
