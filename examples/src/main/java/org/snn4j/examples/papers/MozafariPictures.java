package org.snn4j.examples.papers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snn4j.Shape;
import org.snn4j.encoding.filter.Kernel;
import org.snn4j.io.ModelData;
import org.snn4j.plot.ColorMap;
import org.snn4j.plot.ConfusionMatrixPlot;
import org.snn4j.plot.Figure;
import org.snn4j.plot.LineChart;
import org.snn4j.plot.Normalisation;
import org.snn4j.plot.Png;
import org.snn4j.plot.WeightGrid;

/**
 * The pictures of a {@link Mozafari2019} run, the ones the paper and SpykeTorch's tutorial show:
 * <ul>
 *   <li>{@code conv1-features.png}: each conv1 feature reconstructed back to the input, the sum of the DoG kernels
 *       weighted by its 6 x 5 x 5 weights ({@link #conv1Features}): oriented strokes and edges;</li>
 *   <li>{@code conv2-features.png}: each conv2 feature reconstructed through pool1 (2 x 2, stride 2) and the conv1
 *       features ({@link #conv2Features}): corners, curves and stroke pieces;</li>
 *   <li>{@code accuracy.png}: training and test accuracy per R-STDP epoch;</li>
 *   <li>{@code confusion.png}: the final test decisions (rows true digit, columns decision).</li>
 * </ul>
 * The weights are read from {@link Mozafari2019Composed#toModelData()} (the saved-model arrays), so the pictures of a
 * loaded model are the same as those of the run that trained it.
 */
final class MozafariPictures {
    private MozafariPictures() {
    }

    /**
     * Writes the pictures into {@code dir}.
     *
     * @param decided the final test decision per digit, -1 for silent
     * @param labels  the true test labels
     * @return the files written
     */
    static List<Path> write(Path dir, ModelData model, List<Kernel> dog, List<Mozafari2019.Epoch> epochs,
                            int[] decided, int[] labels) throws IOException {
        List<Path> files = new ArrayList<>();
        float[] w1 = model.array("conv1.weights", 30, 6, 5, 5);
        float[] w2 = model.array("conv2.weights", 250, 30, 3, 3);
        int s1 = conv1Side(dog);
        float[] f1 = conv1Features(w1, 30, dog);
        float[] f2 = conv2Features(w2, 250, 30, f1, s1);
        int s2 = s1 + 5;
        files.add(Png.write(Figure.titled("conv1: the 30 features reconstructed through the DoG filters "
                + "(white: prefers light, black: prefers dark, grey: indifferent)", WeightGrid.tiles(symmetric(f1, 30),
                new Shape(1, s1, s1), 30, Normalisation.NONE, ColorMap.GRAY, 4, 10)), dir.resolve("conv1-features.png")));
        files.add(Png.write(Figure.titled("conv2: the 250 features reconstructed through pool1, conv1 and the DoG "
                + "filters", WeightGrid.tiles(symmetric(f2, 250), new Shape(1, s2, s2), 250, Normalisation.NONE,
                ColorMap.GRAY, 2, 25)), dir.resolve("conv2-features.png")));
        if (!epochs.isEmpty()) {
            double[] x = new double[epochs.size()];
            double[] train = new double[epochs.size()];
            double[] test = new double[epochs.size()];
            for (int i = 0; i < x.length; i++) {
                Mozafari2019.Epoch e = epochs.get(i);
                x[i] = e.epoch();
                train[i] = 100 * e.trainCorrect();
                test[i] = 100 * e.testCorrect();
            }
            files.add(Png.write(LineChart.of("conv3 R-STDP: accuracy per epoch", "R-STDP epoch", "accuracy (%)",
                    List.of(new LineChart.Series("training (while learning)", x, train),
                            new LineChart.Series("test (" + labels.length + " digits)", x, test)), Double.NaN,
                    Double.NaN, 720, 400), dir.resolve("accuracy.png")));
        }
        int[][] confusion = new int[10][10];
        int silent = 0;
        int right = 0;
        for (int i = 0; i < decided.length; i++) {
            if (decided[i] < 0) {
                silent++;
            } else {
                confusion[labels[i]][decided[i]]++;
                right += decided[i] == labels[i] ? 1 : 0;
            }
        }
        files.add(Png.write(Figure.titled(String.format(Locale.ROOT, "test digits: %.2f %% right, %d silent "
                + "(rows: true digit, columns: decision)", 100.0 * right / Math.max(1, decided.length), silent),
                ConfusionMatrixPlot.of(confusion, null, 36)), dir.resolve("confusion.png")));
        return files;
    }

    /**
     * Each of the {@code tiles} pictures scaled on its own to [0, 1] around zero: {@code 0.5 + 0.5 v / max |v|}, so
     * that zero is the same grey in every tile.
     */
    static float[] symmetric(float[] v, int tiles) {
        int per = v.length / tiles;
        float[] out = new float[v.length];
        for (int t = 0; t < tiles; t++) {
            float max = 0f;
            for (int i = 0; i < per; i++) {
                max = Math.max(max, Math.abs(v[t * per + i]));
            }
            for (int i = 0; i < per; i++) {
                out[t * per + i] = max > 0f ? 0.5f + 0.5f * v[t * per + i] / max : 0.5f;
            }
        }
        return out;
    }

    /** Side of a reconstructed conv1 feature: 5 + the largest DoG kernel - 1. */
    static int conv1Side(List<Kernel> dog) {
        int k = 0;
        for (int c = 0; c < dog.size(); c++) {
            k = Math.max(k, dog.get(c).size());
        }
        return 5 + k - 1;
    }

    /**
     * The input-space picture of each conv1 feature: {@code R_f = sum_c sum_(y,x) w[f][c][y][x] K_c(. - (y, x))},
     * every DoG kernel {@code K_c} centred in a window of the largest kernel's size.
     *
     * @param w    conv1 weights [maps][channels][5][5]
     * @param maps number of conv1 maps
     * @param dog  one kernel per input channel
     * @return {@code maps} pictures of {@link #conv1Side} squared values, one after another
     */
    static float[] conv1Features(float[] w, int maps, List<Kernel> dog) {
        int channels = dog.size();
        int k = 5;
        int side = conv1Side(dog);
        int kMax = side - k + 1;
        float[] out = new float[maps * side * side];
        for (int f = 0; f < maps; f++) {
            for (int c = 0; c < channels; c++) {
                Kernel kc = dog.get(c);
                float[] kw = kc.weights();
                int ks = kc.size();
                int off = (kMax - ks) / 2;
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        float wv = w[((f * channels + c) * k + y) * k + x];
                        for (int i = 0; i < ks; i++) {
                            for (int j = 0; j < ks; j++) {
                                out[(f * side + y + off + i) * side + x + off + j] += wv * kw[i * ks + j];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The input-space picture of each conv2 feature: each 3 x 3 tap {@code (y, x)} of map {@code f} adds the conv1
     * feature {@code R_f}, weighted by the tap, spread over the 2 x 2 pool1 window at {@code (2y, 2x)}.
     *
     * @param w      conv2 weights [maps][conv1 maps][3][3]
     * @param maps   number of conv2 maps
     * @param inMaps number of conv1 maps
     * @param f1     the conv1 pictures ({@link #conv1Features})
     * @param s1     their side
     * @return {@code maps} pictures of side {@code s1 + 5}, one after another
     */
    static float[] conv2Features(float[] w, int maps, int inMaps, float[] f1, int s1) {
        int k = 3;
        int side = s1 + 2 * (k - 1) + 1;
        float[] out = new float[maps * side * side];
        for (int g = 0; g < maps; g++) {
            for (int f = 0; f < inMaps; f++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        float wv = 0.25f * w[((g * inMaps + f) * k + y) * k + x];
                        if (wv == 0f) {
                            continue;
                        }
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                int oy = 2 * y + dy;
                                int ox = 2 * x + dx;
                                for (int i = 0; i < s1; i++) {
                                    int o = (g * side + oy + i) * side + ox;
                                    int src = (f * s1 + i) * s1;
                                    for (int j = 0; j < s1; j++) {
                                        out[o + j] += wv * f1[src + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
