package io.netready.collector;

import io.netready.collector.tls.TlsFiles;
import io.netready.common.grade.GradingPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a collector needs to start. Port 0 means "any free port" (tests); the ports actually
 * bound are on {@link Collector}.
 *
 * @param stunAlternateAddress the STUN server's second address (RFC 5780); empty for one address
 * @param dbUrl a JDBC URL; empty means the embedded database in {@code dataDir}
 * @param tls TLS on gRPC and HTTP; empty for plaintext
 * @param insecureOpen no authentication on any address (isolated lab networks only)
 * @param dbUser the user for {@code dbUrl}; empty for the URL's or the driver's default
 * @param dbPasswordFile a file holding the password of {@code dbUser}
 * @param retention how long raw results are kept (by their start time)
 */
public record CollectorConfig(
        InetAddress listenAddress,
        Optional<InetAddress> stunAlternateAddress,
        int grpcPort,
        int httpPort,
        int stunPort,
        int stunAlternatePort,
        int mediaPort,
        Path dataDir,
        Optional<String> dbUrl,
        GradingPolicy policy,
        Optional<TlsFiles> tls,
        boolean insecureOpen,
        Optional<String> dbUser,
        Optional<Path> dbPasswordFile,
        Duration retention) {

    public static final int DEFAULT_GRPC_PORT = 7400;
    public static final int DEFAULT_HTTP_PORT = 7480;
    public static final int DEFAULT_STUN_PORT = 3478;
    public static final int DEFAULT_STUN_ALT_PORT = 3479;
    public static final int DEFAULT_MEDIA_PORT = 40000;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    /** Both work on Linux loopback without configuration (all of 127.0.0.0/8 is local). */
    public static final InetAddress LOOPBACK = ipv4(127, 0, 0, 1);
    public static final InetAddress LOOPBACK_ALTERNATE = ipv4(127, 0, 0, 2);

    /**
     * Loopback (127.0.0.1, and 127.0.0.2 as the alternate STUN address) on every ephemeral port,
     * embedded database in {@code dataDir}: for tests.
     */
    public static CollectorConfig ephemeral(Path dataDir, GradingPolicy policy) {
        return new CollectorConfig(LOOPBACK, Optional.of(LOOPBACK_ALTERNATE), 0, 0, 0, 0, 0,
                dataDir, Optional.empty(), policy, Optional.empty(), false, Optional.empty(), Optional.empty(),
                DEFAULT_RETENTION);
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are an IPv4 address", e);
        }
    }
}
