package org.snn4j.encoding.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snn4j.encoding.TestData;

/** The shipped examples/data/mnist10k: checksums from its README, counts and class counts. */
class ShippedMnistTest {

    @Test
    void gzFilesMatchTheReadmeChecksums() throws Exception {
        Path dir = TestData.mnist10k();
        String readme = Files.readString(dir.resolve("README.md"));
        Matcher m = Pattern.compile("\\| ([a-z0-9-]+\\.gz) \\| [0-9,]+ \\| ([0-9a-f]{64}) \\|").matcher(readme);
        Map<String, String> sums = new LinkedHashMap<>();
        while (m.find()) {
            sums.put(m.group(1), m.group(2));
        }
        assertThat(sums).containsOnlyKeys("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        for (Map.Entry<String, String> e : sums.entrySet()) {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(e.getKey())));
            assertThat(HexFormat.of().formatHex(h)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void countsAndClassCountsMatchTheReadme() throws Exception {
        MnistDataset d = MnistDataset.load(TestData.mnist10k());
        assertThat(d.train().count()).isEqualTo(8000);
        assertThat(d.test().count()).isEqualTo(2000);
        assertThat(d.train().rows()).isEqualTo(28);
        assertThat(d.train().cols()).isEqualTo(28);
        assertThat(d.train().classCounts()).containsExactly(801, 902, 793, 826, 784, 690, 811, 856, 755, 782);
        assertThat(d.test().classCounts()).containsExactly(200, 225, 198, 206, 196, 173, 203, 214, 189, 196);
    }
}
