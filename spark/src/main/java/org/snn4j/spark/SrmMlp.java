package org.snn4j.spark;

import org.snn4j.Shape;
import org.snn4j.gradient.Adam;
import org.snn4j.gradient.Dense;
import org.snn4j.gradient.Init;
import org.snn4j.gradient.LearningRate;
import org.snn4j.gradient.SpikeCountLoss;
import org.snn4j.gradient.SpikingLayer;
import org.snn4j.gradient.SpikingNetwork;
import org.snn4j.gradient.Srm;
import org.snn4j.gradient.SrmParameters;
import org.snn4j.gradient.Trainer;

/**
 * The N-MNIST multilayer perceptron of slayerPytorch's example (the {@code slayer-nmnist-mlp} example of
 * snn4j-examples) with a chosen input, hidden size and time step, as a {@link DataParallelTraining.TrainerFactory}:
 * dense {@code inputs -> hidden -> classes} without bias (weights uniform in +-10/sqrt(fan-in)), SLAYER SRM neurons
 * after each, the spike-count loss with 60 / 10 target spikes per 300 ms scaled to the window, Adam (AMSGrad) at a
 * constant learning rate.
 *
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
public record SrmMlp(int channels, int height, int width, int hidden, int classes, int steps, float dtMs, float lr, long seed)
        implements DataParallelTraining.TrainerFactory {

    /** Checks every field. */
    public SrmMlp {
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
        Srm srm = Srm.slayer(SrmParameters.slayerNmnist(), dtMs, 1f, 1f);
        Shape input = input();
        return SpikingNetwork.builder(input, steps, dtMs)
                .add(new Dense("fc1", input, hidden, false, Init.uniform(10f), seed))
                .add(new SpikingLayer("srm1", Shape.flat(hidden), srm))
                .add(new Dense("fc2", Shape.flat(hidden), classes, false, Init.uniform(10f), seed + 1))
                .add(new SpikingLayer("srm2", Shape.flat(classes), srm))
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
