package io.netready.common.stun;

import java.util.Optional;

/**
 * The bytes are not a well-formed STUN message; the message says precisely why.
 *
 * <p>When the header, the attribute framing and any FINGERPRINT were valid but an attribute's
 * content is not (say an XOR-MAPPED-ADDRESS with an unknown address family), the exception
 * carries the message type and transaction id, so a server can answer a request with
 * 400 (Bad Request). Otherwise they are empty, and RFC 8489 §6.3 says to discard the datagram
 * silently.
 */
public final class StunParseException extends Exception {
    private final StunMessageType messageType;
    private final TransactionId transactionId;

    StunParseException(String reason) {
        this(reason, null, null);
    }

    StunParseException(String reason, StunMessageType messageType, TransactionId transactionId) {
        super(reason);
        this.messageType = messageType;
        this.transactionId = transactionId;
    }

    /** The type of the message whose attribute content was invalid; empty if framing failed. */
    public Optional<StunMessageType> messageType() {
        return Optional.ofNullable(messageType);
    }

    /** The transaction whose message had invalid attribute content; empty if framing failed. */
    public Optional<TransactionId> transactionId() {
        return Optional.ofNullable(transactionId);
    }
}
