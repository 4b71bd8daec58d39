package org.snn4j.spark.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.examples.papers.Mozafari2019Composed;
import org.snn4j.examples.papers.MozafariModelFiles;
import org.snn4j.io.ModelFile;

/** The command line: help, one-line errors with exit 2, and each command on tiny inputs. */
class SparkToolsTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = SparkTools.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Path repo(String p) {
        return Path.of("..").resolve(p).toAbsolutePath().normalize();
    }

    @Test
    void helpListsTheCommandsAndMistakesAreOneLineWithExitCode2() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("convert", "evaluate", "sweep", "train");
        for (String c : new String[] {"convert", "evaluate", "sweep", "train"}) {
            assertThat(run(c, "--help").out()).contains("--master");
            Run bad = run(c, "--bogus");
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err().strip()).doesNotContain("\n").startsWith(c + ": ");
        }
        assertThat(run("convert", "--bogus").err()).contains("unknown option '--bogus'");
        assertThat(run().code()).isEqualTo(2);
        Run missing = run("evaluate", "--model", "/no/such/model.snn");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file '/no/such/model.snn'");
        Run noInput = run("convert", "--input", "/no/such/folder");
        assertThat(noInput.code()).isEqualTo(2);
        assertThat(noInput.err().strip()).isEqualTo("convert: --input: no such file or folder '/no/such/folder'");
        assertThat(run("sweep", "--neurons", "0").code()).isEqualTo(2);
        assertThat(run("train", "--export", "x.snn").err()).contains("--export needs --neuron LIF");
        assertThat(run("convert", "--no-events", "--bins", "0").err()).contains("--no-events needs --bins");
        assertThat(run("evaluate").err().strip()).isEqualTo("evaluate: give one of --model FILE (a Mozafari 2019 "
                + "model, on MNIST digits) and --network FILE (a core network, on event recordings)");
    }

    @Test
    void convertEvaluateSweepAndTrainRunOnTinyInputs(@TempDir Path dir) throws IOException {
        // convert: three fixtures, one of them damaged (lenient: reported, exit 0)
        Path in = Files.createDirectories(dir.resolve("in"));
        Path ev = repo("encoding/src/test/resources/events");
        Files.copy(ev.resolve("sample_nmnist.bin"), in.resolve("a.bin"));
        Files.copy(ev.resolve("sample.aedat4"), in.resolve("b.aedat4"));
        Files.write(in.resolve("c.bin"), new byte[7]);
        Run conv = run("convert", "--master", "local[2]", "--input", in.toString(), "--bins", "0",
                "--out", dir.resolve("conv").toString());
        assertThat(conv.code()).as(conv.err()).isZero();
        assertThat(conv.out()).contains("3 files, 0 labelled, 116,280 events; 1 with faults, 0 unreadable");
        assertThat(Files.isDirectory(dir.resolve("conv/events.parquet"))).isTrue();

        // evaluate: an untrained model on 20 digits, compared with this JVM
        Path model = dir.resolve("m.snn");
        MozafariModelFiles.save(new Mozafari2019Composed(3), model);
        Run eval = run("evaluate", "--master", "local[2]", "--model", model.toString(), "--limit", "20",
                "--compare", "--threads", "2", "--data", repo("examples/data/mnist10k").toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("on 20 test digits", "predictions that differ: 0", "confusion");

        // sweep: one tiny Diehl & Cook configuration
        Run sweep = run("sweep", "--master", "local[2]", "--neurons", "3", "--seeds", "1", "--train", "10",
                "--test", "10", "--data", repo("examples/data/mnist10k").toString(),
                "--out", dir.resolve("sweep").toString());
        assertThat(sweep.code()).as(sweep.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("sweep/sweep.csv")).get(0)).startsWith("index,neurons,epochs");
        assertThat(Files.exists(dir.resolve("sweep/n3-e1-tr10-te10-s1/model.snn"))).isTrue();

        // train: a small copy of the N-MNIST subset (24 training, 8 test recordings)
        Path small = Files.createDirectories(dir.resolve("nmnist/files"));
        Path ship = repo("examples/data/nmnist-small");
        StringBuilder train = new StringBuilder("#sample #class\n");
        for (String line : Files.readAllLines(ship.resolve("train1K.txt")).subList(1, 25)) {
            String id = line.strip().split("\\s+")[0];
            Files.copy(ship.resolve("files/" + id + ".bs2"), small.resolve(id + ".bs2"));
            train.append(line.strip()).append('\n');
        }
        StringBuilder test = new StringBuilder("#sample #class\n");
        for (String line : Files.readAllLines(ship.resolve("test100.txt")).subList(1, 9)) {
            String id = line.strip().split("\\s+")[0];
            Files.copy(ship.resolve("files/" + id + ".bs2"), small.resolve(id + ".bs2"));
            test.append(line.strip()).append('\n');
        }
        Files.writeString(dir.resolve("nmnist/train1K.txt"), train);
        Files.writeString(dir.resolve("nmnist/test100.txt"), test);
        Path saved = dir.resolve("mlp.snn");
        Path core = dir.resolve("core.snn");
        Run tr = run("train", "--master", "local[2]", "--data", dir.resolve("nmnist").toString(), "--epochs", "1",
                "--batch", "8", "--hidden", "8", "--downsample", "3", "--steps", "20", "--step-ms", "15",
                "--neuron", "LIF", "--compare", "--save", saved.toString(), "--export", core.toString());
        assertThat(tr.code()).as(tr.err()).isZero();
        assertThat(tr.out()).contains("24 training / 8 test recordings", "epoch 1: loss", "test accuracy",
                "largest weight difference", "core engine on Spark: test accuracy");
        assertThat(ModelFile.read(saved).arrays()).containsKey("fc1.weight");
        assertThat(org.snn4j.network.NetworkFile.read(core).layerCount()).isEqualTo(2);

        // evaluate --network: the exported core network on the event files, binned to its 15 ms step: the same
        // accuracy on the 8 labelled test recordings as train's own scoring on the core engine
        Run net = run("evaluate", "--master", "local[2]", "--network", core.toString(), "--events",
                small.toString(), "--format", "NMNIST_BIN", "--label-list", dir.resolve("nmnist/test100.txt").toString(),
                "--downsample", "3", "--steps", "20");
        assertThat(net.code()).as(net.err()).isZero();
        java.util.regex.Matcher trained = java.util.regex.Pattern.compile("core engine on Spark: test accuracy "
                + "([0-9.]+) %").matcher(tr.out());
        assertThat(trained.find()).isTrue();
        assertThat(net.out()).contains("input 2x12x12", "dt 15.0 ms", "32 recordings scored (0 unreadable left out), "
                + "8 labelled: " + trained.group(1) + " % right", "confusion (rows: true class");
        Run mismatch = run("evaluate", "--master", "local[2]", "--network", core.toString(), "--events",
                small.toString(), "--format", "NMNIST_BIN", "--merge-polarity", "--downsample", "3");
        assertThat(mismatch.code()).isEqualTo(2);
        assertThat(mismatch.err().strip()).doesNotContain("\n").startsWith("evaluate: the network's input is 2x12x12")
                .contains("1 x 12 x 12 = 144");
    }
}
