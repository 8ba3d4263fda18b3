package io.netready.agent.cli;

import io.netready.agent.probe.ProbeListener;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live progress of a probe on stderr. On a terminal one line is rewritten in place; when
 * stderr is a file or pipe, each phase is one line and progress is printed every few seconds.
 */
final class ProgressLine implements ProbeListener, AutoCloseable {

    private static final long PIPE_PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal = isTerminal();
    private long lastProgressLine;
    private boolean dirty;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void phase(String description) {
        show(description + " ...");
    }

    @Override
    public void media(MediaProgress p) {
        if (!progressDue()) {
            return;
        }
        show(String.format(Locale.ROOT, "media %4.1f/%.0f s  sent %d  received %d  jitter %.2f ms",
                p.elapsedSeconds(), p.durationSeconds(), p.sent(), p.received(), p.jitterMs()));
    }

    @Override
    public void progress(String status) {
        if (progressDue()) {
            show(status);
        }
    }

    /** On a terminal always; in a log, every few seconds only. */
    private boolean progressDue() {
        long now = System.nanoTime();
        if (!terminal && now - lastProgressLine < PIPE_PROGRESS_INTERVAL_NANOS) {
            return false;
        }
        lastProgressLine = now;
        return true;
    }

    private void show(String text) {
        if (terminal) {
            // \r and erase-to-end-of-line redraw the same line.
            err.print("\r" + text + "\033[K");
            dirty = true;
        } else {
            err.println(text);
        }
        err.flush();
    }

    /**
     * Whether a person is watching. Before JDK 22 {@link System#console()} is null unless the
     * process runs on a terminal; from JDK 22 it is never null and {@code Console.isTerminal()}
     * says, so that method is used where it exists.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void close() {
        if (terminal && dirty) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
