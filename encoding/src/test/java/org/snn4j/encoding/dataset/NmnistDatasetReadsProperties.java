package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.snn4j.encoding.aer.AerFormatException;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.aer.Events;
import org.snn4j.encoding.aer.NmnistBin;
import org.snn4j.encoding.aer.ReadOptions;
import org.snn4j.encoding.dataset.NmnistDataset.Binning;
import org.snn4j.encoding.dataset.NmnistDataset.Sample;
import org.snn4j.encoding.dataset.NmnistDataset.Split;

/**
 * NmnistDataset reading several recordings of one data set (issue 17, patterns 1 and 2): random recordings with
 * events anywhere on the 34 x 34 sensor, both polarities and irregular times, read back in a shuffled order and
 * twice (nothing of one read may leak into the next), binned with random step lengths and counts and compared with
 * a plain-loop restatement of the class comment's convention ({@code (p * 34 + y) * 34 + x}, step
 * {@code t / stepUs}, events at or past {@code steps * stepUs} left out, one spike per input and step).
 */
class NmnistDatasetReadsProperties {

    private static Events randomRecording(SplittableRandom r) {
        int n = r.nextInt(0, 120);
        Events.Builder b = Events.builder(34, 34);
        long t = r.nextInt(0, 50);
        for (int i = 0; i < n; i++) {
            t += r.nextInt(0, 400);
            b.add(t, r.nextInt(34), r.nextInt(34), r.nextBoolean());
        }
        return b.build();
    }

    /** The reference: per step, the sorted distinct inputs of the events in that step. */
    private static List<TreeSet<Integer>> reference(Events e, long stepUs, int steps) {
        List<TreeSet<Integer>> per = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            per.add(new TreeSet<>());
        }
        for (int i = 0; i < e.size(); i++) {
            long step = e.t(i) / stepUs;
            if (step < steps) {
                per.get((int) step).add(((e.isOn(i) ? 1 : 0) * 34 + e.y(i)) * 34 + e.x(i));
            }
        }
        return per;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(seed = "170", tries = 12)
    void everySampleReadsAndBinsLikeThePlainReferenceInAnyOrder(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @IntRange(min = 2, max = 7) int count, @ForAll @IntRange(min = 1, max = 3000) int stepUs,
            @ForAll @IntRange(min = 1, max = 40) int steps) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Path dir = Files.createTempDirectory("nmnist-reads");
        try {
            Events[] recs = new Events[count];
            int[] labels = new int[count];
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < count; i++) {
                recs[i] = randomRecording(r);
                labels[i] = r.nextInt(10);
                int sample = 1000 - 37 * i;
                Files.write(dir.resolve(sample + (i % 2 == 0 ? ".bs2" : ".bin")), NmnistBin.toBytes(recs[i]));
                list.append(sample).append(' ').append(labels[i]).append('\n');
            }
            Files.writeString(dir.resolve("train.txt"), list, StandardCharsets.UTF_8);
            NmnistDataset d = NmnistDataset.load(dir, Split.TRAIN);
            assertThat(d.size()).isEqualTo(count);
            Binning binning = new Binning(stepUs, steps);
            int[] order = new int[2 * count];
            for (int k = 0; k < order.length; k++) {
                order[k] = k < count ? count - 1 - k : r.nextInt(count);
            }
            for (int i : order) {
                Sample s = d.sample(i);
                assertThat(s.label()).isEqualTo(labels[i]);
                assertThat(d.label(i)).isEqualTo(labels[i]);
                assertThat(s.events()).as("sample %d", i).isEqualTo(recs[i]);
                assertThat(s.report().events()).isEqualTo(recs[i].size());
                assertThat(s.file()).isEqualTo(d.file(i));
                BinnedEvents b = d.binned(i, binning);
                List<TreeSet<Integer>> ref = reference(recs[i], stepUs, steps);
                assertThat(b.steps()).isEqualTo(steps);
                int total = 0;
                for (int k = 0; k < steps; k++) {
                    assertThat(b.inputs(k)).as("sample %d step %d", i, k)
                            .containsExactly(ref.get(k).stream().mapToInt(Integer::intValue).toArray());
                    total += ref.get(k).size();
                }
                assertThat(b.spikeCount()).isEqualTo(total);
            }
        } finally {
            delete(dir);
        }
    }

    @Property(seed = "171", tries = 10)
    void aRecordingOffTheSensorFailsStrictAndIsDroppedLenientWithoutTouchingTheNextSample(
            @ForAll @IntRange(min = 34, max = 255) int x, @ForAll @IntRange(min = 0, max = 5) int at) throws IOException {
        Path dir = Files.createTempDirectory("nmnist-off");
        try {
            Events.Builder b = Events.builder(256, 64);
            for (int i = 0; i < 6; i++) {
                b.add(10L * i, i == at ? x : i, i + 1, i % 2 == 1);
            }
            Files.write(dir.resolve("1.bs2"), NmnistBin.toBytes(b.build()));
            Events good = Events.of(34, 34, new long[] {5, 6}, new int[] {33, 0}, new int[] {0, 33},
                    new boolean[] {true, false});
            Files.write(dir.resolve("2.bs2"), NmnistBin.toBytes(good));
            Files.writeString(dir.resolve("test.txt"), "1 6\n2 3\n");
            NmnistDataset strict = NmnistDataset.load(dir, Split.TEST);
            assertThatThrownBy(() -> strict.sample(0)).isInstanceOf(AerFormatException.class)
                    .hasMessageContaining("byte offset " + 5 * at);
            assertThat(strict.sample(1).events()).isEqualTo(good);
            NmnistDataset lenient = NmnistDataset.load(dir, Split.TEST, ReadOptions.lenient());
            Sample s = lenient.sample(0);
            assertThat(s.events().size()).isEqualTo(5);
            assertThat(s.report().outOfRange()).isEqualTo(1);
            assertThat(s.events().width()).isEqualTo(34);
            Sample next = lenient.sample(1);
            assertThat(next.events()).isEqualTo(good);
            assertThat(next.report().isClean()).isTrue();
            assertThat(next.label()).isEqualTo(3);
        } finally {
            delete(dir);
        }
    }
}
