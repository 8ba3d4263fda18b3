package io.netready.collector.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import io.netready.proto.GateResponse;
import io.netready.proto.Grade;
import io.netready.proto.SiteReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static SiteReport site(String name, Grade grade, Duration age) {
        SiteReport.Builder r = SiteReport.newBuilder().setSite(name).setGrade(grade);
        if (age != null) {
            r.setLastResultAt(Timestamps.fromMillis(NOW.minus(age).toEpochMilli()));
        }
        return r.build();
    }

    @Test
    void passesOnlyWhenEverySiteIsGoodEnoughAndFresh() {
        GateResponse ok = GateCheck.decide(List.of(site("a", Grade.A, Duration.ofMinutes(5)),
                site("b", Grade.B, Duration.ofMinutes(50))), Grade.B, Duration.ofHours(1), NOW);
        assertTrue(ok.getPass());

        GateResponse low = GateCheck.decide(List.of(site("a", Grade.A, Duration.ofMinutes(5)),
                site("c", Grade.C, Duration.ofMinutes(5))), Grade.B, Duration.ofHours(1), NOW);
        assertFalse(low.getPass());
        assertTrue(low.getSites(0).getPass());
        assertEquals("grade C is below the minimum B", low.getSites(1).getReason());
    }

    @Test
    void failsClosedOnStaleOrMissingResults() {
        GateResponse stale = GateCheck.decide(List.of(site("a", Grade.A, Duration.ofHours(3))), Grade.B,
                Duration.ofHours(1), NOW);
        assertFalse(stale.getPass());
        assertEquals("newest result is 3h old, older than --max-age 60m", stale.getSites(0).getReason());

        GateResponse none = GateCheck.decide(List.of(site("z", Grade.F, null)), Grade.F, Duration.ofHours(1), NOW);
        assertFalse(none.getPass());
        assertTrue(none.getSites(0).getReason().startsWith("no result in the grading window"));
    }
}
