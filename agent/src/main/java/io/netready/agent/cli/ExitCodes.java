package io.netready.agent.cli;

/** What the netready command's exit status means; pipelines depend on it (SPEC §5). */
public final class ExitCodes {
    /** Done; for probe and gate: every site ready. */
    public static final int READY = 0;
    /** Probe or gate: a site is not ready, or (gate) has no result newer than --max-age. */
    public static final int NOT_READY = 1;
    /** Could not decide: collector unreachable, bad arguments, any error. */
    public static final int UNDECIDED = 2;

    private ExitCodes() {
    }
}
