package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.TestData;
import org.snn4j.encoding.aer.BinnedEvents;
import org.snn4j.encoding.dataset.NmnistDataset.Binning;
import org.snn4j.encoding.dataset.NmnistDataset.Sample;
import org.snn4j.encoding.dataset.NmnistDataset.Split;

/** The shipped examples/data/nmnist-small: checksums from its README and SHA256SUMS, counts, known samples. */
class ShippedNmnistTest {

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void everyFileMatchesItsChecksum() throws Exception {
        Path dir = TestData.nmnistSmall();
        String readme = Files.readString(dir.resolve("README.md"));
        Matcher m = Pattern.compile("\\| ([A-Za-z0-9]+(?:\\.txt)?) \\| ([0-9a-f]{64}) \\|").matcher(readme);
        Map<String, String> table = new LinkedHashMap<>();
        while (m.find()) {
            table.put(m.group(1), m.group(2));
        }
        assertThat(table).containsOnlyKeys("SHA256SUMS", "train1K.txt", "test100.txt");
        for (Map.Entry<String, String> e : table.entrySet()) {
            assertThat(sha256(dir.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        List<String> sums = Files.readAllLines(dir.resolve("SHA256SUMS"));
        assertThat(sums).hasSize(1102);
        for (int i = 0; i < sums.size(); i++) {
            String[] f = sums.get(i).split("  ", 2);
            assertThat(sha256(dir.resolve(f[1]))).as(f[1]).isEqualTo(f[0]);
        }
        try (var files = Files.list(dir.resolve("files"))) {
            assertThat(files.count()).as("recordings in files/").isEqualTo(1100);
        }
    }

    @Test
    void countsPerClassAndKnownSamples() throws Exception {
        NmnistDataset train = NmnistDataset.load(TestData.nmnistSmall(), Split.TRAIN);
        NmnistDataset test = NmnistDataset.load(TestData.nmnistSmall(), Split.TEST);
        assertThat(train.layout()).isEqualTo(NmnistDataset.Layout.LABEL_LIST);
        assertThat(train.size()).isEqualTo(1000);
        assertThat(test.size()).isEqualTo(100);
        assertThat(train.classCounts()).containsExactly(97, 116, 99, 93, 105, 92, 94, 117, 87, 100);
        assertThat(test.classCounts()).containsExactly(8, 14, 8, 11, 14, 7, 10, 15, 2, 11);
        assertThat(train.skippedEntries()).isZero();

        Sample s = train.sample(0);
        assertThat(s.file().getFileName()).hasToString("1.bs2");
        assertThat(s.label()).isEqualTo(5);
        assertThat(s.events().size()).isEqualTo(4681);
        assertThat(s.events().onCount()).isEqualTo(2328);
        assertThat(s.events().maxTime()).isEqualTo(305_924);
        assertThat(s.report().isClean()).isTrue();

        Sample t = test.sample(0);
        assertThat(t.file().getFileName()).hasToString("60001.bs2");
        assertThat(t.label()).isEqualTo(7);
        assertThat(t.events().size()).isEqualTo(3330);
        assertThat(t.events().onCount()).isEqualTo(1718);
    }

    @Test
    void binningSampleOneAtOneMillisecond() throws Exception {
        NmnistDataset train = NmnistDataset.load(TestData.nmnistSmall(), Split.TRAIN);
        BinnedEvents b = train.binned(0, Binning.slayer());
        // computed independently (numpy): 4,677 events before 300 ms in 4,670 distinct (step, input) pairs
        assertThat(b.steps()).isEqualTo(300);
        assertThat(b.size()).isEqualTo(2312);
        assertThat(b.spikeCount()).isEqualTo(4670);
        assertThat(b.count(50)).isEqualTo(47);
        assertThat(b.inputs(50)).startsWith(396, 428, 430, 452, 457, 458, 488, 489, 490, 660);
    }
}
