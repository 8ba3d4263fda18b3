package io.netready.collector.auth;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netready.proto.AgentsGrpc;
import io.netready.proto.GateGrpc;
import io.netready.proto.HeartbeatRequest;
import io.netready.proto.OpenSessionRequest;
import io.netready.proto.ProbeSessionsGrpc;
import io.netready.proto.ReportsGrpc;
import io.netready.proto.ResultsGrpc;
import io.netready.proto.SubmitResultRequest;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call what (SPEC §4), without any server around it so that it is tested on its own:
 * a site token opens probe sessions, submits results and sends agent heartbeats for its own
 * site; a read token reads reports (agents too) and runs the gate; an admin token does
 * everything. {@link TokenInterceptor} applies it to gRPC calls, {@link HttpAccess} to HTTP
 * requests.
 */
public final class AccessPolicy {

    static final String HOW_TO_GET_ONE = "create one on the collector's host with `netready-collector token create "
            + "--site NAME` (agents) or `--read` (reports, gate), and pass it with --token or $NETREADY_TOKEN";

    private static final Map<TokenKind, Set<String>> SERVICES = Map.of(
            TokenKind.SITE, Set.of(ProbeSessionsGrpc.SERVICE_NAME, ResultsGrpc.SERVICE_NAME, AgentsGrpc.SERVICE_NAME),
            TokenKind.READ, Set.of(ReportsGrpc.SERVICE_NAME, GateGrpc.SERVICE_NAME));

    private final TokenStore tokens;
    private final boolean open;

    /** @param open development mode: every call is allowed, without a token */
    public AccessPolicy(TokenStore tokens, boolean open) {
        this.tokens = tokens;
        this.open = open;
    }

    /**
     * The policy a collector listening on {@code listen} starts with. Development mode (open, SPEC
     * §4) only on loopback with no token, or when the operator insists with --insecure-open; a
     * collector reachable from the network with no token refuses to start rather than run open.
     */
    public static AccessPolicy atStart(TokenStore tokens, InetAddress listen, boolean insecureOpen) {
        boolean noTokens = !tokens.anyActive();
        if (noTokens && !listen.isLoopbackAddress() && !insecureOpen) {
            throw new IllegalStateException("this collector would listen on " + listen.getHostAddress()
                    + " without any token, open to anyone who reaches it: create a token first "
                    + "(`netready-collector token create --site NAME`, with the same --data or --db-url), or "
                    + "listen on loopback; --insecure-open runs without authentication on an isolated lab network");
        }
        return new AccessPolicy(tokens, insecureOpen || noTokens && listen.isLoopbackAddress());
    }

    public boolean open() {
        return open;
    }

    /**
     * The caller presenting {@code authorization} (an HTTP/gRPC {@code authorization} header,
     * {@code Bearer TOKEN}); UNAUTHENTICATED, saying how to get a token, when it is missing,
     * unknown or revoked.
     */
    public Caller authenticate(String authorization) {
        if (open) {
            return Caller.OPEN;
        }
        if (authorization == null || authorization.isBlank()) {
            throw unauthenticated("this collector needs a token: " + HOW_TO_GET_ONE);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthenticated("the authorization header must be 'Bearer TOKEN': " + HOW_TO_GET_ONE);
        }
        Optional<Token> token = tokens.find(authorization.substring(7).trim());
        if (token.isEmpty()) {
            throw unauthenticated("this collector does not know the token given (mistyped, or from another "
                    + "collector?): " + HOW_TO_GET_ONE);
        }
        if (token.get().revoked()) {
            throw unauthenticated("token " + token.get().id() + " was revoked: ask the collector's administrator "
                    + "for a new one (`netready-collector token create ...`) and pass it with --token or "
                    + "$NETREADY_TOKEN");
        }
        return Caller.of(token.get());
    }

    /**
     * Checks that {@code caller} may call {@code fullMethodName} (e.g.
     * {@code netready.v1.Reports/ListSites}) at all; PERMISSION_DENIED otherwise.
     */
    public void authorize(Caller caller, String fullMethodName) {
        if (caller.kind() == TokenKind.ADMIN) {
            return;
        }
        String service = fullMethodName.substring(0, Math.max(0, fullMethodName.indexOf('/')));
        if (!SERVICES.get(caller.kind()).contains(service)) {
            throw Status.PERMISSION_DENIED.withDescription("a " + describe(caller) + " may not call "
                    + fullMethodName + "; " + switch (caller.kind()) {
                        case SITE -> "reports and the gate need a read token (`netready-collector token create "
                                + "--read`)";
                        default -> "probing and uploading need a site token (`netready-collector token create "
                                + "--site NAME`)";
                    }).asRuntimeException();
        }
    }

    /** Checks that {@code caller} may read reports (the dashboard and metrics): read and admin tokens. */
    public void authorizeReading(Caller caller) {
        if (caller.kind() == TokenKind.SITE) {
            throw Status.PERMISSION_DENIED.withDescription("a " + describe(caller) + " may only upload; reading "
                    + "needs a read token (`netready-collector token create --read`)").asRuntimeException();
        }
    }

    /**
     * Checks a request's content against a site token: the site of a session or result must be
     * the token's own. Other requests and other callers pass.
     */
    public void authorizeRequest(Caller caller, Object request) {
        if (caller.kind() != TokenKind.SITE) {
            return;
        }
        String site = null;
        if (request instanceof OpenSessionRequest r) {
            site = r.getSite();
        } else if (request instanceof SubmitResultRequest r) {
            site = r.getResult().getSite();
        } else if (request instanceof HeartbeatRequest r) {
            site = r.getSite();
        }
        if (site != null && !site.equals(caller.site().orElseThrow())) {
            throw Status.PERMISSION_DENIED.withDescription("the " + describe(caller) + " may not act for site '"
                    + site + "': run the probe or agent with --site " + caller.site().orElseThrow() + ", or use that "
                    + "site's own token").asRuntimeException();
        }
    }

    private static String describe(Caller caller) {
        return caller.site().map(s -> "token of site '" + s + "'")
                .orElse(caller.kind().name().toLowerCase(Locale.ROOT) + " token");
    }

    private static StatusRuntimeException unauthenticated(String message) {
        return Status.UNAUTHENTICATED.withDescription(message).asRuntimeException();
    }
}
