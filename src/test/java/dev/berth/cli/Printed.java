package dev.berth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What a command line printed and its exit code, run in this JVM. */
record Printed(int exitCode, String out, String err) {
    static Printed run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Printed(code, out.toString(), err.toString());
    }
}
