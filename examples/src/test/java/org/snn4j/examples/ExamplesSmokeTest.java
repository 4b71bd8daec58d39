package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every example listed by the {@link Launcher} with {@code --quick} (output in a temporary folder), and checks
 * that every example behaves the same way on the command line: {@code --help} exits 0, an unknown option exits 2 with
 * one line, every input file or folder named on the command line is checked before any work (one line, exit 2), and
 * every example takes {@code --out} and writes there.
 */
class ExamplesSmokeTest {
    @TempDir
    Path tmp;

    /** Every option of an example that names an input file or folder: example and option. */
    private static final List<String[]> INPUT_OPTIONS = List.of(
            new String[] {"mozafari2019", "--load"}, new String[] {"mozafari2019", "--classify"},
            new String[] {"mozafari2019", "--data"}, new String[] {"poisson-encoding", "--data"},
            new String[] {"dog-rank-order", "--data"}, new String[] {"conv-stdp-kwta", "--data"},
            new String[] {"aer-stream", "--data"}, new String[] {"vision-viewer", "--images"},
            new String[] {"diehl-cook-2015", "--data"}, new String[] {"nmnist-emulator", "--data"},
            new String[] {"nmnist-emulator", "--nmnist"}, new String[] {"nir", "--file"},
            new String[] {"ann-to-snn", "--data"}, new String[] {"slayer-nmnist-mlp", "--data"},
            new String[] {"sadovsky-nmnist", "--data"}, new String[] {"sadovsky-nmnist", "--nmnist"},
            new String[] {"recurrent-row-digits", "--data"});

    /** The options whose value is a folder (the others name a file). */
    private static final Set<String> FOLDER_OPTIONS = Set.of("--data", "--images", "--nmnist");

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
            assertThat(spec(e.name()).findOption("--out")).as("--out of %s", e.name()).isNotNull();
            Path out = tmp.resolve(e.name());
            CommandRun r = CommandRun.of(e.name(), "--quick", "--out", out.toString());
            assertThat(r.ok()).as("output of %s", e.name()).isNotBlank();
            assertThat(r.err()).as("stderr of %s", e.name()).doesNotContain("Exception");
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.filter(f -> f.toFile().length() > 0).count())
                        .as("non-empty files written by %s into --out", e.name()).isPositive();
            }
        }
    }

    @Test
    void theOutDefaultIsResultsSlashTheExampleName() {
        for (Launcher.Example e : Launcher.EXAMPLES) {
            org.snn4j.cli.Options.Out out = null;
            for (CommandLine.Model.CommandSpec mixin : spec(e.name()).mixins().values()) {
                if (mixin.userObject() instanceof org.snn4j.cli.Options.Out o) {
                    out = o;
                }
            }
            assertThat(out).as("Options.Out mixin of %s", e.name()).isNotNull();
            assertThat(out.dir()).isEqualTo(Path.of("results", e.name()));
        }
    }

    @Test
    void theNewlyWritingExamplesWriteTheirTables() throws IOException {
        Path lif = tmp.resolve("lif");
        CommandRun.of("lif-current-step", "--quick", "--out", lif.toString()).ok();
        assertThat(Files.readAllLines(lif.resolve("f-i-curve.csv"))).hasSize(5)
                .contains("22.0,20.017,4,20.000,-0.017");
        Path izh = tmp.resolve("izh");
        CommandRun.of("izhikevich-patterns", "--out", izh.toString()).ok();
        assertThat(Files.readAllLines(izh.resolve("izhikevich-patterns.csv"))).hasSize(8)
                .anySatisfy(l -> assertThat(l).startsWith("RS,0.02,0.20,-65,8.00,23,23,"));
        Path qif = tmp.resolve("qif");
        CommandRun.of("custom-neuron", "--quick", "--out", qif.toString()).ok();
        assertThat(Files.readAllLines(qif.resolve("qif-f-i-curve.csv"))).hasSize(4);
        Path rule = tmp.resolve("rule");
        CommandRun.of("custom-rule", "--quick", "--out", rule.toString()).ok();
        List<String> winners = Files.readAllLines(rule.resolve("winners.csv"));
        assertThat(winners).hasSize(4).first().isEqualTo("pattern,out0,out1,out2,silent");
        for (String row : winners.subList(1, 4)) {
            // each pattern was tested 10 times in --quick mode
            int sum = 0;
            String[] f = row.split(",");
            for (int i = 1; i < f.length; i++) {
                sum += Integer.parseInt(f[i]);
            }
            assertThat(sum).as(row).isEqualTo(10);
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
    void everyInputFileIsCheckedBeforeAnyWork() throws IOException {
        Path aFile = Files.writeString(tmp.resolve("a-file.txt"), "x");
        Path aFolder = Files.createDirectories(tmp.resolve("a-folder"));
        for (String[] in : INPUT_OPTIONS) {
            String example = in[0];
            String option = in[1];
            assertThat(spec(example).findOption(option)).as("%s %s", example, option).isNotNull();
            boolean folder = FOLDER_OPTIONS.contains(option);
            Path missing = tmp.resolve("no-such-input");
            Path wrongKind = folder ? aFile : aFolder;
            for (Path bad : new Path[] {missing, wrongKind}) {
                Path out = tmp.resolve("out-" + example);
                // no --quick: a check made after the work starts would take minutes (and write into out)
                CommandRun r = CommandRun.of(example, option, bad.toString(), "--out", out.toString());
                assertThat(r.code()).as("exit code of %s %s %s", example, option, bad).isEqualTo(2);
                assertThat(r.out()).as("stdout of %s %s %s", example, option, bad).isEmpty();
                assertThat(r.err().strip()).as("stderr of %s %s", example, option)
                        .startsWith(example + ": invalid value for option '" + option + "': ")
                        .contains(bad.getFileName().toString()).doesNotContain("\n").doesNotContain("Exception");
                assertThat(out).as("nothing written by %s %s %s", example, option, bad).doesNotExist();
            }
        }
    }

    @Test
    void everyDataHelpNamesItsFolderAndWhereItIsLookedFor() {
        int withData = 0;
        for (Launcher.Example e : Launcher.EXAMPLES) {
            org.snn4j.cli.Options.Data data = null;
            for (CommandLine.Model.CommandSpec mixin : spec(e.name()).mixins().values()) {
                if (mixin.userObject() instanceof org.snn4j.cli.Options.Data d) {
                    data = d;
                }
            }
            if (data == null) {
                assertThat(spec(e.name()).findOption("--data")).as("--data of %s", e.name()).isNull();
                continue;
            }
            withData++;
            String folder = data.shipped().toString().replace('\\', '/');
            assertThat(folder).as("data folder of %s", e.name()).startsWith("examples/data/");
            // the shipped folder exists in the repository (the tests run in examples/)
            assertThat(data.find()).as("data folder of %s", e.name()).isDirectory();
            String help = CommandRun.of(e.name(), "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as("help of %s", e.name()).contains("--data=DIR input data folder (default: " + folder
                    + ", the data shipped in the repository, looked for under the working directory, then under each "
                    + "folder above it, then under each folder above the jar)");
        }
        assertThat(withData).isGreaterThanOrEqualTo(9);
    }

    @Test
    void everySaveTargetIsCheckedBeforeAnyWork() throws IOException {
        Path aFile = Files.writeString(tmp.resolve("a-file.txt"), "x");
        Path aFolder = Files.createDirectories(tmp.resolve("a-folder"));
        for (String example : new String[] {"mozafari2019", "diehl-cook-2015"}) {
            assertThat(spec(example).findOption("--save")).as("--save of %s", example).isNotNull();
            Path[] bad = {tmp.resolve("no-such-folder/model.snn"), aFile.resolve("model.snn"), aFolder};
            String[] why = {"folder '" + tmp.resolve("no-such-folder") + "' (of '" + bad[0] + "') does not exist",
                "'" + aFile + "' (of '" + bad[1] + "') is not a folder", "'" + aFolder + "' is a folder, not a file"};
            for (int i = 0; i < bad.length; i++) {
                Path out = tmp.resolve("out-" + example);
                // no --quick: a check made after training would take minutes (and write into out)
                CommandRun r = CommandRun.of(example, "--save", bad[i].toString(), "--out", out.toString());
                assertThat(r.code()).as("exit code of %s --save %s", example, bad[i]).isEqualTo(2);
                assertThat(r.out()).as("stdout of %s --save %s", example, bad[i]).isEmpty();
                assertThat(r.err().strip()).isEqualTo(example + ": invalid value for option '--save': " + why[i]
                        + " (" + example + " --help lists the options)");
                assertThat(out).as("nothing written by %s --save %s", example, bad[i]).doesNotExist();
            }
        }
    }

    @Test
    void everyOutUnderAFileIsRefusedBeforeAnyWork() throws IOException {
        Path aFile = Files.writeString(tmp.resolve("a-file.txt"), "x");
        for (Launcher.Example e : Launcher.EXAMPLES) {
            CommandRun r = CommandRun.of(e.name(), "--out", aFile.resolve("sub").toString());
            assertThat(r.code()).as("exit code of %s --out under a file", e.name()).isEqualTo(2);
            assertThat(r.out()).as("stdout of %s", e.name()).isEmpty();
            assertThat(r.err().strip()).as("stderr of %s", e.name())
                    .startsWith(e.name() + ": invalid value for option '--out': '" + aFile + "' (in '")
                    .doesNotContain("\n");
        }
    }

    @Test
    void theStandaloneCommandsFollowTheSameRules() {
        for (org.snn4j.cli.Cli.Command c : new org.snn4j.cli.Cli.Command[] {
            new org.snn4j.examples.papers.Mozafari2019Composed.Command()}) {
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
        String out = CommandRun.of("lif-current-step", "--out", tmp.toString()).ok();
        // RI = 22, 30, 40 mV: 20, 41 and 63 spikes in 1 s at dt 0.1 ms
        assertThat(out).containsPattern("22\\.0\\s+20\\.017\\s+20\\s")
                .containsPattern("30\\.0\\s+41\\.715\\s+41\\s")
                .containsPattern("40\\.0\\s+63\\.040\\s+63\\s");
    }

    @Test
    void izhikevichExamplePrintsThePinnedCounts() {
        String out = CommandRun.of("izhikevich-patterns", "--out", tmp.toString()).ok();
        assertThat(out).containsPattern("RS .* 23\\s+23\\s+3\\.50").containsPattern("TC .* 214\\s+214");
    }
}
