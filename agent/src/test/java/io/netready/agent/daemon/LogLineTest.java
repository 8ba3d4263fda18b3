package io.netready.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogLineTest {

    @Test
    void plainValuesStayBareAndOthersAreQuotedWithEscapes() {
        assertEquals("store-042", LogLine.quoted("store-042"));
        assertEquals("\"\"", LogLine.quoted(""));
        assertEquals("\"cannot reach the collector\"", LogLine.quoted("cannot reach the collector"));
        assertEquals("\"a=b\"", LogLine.quoted("a=b"));
        assertEquals("\"say \\\"hi\\\"\\nnext\"", LogLine.quoted("say \"hi\"\nnext"));
    }

    @Test
    void aLineStartsWithTimeAndEventAndHasOneLine() {
        String line = LogLine.event("run").add("site", "s1").add("loss_up_pct", 0.123456).add("note", "two\nlines")
                .toString();
        assertTrue(line.matches("time=\\d{4}-\\d\\d-\\d\\dT\\S+Z event=run site=s1 loss_up_pct=0.12 note=\"two\\\\nlines\""),
                line);
    }
}
