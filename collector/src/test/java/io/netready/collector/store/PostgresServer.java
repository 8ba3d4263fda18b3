package io.netready.collector.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's {@code postgresql} package: a new cluster in a
 * temporary directory on a free loopback port, password authentication for every TCP client,
 * stopped and deleted when closed (for the shared one: when the JVM exits). Never a mock.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "netready";
    public static final String PASSWORD = "throwaway-test-password";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The newest installed server's bin directory, if any. */
    public static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static final String MISSING = "PostgreSQL server binaries not found in " + DEBIAN_VERSIONS
            + "/*/bin: apt-get install postgresql to run the PostgreSQL store tests (.ci/run does)";

    /** One server for the whole test JVM, started on first use and removed at exit. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(false);
            PostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "postgres-stop"));
        }
        return shared;
    }

    /** A server for tests: fsync off, since a crash would only lose a throwaway cluster. */
    public static PostgresServer start() {
        return start(false);
    }

    /** @param durable fsync on, as in production: for benchmarks, whose figures must be honest */
    public static PostgresServer start(boolean durable) {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(MISSING));
        try {
            Path dir = Files.createTempDirectory("netready-pg");
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, PASSWORD + "\n");
            Path data = dir.resolve("data");
            int port = freePort();
            PostgresServer server = new PostgresServer(bin, dir, port);
            // initdb refuses to run as root: the cluster belongs to the postgres user then.
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), true);
            run(server.asServer(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"), false);
            run(server.asServer(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "start", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=" + (durable ? "on" : "off")
                            + " -c max_connections=200"), false);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL server", e);
        }
    }

    /** A JDBC URL of {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** A new, empty database; its name. */
    public String createDatabase() {
        String name = "test" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database: " + e.getMessage(), e);
        }
        return name;
    }

    @Override
    public void close() {
        try {
            run(asServer(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"), false);
        } catch (RuntimeException e) {
            System.err.println("stopping PostgreSQL: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("deleting " + dir + ": " + e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private List<String> asServer(String... command) {
        List<String> c = new ArrayList<>();
        if (root()) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        return c;
    }

    private static void run(List<String> command, boolean onlyAsRoot) {
        if (onlyAsRoot && !root()) {
            return;
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
