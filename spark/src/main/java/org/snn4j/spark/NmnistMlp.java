package org.snn4j.spark;

import org.snn4j.Shape;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.CubaLif;
import org.snn4j.gradient.CubaLifParameters;
import org.snn4j.gradient.ForwardMode;
import org.snn4j.gradient.ResetGradient;
import org.snn4j.gradient.Surrogate;
import org.snn4j.gradient.SurrogateNeuron;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.SpikeCountLoss;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Srm;
import org.snn4j.neuron.SrmParameters;
import org.snn4j.gradient.Trainer;
import org.snn4j.neuron.ResetMode;

/**
 * The N-MNIST multilayer perceptron of slayerPytorch's example (the {@code slayer-nmnist-mlp} example of
 * snn4j-examples) with a chosen input, hidden size, time step and neuron, as a
 * {@link DataParallelTraining.TrainerFactory}: dense {@code inputs -> hidden -> classes} without bias (weights uniform
 * in +-10/sqrt(fan-in)), a spiking layer after each, the spike-count loss with 60 / 10 target spikes per 300 ms
 * scaled to the window, Adam (AMSGrad) at a constant learning rate.
 *
 * @param neuron  SLAYER's SRM neurons (the example's), or LIF neurons that {@code CoreExport} turns into a core
 *                network for the event-driven engine ({@link CoreNetworkModel})
 * @param channels input channels (2 for split polarities)
 * @param height  input height (the sensor's, after the transforms)
 * @param width   input width
 * @param hidden  hidden neurons, &gt;= 1
 * @param classes output neurons, &gt;= 2
 * @param steps   time steps, &gt;= 1
 * @param dtMs    step length, ms, &gt; 0
 * @param lr      learning rate, &gt; 0
 * @param seed    weight, shuffling and dropout seed
 */
public record NmnistMlp(Neuron neuron, int channels, int height, int width, int hidden, int classes, int steps, float dtMs, float lr, long seed)
        implements DataParallelTraining.TrainerFactory {

    /** The spiking neurons of both layers. */
    public enum Neuron {
        /** SLAYER's spike-response model ({@link Srm#slayer}), as slayerPytorch's example. */
        SRM,
        /**
         * Discrete LIF, retention 0.9 per step, threshold 1, reset by subtraction, fast-sigmoid surrogate; exported
         * to core with identical output spikes ({@code CoreExport}).
         */
        LIF
    }

    /** Checks every field. */
    public NmnistMlp {
        java.util.Objects.requireNonNull(neuron, "neuron");
        if (hidden < 1 || classes < 2 || steps < 1 || !(dtMs > 0) || !(lr > 0)) {
            throw new IllegalArgumentException("need hidden >= 1, classes >= 2, steps >= 1, dtMs > 0, lr > 0; got "
                    + hidden + ", " + classes + ", " + steps + ", " + dtMs + ", " + lr);
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("input must be >= 1 x 1 x 1, got " + channels + " x " + height + " x "
                    + width);
        }
    }

    /** The input shape, {@code channels x height x width}. */
    public Shape input() {
        return new Shape(channels, height, width);
    }

    /** The network, weights from the seed. */
    public SpikingNetwork network() {
        SurrogateNeuron spiking = neuron == Neuron.SRM ? Srm.slayer(SrmParameters.slayerNmnist(), dtMs, 1f, 1f)
                : new CubaLif(CubaLifParameters.lif(0.9f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(2f),
                        ForwardMode.SPIKES, ResetGradient.DETACHED);
        Shape input = input();
        return SpikingNetwork.builder(input, steps, dtMs)
                .add(new Dense("fc1", input, hidden, false, Init.uniform(10f), seed))
                .add(new SpikingLayer("spike1", Shape.flat(hidden), spiking))
                .add(new Dense("fc2", Shape.flat(hidden), classes, false, Init.uniform(10f), seed + 1))
                .add(new SpikingLayer("spike2", Shape.flat(classes), spiking))
                .build();
    }

    /** The target spike counts of SLAYER's example (60 true, 10 false per 300 ms), scaled to this window. */
    SpikeCountLoss loss() {
        float window = steps * dtMs / 300f;
        return SpikeCountLoss.slayer(steps, 60f * window, 10f * window);
    }

    @Override
    public Trainer create(int batchSize, int threads) {
        return new Trainer(network(), loss(), Adam.defaults(true), LearningRate.constant(lr), batchSize, threads,
                seed);
    }
}
