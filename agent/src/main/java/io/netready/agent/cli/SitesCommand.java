package io.netready.agent.cli;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.report.ReportPrinter;
import io.netready.common.json.ProtoJson;
import io.netready.proto.ListSitesRequest;
import io.netready.proto.ListSitesResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sites", mixinStandardHelpOptions = true,
        description = "Lists every site the collector knows: grade, ready, age of the newest result, and the "
                + "finding that weighs most.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:list shown", "2:collector unreachable, bad arguments"})
public final class SitesCommand implements Callable<Integer> {

    @Mixin
    CollectorOption collector;

    @Option(names = "--json", description = "Print the list as JSON only.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ListSitesResponse sites;
        try (CollectorClient client = collector.connect()) {
            sites = client.reports(s -> s.listSites(ListSitesRequest.getDefaultInstance()));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ProtoJson.print(sites) + "\n" : ReportPrinter.sites(sites, java.time.Instant.now()));
        out.flush();
        return ExitCodes.READY;
    }
}
