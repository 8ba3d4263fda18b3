package io.netready.collector.auth;

/** What a token may do (SPEC §4): a site's agent, a reader, or an administrator. */
public enum TokenKind {
    /** Opens probe sessions and submits results for its own site only. */
    SITE,
    /** Reads reports and runs the gate. */
    READ,
    /** Everything. */
    ADMIN
}
