package io.netready.collector.http;

import io.netready.collector.auth.AccessPolicy;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The collector's HTTP side: {@code /healthz} for load balancers and service managers. The
 * dashboard and {@code /metrics} will join it here.
 */
public final class HttpEndpoint extends ChannelInitializer<SocketChannel> {

    /** Requests are small; anything bigger is not for us. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final Supplier<String> health;
    private final Optional<SslContext> tls;
    private final Optional<HttpTokenCheck> tokenCheck;

    /**
     * @param health a one-line JSON status, computed per request
     * @param tls HTTPS with this context; empty for plain HTTP
     * @param access who may read; in development mode everyone
     */
    public HttpEndpoint(Supplier<String> health, Optional<SslContext> tls, AccessPolicy access) {
        this.health = health;
        this.tls = tls;
        this.tokenCheck = access.open() ? Optional.empty() : Optional.of(new HttpTokenCheck(access));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // TLS and the token check belong to the pipeline, in front of every route.
        tls.ifPresent(context -> ch.pipeline().addLast(context.newHandler(ch.alloc())));
        ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
        tokenCheck.ifPresent(check -> ch.pipeline().addLast(check));
        ch.pipeline().addLast(new Router());
    }

    private final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            FullHttpResponse response;
            if (!request.decoderResult().isSuccess()) {
                response = text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n");
            } else if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served here\n");
            } else if (path.equals("/healthz")) {
                response = json(health.get() + "\n");
            } else {
                response = text(HttpResponseStatus.NOT_FOUND, "not found; try /healthz\n");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static FullHttpResponse json(String body) {
        FullHttpResponse r = text(HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return r;
    }

    static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

}
