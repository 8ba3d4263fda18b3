package io.netready.common.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** Records when each packet was due and when it was actually sent. */
    private static final class Recorder implements Pacer.Stream {
        final int packets;
        final List<long[]> sends = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);

        Recorder(int packets) {
            this.packets = packets;
        }

        @Override
        public boolean sendNext(long scheduledNanos) {
            sends.add(new long[] {scheduledNanos, System.nanoTime()});
            if (sends.size() == packets) {
                done.countDown();
                return false;
            }
            return true;
        }
    }

    @Test
    void everyStreamSendsItsPacketsOnAnAbsoluteScheduleAndNeverEarly() throws Exception {
        long interval = TimeUnit.MILLISECONDS.toNanos(5);
        Recorder[] streams = {new Recorder(10), new Recorder(3), new Recorder(7)};
        try (Pacer pacer = new Pacer("test-pacer")) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            for (int i = 0; i < streams.length; i++) {
                pacer.add(streams[i], start + i * 1_000_000L, interval);
            }
            for (Recorder r : streams) {
                assertTrue(r.done.await(5, TimeUnit.SECONDS));
            }
            for (int i = 0; i < streams.length; i++) {
                Recorder r = streams[i];
                assertEquals(r.packets, r.sends.size());
                for (int n = 0; n < r.packets; n++) {
                    long due = start + i * 1_000_000L + n * interval;
                    assertEquals(due, r.sends.get(n)[0], "packet " + n + " due on the absolute schedule");
                    assertTrue(r.sends.get(n)[1] >= due, "packet " + n + " sent before it was due");
                }
            }
        }
    }
}
