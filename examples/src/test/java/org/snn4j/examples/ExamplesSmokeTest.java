package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every example listed by the {@link Launcher} with {@code --quick} (output in a temporary folder), and checks
 * that every example behaves the same way on the command line: {@code --help} exits 0, an unknown option exits 2 with
 * one line, a missing input file gives one line and a non-zero code.
 */
class ExamplesSmokeTest {
    @TempDir
    Path tmp;

    /** Inputs each file-reading example can be pointed at: option and a file or folder that does not exist. */
    private static final Map<String, String> INPUT_OPTION = Map.ofEntries(
            Map.entry("mozafari2019", "--load"), Map.entry("poisson-encoding", "--data"),
            Map.entry("dog-rank-order", "--data"), Map.entry("conv-stdp-kwta", "--data"),
            Map.entry("aer-stream", "--data"), Map.entry("vision-viewer", "--images"),
            Map.entry("diehl-cook-2015", "--data"), Map.entry("nmnist-emulator", "--nmnist"), Map.entry("nir", "--file"),
            Map.entry("ann-to-snn", "--data"), Map.entry("slayer-nmnist-mlp", "--data"),
            Map.entry("recurrent-row-digits", "--data"));

    private static CommandLine.Model.CommandSpec spec(String name) {
        return Launcher.commandLine().getSubcommands().get(name).getCommandSpec();
    }

    private static String[] with(String name, String... args) {
        String[] a = new String[args.length + 1];
        a[0] = name;
        System.arraycopy(args, 0, a, 1, args.length);
        return a;
    }

    @Test
    void everyExampleRunsQuicklyAndWritesOnlyWhereTold() throws IOException {
        for (Launcher.Example e : Launcher.EXAMPLES) {
            boolean writes = spec(e.name()).findOption("--out") != null;
            Path out = tmp.resolve(e.name());
            CommandRun r = writes ? CommandRun.of(e.name(), "--quick", "--out", out.toString())
                    : CommandRun.of(e.name(), "--quick");
            assertThat(r.ok()).as("output of %s", e.name()).isNotBlank();
            assertThat(r.err()).as("stderr of %s", e.name()).doesNotContain("Exception");
            if (writes) {
                try (Stream<Path> files = Files.list(out)) {
                    assertThat(files.count()).as("files written by %s into --out", e.name()).isPositive();
                }
            }
        }
    }

    @Test
    void everyExampleHasHelpAndVersion() {
        for (Launcher.Example e : Launcher.EXAMPLES) {
            for (String name : new String[] {e.name(), e.className()}) {
                CommandRun r = CommandRun.of(name, "--help");
                assertThat(r.code()).as("exit code of %s --help", name).isZero();
                assertThat(r.out()).as("help of %s", name).contains("Usage: snn4j-examples " + e.name(), "--help",
                        "--version");
            }
            CommandRun v = CommandRun.of(e.name(), "--version");
            assertThat(v.code()).isZero();
            assertThat(v.out()).contains("snn4j ", "JDK ", "kernels ");
        }
    }

    @Test
    void everyExampleRejectsAnUnknownOptionInOneLine() {
        for (Launcher.Example e : Launcher.EXAMPLES) {
            CommandRun r = CommandRun.of(e.name(), "--no-such-option");
            assertThat(r.code()).as("exit code of %s", e.name()).isEqualTo(2);
            assertThat(r.err().strip()).as("stderr of %s", e.name()).startsWith(e.name() + ": unknown option")
                    .contains("'--no-such-option'").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void aMissingInputFileIsOneLineAndANonZeroCode() {
        for (Map.Entry<String, String> in : INPUT_OPTION.entrySet()) {
            assertThat(spec(in.getKey()).findOption(in.getValue())).as("%s %s", in.getKey(), in.getValue()).isNotNull();
            Path missing = tmp.resolve("no-such-input");
            CommandRun r = spec(in.getKey()).findOption("--out") != null
                    ? CommandRun.of(in.getKey(), "--quick", in.getValue(), missing.toString(), "--out",
                            tmp.resolve("out-" + in.getKey()).toString())
                    : CommandRun.of(in.getKey(), "--quick", in.getValue(), missing.toString());
            assertThat(r.code()).as("exit code of %s %s", in.getKey(), in.getValue()).isNotZero();
            assertThat(r.err().strip()).as("stderr of %s", in.getKey()).startsWith(in.getKey() + ": ")
                    .contains("no-such-input").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void theStandaloneCommandsFollowTheSameRules() {
        for (org.snn4j.cli.Cli.Command c : new org.snn4j.cli.Cli.Command[] {
            new org.snn4j.examples.papers.Mozafari2019Composed.Command(),
            new org.snn4j.examples.papers.Mozafari2019ComposedBench()}) {
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
            java.io.PrintStream po = new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8);
            java.io.PrintStream pe = new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(org.snn4j.cli.Cli.run(c, new String[] {"--help"}, po, pe)).isZero();
            assertThat(org.snn4j.cli.Cli.run(c, new String[] {"--bogus"}, po, pe)).isEqualTo(2);
            assertThat(org.snn4j.cli.Cli.run(c, new String[] {"--data", tmp.resolve("none").toString()}, po, pe))
                    .isEqualTo(2);
            assertThat(o.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Usage: mozafari2019-composed");
            assertThat(e.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count()).isEqualTo(2);
        }
    }

    @Test
    void threadsZeroNegativeAndTextGetTheSameMessage() {
        for (String example : new String[] {"mozafari2019", "diehl-cook-2015"}) {
            for (String bad : new String[] {"0", "-3", "abc"}) {
                CommandRun r = CommandRun.of(example, "--threads", bad);
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.err().strip()).isEqualTo(example + ": invalid value for option '--threads': expected an "
                        + "integer >= 1, got '" + bad + "' (" + example + " --help lists the options)");
            }
        }
    }

    @Test
    void mistypedNamesGetASuggestion() {
        CommandRun unknownExample = CommandRun.of("mozafari");
        assertThat(unknownExample.code()).isEqualTo(2);
        assertThat(unknownExample.err()).contains("'mozafari'", "did you mean mozafari2019");
        CommandRun unknownOption = CommandRun.of("mozafari2019", "--epoch3", "2");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("did you mean --epochs3");
        // options without an example name go to the default example
        assertThat(CommandRun.of("--epochs3", "x").err()).startsWith("mozafari2019: invalid value for option '--epochs3'");
    }

    @Test
    void namesAreUniqueFindableAndMatchTheCommands() {
        Set<String> names = new HashSet<>();
        for (Launcher.Example e : Launcher.EXAMPLES) {
            assertThat(names.add(e.name())).as("duplicate %s", e.name()).isTrue();
            assertThat(Launcher.find(e.name())).isSameAs(e);
            assertThat(Launcher.find(e.className())).isSameAs(e);
            // the name in the example's own @Command (used when it runs standalone) is the launcher's
            assertThat(new CommandLine(e.command().get()).getCommandName()).isEqualTo(e.name());
        }
    }

    @Test
    void helpListsEveryExample() {
        CommandRun r = CommandRun.of("--help");
        assertThat(r.code()).isZero();
        for (Launcher.Example e : Launcher.EXAMPLES) {
            assertThat(r.out()).contains(e.name());
        }
        assertThat(CommandRun.of("--version").out()).contains("snn4j", "kernels");
    }

    @Test
    void lifExampleMatchesTheAnalyticRates() {
        String out = CommandRun.of("lif-current-step").ok();
        // RI = 22, 30, 40 mV: 20, 41 and 63 spikes in 1 s at dt 0.1 ms
        assertThat(out).containsPattern("22\\.0\\s+20\\.017\\s+20\\s")
                .containsPattern("30\\.0\\s+41\\.715\\s+41\\s")
                .containsPattern("40\\.0\\s+63\\.040\\s+63\\s");
    }

    @Test
    void izhikevichExamplePrintsThePinnedCounts() {
        String out = CommandRun.of("izhikevich-patterns").ok();
        assertThat(out).containsPattern("RS .* 23\\s+23\\s+3\\.50").containsPattern("TC .* 214\\s+214");
    }
}
