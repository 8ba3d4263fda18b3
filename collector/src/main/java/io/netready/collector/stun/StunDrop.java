package io.netready.collector.stun;

/** Why the STUN server sent no answer to a datagram; each reason has its own counter. */
public enum StunDrop {
    /** Not a well-formed STUN message (RFC 8489 §5, §14), or a bad FINGERPRINT (§14.7). */
    MALFORMED,
    /** Well-formed, but an indication, a response or another method: nothing to answer (§6.3). */
    NOT_BINDING_REQUEST,
    /** The source sent more requests than its rate allows. */
    RATE_LIMITED,
    /** The answer would be larger than the request and the source has no byte credit left. */
    CREDIT_EXHAUSTED
}
