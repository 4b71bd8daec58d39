package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

class FloatImageTest {

    @Test
    void bytesAreUnsigned() {
        FloatImage img = FloatImage.fromUnsignedBytes(2, 1, new byte[] {(byte) 0xFF, 7});
        assertThat(img.data()).containsExactly(255f, 7f);
        assertThat(img.get(0, 0)).isEqualTo(255f);
    }

    @Test
    void rgbUsesRec601Luma() {
        BufferedImage bi = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, 0xFF0000);
        bi.setRGB(1, 0, 0x00FF00);
        bi.setRGB(2, 0, 0xFFFFFF);
        FloatImage img = FloatImage.fromBufferedImage(bi);
        assertThat(img.get(0, 0)).isCloseTo(0.299f * 255, within(1e-3f));
        assertThat(img.get(1, 0)).isCloseTo(0.587f * 255, within(1e-3f));
        assertThat(img.get(2, 0)).isCloseTo(255f, within(1e-3f));
    }

    @Test
    void grayIsReadAsIs() {
        BufferedImage bi = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        bi.getRaster().setSample(1, 0, 0, 200);
        FloatImage img = FloatImage.fromBufferedImage(bi);
        assertThat(img.width()).isEqualTo(2);
        assertThat(img.data()).containsExactly(0f, 200f, 0f, 0f);
    }

    @Test
    void asMapsSharesTheArray() {
        float[] px = {1, 2, 3, 4, 5, 6};
        FloatImage img = FloatImage.wrap(3, 2, px);
        FeatureMaps m = img.asMaps();
        assertThat(m.shape()).isEqualTo(new Shape(1, 2, 3));
        assertThat(m.get(0, 1, 2)).isEqualTo(6f);
        assertThat(m.channel(0).data()).containsExactly(px);
    }

    @Test
    void sizesAreChecked() {
        assertThatThrownBy(() -> FloatImage.wrap(3, 2, new float[5]))
                .hasMessage("data.length must be width * height = 6, got 5");
        assertThatThrownBy(() -> FloatImage.wrap(0, 2, new float[0])).hasMessage("width must be >= 1, got 0");
        assertThatThrownBy(() -> FloatImage.fromUnsignedBytes(2, 2, new byte[5], 2))
                .hasMessageContaining("need 4 bytes from offset 2");
        assertThatThrownBy(() -> FeatureMaps.wrap(new Shape(2, 2, 2), new float[7]))
                .hasMessage("data.length must be 8 for shape 2x2x2, got 7");
    }

    @Test
    void ofCopies() {
        float[] px = {1, 2};
        FloatImage img = FloatImage.of(2, 1, px);
        px[0] = 9;
        assertThat(img.get(0, 0)).isEqualTo(1f);
    }
}
