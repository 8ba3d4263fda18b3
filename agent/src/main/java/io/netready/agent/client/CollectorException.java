package io.netready.agent.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import javax.net.ssl.SSLException;

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

    static CollectorException from(StatusRuntimeException e, CollectorAddress address, boolean tls) {
        Status s = e.getStatus();
        String detail = s.getDescription() != null ? s.getDescription() : s.getCode().toString();
        String message = switch (s.getCode()) {
            case UNAVAILABLE -> unavailable(e, address, tls);
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

    private static String unavailable(StatusRuntimeException e, CollectorAddress address, boolean tls) {
        Throwable tlsFailure = tlsFailure(e);
        if (tlsFailure != null && tlsFailure.getClass().getSimpleName().equals("NotSslRecordException")) {
            return "the collector at " + address + " does not speak TLS: leave out --ca and --tls, or start it with "
                    + "--tls-cert and --tls-key";
        }
        if (tlsFailure != null) {
            return "TLS with the collector at " + address + " failed (" + tlsFailure.getMessage() + "): check that "
                    + "--ca names the CA that signed the collector's certificate, that the certificate covers the "
                    + "name or address " + address.host() + ", and that the collector runs with TLS (--tls-cert)";
        }
        if (!tls && reason(e).contains("closed")) {
            return "the collector at " + address + " closed the connection: if it runs with TLS (--tls-cert), add "
                    + "--ca FILE or --tls";
        }
        return "cannot reach the collector at " + address + " (" + reason(e) + "): check that "
                + "`netready-collector serve` runs there and that TCP port " + address.port() + " is open from here";
    }

    private static Throwable tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return t;
            }
        }
        return null;
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
