package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.encoding.dataset.MnistDataset;

class MozafariEncoderTest {
    private static MnistDataset.Split train;

    /**
     * Golden values from the independent numpy reference {@code src/test/python/mozafari_reference.py} on the
     * first 12 training digits of mnist10k: non-zero count after DoG + threshold, sum of the normalised
     * maps, and sha256 (first 16 hex) of the step of every neuron (-1 = silent) as big-endian int32.
     */
    private static final Object[][] GOLDEN = {
        {1435, 4817.102179005742, "9860c402c8dcd070"},
        {1197, 3612.8003307916224, "81f9fc6ab0b62e37"},
        {1294, 4370.784054059535, "f4558681a719e06e"},
        {1230, 3974.7112564742565, "8c0ab0f8834c90b5"},
        {1330, 4334.663113811985, "c77df1544fc55fd1"},
        {923, 3316.2193637415767, "65870d919b06f32d"},
        {1440, 4834.348783969879, "11755e939e77af51"},
        {1088, 3473.933786764741, "cf8a21a2bb89727d"},
        {1198, 3733.693790409714, "d88a7fcc05113796"},
        {1229, 3544.828261397779, "ee4da33d791b30ce"},
        {1335, 4568.407163545489, "8024e3e48cc600ab"},
        {1072, 3509.073162250221, "423e530e2892baea"},
    };

    @BeforeAll
    static void load() throws Exception {
        train = MnistDataset.load(TestData.mnist10k()).train();
    }

    @Test
    void shapeAndSteps() {
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        assertThat(enc.outputShape()).isEqualTo(new Shape(6, 28, 28));
        assertThat(enc.steps()).isEqualTo(15);
        assertThat(MozafariEncoder.kheradpisheh2018().outputShape()).isEqualTo(new Shape(2, 28, 28));
    }

    @Test
    void matchesIndependentReferenceOnRealDigits() throws Exception {
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        org.snn4j.encoding.filter.Convolution dog = org.snn4j.encoding.filter.DogBanks.mozafariFilter();
        for (int d = 0; d < GOLDEN.length; d++) {
            FloatImage img = train.image(d);
            FeatureMaps filtered = dog.apply(img.asMaps());
            assertThat(filtered.countNonZero()).as("digit %d non-zero", d).isEqualTo(GOLDEN[d][0]);
            FeatureMaps norm = enc.filter(img);
            double sum = 0;
            for (float v : norm.data()) {
                sum += v;
            }
            assertThat(sum).as("digit %d sum", d).isCloseTo((Double) GOLDEN[d][1],
                    org.assertj.core.data.Percentage.withPercentage(1e-4));
            int[] steps = RankOrder.equalCount(15).latencies(norm.data());
            assertThat(hash(steps)).as("digit %d steps", d).isEqualTo(GOLDEN[d][2]);
            // the encoder gives the same steps
            EventSource src = enc.encode(img);
            assertThat(src.eventCount()).isEqualTo(GOLDEN[d][0]);
        }
    }

    @Test
    void eachInputFiresOnceAndBinsAreBalanced() {
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        for (int d = 0; d < 50; d++) {
            EventSource src = enc.encode(train.image(d), null);
            int n = src.eventCount();
            int[] seen = new int[src.size()];
            Spikes s = new Spikes(src.size());
            for (int t = 0; t < src.steps(); t++) {
                s.clear();
                src.emit(t, s);
                assertThat(s.count()).isEqualTo(src.count(t)).isBetween(n / 15, (n + 14) / 15);
                for (int k = 0; k < s.count(); k++) {
                    seen[s.get(k)]++;
                }
            }
            for (int c : seen) {
                assertThat(c).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void rejectsWrongImageSize() {
        MozafariEncoder enc = MozafariEncoder.mozafari2019();
        FloatImage small = FloatImage.wrap(27, 28, new float[27 * 28]);
        assertThatThrownBy(() -> enc.encode(small)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28x28").hasMessageContaining("27x28");
    }

    @Test
    void blankImageGivesNoSpikes() {
        EventSource src = MozafariEncoder.mozafari2019().encode(FloatImage.wrap(28, 28, new float[784]));
        assertThat(src.eventCount()).isZero();
        assertThat(src.steps()).isEqualTo(15);
    }

    static String hash(int[] steps) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(steps.length * 4);
        for (int s : steps) {
            b.putInt(s);
        }
        byte[] h = MessageDigest.getInstance("SHA-256").digest(b.array());
        return HexFormat.of().formatHex(h).substring(0, 16);
    }
}
