package io.netready.collector.api;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Makes the local address a call arrived on visible to services (see ProbeSessionsService). */
public final class LocalAddressInterceptor implements ServerInterceptor {

    static final Context.Key<InetAddress> LOCAL_ADDRESS = Context.key("netready-local-address");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                        ServerCallHandler<Q, R> next) {
        SocketAddress local = call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
        if (local instanceof InetSocketAddress inet) {
            return Contexts.interceptCall(Context.current().withValue(LOCAL_ADDRESS, inet.getAddress()),
                    call, headers, next);
        }
        return next.startCall(call, headers);
    }
}
