package org.snn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CliTest {

    @CommandLine.Command(name = "toy", description = "a test command")
    static final class Toy implements Cli.Command {
        @Mixin
        Options.Threads threads;
        @Mixin
        Options.Out out;
        @Option(names = "--epochs", converter = Ranges.AtLeastZero.class)
        int epochs = 3;
        @Option(names = "--dt", converter = Ranges.PositiveFloat.class)
        float dt = 0.5f;
        @Option(names = "--fail")
        String fail;
        @Option(names = "--load", converter = Options.InputFile.class)
        Path load;
        @Option(names = "--images", converter = Options.InputFolder.class)
        Path images;
        @Mixin
        Options.Data data = new Options.Data("examples/data/events");
        @Option(names = "--save", converter = Options.OutputFile.class)
        Path save;
        int ran;

        @Override
        public void run(PrintStream o) throws Exception {
            if ("arg".equals(fail)) {
                throw new IllegalArgumentException("--fail: bad value");
            }
            if ("io".equals(fail)) {
                throw new NoSuchFileException("/no/such/file");
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("a bug");
            }
            ran++;
            o.println("ran with " + threads.get() + " threads into " + out.dir());
        }
    }

    /** Exit code, stdout and stderr of one run. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(Cli.Command c, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(c, args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersionExitZero() {
        Outcome h = run(new Toy(), "--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("Usage: toy", "--threads=N", "--out=DIR", "--version", "a test command");
        Outcome v = run(new Toy(), "--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains("snn4j ", "JDK " + System.getProperty("java.version"), "kernels ");
    }

    @Test
    void threadsZeroNegativeAndTextGetOneMessage() {
        for (String bad : new String[] {"0", "-3", "abc"}) {
            Outcome r = run(new Toy(), "--threads", bad);
            assertThat(r.code()).isEqualTo(Cli.USAGE);
            assertThat(r.err()).isEqualTo("toy: invalid value for option '--threads': expected an integer >= 1, got '"
                    + bad + "' (toy --help lists the options)" + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
        assertThat(run(new Toy(), "--dt", "-1").err()).contains("expected a number > 0, got '-1'");
        assertThat(run(new Toy(), "--epochs", "x").err()).contains("expected an integer >= 0, got 'x'");
    }

    @Test
    void mistypedOptionGetsASuggestionOnOneLine() {
        Outcome r = run(new Toy(), "--thread", "2");
        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err().strip()).doesNotContain("\n").contains("unknown option").contains("'--thread'")
                .contains("did you mean --threads");
        Outcome m = run(new Toy(), "--epochs");
        assertThat(m.code()).isEqualTo(Cli.USAGE);
        assertThat(m.err().strip()).doesNotContain("\n").contains("--epochs");
    }

    @Test
    void errorsWhileRunningAreOneLineWithTheirExitCode() {
        Outcome a = run(new Toy(), "--fail", "arg");
        assertThat(a.code()).isEqualTo(Cli.USAGE);
        assertThat(a.err()).isEqualTo("toy: --fail: bad value" + System.lineSeparator());
        Outcome io = run(new Toy(), "--fail", "io");
        assertThat(io.code()).isEqualTo(Cli.FAILED);
        assertThat(io.err()).isEqualTo("toy: no such file: /no/such/file" + System.lineSeparator());
        assertThatThrownBy(() -> run(new Toy(), "--fail", "bug")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outDefaultsToResultsSlashCommandName(@TempDir Path tmp) {
        Toy t = new Toy();
        Outcome r = run(t, "--threads", "2");
        assertThat(r.code()).isZero();
        assertThat(t.ran).isEqualTo(1);
        assertThat(r.out()).contains("ran with 2 threads into " + Path.of("results", "toy"));
        assertThat(Cli.parse(new Toy(), "--out", tmp.toString()).out.dir()).isEqualTo(tmp);
        assertThatThrownBy(() -> Cli.parse(new Toy(), "--bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option '--bogus'");
    }

    @Test
    void dataFoldersAreFoundUpwardsOrNamedInTheError(@TempDir Path tmp) throws IOException {
        assertThat(Options.find(tmp)).isEqualTo(tmp.toAbsolutePath().normalize());
        // the module runs in cli/; the repository's examples data is one level up
        assertThat(Options.find(Path.of("examples", "data"))).isDirectory();
        assertThatThrownBy(() -> Options.find(tmp.resolve("nowhere"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("--data");
    }

    @Test
    void kernelsAreNamed() {
        assertThat(Cli.kernels()).matches("scalar|vector-\\d+");
        assertThat(Cli.runtime()).contains(Cli.kernels()).startsWith("JDK ");
        assertThat(Cli.kernelLanes()).isPositive();
    }

    @Test
    void inputFilesAndFoldersAreCheckedWhileParsingInOneLineWithExitTwo(@TempDir Path dir) throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("model.snn"), "x");
        Path missing = dir.resolve("nope");
        String[][] cases = {
            {"--load", missing.toString(), "no such file '" + missing + "'"},
            {"--load", dir.toString(), "'" + dir + "' is not a file"},
            {"--images", missing.toString(), "no such folder '" + missing + "'"},
            {"--images", file.toString(), "'" + file + "' is not a folder"},
            {"--data", missing.toString(), "data folder '" + missing + "' not found"},
            {"--data", file.toString(), "data folder '" + file + "' not found"},
        };
        for (String[] c : cases) {
            Toy toy = new Toy();
            Outcome r = run(toy, c[0], c[1]);
            assertThat(r.code()).as("%s %s", c[0], c[1]).isEqualTo(Cli.USAGE);
            assertThat(toy.ran).isZero();
            assertThat(r.err().strip()).startsWith("toy: invalid value for option '" + c[0] + "': " + c[2])
                    .doesNotContain("\n").doesNotContain("pass --data");
        }
        Toy ok = new Toy();
        assertThat(run(ok, "--load", file.toString(), "--images", dir.toString(), "--data", dir.toString(), "--out",
                dir.resolve("o").toString()).code()).isZero();
        assertThat(ok.load).isEqualTo(file);
        assertThat(ok.images).isEqualTo(dir);
        assertThat(ok.data.given()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(ok.ran).isEqualTo(1);
    }

    @Test
    void anUnreadableFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("secret.snn"), "x");
        org.junit.jupiter.api.Assumptions.assumeTrue(file.toFile().setReadable(false)
                && !java.nio.file.Files.isReadable(file), "running as root or without file permissions");
        Outcome r = run(new Toy(), "--load", file.toString());
        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("cannot read file '" + file + "' (permission denied)");
    }

    @Test
    void outWritesAFileIntoTheFolderItCreates(@TempDir Path dir) throws IOException {
        Toy toy = Cli.parse(new Toy(), "--out", dir.resolve("a/b").toString());
        Path f = toy.out.write("t.csv", "x,y\n1,2\n");
        assertThat(f).isEqualTo(dir.resolve("a/b/t.csv"));
        assertThat(java.nio.file.Files.readString(f)).isEqualTo("x,y\n1,2\n");
        assertThat(Cli.parse(new Toy()).out.dir()).isEqualTo(Path.of("results", "toy"));
    }

    @Test
    void dataHelpNamesTheShippedFolderAndWhereItIsLookedFor() {
        Outcome h = run(new Toy(), "--help");
        String help = h.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--data=DIR input data folder (default: examples/data/events, the data shipped in the "
                + "repository, looked for under the working directory, then under each folder above it, then under "
                + "each folder above the jar)");
    }

    @Test
    void withoutDataTheShippedFolderIsFoundFromASubfolder() {
        // the tests run in cli/, one folder below the repository root that holds examples/data/events
        Toy toy = Cli.parse(new Toy());
        assertThat(toy.data.given()).isNull();
        assertThat(toy.data.shipped()).isEqualTo(Path.of("examples/data/events"));
        Path found = toy.data.find();
        assertThat(found).isAbsolute().endsWith(Path.of("examples", "data", "events")).isDirectory();
        assertThat(found).isEqualTo(Path.of("").toAbsolutePath().getParent().resolve("examples/data/events"));
        // a second parse without --data forgets the folder given in the first
        Toy again = Cli.parse(new Toy(), "--data", found.toString());
        assertThat(again.data.given()).isEqualTo(found);
        assertThat(again.data.find()).isEqualTo(found);
    }

    @Test
    void aSaveTargetThatCannotBeWrittenIsAUsageErrorBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file.txt"), "x");
        Path noFolder = dir.resolve("none/model.snn");
        Path underFile = file.resolve("model.snn");
        String[][] cases = {
            {noFolder.toString(), "folder '" + dir.resolve("none") + "' (of '" + noFolder + "') does not exist"},
            {underFile.toString(), "'" + file + "' (of '" + underFile + "') is not a folder"},
            {dir.toString(), "'" + dir + "' is a folder, not a file"},
        };
        for (String[] c : cases) {
            Toy toy = new Toy();
            Outcome r = run(toy, "--save", c[0]);
            assertThat(r.code()).as(c[0]).isEqualTo(Cli.USAGE);
            assertThat(toy.ran).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).isEqualTo("toy: invalid value for option '--save': " + c[1]
                    + " (toy --help lists the options)");
        }
        Toy ok = new Toy();
        Path good = dir.resolve("model.snn");
        assertThat(run(ok, "--save", good.toString(), "--out", dir.toString()).code()).isZero();
        assertThat(ok.save).isEqualTo(good);
        // an existing file may be replaced
        assertThat(Cli.parse(new Toy(), "--save", file.toString()).save).isEqualTo(file);
    }

    @Test
    void aSaveTargetInAReadOnlyFolderIsRefused(@TempDir Path dir) throws IOException {
        Path ro = java.nio.file.Files.createDirectories(dir.resolve("ro"));
        org.junit.jupiter.api.Assumptions.assumeTrue(ro.toFile().setWritable(false)
                && !java.nio.file.Files.isWritable(ro), "running as root or without file permissions");
        Outcome r = run(new Toy(), "--save", ro.resolve("m.snn").toString());
        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("cannot write into folder '" + ro + "' (permission denied)");
        Outcome o = run(new Toy(), "--out", ro.resolve("sub").toString());
        assertThat(o.code()).isEqualTo(Cli.USAGE);
        assertThat(o.err()).contains("cannot write into folder '" + ro + "' (permission denied)");
    }

    @Test
    void anOutFolderUnderAFileIsAUsageErrorBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("a-file.txt"), "x");
        for (Path bad : new Path[] {file, file.resolve("sub/deeper")}) {
            Toy toy = new Toy();
            Outcome r = run(toy, "--out", bad.toString());
            assertThat(r.code()).as(bad.toString()).isEqualTo(Cli.USAGE);
            assertThat(toy.ran).isZero();
            assertThat(r.err().strip()).isEqualTo("toy: invalid value for option '--out': '" + file + "' (in '" + bad
                    + "') is not a folder (toy --help lists the options)");
        }
        // missing folders on the way are fine: they are created when the command writes
        assertThat(run(new Toy(), "--out", dir.resolve("x/y/z").toString()).code()).isZero();
    }
}
