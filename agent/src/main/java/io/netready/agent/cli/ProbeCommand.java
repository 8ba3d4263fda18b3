package io.netready.agent.cli;

import io.netready.agent.client.CollectorAddress;
import io.netready.agent.client.CollectorClient;
import io.netready.agent.ice.TurnServer;
import io.netready.agent.lifetime.IdleSchedule;
import io.netready.agent.probe.Probe;
import io.netready.agent.probe.ProbeLimits;
import io.netready.agent.probe.ProbeListener;
import io.netready.agent.probe.ProbeOptions;
import io.netready.agent.report.ReportPrinter;
import io.netready.common.grade.GradingPolicy;
import io.netready.common.grade.PolicyFile;
import io.netready.common.json.ProtoJson;
import io.netready.common.media.VoiceCodec;
import io.netready.proto.ProbeOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Probes this network against a collector once and prints a verdict with findings and remedies.",
            "",
            "It discovers the site's NAT behaviour (RFC 5780: mapping, filtering, hairpinning, port preservation, "
                    + "the classic RFC 3489 type), runs an ICE connectivity check (RFC 8445) with the collector, "
                    + "then runs synthetic RTP calls in both "
                    + "directions and measures loss, jitter (RFC 3550), delay variation, round-trip time and MOS "
                    + "(ITU-T G.107) per direction: one-way audio is directional, so both are measured.",
            "With --lifetime it also measures how long the site's NAT keeps an idle UDP mapping, and the "
                    + "keep-alive interval phones need (docs/lifetime.md).",
            "The result is uploaded and graded by the collector over the site's recent runs; with --no-upload it "
                    + "is graded on its own with the same policy.",
            "",
            "Examples:  netready probe --collector 127.0.0.1:7400 --site store-042",
            "           netready probe --stun stun.example.net --tests nat      (NAT discovery only, no collector)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the site is ready for voice",
            "1:the site is not ready (the findings say why)",
            "2:the probe could not run: collector unreachable, bad arguments"})
public final class ProbeCommand implements Callable<Integer> {

    private static final int STUN_PORT = 3478;

    /** Not the shared mixin: here it is optional, for NAT discovery against another STUN server alone. */
    @Option(names = {"-c", "--collector"}, paramLabel = "HOST:PORT", converter = CollectorAddress.Converter.class,
            description = "The collector's gRPC address, e.g. 127.0.0.1:7400 (port defaults to 7400). "
                    + "Required, except with --stun and --tests nat.")
    CollectorAddress collector;

    @Mixin
    AccessOptions access;

    @Option(names = "--stun", paramLabel = "HOST[:PORT]",
            description = "Run NAT discovery against this RFC 5780 STUN server (e.g. coturn) instead of the "
                    + "collector's (port defaults to " + STUN_PORT + "). With --tests nat alone no collector is used: "
                    + "the result is graded here and not uploaded.")
    String stun;

    @Option(names = {"-s", "--site"}, paramLabel = "NAME",
            description = "Name of the site this host is at (default: this host's name).")
    String site;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "g711",
            description = "Codec profile of the synthetic calls: g711, g722, g729 or opus (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "1",
            description = "Concurrent calls, to check the site carries N at once (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long each call lasts, in seconds (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--tests", paramLabel = "LIST", split = ",", defaultValue = "nat,ice,media",
            description = "Parts to run, comma-separated: nat, ice, media, lifetime (default: ${DEFAULT-VALUE}, "
                    + "plus lifetime with --lifetime).")
    List<String> tests;

    @Option(names = "--turn", paramLabel = "URI",
            description = "TURN server for a relayed ICE candidate: turn:USER:PASSWORD@HOST[:PORT][?transport=udp].")
    String turn;

    @Option(names = "--lifetime", paramLabel = "MAX_SECONDS",
            description = "Also measure how long the NAT keeps an idle UDP mapping, trying idle times up to "
                    + "MAX_SECONDS (1-3600); takes about the lifetime found, at most MAX_SECONDS. "
                    + "'--tests lifetime' alone tries up to 300 s.")
    Integer lifetimeMaxSeconds;

    @Option(names = "--playout-delay", paramLabel = "MS", defaultValue = "60",
            description = "Jitter-buffer depth the phones use, in ms: later packets count as discarded "
                    + "(default: ${DEFAULT-VALUE}).")
    int playoutDelayMs;

    @Option(names = "--json", description = "Print the result and its grade as JSON (protobuf canonical JSON) only.")
    boolean json;

    @Option(names = "--no-upload", description = "Do not upload; grade this run on its own, with the SPEC §6 defaults "
            + "or --policy.")
    boolean noUpload;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Grading policy (YAML or JSON, as the collector's --policy) for a run graded here: "
                    + "--no-upload, or NAT discovery without a collector. Uploaded runs are graded by the collector.")
    Path policy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ProbeOptions options = options();
        GradingPolicy localPolicy = localPolicy();
        ProbeOutcome outcome;
        try (ProgressLine progress = json ? null : new ProgressLine(spec.commandLine().getErr())) {
            ProbeListener listener = progress == null ? ProbeListener.SILENT : progress;
            if (collector == null) {
                spec.commandLine().getErr().println("No collector: NAT discovery against " + stun
                        + " only, graded here and not uploaded (--no-upload implied).");
                outcome = Probe.natOnly(options, listener, localPolicy);
            } else {
                try (CollectorClient client = new CollectorClient(collector, access.access())) {
                    outcome = new Probe(client, listener).run(options, !noUpload, localPolicy);
                }
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(ProtoJson.print(outcome));
        } else {
            out.print(ReportPrinter.result(outcome.getResult()));
            out.println();
            out.print(ReportPrinter.report(outcome.getReport()));
            if (!outcome.getUploaded()) {
                out.println("\n(not uploaded: graded on this run alone)");
            }
        }
        out.flush();
        return outcome.getReport().getReady() ? ExitCodes.READY : ExitCodes.NOT_READY;
    }

    /** The policy for a run graded here; one for an uploaded run would be silently unused, so it is refused. */
    private GradingPolicy localPolicy() {
        if (policy == null) {
            return GradingPolicy.defaults();
        }
        if (collector != null && !noUpload) {
            throw usage("--policy grades a run here, so it needs --no-upload; an uploaded run is graded by the "
                    + "collector with its own --policy");
        }
        try {
            return PolicyFile.load(policy);
        } catch (PolicyFile.InvalidPolicyException e) {
            throw usage("--policy " + e.getMessage());
        }
    }

    private ProbeOptions options() {
        VoiceCodec voiceCodec;
        try {
            voiceCodec = VoiceCodec.fromName(codec);
        } catch (IllegalArgumentException e) {
            throw usage("--codec: " + e.getMessage());
        }
        Duration callDuration = Duration.ofMillis(Math.round(durationSeconds * 1000));
        Set<String> parts;
        try {
            ProbeLimits.calls(calls);
        } catch (IllegalArgumentException e) {
            throw usage("--calls " + e.getMessage());
        }
        try {
            ProbeLimits.duration(callDuration);
        } catch (IllegalArgumentException e) {
            throw usage("--duration " + e.getMessage());
        }
        try {
            ProbeLimits.playoutDelayMs(playoutDelayMs);
        } catch (IllegalArgumentException e) {
            throw usage("--playout-delay " + e.getMessage());
        }
        try {
            parts = new LinkedHashSet<>(ProbeLimits.tests(tests));
        } catch (IllegalArgumentException e) {
            throw usage("--tests: " + e.getMessage());
        }
        if (lifetimeMaxSeconds != null) {
            try {
                ProbeLimits.lifetimeMaxSeconds(lifetimeMaxSeconds);
            } catch (IllegalArgumentException e) {
                throw usage("--lifetime " + e.getMessage());
            }
            parts.add(ProbeOptions.LIFETIME);
        }
        if (collector == null && (stun == null || !parts.equals(Set.of(ProbeOptions.NAT)))) {
            throw usage("--collector HOST:PORT is required; only NAT discovery against another STUN server runs "
                    + "without one: --stun HOST[:PORT] --tests nat");
        }
        Optional<TurnServer> turnServer;
        try {
            turnServer = Optional.ofNullable(turn).map(TurnServer::parse);
        } catch (IllegalArgumentException e) {
            throw usage("--turn: " + e.getMessage());
        }
        String siteName = site != null ? site : Probe.localHostName();
        return new ProbeOptions(siteName, parts, voiceCodec, calls, callDuration, playoutDelayMs, turnServer,
                lifetimeMaxSeconds != null ? lifetimeMaxSeconds : IdleSchedule.DEFAULT_MAX_SECONDS, stunServer());
    }

    private Optional<InetSocketAddress> stunServer() {
        if (stun == null) {
            return Optional.empty();
        }
        try {
            CollectorAddress a = CollectorAddress.parse(stun, STUN_PORT);
            return Optional.of(new InetSocketAddress(InetAddress.getByName(a.host()), a.port()));
        } catch (IllegalArgumentException e) {
            throw usage("--stun: " + e.getMessage());
        } catch (UnknownHostException e) {
            throw usage("--stun: '" + stun + "' does not resolve here; give an IP address or a resolvable name");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
