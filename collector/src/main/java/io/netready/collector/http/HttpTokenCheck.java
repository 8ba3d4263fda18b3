package io.netready.collector.http;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.netready.collector.auth.AccessPolicy;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Lets a request through to the routes behind it only with a read or admin token in
 * {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1); otherwise answers 401 (with
 * {@code WWW-Authenticate: Bearer}, RFC 6750 §3) or 403. Health checks stay open: load balancers
 * and service managers carry no token. Not in the pipeline in development mode.
 */
@ChannelHandler.Sharable
public final class HttpTokenCheck extends ChannelInboundHandlerAdapter {


    private final AccessPolicy policy;

    public HttpTokenCheck(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // /healthz is answered before this check (HttpEndpoint), so everything here needs a token.
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            policy.authorizeReading(policy.authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION)));
        } catch (StatusRuntimeException e) {
            request.release();
            boolean unauthenticated = e.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
            FullHttpResponse response = HttpResponses.text(unauthenticated ? HttpResponseStatus.UNAUTHORIZED
                    : HttpResponseStatus.FORBIDDEN, e.getStatus().getDescription() + "\n");
            if (unauthenticated) {
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"netready\"");
            }
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
