package io.netready.collector.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsrcIndexTest {

    @Test
    void behavesLikeAMapUpToItsCapacity() {
        Random random = new Random(3);
        SsrcIndex<String> index = new SsrcIndex<>(1000);
        Map<Long, String> reference = new HashMap<>();
        // Edge keys, then random 32-bit SSRCs.
        for (long ssrc : new long[] {0, 0xFFFF_FFFFL, 1, 0x8000_0000L}) {
            index.put(ssrc, "v" + ssrc);
            reference.put(ssrc, "v" + ssrc);
        }
        while (reference.size() < 1000) {
            long ssrc = random.nextInt() & 0xFFFF_FFFFL;
            index.put(ssrc, "v" + ssrc);
            reference.put(ssrc, "v" + ssrc);
        }
        reference.forEach((k, v) -> assertEquals(v, index.get(k)));
        for (int i = 0; i < 10_000; i++) {
            long probe = random.nextInt() & 0xFFFF_FFFFL;
            assertEquals(reference.get(probe), index.get(probe));
        }
        index.put(0, "replaced");
        assertEquals("replaced", index.get(0));
        // Not an SSRC value, so certainly not present: a new key for the full index.
        assertThrows(IllegalStateException.class, () -> index.put(0x1_0000_0000L, "one too many"));
        assertNull(new SsrcIndex<String>(1).get(7));
    }
}
