package io.netready.agent.cli;

import io.netready.agent.client.CollectorClient;
import io.netready.agent.probe.Probe;
import io.netready.agent.report.GateJUnitXml;
import io.netready.agent.report.ReportPrinter;
import io.netready.common.cli.HumanDuration;
import io.netready.common.json.ProtoJson;
import io.netready.proto.GateRequest;
import io.netready.proto.GateResponse;
import io.netready.proto.Grade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {
            "Answers a deployment pipeline: are these sites ready for voice?",
            "Fails closed: a site without a result newer than --max-age fails, whatever its grade."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every site is ready",
            "1:at least one site is not ready, or has no result newer than --max-age",
            "2:the gate could not decide (collector unreachable, bad arguments)"})
public final class GateCommand implements Callable<Integer> {

    @Mixin
    CollectorOption collector;

    @Option(names = {"-s", "--site"}, required = true, arity = "1..*", paramLabel = "NAME",
            description = "Sites that must be ready (repeat the option or list several).")
    List<String> sites;

    @Option(names = "--min-grade", paramLabel = "GRADE", defaultValue = "B",
            description = "Worst grade that passes, A to F (default: ${DEFAULT-VALUE}).")
    String minGrade;

    @Option(names = "--max-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A site's newest result must be younger than this, e.g. 1h or 24h "
                    + "(default: the collector's grading window, 24h).")
    Duration maxAge;

    @Option(names = "--json", description = "Print the verdicts as JSON only.")
    boolean json;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the verdicts as JUnit XML for CI: one test case per site, a failure with the "
                    + "reason and findings. Written when the gate decides (exit 0 or 1); removed when it cannot "
                    + "(exit 2), so that CI never shows an old report.")
    Path junit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Grade grade;
        try {
            grade = Grade.valueOf(minGrade.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            grade = Grade.GRADE_UNSPECIFIED;
        }
        if (grade == Grade.GRADE_UNSPECIFIED || grade == Grade.UNRECOGNIZED) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--min-grade '" + minGrade + "' is not a grade: use A, B, C, D or F");
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-age must be positive, e.g. 1h");
        }
        GateRequest.Builder request = GateRequest.newBuilder().addAllSites(sites).setMinGrade(grade);
        if (maxAge != null) {
            request.setMaxAgeSeconds(Math.max(1, maxAge.toSeconds()));
        }
        if (junit != null) {
            try {
                Files.deleteIfExists(junit);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--junit " + junit + " cannot be replaced: " + e.getMessage());
            }
        }
        Instant asked = Instant.now();
        long start = System.nanoTime();
        GateResponse response;
        try (CollectorClient client = collector.connect()) {
            response = client.gate(s -> s.check(request.build()));
        }
        if (junit != null) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("collector", collector.address().toString());
            properties.put("min-grade", grade.name());
            properties.put("max-age", maxAge == null ? "grading window" : HumanDuration.format(maxAge));
            GateJUnitXml.write(junit, response, asked, Duration.ofNanos(System.nanoTime() - start),
                    Probe.localHostName(), properties);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? ProtoJson.print(response) + "\n" : ReportPrinter.gate(response));
        out.flush();
        return response.getPass() ? ExitCodes.READY : ExitCodes.NOT_READY;
    }
}
