package io.netready.agent.cli;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.report.ReportPrinter;
import io.netready.common.json.ProtoJson;
import io.netready.proto.ListSitesRequest;
import io.netready.proto.GradeChange;
import io.netready.proto.ListSitesResponse;
import io.netready.proto.WatchGradesRequest;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    @Option(names = "--json", description = "Print the list as JSON only (with --watch: one change per line).")
    boolean json;

    @Option(names = "--watch", description = "Print each site's grade, then every change as it happens, until stopped "
            + "(Ctrl-C).")
    boolean watch;

    @Option(names = {"-s", "--site"}, arity = "1..*", paramLabel = "NAME",
            description = "With --watch: only these sites (default: all).")
    List<String> sites = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (watch) {
            return watch();
        }
        if (!sites.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--site only narrows --watch; "
                    + "`netready sites` lists every site, `netready report --site NAME` shows one");
        }
        ListSitesResponse sites;
        try (CollectorClient client = collector.connect()) {
            sites = client.reports(s -> s.listSites(ListSitesRequest.getDefaultInstance()));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ProtoJson.print(sites) + "\n" : ReportPrinter.sites(sites, java.time.Instant.now()));
        out.flush();
        return ExitCodes.READY;
    }

    /** Runs until the collector ends the stream (exit 2, with its reason) or the user stops it. */
    private int watch() {
        var out = spec.commandLine().getOut();
        try (CollectorClient client = collector.connect()) {
            Iterator<GradeChange> changes = client.watchGrades(WatchGradesRequest.newBuilder().addAllSites(sites).build());
            while (changes.hasNext()) {
                GradeChange change = changes.next();
                out.println(json ? ProtoJson.printLine(change) : ReportPrinter.gradeChange(change));
                out.flush();
            }
        }
        return ExitCodes.READY;
    }
}
