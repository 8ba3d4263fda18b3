package io.netready.collector.auth;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Applies the {@link AccessPolicy} to every gRPC call: the token comes in the
 * {@code authorization: Bearer TOKEN} metadata; the method is checked when the call starts, the
 * site of a session or result when its request arrives, before the service sees it.
 */
public final class TokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AccessPolicy policy;

    public TokenInterceptor(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                        ServerCallHandler<Q, R> next) {
        Caller caller;
        try {
            caller = policy.authenticate(headers.get(AUTHORIZATION));
            policy.authorize(caller, call.getMethodDescriptor().getFullMethodName());
        } catch (StatusRuntimeException e) {
            call.close(e.getStatus(), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if (caller.kind() != TokenKind.SITE) {
            return next.startCall(call, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                try {
                    policy.authorizeRequest(caller, message);
                } catch (StatusRuntimeException e) {
                    refused = true;
                    call.close(e.getStatus(), new Metadata());
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }
}
