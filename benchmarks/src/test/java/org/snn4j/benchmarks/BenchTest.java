package org.snn4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.cli.Cli;
import org.snn4j.Spikes;

/** Smoke test of every workload ({@code --quick}) and checks of the Poisson generator. */
class BenchTest {
    @Test
    void everyWorkloadPrintsJsonLines() throws Exception {
        for (var e : Bench.WORKLOADS.entrySet()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            e.getValue().run(Bench.Settings.quickRun(), new PrintStream(buf, true, StandardCharsets.UTF_8));
            String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                assertThat(line).startsWith("{\"workload\":\"" + e.getKey() + "\"").endsWith("}")
                        .contains("\"metric\":", "\"value\":", "\"unit\":", "\"threads\":", "\"wall_s\":", "\"jdk\":",
                                "\"cpus\":", "\"kernels\":\"" + Cli.kernels() + "\"");
            }
        }
    }

    /** Exit code, stdout and stderr of one command line. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome bench(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(new Bench(), args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandLineHelpVersionListAndErrors(@TempDir Path tmp) {
        Outcome help = bench("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: snn4j-benchmarks", "WORKLOAD", "--quick", "--seed", "--data");
        Outcome version = bench("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).contains("snn4j ", "kernels ");
        Outcome list = bench();
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("poisson_syn", "aer_aedat4");
        Outcome unknownOption = bench("poisson_syn", "--quik");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err().strip()).contains("'--quik'", "did you mean --quick").doesNotContain("\n");
        Outcome unknownWorkload = bench("poisson", "--quick");
        assertThat(unknownWorkload.code()).isEqualTo(2);
        assertThat(unknownWorkload.err().strip()).startsWith("snn4j-benchmarks: unknown workload 'poisson'; did you mean "
                + "poisson_syn?").doesNotContain("\n");
        Outcome badSeed = bench("poisson_syn", "--seed", "x");
        assertThat(badSeed.code()).isEqualTo(2);
        assertThat(badSeed.err()).contains("'--seed'", "'x'");
        // the --data folder is checked while parsing, before any workload runs: no output, one line, exit 2
        Outcome missing = bench("aer_nmnist", "--data", tmp.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err().strip()).startsWith("snn4j-benchmarks: invalid value for option '--data': data folder")
                .contains("nowhere").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aedat4TakesThreads() {
        Outcome two = bench("aer_aedat4", "--quick", "--threads", "2");
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(two.out()).contains("\"workload\":\"aer_aedat4\"", "\"threads\":2", "\"process_cpu_events_per_s\":",
                "\"events_per_s_alloc\":");
    }

    @Test
    void aDamagedEventFileIsOneLineAndExitCode1(@TempDir Path tmp) throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events"));
        Files.write(events.resolve("sample.aedat4"), "#!AER-DAT4.0\r\nnot really".getBytes(StandardCharsets.US_ASCII));
        Outcome damaged = bench("aer_aedat4", "--quick", "--data", tmp.toString());
        assertThat(damaged.code()).isEqualTo(1);
        assertThat(damaged.err().strip()).startsWith("snn4j-benchmarks: ").doesNotContain("\n");
    }

    @Test
    void poissonSourcesHaveTheRightRateAndReplay() {
        PoissonSources src = new PoissonSources(1000, 10_000, 20.0, 0.1f, 5);
        Spikes s = new Spikes(1000);
        long total = 0;
        long firstRun = 0;
        for (int rep = 0; rep < 2; rep++) {
            long h = 0;
            for (int t = 0; t < src.steps(); t++) {
                s.clear();
                src.emit(t, s);
                total += s.count();
                for (int k = 0; k < s.count(); k++) {
                    h = h * 31 + s.get(k) + 7L * t;
                }
            }
            if (rep == 0) {
                firstRun = h;
            } else {
                assertThat(h).as("replay gives the same trains").isEqualTo(firstRun);
            }
        }
        // 2 runs x 1e7 Bernoulli(0.002): mean 40,000, sd ~200
        assertThat(total).isBetween(40_000L - 1_000, 40_000L + 1_000);
    }

    @Test
    void jsonEscapesAndFormats() {
        String j = new Json("w", "m", 1.5, "1/s", 1, 0.25).put("s", "a\"b").put("n", 3L).toString();
        assertThat(j).startsWith("{\"workload\":\"w\",\"metric\":\"m\",\"value\":1.50000,")
                .contains("\"s\":\"a\\\"b\"", "\"n\":3");
    }
}
