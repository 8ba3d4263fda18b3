package io.netready.agent.cli;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.report.ReportPrinter;
import io.netready.common.json.ProtoJson;
import io.netready.proto.HistoryRequest;
import io.netready.proto.HistoryResponse;
import io.netready.proto.SiteReport;
import io.netready.proto.SiteReportRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Shows a site's grade over its recent runs, the findings with their evidence and remedies, "
                + "and the last runs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report shown", "2:collector unreachable, unknown site, bad arguments"})
public final class ReportCommand implements Callable<Integer> {

    /** The collector's cap on one history answer. */
    private static final int MAX_HISTORY = 10_000;

    @Mixin
    CollectorOption collector;

    @Option(names = {"-s", "--site"}, required = true, paramLabel = "NAME", description = "The site to report on.")
    String site;

    @Option(names = "--json", description = "Print the report as JSON (protobuf canonical JSON) only.")
    boolean json;

    @Option(names = "--history", paramLabel = "N",
            description = "Instead of the graded report, the site's last N runs (1 to 10000), newest first, "
                    + "graded or not.")
    Integer history;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (history != null) {
            return history();
        }
        SiteReport report;
        try (CollectorClient client = collector.connect()) {
            report = client.reports(s -> s.getSiteReport(SiteReportRequest.newBuilder().setSite(site).build()));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ProtoJson.print(report) + "\n" : ReportPrinter.report(report));
        out.flush();
        return ExitCodes.READY;
    }

    private int history() {
        if (history < 1 || history > MAX_HISTORY) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--history must be 1 to " + MAX_HISTORY + " runs, got " + history);
        }
        HistoryResponse runs;
        try (CollectorClient client = collector.connect()) {
            runs = client.reports(s -> s.getHistory(HistoryRequest.newBuilder().setSite(site).setLimit(history).build()));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ProtoJson.print(runs) + "\n" : ReportPrinter.history(site, runs));
        out.flush();
        return ExitCodes.READY;
    }
}
