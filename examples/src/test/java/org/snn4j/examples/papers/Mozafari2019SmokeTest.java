package org.snn4j.examples.papers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.Shape;
import org.snn4j.examples.CommandRun;
import org.snn4j.io.ModelFile;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.SectionFile;
import org.snn4j.learning.LearningCodecs;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;

/**
 * Trains the Mozafari 2019 network on a few hundred shipped MNIST digits with short epochs (not a timing
 * test) and checks: accuracy well above chance (10 %), the results JSON, save -> load -> evaluate giving
 * exactly the same accuracy, and the same accuracy (and weights) with 1 and 2 threads.
 */
class Mozafari2019SmokeTest {
    static Path dir;
    static Mozafari2019.Result twoThreads;
    static Path model;

    /** A few seconds of training: 1,000 digits, 3 + 3 + 6 epochs, tested on 300 digits. */
    static String[] quickArgs(int threads, Path out) {
        return new String[]{"--quick", "--train-limit", "1000", "--test-limit", "300", "--epochs1", "3", "--epochs2", "3",
            "--epochs3", "6", "--threads", Integer.toString(threads), "--seed", "7", "--out", out.toString()};
    }

    @BeforeAll
    static void train(@TempDir Path tmp) throws IOException {
        dir = tmp;
        model = tmp.resolve("model.snn");
        String[] args = quickArgs(2, tmp.resolve("results"));
        String[] withSave = java.util.Arrays.copyOf(args, args.length + 2);
        withSave[args.length] = "--save";
        withSave[args.length + 1] = model.toString();
        twoThreads = Mozafari2019.execute(Mozafari2019Options.parse(withSave), null);
    }

    @Test
    void learnsWellAboveChance() {
        assertThat(twoThreads.epochs()).isNotEmpty();
        // 3x chance after a few seconds of training (the full run reaches about 90 %)
        assertThat(twoThreads.testAccuracy()).as("test accuracy").isGreaterThan(0.3);
        // the final full inference agrees with the last epoch's test (computed from cached conv3 inputs)
        assertThat(twoThreads.testAccuracy())
                .isEqualTo(twoThreads.epochs().get(twoThreads.epochs().size() - 1).testCorrect());
    }

    @Test
    void writesResultsJson() throws IOException {
        String json = Files.readString(twoThreads.resultsFile());
        assertThat(twoThreads.resultsFile().resolveSibling("conv1-features.png")).isRegularFile();
        assertThat(twoThreads.resultsFile().resolveSibling("conv2-features.png")).isRegularFile();
        assertThat(twoThreads.resultsFile().resolveSibling("accuracy.png")).isRegularFile();
        assertThat(twoThreads.resultsFile().resolveSibling("confusion.png")).isRegularFile();
        assertThat(json).contains("\"example\": \"Mozafari2019\"", "\"threads\": 2", "\"seed\": 7", "\"kernels\": ",
                "\"testAccuracy\": ", "\"phases\": [", "\"epochs\": [", "\"jdk\": ");
    }

    @Test
    void saveLoadEvaluateGivesTheSameAccuracy() throws IOException {
        Mozafari2019.Result loaded = Mozafari2019.execute(Mozafari2019Options.parse("--test-limit", "300", "--threads",
                "2", "--load", model.toString(), "--out", dir.resolve("results-load").toString()), null);
        assertThat(loaded.testAccuracy()).isEqualTo(twoThreads.testAccuracy());
        assertThat(loaded.testSilent()).isEqualTo(twoThreads.testSilent());
        assertThat(loaded.epochs()).isEmpty();
        assertThat(SectionFile.hasMagic(Files.readAllBytes(model))).as("--save writes a network file").isTrue();
        assertThat(ModelFile.toBytes(loaded.network().toModelData()))
                .isEqualTo(ModelFile.toBytes(twoThreads.network().toModelData()));
        Network saved = NetworkFile.read(model, LearningCodecs.all());
        assertThat(saved.layer("conv3").outputShape()).isEqualTo(new Shape(200, 4, 4));
    }

    @Test
    void theFlatModelFilesOfOlderVersionsStillLoad() throws IOException {
        Path old = dir.resolve("old.model");
        ModelFile.write(old, twoThreads.network().toModelData());
        Mozafari2019.Result loaded = Mozafari2019.execute(Mozafari2019Options.parse("--test-limit", "300", "--threads",
                "2", "--load", old.toString(), "--out", dir.resolve("results-old").toString()), null);
        assertThat(loaded.testAccuracy()).isEqualTo(twoThreads.testAccuracy());
    }

    @Test
    void aNetworkFileOfAnotherNetworkIsATypedMismatch() throws IOException {
        Path other = dir.resolve("other.snn");
        NetworkFile.write(new DiehlCookComposed(DiehlCookParameters.paper(), new Shape(1, 28, 28), 5, 1L).network(),
                other);
        assertThatThrownBy(() -> Mozafari2019.execute(Mozafari2019Options.parse("--test-limit", "10", "--load",
                other.toString(), "--out", dir.resolve("rm").toString()), null))
                .isInstanceOfSatisfying(ModelFileException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelFileException.Kind.MISMATCH));
    }

    @Test
    void oneThreadGivesTheSameResultAsTwo() throws IOException {
        // a smaller run than the others, twice: same seed, 1 and 2 threads
        Mozafari2019.Result[] r = new Mozafari2019.Result[2];
        for (int t = 1; t <= 2; t++) {
            r[t - 1] = Mozafari2019.execute(Mozafari2019Options.parse("--quick", "--seed", "3", "--threads",
                    Integer.toString(t), "--out", dir.resolve("det" + t).toString()), null);
        }
        assertThat(r[0].testAccuracy()).isEqualTo(r[1].testAccuracy());
        assertThat(r[0].epochs()).isEqualTo(r[1].epochs());
        assertThat(ModelFile.toBytes(r[0].network().toModelData()))
                .isEqualTo(ModelFile.toBytes(r[1].network().toModelData()));
    }

    @Test
    void corruptModelFileIsRejectedWithItsOffset() throws IOException {
        byte[] b = Files.readAllBytes(model);
        b[b.length / 2] ^= 0x40;
        Path bad = dir.resolve("bad.snn");
        Files.write(bad, b);
        assertThatThrownBy(() -> Mozafari2019.execute(Mozafari2019Options.parse("--test-limit", "10", "--load", bad.toString(),
                "--out", dir.resolve("rb").toString()), null))
                .isInstanceOfSatisfying(ModelFileException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelFileException.Kind.CORRUPT));
    }

    @Test
    void badArgumentsGiveExitCode2AndAClearMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Mozafari2019.run(new String[]{"--epochs3", "-4"}, ps, ps)).isEqualTo(2);
        assertThat(Mozafari2019.run(new String[]{"--data", dir.resolve("nowhere").toString()}, ps, ps)).isEqualTo(2);
        assertThat(Mozafari2019.run(new String[]{"--frobnicate"}, ps, ps)).isEqualTo(2);
        assertThat(Mozafari2019.run(new String[]{"--long", "--epochs3", "3"}, ps, ps)).isEqualTo(2);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertThat(msg).contains("'--epochs3': expected an integer >= 0, got '-4'", "data folder",
                "unknown option '--frobnicate'", "--long and --epochs3 both set the R-STDP epochs");
        assertThat(msg.lines().count()).isEqualTo(4);
    }

    @Test
    void aDamagedModelFileIsOneLineAndExitCode1() throws IOException {
        byte[] b = Files.readAllBytes(model);
        Path bad = dir.resolve("damaged.snn");
        Files.write(bad, java.util.Arrays.copyOf(b, b.length / 3));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        assertThat(Mozafari2019.run(new String[]{"--test-limit", "10", "--load", bad.toString(), "--out",
            dir.resolve("rd").toString()}, none, ps)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("mozafari2019: ").doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void helpExplainsThePngPolarity() {
        CommandRun r = CommandRun.of("mozafari2019", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--classify=PNG", "white digit on a black", "--long", "--quick",
                "--save=FILE", "--load=FILE");
    }
}
