package io.netready.agent.cli;

import io.netready.agent.daemon.AgentConfig;
import io.netready.agent.daemon.AgentConfigFile;
import io.netready.agent.daemon.AgentDaemon;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs as the site's agent until stopped: probes the collector on a schedule, keeps every result in a "
                    + "durable spool until the collector has it, and sends a heartbeat so the collector can show "
                    + "stopped agents. Logs one logfmt line per run to stdout (docs/agent.md).",
            "",
            "Example:  netready agent --config /etc/netready/agent.yaml"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped (SIGTERM, Ctrl-C), or --check found the configuration valid",
            "2:the configuration is invalid (every problem is listed) or the spool cannot be opened"})
public final class AgentCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The agent's configuration (YAML); every key is in docs/agent.md.")
    Path config;

    @Option(names = "--check", description = "Check the configuration, print what it would run, and exit.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AgentConfig agentConfig;
        try {
            agentConfig = AgentConfigFile.load(config);
        } catch (AgentConfigFile.InvalidConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().println("The keys, their defaults and ranges are in docs/agent.md.");
            return ExitCodes.UNDECIDED;
        }
        if (check) {
            agentConfig.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            spec.commandLine().getOut().println(config + ": valid; site " + agentConfig.site() + ", collector "
                    + agentConfig.collector() + ", a run every " + agentConfig.interval().toSeconds() + " s");
            return ExitCodes.READY;
        }
        // Straight to the process's stdout, not picocli's writer: the journal wants each line as it happens.
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AgentDaemon daemon = new AgentDaemon(agentConfig, log, new SecureRandom());
        Thread hook = new Thread(() -> {
            daemon.stop("signal");
            // The JVM exits with 143 after SIGTERM; a requested stop is a clean one, so say 0 (systemd
            // then records the stop as a success without SuccessExitStatus=).
            Runtime.getRuntime().halt(ExitCodes.READY);
        }, "netready-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.run();
            return ExitCodes.READY;
        } catch (IOException | RuntimeException e) {
            // Not stopped by a signal: the hook must not turn this failure into exit 0.
            Runtime.getRuntime().removeShutdownHook(hook);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            spec.commandLine().getErr().println("cannot open the spool directory " + agentConfig.spoolDir() + " ("
                    + e.getMessage() + "): create it writable by the agent's user, or set spool.dir");
            return ExitCodes.UNDECIDED;
        }
    }
}
