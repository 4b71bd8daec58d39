package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks what the concept examples Ex03 to Ex07 print against what they claim: Poisson counts within
 * chance of their expectation, the rank-order code's one-spike-per-input rule, selective receptive fields,
 * converging conv kernels, and an R-STDP readout far above chance; and that a run is reproducible.
 */
class ConceptExamplesTest {

    @TempDir
    Path tmp;

    private static String capture(String example, String... args) {
        String[] a = new String[args.length + 1];
        a[0] = example;
        System.arraycopy(args, 0, a, 1, args.length);
        return CommandRun.of(a).ok();
    }

    @Test
    void poissonCountsAreWithinChanceOfTheirExpectation() throws Exception {
        String out = capture("poisson-encoding", "--out", tmp.toString());
        // rows: "  lo-hi  pixels  rlo - rhi  expected  measured  z"
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)-(\\d+)\\s+(\\d+)\\s+\\S+\\s+-\\s+\\S+\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)$")
                .matcher(out);
        int rows = 0;
        while (m.find()) {
            rows++;
            double z = Double.parseDouble(m.group(6));
            assertThat(Math.abs(z)).as("z of intensities %s-%s", m.group(1), m.group(2)).isLessThan(4.0);
            if (m.group(2).equals("0")) {
                assertThat(m.group(5)).as("spikes of black pixels").isEqualTo("0");
            }
        }
        assertThat(rows).isEqualTo(6);
    }

    @Test
    void rankOrderFiresEveryPositiveResponseOnceInEqualBins() throws Exception {
        String out = capture("dog-rank-order", "--out", tmp.toString());
        assertThat(out).contains("1092 of 1092 non-zero responses fired exactly once; 0 inputs broke");
        // 1092 spikes over 15 steps: every step has 72 or 73 (floor and ceil of 1092 / 15)
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)(?:\\s+\\d+){6}\\s+(\\d+)\\s+(\\d+)$").matcher(out);
        int steps = 0;
        while (m.find()) {
            steps++;
            assertThat(Integer.parseInt(m.group(2))).as("spikes at step %s", m.group(1)).isBetween(72, 73);
        }
        assertThat(steps).isEqualTo(15);
    }

    @Test
    void denseStdpGivesEveryPatternItsOwnNeuron() throws Exception {
        String out = capture("dense-stdp", "--out", tmp.toString());
        assertThat(out).contains("4 of 4 patterns have their own preferred output");
    }

    @Test
    void convStdpDrivesKernelsTowardsZeroOrOne() throws Exception {
        String out = capture("conv-stdp-kwta", "--out", tmp.toString());
        Matcher m = Pattern.compile("C = mean w\\(1-w\\): (\\S+) before, (\\S+) after; (\\S+)% of weights < 0.1, "
                + "(\\S+)% > 0.9").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isLessThan(0.5 * Double.parseDouble(m.group(1)));
        assertThat(Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4))).isGreaterThan(50.0);
        assertThat(out).contains("digits with no winner: 0");
    }

    @Test
    void rstdpReadoutLearnsFarAboveChance() throws Exception {
        String out = capture("rstdp-readout", "--out", tmp.toString());
        Matcher first = Pattern.compile("(?m)^\\s+0\\s+-\\s+(\\S+)$").matcher(out);
        assertThat(first.find()).as(out).isTrue();
        assertThat(Double.parseDouble(first.group(1))).as("accuracy before training").isLessThan(0.4);
        Matcher last = Pattern.compile("(?m)^\\s+8\\s+(\\S+)\\s+(\\S+)$").matcher(out);
        assertThat(last.find()).as(out).isTrue();
        assertThat(Double.parseDouble(last.group(2))).as("test accuracy after 8 epochs").isGreaterThan(0.9);
    }

    @Test
    void runsAreReproducible() throws Exception {
        String a = capture("rstdp-readout", "--quick", "--out", tmp.resolve("a").toString());
        String b = capture("rstdp-readout", "--quick", "--out", tmp.resolve("b").toString());
        assertThat(a.replace(tmp.resolve("a").toString(), "OUT")).isEqualTo(b.replace(tmp.resolve("b").toString(),
                "OUT"));
        String c = capture("dense-stdp", "--quick", "--out", tmp.resolve("c").toString());
        String d = capture("dense-stdp", "--quick", "--out", tmp.resolve("d").toString());
        assertThat(c.replace(tmp.resolve("c").toString(), "OUT")).isEqualTo(d.replace(tmp.resolve("d").toString(),
                "OUT"));
    }

    @Test
    void unknownArgumentsAreRejectedByName() {
        CommandRun r = CommandRun.of("dense-stdp", "--qiuck");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'--qiuck'", "did you mean --quick");
        CommandRun m = CommandRun.of("dense-stdp", "--out");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("'--out'");
    }
}
