package org.snn4j.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;

/**
 * FloatImage and FeatureMaps beyond the first row and channel (issue 17, pattern 1): non-square images read at
 * (x, y) away from 0, 16-bit grey scaled to 0..255, the blue weight of the luma, byte offsets at the last valid
 * value and one past it, channels other than 0, counts and descriptions.
 */
class FloatImageDetailsTest {

    @Test
    void pixelsAreAddressedAsXThenYOnNonSquareImages() {
        float[] px = new float[4 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        FloatImage img = FloatImage.wrap(4, 3, px);
        assertThat(img.get(3, 0)).isEqualTo(3f);
        assertThat(img.get(1, 2)).isEqualTo(9f);
        assertThat(img.width()).isEqualTo(4);
        assertThat(img.height()).isEqualTo(3);
        assertThat(img.data()).isSameAs(px);
        assertThat(img).hasToString("FloatImage[4x3]");
        assertThatThrownBy(() -> FloatImage.of(2, 0, new float[0])).hasMessage("height must be >= 1, got 0");
        assertThatThrownBy(() -> FloatImage.of(2, 2, new float[3])).hasMessage("data.length must be width * height = 4, got 3");
    }

    @Test
    void unsignedBytesFromAnOffsetUpToTheLastByte() {
        byte[] b = {1, 2, (byte) 200, (byte) 129, 5, 6, 7};
        FloatImage img = FloatImage.fromUnsignedBytes(3, 2, b, 1);
        assertThat(img.data()).containsExactly(2f, 200f, 129f, 5f, 6f, 7f);
        assertThat(FloatImage.fromUnsignedBytes(1, 1, b).data()).containsExactly(1f);
        assertThatThrownBy(() -> FloatImage.fromUnsignedBytes(3, 2, b, 2))
                .hasMessage("need 6 bytes from offset 2, data has 7");
        assertThatThrownBy(() -> FloatImage.fromUnsignedBytes(1, 1, b, -1))
                .hasMessage("need 1 bytes from offset -1, data has 7");
        assertThatThrownBy(() -> FloatImage.fromUnsignedBytes(0, 1, b, 0))
                .hasMessage("width and height must be >= 1, got 0x1");
        assertThatThrownBy(() -> FloatImage.fromUnsignedBytes(1, 0, b, 0))
                .hasMessage("width and height must be >= 1, got 1x0");
    }

    @Test
    void sixteenBitGreyIsScaledAndColourUsesEveryLumaWeight() {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(2, 1, 0, 65535);
        grey.getRaster().setSample(0, 1, 0, 257);
        FloatImage g = FloatImage.fromBufferedImage(grey);
        assertThat(g.get(2, 1)).isCloseTo(255f, within(1e-3f));
        assertThat(g.get(0, 1)).isCloseTo(1f, within(1e-4f));
        assertThat(g.get(1, 0)).isZero();
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        rgb.setRGB(1, 1, 0xFF0000FF); // opaque blue
        rgb.setRGB(0, 1, 0x80102030); // half transparent; alpha is ignored
        FloatImage c = FloatImage.fromBufferedImage(rgb);
        assertThat(c.get(1, 1)).isCloseTo(0.114f * 255, within(1e-3f));
        assertThat(c.get(0, 1)).isCloseTo((float) (0.299 * 0x10 + 0.587 * 0x20 + 0.114 * 0x30), within(1e-3f));
        assertThat(c.get(1, 0)).isZero();
    }

    @Test
    void featureMapsChannelsCountsAndDescription() {
        Shape s = new Shape(3, 2, 2);
        float[] d = {0, 1, 0, 0, 2, 3, 0, 4, 0, 0, -5, 0};
        FeatureMaps m = FeatureMaps.wrap(s, d);
        assertThat(m.channels()).isEqualTo(3);
        assertThat(m.height()).isEqualTo(2);
        assertThat(m.width()).isEqualTo(2);
        assertThat(m.channel(1).data()).containsExactly(2f, 3f, 0f, 4f);
        assertThat(m.channel(2).data()).containsExactly(0f, 0f, -5f, 0f);
        assertThat(m.channel(2).width()).isEqualTo(2);
        m.channel(1).data()[0] = 99; // a copy
        assertThat(m.get(1, 0, 0)).isEqualTo(2f);
        assertThat(m.get(2, 1, 0)).isEqualTo(-5f);
        assertThat(m.countNonZero()).isEqualTo(5);
        assertThat(m).hasToString("FeatureMaps[3x2x2]");
        assertThatThrownBy(() -> m.channel(3)).isInstanceOf(IndexOutOfBoundsException.class);
        FeatureMaps z = FeatureMaps.zeros(new Shape(2, 1, 3));
        assertThat(z.data()).hasSize(6).containsOnly(0f);
        assertThat(z.countNonZero()).isZero();
    }
}
