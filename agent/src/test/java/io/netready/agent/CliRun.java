package io.netready.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the netready CLI, with what it printed. */
record CliRun(int exitCode, String out, String err, long millis) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = NetreadyCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }
}
