package io.netready.common.media;

/**
 * The clock probe payloads carry: microseconds on this process's {@link System#nanoTime()},
 * counted from when the class loaded so that values are positive (0 means "no echo"). Only the
 * process that wrote a time ever interprets it, so no two clocks are ever compared.
 */
final class MediaClock {

    private static final long ORIGIN_MICROS = Math.floorDiv(System.nanoTime(), 1000) - 1;

    private MediaClock() {
    }

    static long micros(long nanos) {
        return Math.floorDiv(nanos, 1000) - ORIGIN_MICROS;
    }
}
