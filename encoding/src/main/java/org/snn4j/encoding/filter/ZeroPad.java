package org.snn4j.encoding.filter;

import org.snn4j.Shape;
import org.snn4j.encoding.FeatureMaps;

/**
 * Surrounds every channel with zeros: {@code H x W -> (H + top + bottom) x (W + left + right)}. Immutable
 * and thread-safe.
 *
 * @param top    rows added above, {@code >= 0}
 * @param bottom rows added below, {@code >= 0}
 * @param left   columns added on the left, {@code >= 0}
 * @param right  columns added on the right, {@code >= 0}
 */
public record ZeroPad(int top, int bottom, int left, int right) implements MapFilter {

    /** Checks every side. */
    public ZeroPad {
        check("top", top);
        check("bottom", bottom);
        check("left", left);
        check("right", right);
    }

    /** The same padding on all four sides. */
    public static ZeroPad of(int padding) {
        return new ZeroPad(padding, padding, padding, padding);
    }

    private static void check(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    @Override
    public Shape outputShape(Shape in) {
        return new Shape(in.channels(), in.height() + top + bottom, in.width() + left + right);
    }

    @Override
    public FeatureMaps apply(FeatureMaps input) {
        Shape s = input.shape();
        Shape o = outputShape(s);
        float[] in = input.data();
        float[] out = new float[o.size()];
        int w = s.width();
        for (int c = 0; c < s.channels(); c++) {
            for (int y = 0; y < s.height(); y++) {
                System.arraycopy(in, s.index(c, y, 0), out, o.index(c, y + top, left), w);
            }
        }
        return FeatureMaps.wrap(o, out);
    }
}
