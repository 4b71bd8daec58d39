package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.Winner;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.SynapseKernel;
import org.snn4j.learning.ExponentialStdp.Bounding;
import org.snn4j.learning.ExponentialStdp.Pairing;
import org.snn4j.learning.ExponentialStdp.Parameters;

/**
 * The cases {@link ExponentialStdpTest}'s dense reference does not reach (issue 17): the triplet trace across
 * presentations, a rule driven by hand without {@code onPresentationStart}, trace gaps beyond the decay table,
 * weights outside the bounds that no spike pair touches, padding synapses, and the parameter factories.
 */
class ExponentialStdpEdgesTest {
    private static final double EPS = 1e-6;

    private static Spikes[] spikes(int n, int steps, int[][] at) {
        Spikes[] s = Drive.none(n, steps);
        for (int[] e : at) {
            s[e[0]].add(e[1]);
        }
        return s;
    }

    /** Two layers with the same random weights in [0, 1). */
    private static ToyDenseLayer[] twins(SplittableRandom rng, int nPre, int nPost) {
        ToyDenseLayer a = new ToyDenseLayer(nPre, nPost);
        ToyDenseLayer b = new ToyDenseLayer(nPre, nPost);
        for (int k = 0; k < a.w.length; k++) {
            a.w[k] = (float) rng.nextDouble();
            b.w[k] = a.w[k];
        }
        return new ToyDenseLayer[] {a, b};
    }

    @Test
    void theSlowTripletTraceRestartsWithEveryPresentation() {
        // nearest pairing, triplet term only: presentation A leaves a slow post trace (post spike at its last step);
        // in B the first post spike must see z = 0 (no potentiation), the second z = exp(-2/40)
        Parameters p = new Parameters(10f, 10f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST, Bounding.ADDITIVE,
                0.2f, 40f);
        Spikes[] inA = spikes(1, 6, new int[][] {{0, 0}});
        Spikes[] outA = spikes(1, 6, new int[][] {{3, 0}, {5, 0}});
        Spikes[] inB = spikes(1, 6, new int[][] {{0, 0}});
        Spikes[] outB = spikes(1, 6, new int[][] {{1, 0}, {3, 0}});
        ToyDenseLayer layer = new ToyDenseLayer(1, 1);
        layer.w[0] = 0.25f;
        ExponentialStdp rule = new ExponentialStdp(p);
        Drive.present(rule, layer, layer.newState(), inA, outA, 0f, 1f);
        float afterA = layer.w[0];
        assertThat((double) afterA).isCloseTo(0.25 + 0.2 * Math.exp(-2 / 40.0) * Math.exp(-0.5), within(EPS));
        Drive.present(rule, layer, layer.newState(), inB, outB, 0f, 1f);
        assertThat((double) layer.w[0]).isCloseTo(afterA + 0.2 * Math.exp(-2 / 40.0) * Math.exp(-0.3),
                within(EPS));
        // the same as a fresh rule on the weights after A
        ToyDenseLayer fresh = new ToyDenseLayer(1, 1);
        fresh.w[0] = afterA;
        Drive.present(new ExponentialStdp(p), fresh, fresh.newState(), inB, outB, 0f, 1f);
        assertThat(fresh.w[0]).isEqualTo(layer.w[0]);
    }

    @Test
    void depressionBeforeInputMakesTheSameUpdatesBeforeTheLayerSteps() {
        // the same spikes: BEFORE_INPUT and AFTER_STEP change the weights identically (only the time differs)
        Parameters after = new Parameters(8f, 6f, 0.1f, 0.08f, WeightBounds.unit(), Pairing.ALL_TO_ALL,
                Bounding.MULTIPLICATIVE, 0.05f, 12f);
        Parameters before = after.withDepression(ExponentialStdp.Depression.BEFORE_INPUT);
        assertThat(before.depression()).isEqualTo(ExponentialStdp.Depression.BEFORE_INPUT);
        assertThat(after.depression()).isEqualTo(ExponentialStdp.Depression.AFTER_STEP);
        ToyDenseLayer[] layers = twins(new SplittableRandom(5), 6, 4);
        ExponentialStdp[] rules = {new ExponentialStdp(after), new ExponentialStdp(before)};
        SplittableRandom spikeRng = new SplittableRandom(6);
        for (int r = 0; r < 3; r++) {
            Spikes[] in = Drive.random(spikeRng, 6, 20, 0.3);
            Spikes[] out = Drive.random(spikeRng, 4, 20, 0.2);
            for (int side = 0; side < 2; side++) {
                Drive.present(rules[side], layers[side], layers[side].newState(), in, out, 0f, 1f);
            }
        }
        assertThat(layers[1].w).isEqualTo(layers[0].w);
        assertThat(layers[0].w).isNotEqualTo(twins(new SplittableRandom(5), 6, 4)[0].w);

        // the time: post 0 fires at step 1, pre 0 at step 3; BEFORE_INPUT has depressed w before step 3's layer step
        float w0 = 0.5f;
        for (ExponentialStdp.Depression d : ExponentialStdp.Depression.values()) {
            ToyDenseLayer layer = new ToyDenseLayer(1, 1);
            layer.w[0] = w0;
            ExponentialStdp rule = new ExponentialStdp(new Parameters(10f, 10f, 0f, 0.2f, WeightBounds.unit(),
                    Pairing.NEAREST, Bounding.ADDITIVE).withDepression(d));
            org.snn4j.layer.LayerState st = layer.newState();
            StepContext ctx = new StepContext(1f);
            ctx.begin(4, true);
            rule.onPresentationStart(layer, st, ctx);
            Spikes none = new Spikes(1);
            Spikes one = Drive.spikes(1, 0);
            List<Winner> winners = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ctx.setStep(t);
                Spikes in = t == 3 ? one : none;
                rule.beforeStep(layer, st, in, ctx);
                float delivered = layer.w[0]; // what the layer would add at this step
                rule.afterStep(layer, st, in, t == 1 ? one : none, winners, ctx);
                if (t == 3) {
                    float depressed = w0 - 0.2f * (float) Math.exp(-2 / 10.0);
                    assertThat((double) delivered).as(d.toString()).isCloseTo(
                            d == ExponentialStdp.Depression.BEFORE_INPUT ? depressed : w0, within(EPS));
                    assertThat((double) layer.w[0]).as(d + ": after the step").isCloseTo(depressed, within(EPS));
                }
            }
        }
    }

    @Test
    void aRuleDrivenByHandStartsItselfAndRestartsAfterEachSample() {
        Parameters p = new Parameters(4f, 6f, 0.1f, 0.08f, WeightBounds.unit(), Pairing.ALL_TO_ALL,
                Bounding.MULTIPLICATIVE, 0.05f, 12f);
        SplittableRandom rng = new SplittableRandom(11);
        int nPre = 5;
        int nPost = 3;
        Spikes[][] ins = {Drive.random(rng, nPre, 15, 0.3), Drive.random(rng, nPre, 15, 0.3)};
        Spikes[][] outs = {Drive.random(rng, nPost, 15, 0.2), Drive.random(rng, nPost, 15, 0.2)};
        ToyDenseLayer[] twins = twins(rng, nPre, nPost);
        ToyDenseLayer engine = twins[0];
        ToyDenseLayer hand = twins[1];
        ExponentialStdp byEngine = new ExponentialStdp(p);
        ExponentialStdp byHand = new ExponentialStdp(p);
        for (int rep = 0; rep < 2; rep++) {
            Drive.present(byEngine, engine, engine.newState(), ins[rep], outs[rep], 0f, 0.5f);
            // by hand: only afterStep and afterSample, no onPresentationStart
            LayerState st = hand.newState();
            StepContext ctx = new StepContext(0.5f);
            ctx.begin(15, true);
            List<Winner> none = new ArrayList<>();
            for (int t = 0; t < 15; t++) {
                ctx.setStep(t);
                byHand.afterStep(hand, st, ins[rep][t], outs[rep][t], none, ctx);
            }
            byHand.afterSample(hand, st, none, 0f);
            assertThat(hand.w).as("presentation %d", rep).containsExactly(engine.w);
        }
        assertThat(byHand.parameters()).isSameAs(p);
    }

    @Test
    void traceGapsBeyondTheDecayTableUseTheExactDecay() {
        // the traces tabulate 256 steps; a post spike 256 and 300 steps after the pre spike
        Parameters p = new Parameters(100f, 100f, 0.1f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE);
        for (int gap : new int[] {255, 256, 300, 1000}) {
            ToyDenseLayer layer = new ToyDenseLayer(1, 1);
            layer.w[0] = 0.5f;
            Spikes[] in = spikes(1, gap + 1, new int[][] {{0, 0}});
            Spikes[] out = spikes(1, gap + 1, new int[][] {{gap, 0}});
            Drive.present(new ExponentialStdp(p), layer, layer.newState(), in, out, 0f, 1f);
            assertThat((double) layer.w[0]).as("gap %d", gap).isCloseTo(0.5 + 0.1 * Math.exp(-gap / 100.0),
                    within(EPS));
        }
        LazyTraces traces = new LazyTraces();
        traces.configure(2, 1f, 100f);
        for (int k : new int[] {0, 1, 255, 256, 257, 400}) {
            assertThat(traces.decay(k)).as("D[%d]", k).isEqualTo((float) StrictMath.exp(-k * (1.0 / 100.0)));
        }
        traces.spike(1, 3, false);
        traces.spike(1, 5, false);
        assertThat(traces.at(1, 5)).isEqualTo((float) StrictMath.exp(-2 * (1.0 / 100.0)) + 1f);
        assertThat(traces.at(0, 5)).isZero();
        traces.clear();
        assertThat(traces.at(1, 9)).isZero();
        traces.spike(1, 9, false);
        assertThat(traces.at(1, 9)).isEqualTo(1f);
        // a new time step changes the table; the same one keeps it
        traces.configure(2, 2f, 100f);
        assertThat(traces.decay(3)).isEqualTo((float) StrictMath.exp(-3 * (2.0 / 100.0)));
        traces.configure(3, 2f, 100f);
        assertThat(traces.decay(3)).isEqualTo((float) StrictMath.exp(-3 * (2.0 / 100.0)));
        assertThat(traces.at(2, 0)).isZero();
    }

    @Test
    void weightsWithoutATracePartnerAreLeftAloneEvenOutsideTheBounds() {
        // pre 0 never spikes: its synapse (at 1.5, above the bound 1) keeps its value when post 0 fires;
        // pre 1 spikes before: potentiated and clamped to 1
        Parameters p = new Parameters(10f, 10f, 0.9f, 0.5f, WeightBounds.unit(), Pairing.NEAREST, Bounding.ADDITIVE);
        ToyDenseLayer layer = new ToyDenseLayer(2, 1);
        layer.set(0, 0, 1.5f);
        layer.set(1, 0, 0.5f);
        Spikes[] in = spikes(2, 4, new int[][] {{0, 1}});
        Spikes[] out = spikes(1, 4, new int[][] {{2, 0}});
        Drive.present(new ExponentialStdp(p), layer, layer.newState(), in, out, 0f, 1f);
        assertThat(layer.get(0, 0)).isEqualTo(1.5f);
        assertThat(layer.get(1, 0)).isEqualTo(1f);
    }

    /** A dense layer with one padding synapse per post neuron (pre = -1), as convolutions pass at borders. */
    static final class PaddedLayer implements PlasticLayer {
        final ToyDenseLayer inner;
        final float[] pad;

        PaddedLayer(int nPre, int nPost) {
            inner = new ToyDenseLayer(nPre, nPost);
            pad = new float[nPost];
        }

        @Override
        public float[] weights() {
            return inner.w;
        }

        @Override
        public void updateReceptiveField(int post, LayerState state, SynapseKernel kernel) {
            pad[post] = kernel.newWeight(pad[post], -1, post);
            inner.updateReceptiveField(post, state, kernel);
        }

        @Override
        public void updateSynapsesFrom(int post, Spikes pres, LayerState state, SynapseKernel kernel) {
            pad[post] = kernel.newWeight(pad[post], -1, post);
            inner.updateSynapsesFrom(post, pres, state, kernel);
        }

        @Override
        public String name() {
            return "padded";
        }

        @Override
        public Shape inputShape() {
            return inner.inputShape();
        }

        @Override
        public Shape outputShape() {
            return inner.outputShape();
        }

        @Override
        public LayerState newState() {
            return inner.newState();
        }

        @Override
        public void step(Spikes inSpikes, LayerState state, StepContext ctx, Spikes outSpikes) {
            inner.step(inSpikes, state, ctx, outSpikes);
        }
    }

    @Test
    void paddingSynapsesNeverLearn() {
        for (Bounding b : Bounding.values()) {
            Parameters p = new Parameters(10f, 10f, 0.3f, 0.2f, WeightBounds.unit(), Pairing.ALL_TO_ALL, b);
            PaddedLayer layer = new PaddedLayer(2, 2);
            layer.pad[0] = 7f; // outside the bounds, so that even a clamp would show
            layer.pad[1] = -3f;
            java.util.Arrays.fill(layer.inner.w, 0.5f);
            // post before pre (LTD) and pre before post (LTP), on both posts
            Spikes[] in = spikes(2, 6, new int[][] {{1, 0}, {3, 1}, {5, 0}});
            Spikes[] out = spikes(2, 6, new int[][] {{0, 0}, {2, 1}, {4, 0}, {4, 1}});
            Drive.present(new ExponentialStdp(p), layer, layer.newState(), in, out, 0f, 1f);
            assertThat(layer.pad).as("%s", b).containsExactly(7f, -3f);
            assertThat(layer.inner.w).as("%s: real synapses learn", b).isNotEqualTo(new float[] {0.5f, 0.5f, 0.5f, 0.5f});
        }
    }

    @Test
    void parameterFactoriesHoldThePublishedValues() {
        Parameters dc = Parameters.diehlCook2015();
        assertThat(dc.tauPlusMs()).isEqualTo(20f);
        assertThat(dc.tauMinusMs()).isEqualTo(20f);
        assertThat(dc.etaPlus()).isEqualTo(0.01f);
        assertThat(dc.etaMinus()).isEqualTo(0.0001f);
        assertThat(dc.bounds()).isEqualTo(WeightBounds.unit());
        assertThat(dc.pairing()).isEqualTo(Pairing.NEAREST);
        assertThat(dc.bounding()).isEqualTo(Bounding.ADDITIVE);
        assertThat(dc.etaTriplet()).isZero();
        // the pair constructor sets the unused slow time constant to tauMinus
        assertThat(dc.tauSlowMs()).isEqualTo(20f);
        assertThat(new Parameters(3f, 7f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST, Bounding.ADDITIVE)
                .tauSlowMs()).isEqualTo(7f);
        assertThatThrownBy(() -> new Parameters(3f, 0f, 0f, 0f, WeightBounds.unit(), Pairing.NEAREST,
                Bounding.ADDITIVE)).hasMessage("tauMinusMs must be finite and > 0, got 0.0");
        Parameters t = Parameters.diehlCook2015Triplet().withRates(0.3f, 0.4f);
        assertThat(t.etaPlus()).isEqualTo(0.3f);
        assertThat(t.etaMinus()).isEqualTo(0.4f);
        assertThat(t.etaTriplet()).isEqualTo(0.01f);
        assertThat(t.tauSlowMs()).isEqualTo(40f);
        assertThat(t.tauPlusMs()).isEqualTo(20f);
        assertThat(t.tauMinusMs()).isEqualTo(20f);
        assertThat(t.pairing()).isEqualTo(Pairing.NEAREST);
        ExponentialStdp rule = new ExponentialStdp(t);
        assertThat(rule.parameters()).isSameAs(t);
        assertThatThrownBy(() -> new ExponentialStdp(null)).hasMessage("p");
    }
}
