package org.snn4j.gradient;

import java.util.List;
import org.snn4j.Shape;
import org.snn4j.internal.DecayTable;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;

/**
 * Converts a trained network into core layers that run on the event-driven engine ({@link Network}).
 *
 * <p>Supported: a sequence of pairs ({@link Dense} without bias, or {@link Conv2d} without bias) followed by a
 * {@link SpikingLayer} of plain discrete LIF neurons ({@link CubaLif} with {@code currentDecay = 1}) or of SLAYER
 * SRM neurons ({@link Srm}), in spiking forward mode, optionally with {@link Flatten} (a no-op in core) between
 * them. Each pair becomes a core {@link DenseLayer} / {@link Conv2dLayer}, named as the synaptic layer, with the
 * same weights and: for LIF, a core {@link Lif} with rest 0, reset 0, threshold {@code theta}, no refractory
 * period, the same reset mode, and the membrane time constant whose per-step decay is exactly the trainer's
 * {@code 1 - voltageDecay}; for SRM, core's {@link org.snn4j.neuron.Srm} with the same parameters and step (both
 * run core's {@link org.snn4j.neuron.SrmKernels}, so the potentials are computed by the same code).
 *
 * <p>Arithmetic: with SUBTRACT reset (and NONE) a core dense layer steps every neuron every step exactly as the
 * trainer does ({@code v = decay v + sum of weights}, inputs added in ascending order), so the output spikes are
 * identical (tested for SUBTRACT and for SRM, which core steps every neuron every step too). With TO_VALUE reset core decays idle neurons lazily ({@code decay^n} from a table instead of n
 * multiplications) and core convolution sums its inputs in another order: the potentials may then differ in the
 * last bits and a spike can move when a potential lands within rounding of the threshold (tests measure the
 * agreement; for SRM convolutions only the summation order differs). Not supported (an
 * {@link IllegalArgumentException} names the layer): CUBA neurons with current memory (core has no such model),
 * biases, batch norm (fold it into the weights first), recurrent layers, pooling, dropout and ReLU layers.
 */
public final class CoreExport {
    private CoreExport() {
    }

    /**
     * Builds the core network.
     *
     * @param net a trained network of the supported form
     * @return a core network with copies of the weights
     * @throws IllegalArgumentException naming the first layer that cannot be converted
     */
    public static Network toNetwork(SpikingNetwork net) {
        List<Layer> layers = net.layers();
        Network.Builder b = Network.builder(net.inputShape(), net.dtMs());
        Shape cur = net.inputShape();
        int l = 0;
        while (l < layers.size()) {
            Layer syn = layers.get(l);
            if (syn instanceof Flatten) {
                l++;
                continue;
            }
            if (l + 1 >= layers.size() || !(layers.get(l + 1) instanceof SpikingLayer sl)) {
                throw new IllegalArgumentException("layer " + syn.name() + ": expected a Dense or Conv2d layer "
                        + "followed by a SpikingLayer");
            }
            NeuronModel lif = coreNeuron(sl, net.dtMs());
            if (syn instanceof Dense d) {
                if (d.bias() != null) {
                    throw new IllegalArgumentException("layer " + d.name() + ": core dense layers have no bias");
                }
                DenseLayer core = DenseLayer.builder(d.name(), cur, d.outputShape().size())
                        .weights(WeightInit.constant(0f)).neurons(lif).build();
                System.arraycopy(d.weights(), 0, core.weights(), 0, d.weights().length);
                b.add(core);
            } else if (syn instanceof Conv2d c) {
                if (c.bias() != null) {
                    throw new IllegalArgumentException("layer " + c.name() + ": core convolution layers have no bias");
                }
                Conv2dLayer core = Conv2dLayer.builder(c.name(), c.inputShape(), c.outputShape().channels(),
                                c.kernelSize(), c.kernelSize())
                        .stride(c.stride()).padding(c.padding()).weights(WeightInit.constant(0f)).neurons(lif)
                        .build();
                System.arraycopy(c.weights(), 0, core.weights(), 0, c.weights().length);
                b.add(core);
            } else {
                throw new IllegalArgumentException("layer " + syn.name() + " (" + syn.getClass().getSimpleName()
                        + ") has no core counterpart");
            }
            cur = sl.outputShape();
            l += 2;
        }
        return b.build();
    }

    /** The core model of a spiking layer's neurons: {@link Lif} for discrete LIF, core's SRM for {@link Srm}. */
    static NeuronModel coreNeuron(SpikingLayer layer, float dtMs) {
        if (layer.neuron() instanceof Srm srm) {
            if (srm.forwardMode() != ForwardMode.SPIKES) {
                throw new IllegalArgumentException("layer " + layer.name() + ": only spiking SRM neurons have a core "
                        + "counterpart, got forward mode " + srm.forwardMode());
            }
            if (srm.dtMs() != dtMs) {
                throw new IllegalArgumentException("layer " + layer.name() + ": the SRM neurons were built for dt "
                        + srm.dtMs() + " ms, the network runs at " + dtMs + " ms");
            }
            return new org.snn4j.neuron.Srm(srm.parameters(), dtMs);
        }
        return new Lif(lifParameters(layer, dtMs));
    }

    /**
     * Core LIF parameters whose per-step arithmetic equals the trainer's discrete LIF.
     *
     * @param layer a spiking layer of plain discrete LIF neurons
     * @param dtMs  the time step
     * @return the parameters
     */
    static LifParameters lifParameters(SpikingLayer layer, float dtMs) {
        if (!(layer.neuron() instanceof CubaLif lif) || lif.parameters().currentDecay() != 1f
                || lif.forwardMode() != ForwardMode.SPIKES) {
            throw new IllegalArgumentException("layer " + layer.name() + ": only spiking discrete LIF neurons "
                    + "(CubaLif with currentDecay 1) and SRM neurons have a core counterpart, got " + layer.neuron());
        }
        CubaLifParameters p = lif.parameters();
        float keep = 1f - p.voltageDecay();
        if (!(keep > 0f && keep < 1f)) {
            throw new IllegalArgumentException("layer " + layer.name() + ": the membrane decay per step must be in "
                    + "(0, 1) for a core LIF, got " + keep);
        }
        float tau = (float) (-dtMs / Math.log(keep));
        // nudge tau by ulps until core's decay table gives exactly the trainer's factor
        for (int k = 0; k < 64 && new DecayTable(dtMs, tau).one() != keep; k++) {
            float d = new DecayTable(dtMs, tau).one();
            tau = d < keep ? Math.nextUp(tau) : Math.nextDown(tau);
        }
        if (new DecayTable(dtMs, tau).one() != keep) {
            throw new IllegalStateException("layer " + layer.name() + ": no time constant gives the decay " + keep);
        }
        return new LifParameters(tau, 0f, 0f, p.theta(), 1f, 0f, p.reset());
    }
}
