package io.netready.collector.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The collector's certificate chain and private key (PEM; the key in PKCS#8, which is what
 * {@code openssl req -newkey ... -nodes} and most CAs' tooling write), from {@code --tls-cert}
 * and {@code --tls-key}. One pair serves gRPC and HTTP.
 */
public record TlsFiles(Path certificate, Path privateKey) {

    /** The context for the gRPC server (grpc-netty-shaded carries its own copy of Netty). */
    public io.grpc.netty.shaded.io.netty.handler.ssl.SslContext grpcContext() {
        return build(() -> GrpcSslContexts.forServer(certificate.toFile(), privateKey.toFile()).build());
    }

    /** The context for the HTTP side (plain Netty). */
    public SslContext httpContext() {
        return build(() -> SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build());
    }

    /** Runs {@code builder}, turning a missing or unusable file into an error that says what to give. */
    private <T> T build(Callable<T> builder) {
        for (Path p : new Path[] {certificate, privateKey}) {
            if (!Files.isReadable(p)) {
                throw new IllegalStateException("cannot read " + p.toAbsolutePath() + ": give readable PEM files with "
                        + "--tls-cert and --tls-key");
            }
        }
        try {
            return builder.call();
        } catch (Exception e) {
            throw new IllegalStateException("cannot use --tls-cert " + certificate + " with --tls-key " + privateKey
                    + " (" + e.getMessage() + "): give the certificate chain and its unencrypted PKCS#8 private key "
                    + "in PEM (BEGIN CERTIFICATE / BEGIN PRIVATE KEY)", e);
        }
    }
}
