package org.snn4j.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.snn4j.Shape;
import org.snn4j.neuron.ResetMode;

/**
 * Every parameter check of the gradient module at both sides of its boundary (issue 17): the last accepted value
 * is accepted and the first refused one gives an {@link IllegalArgumentException} whose message names the
 * parameter and the value.
 */
class ArgumentChecksTest {
    private static final float BELOW_ONE = Math.nextDown(1f);
    private static final float BELOW_ZERO = -Float.MIN_VALUE;

    private static void ok(Executable e) {
        assertThatCode(e::execute).doesNotThrowAnyException();
    }

    private static void bad(String message, Executable e) {
        assertThatThrownBy(e::execute).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void optimisers() {
        ok(() -> new Adam(0f, 0f, Float.MIN_VALUE, false, 0f));
        ok(() -> new Adam(BELOW_ONE, BELOW_ONE, 1f, true, 5f));
        bad("beta1 must be in [0, 1), got 1.0", () -> new Adam(1f, 0.5f, 1e-8f, false, 0f));
        bad("beta1 must be in [0, 1), got -1.4E-45", () -> new Adam(BELOW_ZERO, 0.5f, 1e-8f, false, 0f));
        bad("beta1 must be in [0, 1), got NaN", () -> new Adam(Float.NaN, 0.5f, 1e-8f, false, 0f));
        bad("beta2 must be in [0, 1), got 1.0", () -> new Adam(0.5f, 1f, 1e-8f, false, 0f));
        bad("beta2 must be in [0, 1), got -1.4E-45", () -> new Adam(0.5f, BELOW_ZERO, 1e-8f, false, 0f));
        bad("eps must be > 0, got 0.0", () -> new Adam(0.5f, 0.5f, 0f, false, 0f));
        bad("weightDecay must be >= 0, got -1.4E-45", () -> new Adam(0.5f, 0.5f, 1e-8f, false, BELOW_ZERO));
        bad("weightDecay must be >= 0, got NaN", () -> new Adam(0.5f, 0.5f, 1e-8f, false, Float.NaN));
        Adam d = Adam.defaults(true);
        assertThat(new float[] {d.beta1(), d.beta2(), d.eps(), d.weightDecay()}).containsExactly(0.9f, 0.999f, 1e-8f, 0f);
        assertThat(d.amsgrad()).isTrue();
        assertThat(Adam.defaults(false).amsgrad()).isFalse();
        ok(() -> new Sgd(0f, 0f, false));
        ok(() -> new Sgd(BELOW_ONE, 1f, true));
        bad("momentum must be in [0, 1), got 1.0", () -> new Sgd(1f, 0f, false));
        bad("momentum must be in [0, 1), got -1.4E-45", () -> new Sgd(BELOW_ZERO, 0f, false));
        bad("weightDecay must be >= 0, got -1.4E-45", () -> new Sgd(0f, BELOW_ZERO, false));
    }

    @Test
    void learningRatesAndInitialisers() {
        bad("rate must be > 0, got 0.0", () -> LearningRate.constant(0f));
        bad("rate must be > 0, got NaN", () -> LearningRate.step(Float.NaN, 1, 0.5f));
        bad("stepEpochs must be >= 1, got 0", () -> LearningRate.step(1f, 0, 0.5f));
        bad("gamma must be > 0, got 0.0", () -> LearningRate.step(1f, 1, 0f));
        assertThat(LearningRate.constant(0.25f).at(7)).isEqualTo(0.25f);
        LearningRate s = LearningRate.step(0.8f, 3, 0.5f);
        assertThat(new float[] {s.at(0), s.at(2), s.at(3), s.at(5), s.at(6)}).containsExactly(0.8f, 0.8f, 0.4f, 0.4f, 0.2f);
        assertThat(LearningRate.step(0.8f, 1, 0.5f).at(2)).isEqualTo(0.2f);
        bad("gain must be > 0, got 0.0", () -> Init.uniform(0f));
        bad("gain must be > 0, got -1.0", () -> Init.normal(-1f));
        // uniform in (-gain / sqrt(fanIn), gain / sqrt(fanIn)), mean near 0, spread near the bound / sqrt(3)
        float[] w = new float[20_000];
        Init.uniform(2f).fill(w, 16, 3, new java.util.SplittableRandom(1));
        double sum = 0;
        double sq = 0;
        float max = 0;
        for (float v : w) {
            sum += v;
            sq += v * v;
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isLessThanOrEqualTo(0.5f).isGreaterThan(0.49f);
        assertThat(sum / w.length).isBetween(-0.01, 0.01);
        assertThat(Math.sqrt(sq / w.length)).isBetween(0.5 / Math.sqrt(3) * 0.97, 0.5 / Math.sqrt(3) * 1.03);
        // normal with standard deviation gain / sqrt(fanIn)
        Init.normal(2f).fill(w, 16, 3, new java.util.SplittableRandom(2));
        sum = 0;
        sq = 0;
        for (float v : w) {
            sum += v;
            sq += v * v;
        }
        assertThat(sum / w.length).isBetween(-0.01, 0.01);
        assertThat(Math.sqrt(sq / w.length)).isBetween(0.5 * 0.97, 0.5 * 1.03);
        Init.constant(1.5f).fill(w, 16, 3, null);
        assertThat(w[0]).isEqualTo(1.5f);
        assertThat(w[w.length - 1]).isEqualTo(1.5f);
    }

    @Test
    void neuronsAndSurrogates() {
        ok(() -> new CubaLifParameters(0f, 1f, Float.MIN_VALUE, ResetMode.SUBTRACT));
        ok(() -> new CubaLifParameters(1f, 0f, Float.MAX_VALUE, ResetMode.TO_VALUE));
        bad("currentDecay must be in [0, 1], got -1.4E-45", () -> new CubaLifParameters(BELOW_ZERO, 0f, 1f, ResetMode.SUBTRACT));
        bad("currentDecay must be in [0, 1], got 1.0000001", () -> new CubaLifParameters(Math.nextUp(1f), 0f, 1f, ResetMode.SUBTRACT));
        bad("voltageDecay must be in [0, 1], got -1.4E-45", () -> new CubaLifParameters(0f, BELOW_ZERO, 1f, ResetMode.SUBTRACT));
        bad("voltageDecay must be in [0, 1], got 1.0000001", () -> new CubaLifParameters(0f, Math.nextUp(1f), 1f, ResetMode.SUBTRACT));
        bad("theta must be finite and > 0, got 0.0", () -> new CubaLifParameters(0f, 0f, 0f, ResetMode.SUBTRACT));
        bad("theta must be finite and > 0, got Infinity",
                () -> new CubaLifParameters(0f, 0f, Float.POSITIVE_INFINITY, ResetMode.SUBTRACT));
        bad("beta must be in [0, 1], got 1.0000001", () -> CubaLifParameters.lif(Math.nextUp(1f), 1f, ResetMode.SUBTRACT));
        bad("beta must be in [0, 1], got -1.4E-45", () -> CubaLifParameters.lif(BELOW_ZERO, 1f, ResetMode.SUBTRACT));
        ok(() -> CubaLifParameters.lif(0f, 1f, ResetMode.SUBTRACT));
        ok(() -> CubaLifParameters.lif(1f, 1f, ResetMode.SUBTRACT));
        bad("tauCurrentMs, tauVoltageMs and dtMs must be > 0, got 0.0, 1.0, 1.0",
                () -> CubaLifParameters.fromTimeConstants(0f, 1f, 1f, 1f, ResetMode.SUBTRACT));
        bad("tauCurrentMs, tauVoltageMs and dtMs must be > 0, got 1.0, 0.0, 1.0",
                () -> CubaLifParameters.fromTimeConstants(1f, 0f, 1f, 1f, ResetMode.SUBTRACT));
        bad("tauCurrentMs, tauVoltageMs and dtMs must be > 0, got 1.0, 1.0, 0.0",
                () -> CubaLifParameters.fromTimeConstants(1f, 1f, 0f, 1f, ResetMode.SUBTRACT));
        // decays 1 - exp(-dt / tau)
        CubaLifParameters p = CubaLifParameters.fromTimeConstants(5f, 20f, 1f, 1f, ResetMode.SUBTRACT);
        assertThat(p.currentDecay()).isCloseTo((float) (1 - Math.exp(-0.2)), org.assertj.core.api.Assertions.within(1e-7f));
        assertThat(p.voltageDecay()).isCloseTo((float) (1 - Math.exp(-0.05)), org.assertj.core.api.Assertions.within(1e-7f));
        bad("tauRho must be > 0, got 0.0", () -> Surrogate.slayer(0f, 1f, 1f));
        bad("scaleRho must be > 0, got 0.0", () -> Surrogate.slayer(1f, 0f, 1f));
        bad("theta must be > 0, got 0.0", () -> Surrogate.slayer(1f, 1f, 0f));
        Surrogate.Exponential e = Surrogate.slayer(0.5f, 2f, 4f);
        assertThat(e.width()).isEqualTo(2f);
        assertThat(e.height()).isEqualTo(1f);
        bad("width must be finite and > 0, got 0.0", () -> new Surrogate.Exponential(0f, 1f));
        bad("width must be finite and > 0, got Infinity", () -> new Surrogate.Exponential(Float.POSITIVE_INFINITY, 1f));
        bad("height must be finite and > 0, got 0.0", () -> new Surrogate.Exponential(1f, 0f));
        bad("height must be finite and > 0, got Infinity", () -> new Surrogate.Exponential(1f, Float.POSITIVE_INFINITY));
        bad("slope must be finite and > 0, got 0.0", () -> new Surrogate.FastSigmoid(0f));
        bad("slope must be finite and > 0, got Infinity", () -> new Surrogate.FastSigmoid(Float.POSITIVE_INFINITY));
        bad("alpha must be finite and > 0, got 0.0", () -> new Surrogate.Arctan(0f));
        bad("alpha must be finite and > 0, got Infinity", () -> new Surrogate.Arctan(Float.POSITIVE_INFINITY));
        bad("beta must be finite and > 0, got 0.0", () -> new CountCrossEntropy(0f));
        bad("beta must be finite and > 0, got Infinity", () -> new CountCrossEntropy(Float.POSITIVE_INFINITY));
        bad("need steps >= 1, n >= 1, saved >= 0, carried >= 0, got 0, 1, 0, 0", () -> new NeuronTrace(0, 1, 0, 0));
        bad("need steps >= 1, n >= 1, saved >= 0, carried >= 0, got 1, 0, 0, 0", () -> new NeuronTrace(1, 0, 0, 0));
        bad("need steps >= 1, n >= 1, saved >= 0, carried >= 0, got 1, 1, -1, 0", () -> new NeuronTrace(1, 1, -1, 0));
        bad("need steps >= 1, n >= 1, saved >= 0, carried >= 0, got 1, 1, 0, -1", () -> new NeuronTrace(1, 1, 0, -1));
        ok(() -> new NeuronTrace(1, 1, 0, 0));
    }

    @Test
    void layers() {
        Shape img = new Shape(2, 5, 4);
        bad("fc: nOut must be >= 1, got 0", () -> new Dense("fc", img, 0, false, Init.constant(0f), 1));
        ok(() -> new Dense("fc", img, 1, false, Init.constant(0f), 1));
        String conv = "c: need outChannels >= 1, k >= 1, stride >= 1, padding >= 0, got ";
        bad(conv + "0, 3, 1, 0", () -> new Conv2d("c", img, 0, 3, 1, 0, false, Init.constant(0f), 1));
        bad(conv + "1, 0, 1, 0", () -> new Conv2d("c", img, 1, 0, 1, 0, false, Init.constant(0f), 1));
        bad(conv + "1, 3, 0, 0", () -> new Conv2d("c", img, 1, 3, 0, 0, false, Init.constant(0f), 1));
        bad(conv + "1, 3, 1, -1", () -> new Conv2d("c", img, 1, 3, 1, -1, false, Init.constant(0f), 1));
        bad("c: kernel 5 is larger than the padded input 5x4 + 2x0",
                () -> new Conv2d("c", img, 1, 5, 1, 0, false, Init.constant(0f), 1));
        bad("c: kernel 7 is larger than the padded input 5x4 + 2x1",
                () -> new Conv2d("c", img, 1, 7, 1, 1, false, Init.constant(0f), 1));
        // k equal to the padded size fits: one output position per dimension
        assertThat(new Conv2d("c", img, 3, 4, 1, 0, false, Init.constant(0f), 1).outputShape()).isEqualTo(new Shape(3, 2, 1));
        assertThat(new Conv2d("c", img, 3, 6, 1, 1, false, Init.constant(0f), 1).outputShape()).isEqualTo(new Shape(3, 2, 1));
        assertThat(new Conv2d("c", img, 1, 3, 2, 1, false, Init.constant(0f), 1).outputShape()).isEqualTo(new Shape(1, 3, 2));
        bad("p: k must be in [1, 4], got 0", () -> new Pool2d("p", img, 0, Pool2d.Mode.SUM));
        bad("p: k must be in [1, 4], got 5", () -> new Pool2d("p", img, 5, Pool2d.Mode.SUM));
        bad("p: k must be in [1, 3], got 4", () -> new Pool2d("p", new Shape(1, 3, 6), 4, Pool2d.Mode.SUM));
        assertThat(new Pool2d("p", img, 4, Pool2d.Mode.AVERAGE).outputShape()).isEqualTo(new Shape(2, 1, 1));
        assertThat(new Pool2d("p", img, 2, Pool2d.Mode.SUM).outputShape()).isEqualTo(new Shape(2, 2, 2));
        bad("d: rate must be in [0, 1), got 1.0", () -> new Dropout("d", img, 1f));
        bad("d: rate must be in [0, 1), got -1.4E-45", () -> new Dropout("d", img, BELOW_ZERO));
        ok(() -> new Dropout("d", img, 0f));
        ok(() -> new Dropout("d", img, BELOW_ONE));
        SurrogateNeuron lif = CubaLif.of(CubaLifParameters.lif(0.9f, 1f, ResetMode.SUBTRACT), new Surrogate.FastSigmoid(1f));
        bad("r: n must be >= 1, got 0", () -> new RecurrentSpiking("r", img, 0, lif, Init.constant(0f), Init.constant(0f), 1));
        bad("w: every dimension must be >= 1, got [2, 0]", () -> new Parameter("w", new int[] {2, 0}, new float[0]));
        bad("w: shape [2, 3] holds 6 values, the array has 5", () -> new Parameter("w", new int[] {2, 3}, new float[5]));
        ok(() -> new Parameter("w", new int[] {2, 3}, new float[6]));
        ok(() -> new Parameter("w", new int[] {}, new float[1]));
    }

    @Test
    void lossesNetworksAndTrainers() {
        bad("window must satisfy 0 <= from < to, got [-1, 3)", () -> new SpikeCountLoss(-1, 3, 1f, 0f,
                SpikeCountLoss.Normalisation.COUNT));
        bad("window must satisfy 0 <= from < to, got [3, 3)", () -> new SpikeCountLoss(3, 3, 1f, 0f,
                SpikeCountLoss.Normalisation.COUNT));
        ok(() -> new SpikeCountLoss(0, 1, 1f, 0f, SpikeCountLoss.Normalisation.COUNT));
        bad("targets must be finite, got NaN, 0.0", () -> new SpikeCountLoss(0, 3, Float.NaN, 0f,
                SpikeCountLoss.Normalisation.COUNT));
        bad("targets must be finite, got 1.0, Infinity", () -> new SpikeCountLoss(0, 3, 1f, Float.POSITIVE_INFINITY,
                SpikeCountLoss.Normalisation.COUNT));
        bad("errorTauSteps must be finite and >= 0, got -1.0", () -> new SpikeCountLoss(0, 3, 1f, 0f,
                SpikeCountLoss.Normalisation.COUNT, -1f));
        bad("errorTauSteps must be finite and >= 0, got Infinity", () -> new SpikeCountLoss(0, 3, 1f, 0f,
                SpikeCountLoss.Normalisation.COUNT, Float.POSITIVE_INFINITY));
        ok(() -> new SpikeCountLoss(0, 3, 1f, 0f, SpikeCountLoss.Normalisation.COUNT, 0f));
        bad("tauSrSteps must be > 0, got 0.0", () -> SpikeCountLoss.slayer(10, 6f, 1f, 0f));
        SpikeCountLoss loss = new SpikeCountLoss(0, 4, 2f, 0f, SpikeCountLoss.Normalisation.COUNT);
        Tensor out = new Tensor(3, Shape.flat(2));
        bad("window end 4 is past the sample's 3 steps", () -> loss.loss(out, 0, new Tensor(3, Shape.flat(2)), 1f));
        Tensor out4 = new Tensor(4, Shape.flat(2));
        bad("label must be in [0, 2), got 2", () -> loss.loss(out4, 2, new Tensor(4, Shape.flat(2)), 1f));
        bad("label must be in [0, 2), got -1", () -> loss.loss(out4, -1, new Tensor(4, Shape.flat(2)), 1f));

        bad("steps must be >= 1, got 0", () -> SpikingNetwork.builder(Shape.flat(2), 0, 1f));
        bad("dtMs must be finite and > 0, got 0.0", () -> SpikingNetwork.builder(Shape.flat(2), 1, 0f));
        bad("dtMs must be finite and > 0, got Infinity", () -> SpikingNetwork.builder(Shape.flat(2), 1, Float.POSITIVE_INFINITY));
        assertThatThrownBy(() -> SpikingNetwork.builder(Shape.flat(2), 1, 1f).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("a network needs at least one layer");
        assertThatThrownBy(() -> SpikingNetwork.builder(Shape.flat(2), 1, 1f)
                .add(new Dense("a", Shape.flat(3), 1, false, Init.constant(0f), 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("layer a expects input");
        assertThatThrownBy(() -> SpikingNetwork.builder(Shape.flat(2), 1, 1f)
                .add(new Dense("a", Shape.flat(2), 2, false, Init.constant(0f), 1))
                .add(new Dense("a", Shape.flat(2), 1, false, Init.constant(0f), 1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layer name a is used twice");

        SpikingNetwork net = SpikingNetwork.builder(Shape.flat(2), 3, 1f)
                .add(new Dense("a", Shape.flat(2), 2, false, Init.constant(0.5f), 1)).build();
        Optimiser adam = Adam.defaults(false);
        LearningRate lr = LearningRate.constant(0.1f);
        bad("batchSize must be >= 1, got 0", () -> new Trainer(net, loss, adam, lr, 0, 1, 1));
        bad("threads must be >= 1, got 0", () -> new Trainer(net, loss, adam, lr, 1, 0, 1));
        Trainer t = new Trainer(net, new SpikeCountLoss(0, 3, 2f, 0f, SpikeCountLoss.Normalisation.COUNT), adam, lr,
                2, 1, 1);
        bad("n must be >= 0, got -1", () -> t.epochOrder(-1, 0));
        assertThat(t.epochOrder(0, 0)).isEmpty();
        int[] order = t.epochOrder(5, 3);
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(t.epochOrder(5, 3)).isEqualTo(order);
        bad("count must be in [1, 2], got 0", () -> t.trainBatch(null, new int[] {0}, 0, 0, 0));
        bad("count must be in [1, 2], got 3", () -> t.trainBatch(null, new int[] {0, 1, 2}, 0, 3, 0));
        bad("count must be in [1, 2], got 0", () -> t.shareGradient(null, new int[] {0}, 0, 0, 2, 0));
        bad("count must be in [1, 2], got 3", () -> t.shareGradient(null, new int[] {0, 1, 2}, 0, 3, 3, 0));
        bad("batchSize must be >= count = 2, got 1", () -> t.shareGradient(null, new int[] {0, 1}, 0, 2, 1, 0));
        bad("batch must have 1 to 2 samples, got 0", () -> t.gradient(null, new int[0], 0));
        bad("batch must have 1 to 2 samples, got 3", () -> t.gradient(null, new int[3], 0));
    }

    @Test
    void tensors() {
        bad("steps must be >= 1, got 0", () -> new Tensor(0, Shape.flat(1)));
        Tensor t = new Tensor(2, Shape.flat(3));
        bad("count must be in [0, 2], got 3", () -> t.setEvents(new int[2], new int[3], 3));
        bad("count must be in [0, 2], got -1", () -> t.setEvents(new int[3], new int[2], -1));
        bad("event 1: step must be in [0, 2), got 2", () -> t.setEvents(new int[] {0, 2}, new int[] {0, 0}, 2));
        bad("event 0: step must be in [0, 2), got -1", () -> t.setEvents(new int[] {-1}, new int[] {0}, 1));
        bad("event 0: index must be in [0, 3), got 3", () -> t.setEvents(new int[] {1}, new int[] {3}, 1));
        bad("event 0: index must be in [0, 3), got -1", () -> t.setEvents(new int[] {1}, new int[] {-1}, 1));
        bad("offsets must have 3 entries from 0 to at most 2, got 2 entries", () -> t.setSpikes(new int[] {0, 1}, new int[2]));
        bad("offsets must have 3 entries from 0 to at most 2, got 3 entries", () -> t.setSpikes(new int[] {1, 1, 2}, new int[2]));
        bad("offsets must have 3 entries from 0 to at most 2, got 3 entries", () -> t.setSpikes(new int[] {0, 1, 3}, new int[2]));
        bad("offsets must be non-decreasing, offsets[2] = 1 < 2", () -> t.setSpikes(new int[] {0, 2, 1}, new int[] {0, 1}));
        bad("inputs[1] at step 0 must be in (1, 3), got 1", () -> t.setSpikes(new int[] {0, 2, 2}, new int[] {1, 1}));
        bad("inputs[1] at step 1 must be in (-1, 3), got 3", () -> t.setSpikes(new int[] {0, 1, 2}, new int[] {0, 3}));
        bad("cannot copy 3 x 3 into 2 x 3", () -> t.copyFrom(new Tensor(3, Shape.flat(3))));
        bad("cannot copy 2 x 2 into 2 x 3", () -> t.copyFrom(new Tensor(2, Shape.flat(2))));
        float[] sums = new float[3];
        bad("window must satisfy 0 <= from <= to <= 2, got [-1, 1)", () -> t.sumOverTime(-1, 1, sums));
        bad("window must satisfy 0 <= from <= to <= 2, got [0, 3)", () -> t.sumOverTime(0, 3, sums));
        bad("window must satisfy 0 <= from <= to <= 2, got [2, 1)", () -> t.sumOverTime(2, 1, sums));
        ok(() -> t.sumOverTime(2, 2, sums));
    }
}
