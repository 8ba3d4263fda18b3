package io.netready.collector;

import io.netready.collector.auth.TokenCli;
import io.netready.collector.store.DatabaseOptions;
import io.netready.collector.tls.TlsFiles;
import io.netready.common.cli.BuildInfo;
import io.netready.common.cli.HumanDuration;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.grade.PolicyFile;
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
        subcommands = {CollectorCli.Serve.class, TokenCli.class, CommandLine.HelpCommand.class},
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
                description = "Address for every service (default: ${DEFAULT-VALUE}). Off loopback, create a "
                        + "token first (token create); see docs/collector.md.")
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
                description = "HTTP: the dashboard, /metrics and /healthz (default: ${DEFAULT-VALUE}).")
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

        @CommandLine.Mixin
        DatabaseOptions database;

        @Option(names = "--tls-cert", paramLabel = "FILE",
                description = "TLS on gRPC and HTTP with this certificate chain (PEM); needs --tls-key.")
        Path tlsCert;

        @Option(names = "--tls-key", paramLabel = "FILE",
                description = "The certificate's private key (PEM, PKCS#8, unencrypted).")
        Path tlsKey;

        @Option(names = "--insecure-open",
                description = "Run without authentication even off loopback: for isolated lab networks only "
                        + "(docs/collector.md, Tokens and TLS).")
        boolean insecureOpen;

        @Option(names = "--policy", paramLabel = "FILE",
                description = "Grading policy, YAML (.yaml, .yml) or JSON (.json), overriding the SPEC §6 defaults; "
                        + "checked at start (format: docs/grading.md §6).")
        Path policy;

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
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "TLS needs both --tls-cert and --tls-key");
            }
            try {
                database.check();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Optional<TlsFiles> tls = Optional.ofNullable(tlsCert).map(cert -> new TlsFiles(cert, tlsKey));
            GradingPolicy gradingPolicy;
            try {
                gradingPolicy = policy == null ? GradingPolicy.defaults() : PolicyFile.load(policy);
            } catch (PolicyFile.InvalidPolicyException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--policy " + e.getMessage());
            }
            CollectorConfig config = new CollectorConfig(listen, stunAlternate(), grpcPort, httpPort, stunPort,
                    stunAltPort, mediaPort, database.dataDir(), database.dbUrl(), gradingPolicy, tls,
                    insecureOpen, database.dbUser(), database.dbPasswordFile(), retention());
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
            out.printf("  gRPC   %s%s%n", HostPort.format(collector.grpcAddress()), tls.isPresent() ? " (TLS)" : "");
            out.printf("  HTTP   %s://%s/healthz%n", tls.isPresent() ? "https" : "http",
                    HostPort.format(collector.httpAddress()));
            out.printf("  STUN   %s/udp%n", collector.stunAddresses().describe());
            out.printf("  media  %s/udp%n", HostPort.format(collector.mediaAddress()));
            out.printf("  data   %s%n", database.describe());
            out.printf("  policy %s%n", policy != null ? policy.toAbsolutePath() : "SPEC §6 defaults");
            if (collector.open() && listen.isLoopbackAddress() && !insecureOpen) {
                out.println("DEVELOPMENT MODE: no authentication (no token exists). Anyone on this machine can "
                        + "submit and read results; listening on loopback only. Create a token to leave it.");
            } else if (collector.open()) {
                out.println("WARNING: --insecure-open: no authentication, and listening on " + listen.getHostAddress()
                        + ": anyone who reaches this address can submit and read results.");
            } else {
                out.println("  auth   tokens required (netready-collector token list)");
            }
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One way to give credentials: a password in --db-url would be printed in the start banner. */
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
