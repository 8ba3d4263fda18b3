package io.netready.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.Finding;
import io.netready.proto.GateResponse;
import io.netready.proto.GateVerdict;
import io.netready.proto.Grade;
import io.netready.proto.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class GateJUnitXmlTest {

    private static final Instant AT = Instant.parse("2026-03-10T12:00:00.250Z");

    @TempDir
    Path dir;

    @Test
    void oneTestCasePerSiteWithFindingsInTheFailure() throws Exception {
        Finding loss = Finding.newBuilder().setCode("LOSS_HIGH").setSeverity(Severity.FAIL).setTitle("High packet loss")
                .setEvidence("Packet loss 4.2 % at p95 over 12 runs; worst run 7.5 % upstream (run r7)")
                .setImpact("Choppy audio").setRemedy("Mark voice DSCP EF (46) & give it a priority queue <now>")
                .build();
        GateResponse response = GateResponse.newBuilder().setPass(false)
                .addSites(GateVerdict.newBuilder().setSite("store-001").setPass(true).setGrade(Grade.A)
                        .setLastResultAt(Timestamps.fromMillis(AT.minusSeconds(300).toEpochMilli())))
                .addSites(GateVerdict.newBuilder().setSite("store-042").setPass(false).setGrade(Grade.D)
                        .setReason("grade D is below B").addFindings(loss)
                        .setLastResultAt(Timestamps.fromMillis(AT.minusSeconds(60).toEpochMilli())))
                .addSites(GateVerdict.newBuilder().setSite("new\u0001site").setPass(false)
                        .setReason("no result newer than --max-age 24h"))
                .build();
        Path file = dir.resolve("reports/gate.xml");

        GateJUnitXml.write(file, response, AT, Duration.ofMillis(1234), "ci-runner-7",
                Map.of("collector", "collector.example.net:7400"));

        JUnitSchema.assertValid(file);
        Element suite = JUnitSchema.suite(file);
        assertEquals("netready.gate", suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("1.234", suite.getAttribute("time"));
        assertEquals("2026-03-10T12:00:00", suite.getAttribute("timestamp"));
        assertEquals("ci-runner-7", suite.getAttribute("hostname"));

        var cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element ok = (Element) cases.item(0);
        assertEquals("store-001", ok.getAttribute("name"));
        assertEquals("netready.gate", ok.getAttribute("classname"));
        assertEquals(0, ok.getElementsByTagName("failure").getLength());

        Element failed = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertEquals("grade D is below B", failed.getAttribute("message"));
        assertEquals("netready.GRADE_D", failed.getAttribute("type"));
        String text = failed.getTextContent();
        assertTrue(text.contains("FAIL LOSS_HIGH: High packet loss"), text);
        assertTrue(text.contains("worst run 7.5 % upstream (run r7)"), text);
        assertTrue(text.contains("Mark voice DSCP EF (46) & give it a priority queue <now>"), text);

        Element stale = (Element) cases.item(2);
        assertEquals("newsite", stale.getAttribute("name")); // the control character would make the XML invalid
        Element staleFailure = (Element) stale.getElementsByTagName("failure").item(0);
        assertEquals("netready.NO_RECENT_RESULT", staleFailure.getAttribute("type"));
        assertTrue(Files.list(dir.resolve("reports")).allMatch(p -> p.getFileName().toString().equals("gate.xml")),
                "no partial file left behind");
    }

    @Test
    void passingGateIsValidToo() throws Exception {
        GateResponse response = GateResponse.newBuilder().setPass(true)
                .addSites(GateVerdict.newBuilder().setSite("store-001").setPass(true).setGrade(Grade.B)).build();
        Path file = dir.resolve("gate.xml");
        Files.writeString(file, "old report");

        GateJUnitXml.write(file, response, AT, Duration.ZERO, "", Map.of());

        JUnitSchema.assertValid(file);
        Element suite = JUnitSchema.suite(file);
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals("localhost", suite.getAttribute("hostname"));
    }
}
