package io.netready.agent.report;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.GateResponse;
import io.netready.proto.GateVerdict;
import io.netready.proto.Grade;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's verdicts as a JUnit XML report, the format every CI system shows as test results
 * (Jenkins, GitLab, GitHub Actions reporters, Azure DevOps): one {@code <testsuite>} named
 * {@value #SUITE}, one {@code <testcase>} per site, and for a site that is not ready a
 * {@code <failure>} whose message is the gate's reason and whose text lists the findings with
 * evidence and remedy. Written in the Apache Ant layout (properties, testcases, system-out,
 * system-err), the strictest of the layouts CI systems read, and so accepted
 * by the others.
 */
public final class GateJUnitXml {

    /** The suite name and every test case's class name, so CI groups the sites together. */
    public static final String SUITE = "netready.gate";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GateJUnitXml() {
    }

    /**
     * Writes the report to {@code file}, replacing it in one step so that CI never reads half a
     * report.
     *
     * @param properties what the gate was asked (collector, min grade, max age), shown by CI
     * @param took how long the gate call took; the sites are judged in one call, so each test
     *     case's own time is 0
     */
    public static void write(Path file, GateResponse response, Instant at, Duration took, String hostname,
                             Map<String, String> properties) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                write(out, response, at, took, hostname, properties);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(OutputStream out, GateResponse response, Instant at, Duration took, String hostname,
                      Map<String, String> properties) throws IOException {
        long failures = response.getSitesList().stream().filter(v -> !v.getPass()).count();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            // Ant's layout: local date and time without a zone; UTC here, so it means the same everywhere.
            xml.writeAttribute("timestamp", TIMESTAMP.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)));
            xml.writeAttribute("hostname", hostname.isBlank() ? "localhost" : hostname);
            xml.writeAttribute("tests", String.valueOf(response.getSitesCount()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("time", seconds(took));
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", p.getKey());
                xml.writeAttribute("value", xmlSafe(p.getValue()));
            }
            xml.writeCharacters(properties.isEmpty() ? "" : "\n  ");
            xml.writeEndElement();
            for (GateVerdict verdict : response.getSitesList()) {
                xml.writeCharacters("\n  ");
                testcase(xml, verdict);
            }
            xml.writeCharacters("\n  ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(xmlSafe(ReportPrinter.gate(response)));
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
            xml.writeEmptyElement("system-err");
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static void testcase(XMLStreamWriter xml, GateVerdict verdict) throws XMLStreamException {
        if (verdict.getPass()) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", xmlSafe(verdict.getSite()));
        xml.writeAttribute("classname", SUITE);
        xml.writeAttribute("time", "0");
        if (verdict.getPass()) {
            return;
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("failure");
        xml.writeAttribute("message", xmlSafe(verdict.getReason()));
        xml.writeAttribute("type", failureType(verdict));
        xml.writeCharacters(xmlSafe(details(verdict)));
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** NO_RECENT_RESULT when the gate failed closed, otherwise the grade that failed it. */
    private static String failureType(GateVerdict verdict) {
        return verdict.getGrade() == Grade.GRADE_UNSPECIFIED ? "netready.NO_RECENT_RESULT"
                : "netready.GRADE_" + verdict.getGrade();
    }

    private static String details(GateVerdict verdict) {
        StringBuilder b = new StringBuilder(verdict.getSite()).append(": ").append(verdict.getReason()).append('\n');
        if (verdict.getGrade() != Grade.GRADE_UNSPECIFIED) {
            b.append("grade ").append(verdict.getGrade()).append('\n');
        }
        if (verdict.hasLastResultAt()) {
            b.append("newest result ").append(Timestamps.toString(verdict.getLastResultAt())).append('\n');
        }
        return b.append(ReportPrinter.findings(verdict.getFindingsList())).toString();
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(Math.max(0, d.truncatedTo(ChronoUnit.MILLIS).toMillis()), 3).toPlainString();
    }

    /**
     * Drops the characters XML 1.0 cannot carry at all (control characters other than tab and
     * line breaks, unpaired surrogates): a site name is free text, and one stray byte must not make
     * CI reject the whole report.
     */
    static String xmlSafe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(GateJUnitXml::allowedInXml).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
