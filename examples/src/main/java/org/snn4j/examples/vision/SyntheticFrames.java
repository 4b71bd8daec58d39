package org.snn4j.examples.vision;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snn4j.encoding.FloatImage;

/**
 * Synthetic 64x64 gray frames (pixels 0..255) for the demo's experiments: uniform noise, a fixed noise
 * motif pasted into fresh noise, and bright shapes on a dark background. Every method draws only from the
 * generator it is given (seed it for reproducible frames). Stateless and thread-safe.
 */
public final class SyntheticFrames {
    /** Frame side, 64. */
    public static final int SIZE = VisionParameters.SIZE;

    /** Which shape {@link #shape} draws. */
    public enum ShapeKind {
        /** A filled square of side {@code 2 r}. */
        SQUARE,
        /** A filled disc of radius {@code r}. */
        DISC,
        /** A plus sign of arm length {@code r} and width {@code r / 2}. */
        CROSS
    }

    private SyntheticFrames() {
    }

    /** A frame of i.i.d. uniform noise in [0, 256). */
    public static FloatImage noise(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        float[] px = new float[SIZE * SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = 256f * rng.nextFloat();
        }
        return FloatImage.wrap(SIZE, SIZE, px);
    }

    /**
     * Fresh noise with {@code motif} pasted into the centred square of side {@code patch}.
     *
     * @param motif a 64x64 frame (its centred patch is used); not modified
     * @param patch side of the pasted square, {@code 1..64}
     */
    public static FloatImage withMotif(FloatImage motif, int patch, RandomGenerator rng) {
        Objects.requireNonNull(motif, "motif");
        if (motif.width() != SIZE || motif.height() != SIZE) {
            throw new IllegalArgumentException("motif must be 64x64, got " + motif.width() + "x" + motif.height());
        }
        if (patch < 1 || patch > SIZE) {
            throw new IllegalArgumentException("patch must be in [1, 64], got " + patch);
        }
        FloatImage f = noise(rng);
        float[] px = f.data();
        float[] m = motif.data();
        int o = (SIZE - patch) / 2;
        for (int y = o; y < o + patch; y++) {
            for (int x = o; x < o + patch; x++) {
                px[y * SIZE + x] = m[y * SIZE + x];
            }
        }
        return f;
    }

    /**
     * A bright shape (255) centred at {@code (cx, cy)} on a dark background (0), plus uniform noise of
     * amplitude {@code noise} gray levels drawn from {@code rng} (0 for a clean frame).
     *
     * @param kind  the shape
     * @param cx    centre column (pixels, may be fractional, may be outside)
     * @param cy    centre row
     * @param r     size (pixels), {@code > 0}
     * @param noise noise amplitude, {@code >= 0}
     */
    public static FloatImage shape(ShapeKind kind, float cx, float cy, float r, float noise, RandomGenerator rng) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rng, "rng");
        if (!(r > 0f)) {
            throw new IllegalArgumentException("r must be > 0, got " + r);
        }
        if (!(noise >= 0f)) {
            throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        }
        float[] px = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float dx = x + 0.5f - cx;
                float dy = y + 0.5f - cy;
                boolean in;
                switch (kind) {
                    case SQUARE:
                        in = Math.abs(dx) <= r && Math.abs(dy) <= r;
                        break;
                    case DISC:
                        in = dx * dx + dy * dy <= r * r;
                        break;
                    default:
                        in = Math.abs(dx) <= r && Math.abs(dy) <= r / 4 || Math.abs(dy) <= r && Math.abs(dx) <= r / 4;
                        break;
                }
                float v = in ? 255f : 0f;
                if (noise > 0f) {
                    v += noise * rng.nextFloat();
                    v = Math.min(v, 255f);
                }
                px[y * SIZE + x] = v;
            }
        }
        return FloatImage.wrap(SIZE, SIZE, px);
    }
}
