package org.snn4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.snn4j.Spikes;

/** Smoke test of every workload ({@code --quick}) and checks of the Poisson generator. */
class BenchTest {
    @Test
    void everyWorkloadPrintsJsonLines() throws Exception {
        for (var e : Bench.WORKLOADS.entrySet()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            e.getValue().run(new String[] {"--quick"}, new PrintStream(buf, true, StandardCharsets.UTF_8));
            String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                assertThat(line).startsWith("{\"workload\":\"" + e.getKey() + "\"").endsWith("}")
                        .contains("\"metric\":", "\"value\":", "\"unit\":", "\"threads\":", "\"wall_s\":", "\"jdk\":",
                                "\"cpus\":");
            }
        }
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
