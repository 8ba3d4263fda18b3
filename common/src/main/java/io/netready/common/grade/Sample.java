package io.netready.common.grade;

import io.netready.proto.ProbeResult;

/**
 * One run's value of a metric: for media metrics the worse of its two directions.
 *
 * @param direction the direction the value was measured in, or null for RTT and binding lifetime
 */
record Sample(ProbeResult run, double value, Direction direction) {

    /** "7.5 % upstream (site → collector) at 2024-05-01T10:15:00Z (run 3f2a9c1b)". */
    String describe(String unit) {
        return Runs.number(value, unit) + (direction == null ? "" : " " + direction.label()) + " at " + Runs.label(run);
    }
}
