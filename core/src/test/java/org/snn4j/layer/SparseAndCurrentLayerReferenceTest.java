package org.snn4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.ResetMode;
import org.snn4j.neuron.ThresholdComparison;

/**
 * {@link SparseLayer} and {@link CurrentLayer} step by step against a plain-loop reference of the same perfect
 * integrate-and-fire neurons (issue 17: non-degenerate sizes, weights, thresholds and currents; spikes,
 * potentials, counters and input spike steps checked at every step; a second presentation after the engine's
 * reset equal to a fresh one). Weights and currents are multiples of 1/4 so that every sum is exact in float.
 */
class SparseAndCurrentLayerReferenceTest {
    static final float DT = 0.5f;

    /** The perfect IF neuron as a plain loop (threshold comparison, reset modes, refractory steps). */
    static final class Reference {
        final PerfectIfParameters p;
        final float[] v;
        final int[] lastSpike;

        Reference(PerfectIfParameters p, int n) {
            this.p = p;
            v = new float[n];
            Arrays.fill(v, p.vReset());
            lastSpike = new int[n];
            Arrays.fill(lastSpike, -1);
        }

        /** One step; returns the neurons that fire, ascending. */
        List<Integer> step(float[] input, float[] current, int t) {
            int ref = (int) Math.ceil(p.refractoryMs() / DT - 1e-9);
            List<Integer> fired = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (lastSpike[i] >= 0 && t - lastSpike[i] <= ref) {
                    continue;
                }
                float vi = v[i];
                if (current != null) {
                    vi += current[i] * DT;
                }
                vi += input[i];
                boolean above = p.comparison() == ThresholdComparison.GREATER ? vi > p.threshold()
                        : vi >= p.threshold();
                if (above && !(p.fireOnce() && lastSpike[i] >= 0)) {
                    vi = switch (p.resetMode()) {
                        case TO_VALUE -> p.vReset();
                        case SUBTRACT -> vi - (p.threshold() - p.vReset());
                        default -> vi;
                    };
                    lastSpike[i] = t;
                    fired.add(i);
                }
                v[i] = vi;
            }
            return fired;
        }
    }

    /** A random sparse layer as CSR with weights in {-1, -0.75, ..., 2}. */
    record Topology(int nIn, int nOut, int[] rowStart, int[] post, float[] weight) {
        static Topology random(SplittableRandom r) {
            int nIn = 2 + r.nextInt(9);
            int nOut = 2 + r.nextInt(9);
            int[] rows = new int[nIn + 1];
            List<Integer> targets = new ArrayList<>();
            List<Float> weights = new ArrayList<>();
            for (int i = 0; i < nIn; i++) {
                rows[i] = targets.size();
                for (int j = 0; j < nOut; j++) {
                    if (r.nextInt(3) > 0) {
                        targets.add(j);
                        weights.add((r.nextInt(13) - 4) / 4f);
                    }
                }
            }
            rows[nIn] = targets.size();
            int[] post = targets.stream().mapToInt(Integer::intValue).toArray();
            float[] w = new float[weights.size()];
            for (int k = 0; k < w.length; k++) {
                w[k] = weights.get(k);
            }
            return new Topology(nIn, nOut, rows, post, w);
        }

        float[] input(Spikes spikes) {
            float[] in = new float[nOut];
            for (int k = 0; k < spikes.count(); k++) {
                int pre = spikes.get(k);
                for (int s = rowStart[pre]; s < rowStart[pre + 1]; s++) {
                    in[post[s]] += weight[s];
                }
            }
            return in;
        }

        long events(Spikes spikes) {
            long e = 0;
            for (int k = 0; k < spikes.count(); k++) {
                e += rowStart[spikes.get(k) + 1] - rowStart[spikes.get(k)];
            }
            return e;
        }
    }

    private static Spikes randomSpikes(SplittableRandom r, int n) {
        Spikes s = new Spikes(n);
        for (int i = n - 1; i >= 0; i--) { // descending: the order must not matter
            if (r.nextInt(3) == 0) {
                s.add(i);
            }
        }
        return s;
    }

    private static PerfectIfParameters parameters(SplittableRandom r, boolean lazy) {
        float thr = 1.5f + r.nextInt(6) / 4f;
        float reset = -r.nextInt(4) / 4f;
        float refractory = r.nextInt(3) * 0.5f;
        ThresholdComparison cmp = r.nextBoolean() ? ThresholdComparison.GREATER : ThresholdComparison.GREATER_OR_EQUAL;
        return new PerfectIfParameters(thr, reset, lazy ? ResetMode.TO_VALUE : ResetMode.SUBTRACT, refractory, false,
                cmp);
    }

    /** What the engine does between presentations. */
    private static void resetLikeTheEngine(LayerState st, NeuronModel m) {
        st.reset();
        NeuronState ns = st.neurons();
        ns.clear();
        m.initialise(ns);
    }

    private static int[] sorted(Spikes s) {
        return s.toSortedArray();
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs one presentation of {@code steps} random steps on the layer and the reference, checking every step. */
    private static long[] present(Layer layer, LayerState st, Topology topo, Reference ref, float[][] currents,
                                  SplittableRandom r, int steps) {
        StepContext ctx = new StepContext(DT);
        ctx.begin(steps, false);
        int[] lastIn = new int[topo.nIn()];
        Arrays.fill(lastIn, -1);
        long spikes = 0;
        long events = 0;
        for (int t = 0; t < steps; t++) {
            ctx.setStep(t);
            Spikes in = randomSpikes(r, topo.nIn());
            for (int k = 0; k < in.count(); k++) {
                lastIn[in.get(k)] = t;
            }
            Spikes out = new Spikes(topo.nOut());
            layer.step(in, st, ctx, out);
            List<Integer> want = ref.step(topo.input(in), currents == null ? null : currents[t], t);
            assertThat(sorted(out)).as("spikes at step %d", t).containsExactly(ints(want));
            for (int i = 0; i < topo.nOut(); i++) {
                assertThat(st.potential(i)).as("potential %d at step %d", i, t).isEqualTo(ref.v[i]);
            }
            assertThat(st.inputSpikeStep()).as("input spike steps at %d", t).containsExactly(lastIn);
            spikes += want.size();
            events += topo.events(in);
        }
        return new long[] {spikes, events};
    }

    @Property(tries = 60)
    void sparseLayerMatchesThePlainLoop(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Topology topo = Topology.random(r);
        int mode = r.nextInt(3); // 0: lazy (closed form), 1: clock-driven (subtract reset), 2: with a current
        PerfectIfParameters p = parameters(r, mode == 0);
        PerfectIf model = new PerfectIf(p);
        SparseLayer layer = SparseLayer.fromCsr("s", Shape.flat(topo.nIn()), Shape.flat(topo.nOut()), topo.rowStart(),
                topo.post(), topo.weight(), model);
        int steps = 12;
        float[][] currents = null;
        if (mode == 2) {
            float[][] c = new float[steps][topo.nOut()];
            float[] level = new float[topo.nOut()];
            for (int i = 0; i < level.length; i++) {
                level[i] = (r.nextInt(9) - 2) / 4f;
            }
            for (float[] row : c) {
                System.arraycopy(level, 0, row, 0, level.length);
            }
            currents = c;
            layer = layer.withCurrent(CurrentSource.constant(level));
        }
        LayerState st = layer.newState();
        model.initialise(st.neurons());
        Reference ref = new Reference(p, topo.nOut());
        long[] first = present(layer, st, topo, ref, currents, r, steps);
        assertThat(st.spikeCount()).isEqualTo(first[0]);
        assertThat(st.synapticEvents()).isEqualTo(first[1]);
        // second presentation after the engine's reset: as on a fresh state, counters accumulate
        resetLikeTheEngine(st, model);
        long secondSeed = r.nextLong();
        long[] second = present(layer, st, topo, new Reference(p, topo.nOut()), currents,
                new SplittableRandom(secondSeed), steps);
        assertThat(st.spikeCount()).isEqualTo(first[0] + second[0]);
        assertThat(st.synapticEvents()).isEqualTo(first[1] + second[1]);
        LayerState fresh = layer.newState();
        model.initialise(fresh.neurons());
        present(layer, fresh, topo, new Reference(p, topo.nOut()), currents, new SplittableRandom(secondSeed), steps);
        assertThat(fresh.potentials()).containsExactly(st.potentials());
        assertThat(fresh.spikeCount()).isEqualTo(second[0]);
    }

    @Property(tries = 40)
    void currentLayerMatchesThePlainLoop(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(9);
        PerfectIfParameters p = parameters(r, r.nextBoolean());
        PerfectIf model = new PerfectIf(p);
        float w = r.nextInt(3) == 0 ? 0f : (1 + r.nextInt(8)) / 4f;
        float[] level = new float[n];
        for (int i = 0; i < n; i++) {
            level[i] = (r.nextInt(11) - 3) / 4f;
        }
        CurrentLayer layer = new CurrentLayer("c", Shape.flat(n), model, CurrentSource.constant(level), w);
        // one-to-one input: a diagonal topology with weight w
        int[] rows = new int[n + 1];
        int[] post = new int[n];
        float[] weight = new float[n];
        for (int i = 0; i < n; i++) {
            rows[i + 1] = i + 1;
            post[i] = i;
            weight[i] = w;
        }
        Topology topo = new Topology(n, n, rows, post, weight);
        int steps = 12;
        float[][] currents = new float[steps][];
        Arrays.fill(currents, level);
        LayerState st = layer.newState();
        model.initialise(st.neurons());
        long[] first = present(layer, st, topo, new Reference(p, n), currents, r, steps);
        assertThat(st.spikeCount()).isEqualTo(first[0]);
        // input spikes count as synaptic events only when they carry a weight
        assertThat(st.synapticEvents()).isEqualTo(w != 0f ? first[1] : 0);
        resetLikeTheEngine(st, model);
        long[] second = present(layer, st, topo, new Reference(p, n), currents, r, steps);
        assertThat(st.spikeCount()).isEqualTo(first[0] + second[0]);
    }

    @Test
    void aCurrentLayerForgetsAnInputSpikeAfterItsStep() {
        // threshold 1, weight 0.75, no current: one input spike must not carry over into the next step
        PerfectIf model = new PerfectIf(PerfectIfParameters.of(1f));
        CurrentLayer layer = new CurrentLayer("c", Shape.flat(3), model, CurrentSource.constant(3, 0f), 0.75f);
        LayerState st = layer.newState();
        model.initialise(st.neurons());
        StepContext ctx = new StepContext(1f);
        ctx.begin(3, false);
        Spikes in = new Spikes(3);
        in.add(1);
        Spikes out = new Spikes(3);
        ctx.setStep(0);
        layer.step(in, st, ctx, out);
        assertThat(out.count()).isZero();
        assertThat(st.potentials()).containsExactly(0f, 0.75f, 0f);
        ctx.setStep(1);
        layer.step(new Spikes(3), st, ctx, out);
        assertThat(out.count()).isZero();
        assertThat(st.potentials()).containsExactly(0f, 0.75f, 0f);
        ctx.setStep(2);
        layer.step(in, st, ctx, out);
        assertThat(out.toSortedArray()).containsExactly(1);
        assertThat(st.synapticEvents()).isEqualTo(2);
        assertThat(st.spikeCount()).isEqualTo(1);
        assertThat(st.inputSpikeStep()).containsExactly(-1, 2, -1);
    }

    @Test
    void spikesAlreadyInTheOutputAreNotCounted() {
        // the layers add to the output list; only their own spikes count
        PerfectIf model = new PerfectIf(PerfectIfParameters.of(1f));
        SparseLayer sparse = SparseLayer.fromCsr("s", Shape.flat(1), Shape.flat(3), new int[] {0, 1},
                new int[] {1}, new float[] {1f}, model);
        CurrentLayer current = new CurrentLayer("c", Shape.flat(3), model, CurrentSource.constant(new float[] {0f, 1f,
                0f}), 0f);
        for (Layer layer : new Layer[] {sparse, current}) {
            LayerState st = layer.newState();
            model.initialise(st.neurons());
            StepContext ctx = new StepContext(1f);
            ctx.begin(1, false);
            Spikes in = new Spikes(layer.inputShape().size());
            in.add(0);
            Spikes out = new Spikes(3);
            out.add(2);
            out.add(0);
            layer.step(in, st, ctx, out);
            assertThat(out.toSortedArray()).as(layer.name()).containsExactly(0, 1, 2);
            assertThat(st.spikeCount()).as(layer.name()).isEqualTo(1);
        }
    }

    @Test
    void currentLayerChecksAndDescribesItself() {
        PerfectIf model = new PerfectIf(PerfectIfParameters.of(1f));
        CurrentSource two = CurrentSource.constant(2, 0.5f);
        assertThatThrownBy(() -> new CurrentLayer("c", Shape.flat(3), model, two))
                .hasMessage("current must drive 3 neurons for layer c, got 2");
        assertThatThrownBy(() -> new CurrentLayer("c", Shape.flat(2), model, two, Float.NaN))
                .hasMessage("inputWeightMv must be finite, got NaN");
        assertThatThrownBy(() -> new CurrentLayer(null, Shape.flat(2), model, two)).hasMessage("name");
        assertThatThrownBy(() -> new CurrentLayer("c", null, model, two)).hasMessage("shape");
        assertThatThrownBy(() -> new CurrentLayer("c", Shape.flat(2), null, two)).hasMessage("model");
        assertThatThrownBy(() -> new CurrentLayer("c", Shape.flat(2), model, null)).hasMessage("current");
        CurrentLayer l = new CurrentLayer("c", new Shape(1, 1, 2), model, two);
        assertThat(l.name()).isEqualTo("c");
        assertThat(l.inputShape()).isEqualTo(new Shape(1, 1, 2));
        assertThat(l.outputShape()).isEqualTo(new Shape(1, 1, 2));
        assertThat(l.neuronModel()).isSameAs(model);
        assertThat(l.toString()).isEqualTo("CurrentLayer[c, " + new Shape(1, 1, 2) + ", " + model + ", " + two + "]");
        // the input-free constructor ignores input spikes: no events counted, potentials from the current only
        LayerState st = l.newState();
        model.initialise(st.neurons());
        StepContext ctx = new StepContext(1f);
        ctx.begin(1, false);
        Spikes in = new Spikes(2);
        in.add(0);
        in.add(1);
        Spikes out = new Spikes(2);
        l.step(in, st, ctx, out);
        assertThat(st.potentials()).containsExactly(0.5f, 0.5f);
        assertThat(st.synapticEvents()).isZero();
    }

    @Test
    void sparseLayerFromRandomIsReproducibleAndCountsItsSynapses() {
        PerfectIf model = new PerfectIf(PerfectIfParameters.of(1f));
        SparseLayer all = SparseLayer.random("a", Shape.flat(3), Shape.flat(4), 1.0, 0.25f, model,
                new SplittableRandom(1));
        assertThat(all.synapseCount()).isEqualTo(12);
        assertThat(all.rowStart()).containsExactly(0, 4, 8, 12);
        assertThat(all.targets()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
        float[] w = all.weightsCopy();
        assertThat(w).hasSize(12).containsOnly(0.25f);
        for (int i = 0; i < 3; i++) {
            assertThat(all.outDegree(i)).isEqualTo(4);
        }
        SparseLayer none = SparseLayer.random("n", Shape.flat(3), Shape.flat(4), 0.0, 0.25f, model,
                new SplittableRandom(1));
        assertThat(none.synapseCount()).isZero();
        assertThat(none.outDegree(2)).isZero();
        SparseLayer a = SparseLayer.random("h", Shape.flat(50), Shape.flat(60), 0.3, -0.5f, model,
                new SplittableRandom(7));
        SparseLayer b = SparseLayer.random("h", Shape.flat(50), Shape.flat(60), 0.3, -0.5f, model,
                new SplittableRandom(7));
        assertThat(a.targets()).containsExactly(b.targets());
        assertThat(a.rowStart()).containsExactly(b.rowStart());
        // 3,000 pairs at p = 0.3: 900 expected, sd 25
        assertThat(a.synapseCount()).isBetween(800, 1000);
        int sum = 0;
        for (int i = 0; i < 50; i++) {
            sum += a.outDegree(i);
        }
        assertThat(sum).isEqualTo(a.synapseCount());
        assertThatThrownBy(() -> SparseLayer.random("x", Shape.flat(2), Shape.flat(2), 1.5, 1f, model,
                new SplittableRandom(1))).hasMessage("p must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> SparseLayer.random("x", Shape.flat(2), Shape.flat(2), 0.5, Float.POSITIVE_INFINITY,
                model, new SplittableRandom(1))).hasMessage("weightMv must be finite, got Infinity");
    }

    @Test
    void sparseLayerCopiesItsArraysAndDescribesItself() {
        PerfectIf model = new PerfectIf(PerfectIfParameters.of(1f));
        int[] rows = {0, 2, 3};
        int[] post = {0, 2, 1};
        float[] w = {0.5f, 1f, -0.25f};
        SparseLayer l = SparseLayer.fromCsr("s", Shape.flat(2), Shape.flat(3), rows, post, w, model);
        rows[1] = 1;
        post[0] = 2;
        w[0] = 9f;
        assertThat(l.rowStart()).containsExactly(0, 2, 3);
        assertThat(l.targets()).containsExactly(0, 2, 1);
        assertThat(l.weightsCopy()).containsExactly(0.5f, 1f, -0.25f);
        l.rowStart()[0] = 5;
        l.targets()[0] = 5;
        l.weightsCopy()[0] = 5f;
        assertThat(l.rowStart()[0]).isZero();
        assertThat(l.targets()[0]).isZero();
        assertThat(l.weightsCopy()[0]).isEqualTo(0.5f);
        assertThat(l.outDegree(0)).isEqualTo(2);
        assertThat(l.outDegree(1)).isEqualTo(1);
        assertThat(l.name()).isEqualTo("s");
        assertThat(l.inputShape()).isEqualTo(Shape.flat(2));
        assertThat(l.outputShape()).isEqualTo(Shape.flat(3));
        assertThat(l.neuronModel()).isSameAs(model);
        assertThat(l.toString()).isEqualTo("SparseLayer[s, " + Shape.flat(2) + " -> " + Shape.flat(3)
                + ", 3 synapses, " + model + "]");
        CurrentSource c = CurrentSource.constant(3, 0.25f);
        SparseLayer lc = l.withCurrent(c);
        assertThat(lc.toString()).isEqualTo("SparseLayer[s, " + Shape.flat(2) + " -> " + Shape.flat(3)
                + ", 3 synapses, " + model + ", current " + c + "]");
        assertThat(lc.synapseCount()).isEqualTo(3);
        assertThatThrownBy(() -> l.withCurrent(CurrentSource.constant(2, 0.25f)))
                .hasMessage("current must drive 3 neurons for layer s, got 2");
        assertThatThrownBy(() -> l.withCurrent(null)).hasMessage("current");
    }
}
