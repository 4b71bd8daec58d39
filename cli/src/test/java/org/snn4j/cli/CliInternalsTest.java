package org.snn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * The pieces of the command-line layer behind its one-line messages, checked by value (issue 17): edit distance and
 * suggestions at their thresholds, range converters at their bounds, I/O failures by kind, the exit code of each
 * exception kind, subcommands, and the runtime line.
 */
class CliInternalsTest {

    /** Exit code, stdout and stderr of one run. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(CommandLine cl, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(cl, args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void editDistanceByHand() {
        assertThat(Cli.distance("", "")).isZero();
        assertThat(Cli.distance("abc", "")).isEqualTo(3);
        assertThat(Cli.distance("", "abcd")).isEqualTo(4);
        assertThat(Cli.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Cli.distance("flaw", "lawn")).isEqualTo(2);
        assertThat(Cli.distance("--epoch3", "--epochs3")).isEqualTo(1);
        assertThat(Cli.distance("sunday", "saturday")).isEqualTo(3);
    }

    @Test
    void suggestionsStopAtTheirThresholds() {
        List<String> known = List.of("poisson_syn", "cuba", "coba", "conv_layer");
        // distance 1 to two names: both suggested, in order
        assertThat(Cli.closest("cuba", known)).containsExactly("cuba");
        assertThat(Cli.closest("cxba", known)).containsExactly("cuba", "coba");
        // a prefix of 3 or more letters counts as distance 1
        assertThat(Cli.closest("poi", known)).containsExactly("poisson_syn");
        assertThat(Cli.closest("conv", known)).containsExactly("conv_layer");
        // two letters: no prefix rule, and too far
        assertThat(Cli.closest("po", known)).isEmpty();
        // distance 2 is always close enough; 3 only for names of 9 letters or more
        assertThat(Cli.closest("cxxa", List.of("cuba"))).containsExactly("cuba");
        assertThat(Cli.closest("xxxa", List.of("cuba"))).isEmpty();
        assertThat(Cli.closest("pxisxon_sxn", List.of("poisson_syn"))).containsExactly("poisson_syn");
        assertThat(Cli.closest("pxisxon_sx", List.of("poisson_syn"))).isEmpty();
        // case does not matter, and the name is returned as known
        assertThat(Cli.closest("CUBA", known)).containsExactly("cuba");
        // more than three equally close names: no suggestion
        assertThat(Cli.closest("ab", List.of("aa", "bb", "ac", "cb"))).isEmpty();
        assertThat(Cli.closest("ab", List.of("aa", "bb", "ac"))).containsExactly("aa", "bb", "ac");
        assertThat(Cli.closest("anything", List.of())).isEmpty();
        assertThat(Cli.closest("cuba", List.of("cuba", "cuba", "coba"))).containsExactly("cuba");
        assertThat(Cli.unknown("workload", "cubba", List.of("cuba", "coba")))
                .isEqualTo("unknown workload 'cubba'; did you mean cuba? (known: cuba, coba)");
        assertThat(Cli.unknown("workload", "zzzzzz", List.of("cuba", "coba")))
                .isEqualTo("unknown workload 'zzzzzz' (known: cuba, coba)");
    }

    @Test
    void rangesAtTheirBounds() {
        assertThat(new Ranges.AtLeastOne().convert("1")).isEqualTo(1);
        assertThat(new Ranges.AtLeastOne().convert(" 7 ")).isEqualTo(7);
        assertThatThrownBy(() -> new Ranges.AtLeastOne().convert("0")).isInstanceOf(TypeConversionException.class)
                .hasMessage("expected an integer >= 1, got '0'");
        assertThat(new Ranges.AtLeastZero().convert("0")).isZero();
        assertThat(new Ranges.AtLeastZero().convert("5")).isEqualTo(5);
        assertThatThrownBy(() -> new Ranges.AtLeastZero().convert("-1"))
                .hasMessage("expected an integer >= 0, got '-1'");
        assertThatThrownBy(() -> new Ranges.AtLeastZero().convert("1.5"))
                .hasMessage("expected an integer >= 0, got '1.5'");
        assertThat(new Ranges.PositiveFloat().convert("0.25")).isEqualTo(0.25f);
        assertThat(new Ranges.PositiveFloat().convert(" 1e-3 ")).isEqualTo(1e-3f);
        assertThat(new Ranges.PositiveFloat().convert("1.4E-45")).isEqualTo(Float.MIN_VALUE);
        for (String bad : new String[] {"0", "-0.5", "NaN", "Infinity", "1e39", "x"}) {
            assertThatThrownBy(() -> new Ranges.PositiveFloat().convert(bad))
                    .hasMessage("expected a number > 0, got '" + bad + "'");
        }
        assertThat(Options.orDefault(5, true, 1, 9)).isEqualTo(5);
        assertThat(Options.orDefault(null, true, 1, 9)).isEqualTo(1);
        assertThat(Options.orDefault(null, false, 1, 9)).isEqualTo(9);
    }

    @Test
    void ioFailuresAreDescribedByKind() {
        assertThat(Cli.describe(new NoSuchFileException("/a/b"))).isEqualTo("no such file: /a/b");
        assertThat(Cli.describe(new AccessDeniedException("/a/c"))).isEqualTo("permission denied: /a/c");
        assertThat(Cli.describe(new FileSystemException("/a/d", null, "is a directory")))
                .isEqualTo("cannot access /a/d: is a directory");
        assertThat(Cli.describe(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(Cli.describe(new IOException())).isEqualTo("java.io.IOException");
    }

    @CommandLine.Command(name = "thrower")
    static final class Thrower implements Cli.Command {
        @CommandLine.Option(names = "--kind")
        String kind = "ok";

        @Override
        public void run(PrintStream out) throws Exception {
            switch (kind) {
                case "unchecked-io" -> throw new UncheckedIOException(new NoSuchFileException("/x/y"));
                case "io" -> throw new IOException("broken pipe\nsecond line");
                case "arg-null" -> throw new IllegalArgumentException((String) null);
                case "runtime" -> throw new IllegalStateException("a bug");
                case "checked" -> throw new Exception("checked");
                default -> out.println("ran");
            }
        }
    }

    @Test
    void everyExceptionKindHasItsExitCode() {
        assertThat(run(Cli.commandLine(new Thrower())).out()).isEqualTo("ran" + System.lineSeparator());
        Outcome u = run(Cli.commandLine(new Thrower()), "--kind", "unchecked-io");
        assertThat(u.code()).isEqualTo(Cli.FAILED);
        assertThat(u.err().strip()).isEqualTo("thrower: no such file: /x/y");
        Outcome io = run(Cli.commandLine(new Thrower()), "--kind", "io");
        assertThat(io.code()).isEqualTo(Cli.FAILED);
        assertThat(io.err().strip()).isEqualTo("thrower: broken pipe second line");
        Outcome a = run(Cli.commandLine(new Thrower()), "--kind", "arg-null");
        assertThat(a.code()).isEqualTo(Cli.USAGE);
        assertThat(a.err().strip()).isEqualTo("thrower: java.lang.IllegalArgumentException");
        assertThatThrownBy(() -> run(Cli.commandLine(new Thrower()), "--kind", "runtime"))
                .isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThatThrownBy(() -> run(Cli.commandLine(new Thrower()), "--kind", "checked"))
                .isInstanceOf(IllegalStateException.class).hasMessage("thrower failed: java.lang.Exception: checked");
        assertThatThrownBy(() -> Cli.run(new Thrower(), null, System.out, System.err)).hasMessage("args");
    }

    @CommandLine.Command(name = "tool")
    static final class Parent {
    }

    @Test
    void subcommandsRunTheDeepestOneNamed() {
        CommandLine cl = Cli.commandLine(new Parent());
        CommandLine sub = Cli.addSubcommand(cl, "thrower", new Thrower(), "t");
        assertThat(sub.getCommandName()).isEqualTo("thrower");
        assertThat(sub.getParent()).isSameAs(cl);
        assertThat(sub.getCommandSpec().mixinStandardHelpOptions()).isTrue();
        Outcome none = run(cl);
        assertThat(none.code()).isEqualTo(Cli.USAGE);
        assertThat(none.err().strip()).isEqualTo("tool: name a command; see --help");
        CommandLine cl2 = Cli.commandLine(new Parent());
        Cli.addSubcommand(cl2, "thrower", new Thrower(), "t");
        assertThat(run(cl2, "T").out()).contains("ran");
        CommandLine cl3 = Cli.commandLine(new Parent());
        Cli.addSubcommand(cl3, "thrower", new Thrower(), "t");
        Outcome help = run(cl3, "thrower", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: tool thrower", "--kind");
        CommandLine cl4 = Cli.commandLine(new Parent());
        Cli.addSubcommand(cl4, "thrower", new Thrower(), "t");
        Outcome typo = run(cl4, "throwr");
        assertThat(typo.code()).isEqualTo(Cli.USAGE);
        assertThat(typo.err().strip()).isEqualTo("tool: unknown command 'throwr'; did you mean thrower? "
                + "(tool --help lists the commands)");
        CommandLine cl5 = Cli.commandLine(new Thrower());
        Outcome extra = run(cl5, "stray");
        assertThat(extra.code()).isEqualTo(Cli.USAGE);
        assertThat(extra.err().strip()).isEqualTo("thrower: unexpected argument 'stray' (thrower --help lists the "
                + "options)");
        CommandLine cl6 = Cli.commandLine(new Thrower());
        Outcome missing = run(cl6, "--kind");
        assertThat(missing.code()).isEqualTo(Cli.USAGE);
        assertThat(missing.err().strip()).startsWith("thrower: missing required parameter for option '--kind'")
                .doesNotContain("\n");
    }

    @Test
    void parseGivesTheSameOneLineMessage() {
        assertThatThrownBy(() -> Cli.parse(new Thrower(), "--kindd", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thrower: unknown option '--kindd'; did you mean --kind? (thrower --help lists the options)");
        assertThat(Cli.parse(new Thrower(), "--kind", "io").kind).isEqualTo("io");
    }

    @Test
    void theRuntimeLineNamesTheJdkAndTheKernels() {
        String k = Cli.kernels();
        int lanes = Cli.kernelLanes();
        if (k.startsWith("vector-")) {
            assertThat(lanes).isEqualTo(Integer.parseInt(k.substring(7)) / 32).isGreaterThan(1);
            assertThat(Cli.runtime()).endsWith("kernels " + k + " (" + lanes + " float lanes)");
        } else {
            assertThat(k).isEqualTo("scalar");
            assertThat(lanes).isEqualTo(1);
            assertThat(Cli.runtime()).endsWith("kernels scalar");
        }
        assertThat(Cli.jdk()).isEqualTo(System.getProperty("java.version"));
        assertThat(Cli.runtime()).startsWith("JDK " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + "), kernels ");
        assertThat(new Cli.Version().getVersion()).hasSize(2).endsWith(Cli.runtime());
        Cli.exit(Cli.OK); // returns: a successful main leaves the JVM running
    }

    @Test
    void aDataFolderIsFoundNextToTheCodeWhenNotAboveTheWorkingDirectory() throws Exception {
        // the tests run in cli/ and the classes are in cli/target/classes: "classes" is not under the working
        // directory or any folder above it, but it is under the folder that holds the code (cli/target)
        java.nio.file.Path code = java.nio.file.Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(code)
                && !java.nio.file.Files.isDirectory(java.nio.file.Path.of("classes")), "classes in a folder");
        assertThat(Options.find(java.nio.file.Path.of(code.getFileName().toString())))
                .isEqualTo(code.toAbsolutePath().normalize());
        String missing = "no-such-folder-" + System.nanoTime();
        assertThatThrownBy(() -> Options.find(java.nio.file.Path.of(missing)))
                .hasMessageStartingWith("data folder '" + missing + "' not found; looked in [")
                .hasMessageContaining("<each parent of the working directory>")
                .hasMessageContaining("<each parent of " + code)
                .hasMessageEndingWith("; pass --data DIR");
        // an absolute path is only looked for where it is
        java.nio.file.Path abs = java.nio.file.Path.of("/" + missing);
        assertThatThrownBy(() -> Options.find(abs)).hasMessage("data folder '" + abs + "' not found; looked in ["
                + abs + "]; pass --data DIR");
    }
}
