package org.snn4j.gradient;

/**
 * Cross-entropy of the softmax of the output spike counts: {@code L = -log softmax(beta c)_label}, with
 * {@code c_o = sum_t s_o[t]} over all steps; {@code dL/ds_o[t] = beta (p_o - [o = label])}.
 *
 * @param beta inverse temperature applied to the counts, &gt; 0
 */
public record CountCrossEntropy(float beta) implements Loss {

    /** Checks the parameter. */
    public CountCrossEntropy {
        if (!(beta > 0f) || !Float.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        }
    }

    @Override
    public float loss(Tensor output, int label, Tensor grad, float scale) {
        int n = output.size();
        Loss.checkLabel(label, n);
        float[] c = new float[n];
        output.sumOverTime(0, output.steps(), c);
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < n; o++) {
            max = Math.max(max, beta * c[o]);
        }
        double sum = 0;
        for (int o = 0; o < n; o++) {
            sum += Math.exp(beta * c[o] - max);
        }
        float[] g = grad.data();
        int steps = output.steps();
        for (int o = 0; o < n; o++) {
            double p = Math.exp(beta * c[o] - max) / sum;
            float go = (float) (scale * beta * (p - (o == label ? 1 : 0)));
            for (int t = 0; t < steps; t++) {
                g[t * n + o] = go;
            }
        }
        grad.markDense();
        return (float) (max + Math.log(sum) - beta * c[label]);
    }

    @Override
    public int predict(Tensor output) {
        int n = output.size();
        float[] c = new float[n];
        output.sumOverTime(0, output.steps(), c);
        return Loss.argmax(c, n);
    }
}
