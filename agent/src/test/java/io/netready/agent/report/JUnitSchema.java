package io.netready.agent.report;

import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Element;

/** The JUnit XML report format CI systems read (src/test/resources/junit/README.md). */
public final class JUnitSchema {

    private JUnitSchema() {
    }

    /** Throws a SAXException naming line, column and rule when the report does not conform. */
    public static void assertValid(Path report) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitSchema.class.getResource("/junit/junit-report.xsd"));
        schema.newValidator().validate(new StreamSource(report.toFile()));
    }

    /** The report's {@code <testsuite>} element. */
    public static Element suite(Path report) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
    }
}
