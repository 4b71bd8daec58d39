package org.snn4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the launcher's command line in this JVM (never exiting it) and captures what it prints, including what the
 * examples print to {@code System.out} directly.
 *
 * @param code exit code
 * @param out  standard output
 * @param err  standard error
 */
public record CommandRun(int code, String out, String err) {

    /** Runs {@code java -jar snn4j-examples.jar args...}. */
    public static CommandRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);
        System.setOut(po);
        System.setErr(pe);
        int code;
        try {
            code = Launcher.run(args, po, pe);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CommandRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Standard output, checking that the run succeeded. */
    public String ok() {
        if (code != 0) {
            throw new AssertionError("exit code " + code + ", stderr: " + err + "\nstdout: " + out);
        }
        return out;
    }
}
