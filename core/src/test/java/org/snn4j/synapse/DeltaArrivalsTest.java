package org.snn4j.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.Layer;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifArrivalsTest;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.ResetMode;

/**
 * The delta-synapse layers with {@link Lif} against plain re-statements, bit for bit at every step (spikes,
 * potentials, last spikes, synaptic events): with weights {@code >= 0} ({@link org.snn4j.neuron.ArrivalDriven}, the
 * arrivals taken one by one) a re-statement that adds each arrival to the potential in delivery order (sources,
 * then input spikes, then row order) and takes the threshold test once at the end of the step; with a negative
 * weight (the summed input and {@code stepTouched}) one that sums the step's arrivals first. {@link SparseLayer},
 * and {@link PopulationLayer} with two input projections at 1, 2 and 3 threads.
 */
class DeltaArrivalsTest {
    static final float DT = LifArrivalsTest.DT;

    /** One CSR projection, rows sorted by target. */
    record Csr(int[] rows, int[] post, float[] w) {
        static Csr random(SplittableRandom r, int nIn, int nOut, boolean negative) {
            int[] rows = new int[nIn + 1];
            List<Integer> post = new ArrayList<>();
            List<Float> w = new ArrayList<>();
            for (int i = 0; i < nIn; i++) {
                rows[i] = post.size();
                for (int j = 0; j < nOut; j++) {
                    if (r.nextInt(4) == 0) {
                        post.add(j);
                        w.add((float) (r.nextDouble() * 2.5));
                    }
                }
            }
            rows[nIn] = post.size();
            float[] wa = new float[w.size()];
            for (int k = 0; k < wa.length; k++) {
                wa[k] = w.get(k);
            }
            if (negative && wa.length > 0) {
                wa[r.nextInt(wa.length)] = -0.75f;
            }
            return new Csr(rows, post.stream().mapToInt(Integer::intValue).toArray(), wa);
        }
    }

    /** The LIF population written out plainly: lazy decay at the first arrival of a step, one test per step. */
    static final class Plain {
        final LifParameters p;
        final float[] off;
        final LifArrivalsTest.PlainLif lif;
        final float[] v;
        final int[] lastSpike;
        final int[] lastUpdate;

        Plain(LifParameters p, float[] off) {
            this.p = p;
            this.off = off;
            lif = new LifArrivalsTest.PlainLif(p, off.length);
            v = lif.v;
            lastSpike = lif.lastSpike;
            lastUpdate = lif.lastUpdate;
        }

        /** One step; each arrival added to the potential in turn when {@code oneByOne}, else summed first. */
        int[] step(List<Csr> sources, Spikes in, int t, boolean oneByOne) {
            float[] sum = new float[v.length];
            boolean[] touched = new boolean[v.length];
            for (Csr c : sources) {
                for (int k = 0; k < in.count(); k++) {
                    int pre = in.get(k);
                    for (int s = c.rows()[pre]; s < c.rows()[pre + 1]; s++) {
                        int i = c.post()[s];
                        if (oneByOne) {
                            if (lif.refractory(i, t)) {
                                continue;
                            }
                            v[i] = lif.decayed(i, t) + c.w()[s]; // a further arrival in the step: the factor 1
                            lastUpdate[i] = t;
                        } else {
                            sum[i] += c.w()[s];
                        }
                        touched[i] = true;
                    }
                }
            }
            List<Integer> fired = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (!touched[i]) {
                    continue;
                }
                if (!oneByOne) {
                    if (lif.refractory(i, t)) {
                        lastUpdate[i] = t;
                        continue;
                    }
                    v[i] = lif.decayed(i, t) + sum[i];
                    lastUpdate[i] = t;
                } else if (lastUpdate[i] != t) {
                    continue; // every arrival found it refractory
                }
                if (v[i] >= p.vThreshold() + off[i]) {
                    v[i] = p.vReset();
                    lastSpike[i] = t;
                    fired.add(i);
                }
            }
            return fired.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Property(tries = 30)
    void deltaLayersEqualThePlainLoops(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 3 + r.nextInt(20);
        int nOut = 5 + r.nextInt(60);
        boolean negative = r.nextInt(4) == 0;
        float vRest = r.nextBoolean() ? 0f : -65f;
        LifParameters p = new LifParameters(5f + r.nextInt(20), vRest, vRest - r.nextInt(3), vRest + 2f + r.nextInt(5),
                1f, r.nextInt(4) * DT, ResetMode.TO_VALUE);
        Lif lif = new Lif(p);
        Csr a = Csr.random(r, nIn, nOut, negative);
        Csr b = Csr.random(r, nIn, nOut, false);
        float[] off = new float[nOut];
        for (int i = 0; i < nOut; i++) {
            off[i] = r.nextInt(3) == 0 ? (float) (r.nextDouble() - 0.5) : 0f;
        }
        long inputSeed = r.nextLong();
        SparseLayer sparse = SparseLayer.fromCsr("s", Shape.flat(nIn), Shape.flat(nOut), a.rows(), a.post(), a.w(), lif);
        check(sparse, List.of(a), lif, p, off, nIn, inputSeed, !negative);
        for (int threads = 1; threads <= 3; threads++) {
            PopulationLayer pop = PopulationLayer.builder("p", Shape.flat(nIn), nOut, lif)
                    .input(Projection.fromCsr(nIn, nOut, a.rows(), a.post(), a.w(), Receptor.EXCITATORY, 0))
                    .input(Projection.fromCsr(nIn, nOut, b.rows(), b.post(), b.w(), Receptor.INHIBITORY, 0))
                    .threads(threads).build();
            check(pop, List.of(a, b), lif, p, off, nIn, inputSeed, !negative);
        }
    }

    private static void check(Layer layer, List<Csr> sources, Lif lif, LifParameters p, float[] off, int nIn,
                              long inputSeed, boolean oneByOne) {
        int nOut = off.length;
        LayerState st = layer.newState();
        NeuronState ns = st.neurons();
        lif.initialise(ns);
        System.arraycopy(off, 0, ns.thresholdOffset(), 0, nOut);
        Plain plain = new Plain(p, off.clone());
        SplittableRandom r = new SplittableRandom(inputSeed);
        int steps = 150;
        StepContext ctx = new StepContext(DT);
        ctx.begin(steps, false);
        long events = 0;
        int fired = 0;
        for (int t = 0; t < steps; t++) {
            ctx.setStep(t);
            Spikes in = new Spikes(nIn);
            for (int i = nIn - 1; i >= 0; i--) { // descending: the order is the input's, not the index order
                if (r.nextInt(4) == 0) {
                    in.add(i);
                    for (Csr c : sources) {
                        events += c.rows()[i + 1] - c.rows()[i];
                    }
                }
            }
            Spikes out = new Spikes(nOut);
            layer.step(in, st, ctx, out);
            int[] want = plain.step(sources, in, t, oneByOne);
            String what = layer + (oneByOne ? ", one by one" : ", summed");
            assertThat(out.toSortedArray()).as("%s: spikes at %d", what, t).containsExactly(want);
            float[] v = ns.get(Lif.V);
            for (int i = 0; i < nOut; i++) {
                assertThat(Float.floatToIntBits(v[i])).as("%s: V of %d at %d", what, i, t)
                        .isEqualTo(Float.floatToIntBits(plain.v[i]));
            }
            assertThat(ns.lastSpikeStep()).as("%s: last spikes at %d", what, t).containsExactly(plain.lastSpike);
            fired += want.length;
        }
        assertThat(st.synapticEvents()).isEqualTo(events);
        assertThat(st.spikeCount()).isEqualTo(fired);
    }
}
