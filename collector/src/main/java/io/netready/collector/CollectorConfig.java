package io.netready.collector;

import io.netready.common.grade.GradingPolicy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a collector needs to start. Port 0 means "any free port" (tests); the ports actually
 * bound are on {@link Collector}.
 *
 * @param dbUrl a JDBC URL; empty means the embedded database in {@code dataDir}
 */
public record CollectorConfig(
        InetAddress listenAddress,
        int grpcPort,
        int httpPort,
        int stunPort,
        int mediaPort,
        Path dataDir,
        Optional<String> dbUrl,
        GradingPolicy policy) {

    public static final int DEFAULT_GRPC_PORT = 7400;
    public static final int DEFAULT_HTTP_PORT = 7480;
    public static final int DEFAULT_STUN_PORT = 3478;
    public static final int DEFAULT_MEDIA_PORT = 40000;

    /** Loopback on every ephemeral port, embedded database in {@code dataDir}: for tests. */
    public static CollectorConfig ephemeral(Path dataDir, GradingPolicy policy) {
        return new CollectorConfig(InetAddress.getLoopbackAddress(), 0, 0, 0, 0,
                dataDir, Optional.empty(), policy);
    }
}
