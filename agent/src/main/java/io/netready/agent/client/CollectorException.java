package io.netready.agent.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A collector call failed; the message is written for the person at the terminal. */
public final class CollectorException extends RuntimeException {

    private final Status.Code code;

    private CollectorException(String message, Status.Code code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }

    static CollectorException from(StatusRuntimeException e, CollectorAddress address) {
        Status s = e.getStatus();
        String detail = s.getDescription() != null ? s.getDescription() : s.getCode().toString();
        String message = switch (s.getCode()) {
            case UNAVAILABLE -> "cannot reach the collector at " + address + " (" + reason(e) + "): check that "
                    + "`netready-collector serve` runs there and that TCP port " + address.port() + " is open "
                    + "from here";
            case DEADLINE_EXCEEDED -> "the collector at " + address + " did not answer within "
                    + CollectorClient.CALL_TIMEOUT.toSeconds() + " s: check the address, and for a firewall that "
                    + "drops TCP port " + address.port();
            case UNAUTHENTICATED -> "the collector at " + address + " refused the token: " + detail;
            case PERMISSION_DENIED -> "the collector at " + address + " does not allow this: " + detail;
            case UNIMPLEMENTED -> "the collector at " + address + " does not offer this call; is it an older "
                    + "version? (" + detail + ")";
            default -> "the collector at " + address + " answered " + s.getCode() + ": " + detail;
        };
        return new CollectorException(message, s.getCode(), e);
    }

    private static String reason(StatusRuntimeException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                String m = t.getMessage();
                int colon = m.indexOf(": ");
                // Netty says "Connection refused: /127.0.0.1:7400"; keep the reason only.
                return colon > 0 ? m.substring(0, colon) : m;
            }
        }
        return e.getStatus().getDescription() != null ? e.getStatus().getDescription() : "no answer";
    }
}
