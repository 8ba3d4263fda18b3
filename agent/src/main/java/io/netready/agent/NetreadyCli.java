package io.netready.agent;

import io.netready.agent.cli.AgentCommand;
import io.netready.agent.cli.ExitCodes;
import io.netready.agent.cli.AgentsCommand;
import io.netready.agent.cli.GateCommand;
import io.netready.agent.cli.ProbeCommand;
import io.netready.agent.cli.ReportCommand;
import io.netready.agent.cli.SitesCommand;
import io.netready.agent.client.CollectorException;
import io.netready.common.cli.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netready}: probe a site's network for voice, and read what the collector concluded. */
@Command(name = "netready",
        mixinStandardHelpOptions = true,
        versionProvider = NetreadyCli.Version.class,
        description = {
            "Tells whether this network will carry voice: probes a netready collector (NAT behaviour, a synthetic "
                    + "RTP call in both directions) and grades the site A to F with findings and remedies.",
            "",
            "Start with:  netready probe --collector HOST:PORT --site NAME"},
        subcommands = {ProbeCommand.class, AgentCommand.class, ReportCommand.class, SitesCommand.class,
            GateCommand.class, AgentsCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; for probe and gate: ready",
            "1:probe and gate: not ready (or, for gate, no fresh result)",
            "2:could not decide: collector unreachable, bad arguments, error"})
public final class NetreadyCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NetreadyCli());
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            String message = e instanceof CollectorException ? e.getMessage() : "error: " + e.getMessage();
            command.getErr().println(command.getColorScheme().errorText(message));
            return ExitCodes.UNDECIDED;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"netready " + BuildInfo.version()};
        }
    }
}
