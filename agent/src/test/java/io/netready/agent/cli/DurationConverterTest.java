package io.netready.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void readsTheFormsPeopleWrite() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("90s"));
        assertEquals(Duration.ofMinutes(15), DurationConverter.parse("15m"));
        assertEquals(Duration.ofHours(24), DurationConverter.parse("24h"));
        assertEquals(Duration.ofDays(7), DurationConverter.parse("7d"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("PT1H"));
    }

    @Test
    void explainsWhatItExpects() {
        var e = assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertEquals("'soon' is not a duration: write e.g. 90s, 15m, 24h or 7d", e.getMessage());
    }
}
