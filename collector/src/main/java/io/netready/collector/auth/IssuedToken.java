package io.netready.collector.auth;

/** A token just created: its id, and the secret the holder presents (shown once, never stored). */
public record IssuedToken(String id, String secret) {
}
