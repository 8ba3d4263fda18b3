package io.netready.agent.probe;

/** Hears how a probe run is going, for a live display. Called from the probe's thread. */
public interface ProbeListener {

    /** A new phase started, e.g. "STUN binding". */
    default void phase(String description) {
    }

    /** Media is flowing: called a few times a second while calls run. */
    default void media(MediaProgress progress) {
    }

    /** A long phase is under way: its status, about once a second (e.g. the binding lifetime test). */
    default void progress(String status) {
    }

    ProbeListener SILENT = new ProbeListener() {
    };

    /** A snapshot of the calls under way. */
    record MediaProgress(double elapsedSeconds, double durationSeconds, long sent, long received,
                         double jitterMs) {
    }
}
