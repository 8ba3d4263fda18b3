package io.netready.collector.http;

import io.netready.collector.auth.AccessPolicy;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The collector's HTTP side. {@code /healthz} for load balancers and service managers is
 * answered first; every other GET or HEAD goes on to the {@code routes} handler (the dashboard
 * and {@code /metrics}).
 */
public final class HttpEndpoint extends ChannelInitializer<SocketChannel> {

    /** Requests are small; anything bigger is not for us. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final Supplier<String> health;
    private final Optional<SslContext> tls;
    private final Optional<HttpTokenCheck> tokenCheck;
    private final Supplier<ChannelHandler> routes;

    /**
     * @param health a one-line JSON status, computed per request; open to everyone
     * @param tls HTTPS with this context; empty for plain HTTP
     * @param access who may read the routes; in development mode everyone
     * @param routes a new handler per connection for everything but /healthz; it must answer
     *               every request it gets (with 404 for paths it does not know)
     */
    public HttpEndpoint(Supplier<String> health, Optional<SslContext> tls, AccessPolicy access,
                        Supplier<ChannelHandler> routes) {
        this.health = health;
        this.tls = tls;
        this.tokenCheck = access.open() ? Optional.empty() : Optional.of(new HttpTokenCheck(access));
        this.routes = routes;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // TLS and the token check belong to the pipeline, in front of every route.
        tls.ifPresent(context -> ch.pipeline().addLast(context.newHandler(ch.alloc())));
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(new HealthRoute());
        tokenCheck.ifPresent(check -> ch.pipeline().addLast(check));
        ch.pipeline().addLast("routes", routes.get());
    }

    private final class HealthRoute extends SimpleChannelInboundHandler<FullHttpRequest> {

        HealthRoute() {
            super(false); // what is passed on is released by the next handler
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response;
            if (!request.decoderResult().isSuccess()) {
                response = HttpResponses.text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n");
            } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
                response = HttpResponses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD are served here\n");
                response.headers().set("Allow", "GET, HEAD");
            } else if (new QueryStringDecoder(request.uri()).path().equals("/healthz")) {
                response = HttpResponses.of(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON.toString(),
                        health.get() + "\n");
            } else {
                ctx.fireChannelRead(request);
                return;
            }
            try {
                HttpResponses.send(ctx, request, response);
            } finally {
                request.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
