package org.snn4j.learning;

import java.util.Objects;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.SynapseKernel;

/**
 * Normalisation of the input weights of post-synaptic neurons, as Diehl &amp; Cook 2015
 * (doi:10.3389/fncom.2015.00099) do after every sample: the weights of each neuron's receptive field are
 * multiplied by {@code target / sum}, so that they sum to {@code target} (78 for their 784 inputs).
 *
 * <p>Works on any {@link PlasticLayer} through {@link PlasticLayer#updateReceptiveField} (two walks per
 * neuron: sum, then scale). The sum includes every synapse of the walk, padding ones too. Meant for dense
 * layers, where each weight belongs to one output neuron; on a convolution the kernel is shared, so
 * normalising one neuron rescales its whole feature map. A neuron whose weights sum to 0 is left unchanged.
 * Weights are scaled in float: {@code w * (float) (target / sum)}, with the sum accumulated in double.
 *
 * <p>Stateless and thread-safe; the layer's weights must not be used by other threads meanwhile.
 */
public final class WeightNormalisation {
    private WeightNormalisation() {
    }

    /**
     * Scales the receptive field of {@code post} to sum to {@code target}. Modifies {@code layer.weights()}.
     *
     * @return the sum before scaling
     */
    public static double normalise(PlasticLayer layer, LayerState state, int post, float target) {
        Objects.requireNonNull(layer, "layer");
        Objects.checkIndex(post, layer.outputShape().size());
        if (!Float.isFinite(target)) {
            throw new IllegalArgumentException("target must be finite, got " + target);
        }
        Sum sum = new Sum();
        layer.updateReceptiveField(post, state, sum);
        if (sum.total != 0.0) {
            float f = (float) (target / sum.total);
            layer.updateReceptiveField(post, state, (w, i, j) -> w * f);
        }
        return sum.total;
    }

    /** {@link #normalise} for every output neuron of the layer, in index order. */
    public static void normaliseAll(PlasticLayer layer, LayerState state, float target) {
        int n = layer.outputShape().size();
        for (int j = 0; j < n; j++) {
            normalise(layer, state, j, target);
        }
    }

    private static final class Sum implements SynapseKernel {
        double total;

        @Override
        public float newWeight(float w, int pre, int post) {
            total += w;
            return w;
        }
    }
}
