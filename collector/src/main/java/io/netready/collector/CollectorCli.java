package io.netready.collector;

import io.netready.common.cli.BuildInfo;
import io.netready.common.cli.HumanDuration;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.net.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netready-collector}: runs the collector. */
@Command(name = "netready-collector",
        mixinStandardHelpOptions = true,
        versionProvider = CollectorCli.Version.class,
        description = "The central side of netready: agents probe its STUN and media services and report "
                + "over gRPC; it stores results and grades every site.",
        subcommands = {CollectorCli.Serve.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:could not start (the message says why)", "2:bad arguments"})
public final class CollectorCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CollectorCli());
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println(command.getColorScheme().errorText("error: " + e.getMessage()));
            return 1;
        });
        return cl;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = CollectorCli.Version.class,
            description = {
                "Runs the collector until stopped (Ctrl-C or SIGTERM).",
                "With no options it runs on loopback with an embedded database in ./netready-data: "
                        + "enough for a laptop trial. Port 0 picks a free port."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stopped cleanly", "1:could not start (port in use, database locked...)",
                "2:bad arguments"})
    static final class Serve implements Runnable {

        @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "127.0.0.1",
                description = "Address for every service (default: ${DEFAULT-VALUE}). Loopback only: there is "
                        + "no authentication yet, see docs/collector.md.")
        InetAddress listen;

        @Option(names = "--alt-address", paramLabel = "ADDR|none",
                description = "Second address of the STUN server, for the RFC 5780 NAT tests (default: 127.0.0.2 "
                        + "when --listen is 127.0.0.1, otherwise none). With none the STUN server has one address "
                        + "and says which tests it cannot serve.")
        String altAddress;

        @Option(names = "--grpc-port", paramLabel = "PORT", defaultValue = "7400",
                description = "gRPC API for agents and the CLI (default: ${DEFAULT-VALUE}).")
        int grpcPort;

        @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "7480",
                description = "HTTP: /healthz (default: ${DEFAULT-VALUE}).")
        int httpPort;

        @Option(names = "--stun-port", paramLabel = "PORT", defaultValue = "3478",
                description = "STUN server, UDP, on --listen and --alt-address (default: ${DEFAULT-VALUE}).")
        int stunPort;

        @Option(names = "--stun-alt-port", paramLabel = "PORT", defaultValue = "3479",
                description = "STUN server's second port (RFC 5780), UDP, on both addresses (default: "
                        + "${DEFAULT-VALUE}).")
        int stunAltPort;

        @Option(names = "--media-port", paramLabel = "PORT", defaultValue = "40000",
                description = "RTP media reflector, UDP (default: ${DEFAULT-VALUE}).")
        int mediaPort;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "netready-data",
                description = "Directory of the embedded database (default: ./${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--db-url", paramLabel = "JDBC_URL",
                description = "Use this database instead of the embedded one, e.g. "
                        + "jdbc:postgresql://db.example.net:5432/netready (docs/storage.md).")
        String dbUrl;

        @Option(names = "--db-user", paramLabel = "USER", description = "Database user for --db-url.")
        String dbUser;

        @Option(names = "--db-password-file", paramLabel = "FILE",
                description = "File whose first line is the password of --db-user (not on the command line: "
                        + "it would show in the process list).")
        Path dbPasswordFile;

        @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "90d",
                description = "How long raw results are kept, e.g. 30d or 12h; older ones are deleted hourly "
                        + "(default: ${DEFAULT-VALUE}).")
        String retention;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            for (int port : new int[] {grpcPort, httpPort, stunPort, stunAltPort, mediaPort}) {
                if (port < 0 || port > 65535) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "port " + port + " is out of range: use 0 (any free port) to 65535");
                }
            }
            if (stunPort != 0 && stunPort == stunAltPort) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--stun-port and --stun-alt-port are "
                        + "both " + stunPort + ": RFC 5780 needs two different ports");
            }
            checkDatabaseOptions();
            CollectorConfig config = new CollectorConfig(listen, stunAlternate(), grpcPort, httpPort, stunPort,
                    stunAltPort, mediaPort, data, Optional.ofNullable(dbUrl), GradingPolicy.defaults(),
                    Optional.ofNullable(dbUser), Optional.ofNullable(dbPasswordFile), retention());
            Collector collector = Collector.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                collector.close();
                stopped.countDown();
                // Everything is closed and committed: a stop by SIGTERM or Ctrl-C is a clean exit (0),
                // not the JVM's default 143/130, so service managers do not report a failure.
                Runtime.getRuntime().halt(0);
            }, "shutdown"));
            var out = spec.commandLine().getOut();
            out.printf("netready-collector %s%n", BuildInfo.version());
            out.printf("  gRPC   %s%n", HostPort.format(collector.grpcAddress()));
            out.printf("  HTTP   http://%s/healthz%n", HostPort.format(collector.httpAddress()));
            out.printf("  STUN   %s/udp%n", collector.stunAddresses().describe());
            out.printf("  media  %s/udp%n", HostPort.format(collector.mediaAddress()));
            out.printf("  data   %s%n", dbUrl != null ? dbUrl : data.toAbsolutePath() + " (embedded H2)");
            if (listen.isLoopbackAddress()) {
                out.println("DEVELOPMENT MODE: no authentication. Anyone on this machine can submit and read "
                        + "results; listening on loopback only.");
            } else {
                out.println("WARNING: no authentication, and listening on " + listen.getHostAddress()
                        + ": anyone who reaches this address can submit and read results.");
            }
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One way to give credentials: a password in --db-url would be printed in the start banner. */
        private void checkDatabaseOptions() {
            if (dbUrl == null && (dbUser != null || dbPasswordFile != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--db-user and --db-password-file need --db-url: the embedded database has no users");
            }
            if (dbUrl != null && dbUrl.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--db-url contains a password: put "
                        + "it in a file readable only by the collector's user and pass --db-password-file FILE");
            }
        }

        private Duration retention() {
            try {
                Duration d = HumanDuration.parse(retention);
                if (d.compareTo(Duration.ofHours(1)) < 0) {
                    throw new IllegalArgumentException("--retention " + retention + " is under an hour: keep results "
                            + "at least as long as the grading window (24h by default)");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--retention: " + e.getMessage());
            }
        }

        /** --alt-address, or its default: 127.0.0.2 beside the default --listen, else none. */
        private Optional<InetAddress> stunAlternate() {
            if (altAddress == null) {
                return listen.equals(CollectorConfig.LOOPBACK) ? Optional.of(CollectorConfig.LOOPBACK_ALTERNATE)
                        : Optional.empty();
            }
            if (altAddress.equals("none")) {
                return Optional.empty();
            }
            InetAddress alternate;
            try {
                alternate = InetAddress.getByName(altAddress);
            } catch (UnknownHostException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--alt-address " + altAddress + " is not an address: give an IP address of this machine, "
                                + "or none");
            }
            if (listen.isAnyLocalAddress()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--alt-address needs a specific "
                        + "--listen address: on a wildcard address the STUN server cannot tell which address a "
                        + "request arrived on");
            }
            if (alternate.equals(listen) || alternate.getAddress().length != listen.getAddress().length) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--alt-address " + altAddress
                        + " must be a second address of the same IP version as --listen " + listen.getHostAddress());
            }
            return Optional.of(alternate);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netready-collector " + BuildInfo.version()};
        }
    }
}
