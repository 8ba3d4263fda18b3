package io.netready.agent.cli;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.report.ReportPrinter;
import io.netready.common.json.ProtoJson;
import io.netready.proto.ListAgentsRequest;
import io.netready.proto.ListAgentsResponse;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "Lists the scheduled agents (`netready agent`) that sent the collector a heartbeat: version, "
                + "age of the last heartbeat, next run, results waiting in their spool and results they evicted; "
                + "STALE marks an agent silent for more than 3 run intervals (at least 3 minutes).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:list shown", "2:collector unreachable, bad arguments"})
public final class AgentsCommand implements Callable<Integer> {

    @Mixin
    CollectorOption collector;

    @Option(names = {"-s", "--site"}, paramLabel = "NAME", description = "Only this site's agents.")
    String site = "";

    @Option(names = "--json", description = "Print the list as JSON (protobuf canonical JSON) only.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ListAgentsResponse agents;
        try (CollectorClient client = collector.connect()) {
            agents = client.reports(s -> s.listAgents(ListAgentsRequest.newBuilder().setSite(site).build()));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ProtoJson.print(agents) + "\n" : ReportPrinter.agents(agents, Instant.now()));
        out.flush();
        return ExitCodes.READY;
    }
}
