package org.snn4j.examples.papers;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.SpikeSource;
import org.snn4j.Spikes;

/**
 * Reference oracle (test scope): the former fused simulator of the Diehl &amp; Cook 2015 example, which imports
 * nothing from the library; {@link DiehlCookComposed} (the library composition the example now runs) is checked
 * against it by {@code DiehlCookEquivalenceTest} and timed against it by {@code DiehlCookBench}. Unchanged apart
 * from {@link Simulation#runSource}, which presents given input spikes instead of drawing them (and
 * {@code Simulation.rest()} made package-visible for the equivalence test), and the package-private read-outs
 * {@code potentials()} and {@code lastInput()} used by {@code DiehlCookDivergence}.
 *
 * <p>The network of Diehl &amp; Cook 2015, "Unsupervised learning of digit recognition using spike-timing-dependent
 * plasticity", Front. Comput. Neurosci. 9:99, doi:10.3389/fncom.2015.00099: Poisson inputs, all-to-all plastic
 * excitatory synapses onto {@code n} leaky integrate-and-fire neurons with adaptive thresholds, and lateral
 * inhibition.
 *
 * <h2>Model, and how it differs from the paper</h2>
 * <ul>
 *   <li><b>Inputs</b>: pixel {@code i} with intensity {@code b} in 0..255 fires as a Bernoulli process with
 *       probability {@code (b / 255) * rate * dt} per step (a discretised Poisson process, at most one spike per
 *       step), {@code rate} = {@code maxRateHz} (63.75 Hz), plus {@code rateBoostHz} per repeat. Spike trains are
 *       drawn event by event (geometric gaps), so the cost is per spike, not per input and step; the result has
 *       exactly the law of an independent per-step draw.</li>
 *   <li><b>Excitatory neurons</b>: {@code v <- vRest + (v - vRest) exp(-dt/tau)} each step (exact leak), then
 *       the summed input weights {@code I} of this step's input spikes act as a delta conductance,
 *       {@code v <- v + (tauGe/tau) * I * (E_exc - v)}; a spike when {@code v > vThresh + theta}; reset to
 *       {@code vReset} and held there for the refractory period. <i>Deviation</i>: the paper's conductances
 *       decay with 1 ms / 2 ms time constants; here their integral is delivered in the step of the spike
 *       (delta synapses with the same total charge at the membrane potential of that step).</li>
 *   <li><b>Inhibition</b>: the paper's inhibitory population, excited one-to-one (weight 10.4, which always
 *       makes the partner fire at once) and inhibiting every other excitatory neuron (weight 17), is replaced by
 *       its effect: a spike of excitatory neuron {@code k} in step {@code t} multiplies
 *       {@code v - E_inh} of every other excitatory neuron by {@code 1 - wInh * tauGi / tau} (= 0.66) in step
 *       {@code t + 1} (one step of delay for the inhibitory neuron), once per spike.</li>
 *   <li><b>Adaptive threshold</b>: {@code theta += thetaPlus} on each spike while learning;
 *       {@code theta} decays with {@code tauThetaMs} (1e7 ms), applied once per presentation (the decay over a
 *       500 ms presentation is 5e-5 of theta, so where in the presentation it is applied does not matter);
 *       {@code theta} is fixed when not learning.</li>
 *   <li><b>STDP</b> (the authors' script: nearest-spike traces set to 1 on a spike): on a pre spike of
 *       {@code i}, {@code w_ij -= nuPre * y1_j} for every {@code j} ({@code y1}: post trace, 20 ms); on a post
 *       spike of {@code j}, {@code w_ij += nuPost * x_i * y2_j} ({@code x}: pre trace, 20 ms; {@code y2}: slow
 *       post trace, 40 ms, taken just before the spike), clamped to [0, wMax]. Traces start at 0 for every
 *       presentation (after the 150 ms rest they are below 6e-4 of their peak). Only neurons that fired in
 *       the presentation have a non-zero post trace and only inputs that fired have a non-zero pre trace, so
 *       both updates loop over those lists only.</li>
 *   <li><b>Weight normalisation</b>: every neuron's input weights sum to {@code weightSum} (78). The paper
 *       rescales all columns before each digit; here the columns that changed (those of neurons that fired)
 *       are rescaled after each presentation, which gives the same weights up to float rounding.</li>
 *   <li><b>Rest</b>: while learning, the 150 ms rest is applied in closed form (no input, so the membrane only
 *       decays towards rest; this is exact). When not learning ({@code learn = false}) each digit starts from
 *       the resting state, so labelling and testing give the same result in any order and on any thread.</li>
 * </ul>
 *
 * <h2>Data layout and cost</h2>
 * Weights are a {@code float[nInputs * n]} laid out [pre][post]: an input spike adds one contiguous row.
 * One step costs {@code O(n)} for the membrane update plus {@code O(n)} per input spike.
 *
 * <p>Thread safety: the network's weights and thresholds are plain arrays. Any number of
 * {@link Simulation}s may present digits with {@code learn = false} concurrently; a simulation that learns
 * writes the weights and thresholds and must be the only one running.
 */
public final class DiehlCookNetwork {
    private final DiehlCookParameters p;
    private final int nIn;
    private final int n;
    private final float[] weights;
    private final float[] theta;

    /**
     * A network with random initial weights, uniform in {@code [0, wInitMax)}, then normalised.
     *
     * @param p        parameters
     * @param nInputs  number of inputs (784 for MNIST), &gt; 0
     * @param nNeurons number of excitatory neurons, &gt; 0
     * @param seed     seed of the weight initialisation
     */
    public DiehlCookNetwork(DiehlCookParameters p, int nInputs, int nNeurons, long seed) {
        this(p, nInputs, nNeurons, randomWeights(nInputs, nNeurons, p, seed), new float[nNeurons]);
        normaliseAll();
    }

    /**
     * A network with the given weights and thresholds (e.g. read from a model file). The arrays are used
     * directly, not copied.
     *
     * @param p        parameters
     * @param nInputs  number of inputs
     * @param nNeurons number of excitatory neurons
     * @param weights  [pre][post] weights, length {@code nInputs * nNeurons}; used live
     * @param theta    threshold adaptations, mV, length {@code nNeurons}; used live
     */
    public DiehlCookNetwork(DiehlCookParameters p, int nInputs, int nNeurons, float[] weights, float[] theta) {
        this.p = Objects.requireNonNull(p, "p");
        if (nInputs <= 0) {
            throw new IllegalArgumentException("nInputs must be > 0, got " + nInputs);
        }
        if (nNeurons <= 0) {
            throw new IllegalArgumentException("nNeurons must be > 0, got " + nNeurons);
        }
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(theta, "theta");
        if (weights.length != (long) nInputs * nNeurons) {
            throw new IllegalArgumentException("weights must have length nInputs * nNeurons = "
                    + ((long) nInputs * nNeurons) + ", got " + weights.length);
        }
        if (theta.length != nNeurons) {
            throw new IllegalArgumentException("theta must have length " + nNeurons + ", got " + theta.length);
        }
        this.nIn = nInputs;
        this.n = nNeurons;
        this.weights = weights;
        this.theta = theta;
    }

    private static float[] randomWeights(int nIn, int n, DiehlCookParameters p, long seed) {
        if (nIn <= 0 || n <= 0) {
            throw new IllegalArgumentException("nInputs and nNeurons must be > 0, got " + nIn + ", " + n);
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[nIn * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() * p.wInitMax());
        }
        return w;
    }

    /** The parameters. */
    public DiehlCookParameters parameters() {
        return p;
    }

    /** Number of inputs. */
    public int inputs() {
        return nIn;
    }

    /** Number of excitatory neurons. */
    public int neurons() {
        return n;
    }

    /** The live [pre][post] weights ({@code w[pre * neurons() + post]}); modified by learning. */
    public float[] weights() {
        return weights;
    }

    /** The live threshold adaptations theta, mV; modified by learning. */
    public float[] theta() {
        return theta;
    }

    /**
     * Scales the input weights of neuron {@code post} so that they sum to {@code weightSum}; a column summing
     * to 0 is left alone. Modifies {@link #weights()}.
     *
     * @param post the neuron
     */
    public void normalise(int post) {
        Objects.checkIndex(post, n);
        double sum = 0;
        for (int i = 0, k = post; i < nIn; i++, k += n) {
            sum += weights[k];
        }
        if (sum > 0) {
            float f = (float) (p.weightSum() / sum);
            for (int i = 0, k = post; i < nIn; i++, k += n) {
                weights[k] *= f;
            }
        }
    }

    /** Normalises every neuron's input weights ({@link #normalise(int)}). Modifies {@link #weights()}. */
    public void normaliseAll() {
        double[] sums = new double[n];
        for (int i = 0; i < nIn; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                sums[j] += weights[row + j];
            }
        }
        float[] f = new float[n];
        for (int j = 0; j < n; j++) {
            f[j] = sums[j] > 0 ? (float) (p.weightSum() / sums[j]) : 1f;
        }
        for (int i = 0; i < nIn; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                weights[row + j] *= f[j];
            }
        }
    }

    /**
     * A new simulation (buffers for one presentation at a time).
     *
     * @return the simulation
     */
    public Simulation newSimulation() {
        return new Simulation();
    }

    /**
     * The mutable state of one presentation at a time: membrane potentials, refractory counters, traces,
     * the input spike buffer. All buffers are allocated here, once. Not thread-safe; one per thread.
     */
    public final class Simulation {
        private final int steps = p.presentSteps();
        private final int restSteps = Math.round(p.restMs() / p.dtMs());
        private final int refSteps = p.refractorySteps();
        private final float decay = (float) Math.exp(-p.dtMs() / p.tauExcMs());
        private final float kExc = p.tauGeMs() / p.tauExcMs();
        private final float[] inhPow;
        private final float[] decPre;
        private final float[] decPost1;
        private final float[] decPost2;
        private final float[] v = new float[n];
        private final float[] input = new float[n];
        private final int[] refrEnd = new int[n];
        private final int[] lastPost = new int[n];
        private final boolean[] hasFired = new boolean[n];
        private final int[] firedList = new int[n];
        private int firedCount;
        private final int[] lastPre = new int[nIn];
        private final int[] activePre = new int[nIn];
        private int activeCount;
        private final int[] stepStart;
        private int[] evStep;
        private int[] evPix;
        private int[] events;
        private final int[] counts = new int[n];
        private long synapticEvents;
        private long presentations;
        private long spikes;

        Simulation() {
            float k = p.wInh() * p.tauGiMs() / p.tauExcMs();
            inhPow = new float[n + 1];
            inhPow[0] = 1f;
            for (int m = 1; m <= n; m++) {
                inhPow[m] = (float) Math.pow(1.0 - k, m);
            }
            decPre = table(p.tauPreMs());
            decPost1 = table(p.tauPost1Ms());
            decPost2 = table(p.tauPost2Ms());
            stepStart = new int[steps + 1];
            int cap = Math.max(1024, nIn * 64);
            evStep = new int[cap];
            evPix = new int[cap];
            events = new int[cap];
            Arrays.fill(lastPre, -1);
            reset();
        }

        private float[] table(float tau) {
            float[] t = new float[steps + 1];
            for (int k = 0; k <= steps; k++) {
                t[k] = (float) Math.exp(-k * (double) p.dtMs() / tau);
            }
            return t;
        }

        /** Puts every neuron at rest, not refractory (as after an infinitely long rest). */
        public void reset() {
            Arrays.fill(v, p.vRestExc());
            Arrays.fill(refrEnd, -1);
        }

        /** Spike counts per neuron of the last presentation (live view, overwritten by the next one). */
        public int[] counts() {
            return counts;
        }

        /** The membrane potentials (live view), for the divergence harness. */
        float[] potentials() {
            return v;
        }

        /** A copy of the input spikes of the last presentation ({@link #run} or {@link #runSource}). */
        org.snn4j.EventSource lastInput() {
            return org.snn4j.EventSource.ofBuckets(nIn, stepStart.clone(),
                    Arrays.copyOf(events, stepStart[steps])).withDtMs(p.dtMs());
        }

        /** Weight rows added so far (one per input spike, each {@code neurons()} additions). */
        public long synapticEvents() {
            return synapticEvents * n;
        }

        /** Excitatory spikes so far, over all presentations (repeats included). */
        public long spikes() {
            return spikes;
        }

        /** Presentations run so far, repeats included. */
        public long presentations() {
            return presentations;
        }

        /**
         * Presents one digit as in the paper: if it makes fewer than {@code minSpikes} excitatory spikes,
         * it is presented again (after a rest) with the full-intensity rate raised by {@code rateBoostHz}, at
         * most {@code maxRepeats} times. With {@code learn}, STDP, theta and normalisation are applied and
         * each presentation is followed by the rest in closed form; without, each presentation starts from
         * rest and nothing of the network is modified.
         *
         * @param pixels image bytes (unsigned 0..255); not modified
         * @param offset index of the first of the {@code inputs()} pixels of this digit
         * @param learn  whether to learn (modifies the network's weights and theta)
         * @param rng    random source of the input spikes; advanced
         * @return spike counts per neuron of the last presentation (live view of {@link #counts()})
         */
        public int[] present(byte[] pixels, int offset, boolean learn, SplittableRandom rng) {
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(rng, "rng");
            Objects.checkFromIndexSize(offset, nIn, pixels.length);
            for (int r = 0; ; r++) {
                if (!learn) {
                    reset();
                }
                float rate = p.maxRateHz() + r * p.rateBoostHz();
                int total = run(pixels, offset, rate, learn, rng);
                if (learn) {
                    rest();
                }
                if (total >= p.minSpikes() || r >= p.maxRepeats()) {
                    return counts;
                }
            }
        }

        /**
         * One presentation of {@code presentSteps()} steps at full-intensity rate {@code fullRateHz}.
         *
         * @return total excitatory spikes
         */
        int run(byte[] pixels, int offset, float fullRateHz, boolean learn, SplittableRandom rng) {
            generate(pixels, offset, fullRateHz, rng);
            return simulate(learn);
        }

        /**
         * One presentation of the given input spikes ({@code source.steps()} must be {@code presentSteps()}),
         * without the rest after it: what the equivalence test feeds to both simulators.
         *
         * @return total excitatory spikes
         */
        public int runSource(SpikeSource source, boolean learn) {
            if (source.steps() != steps || source.size() != nIn) {
                throw new IllegalArgumentException("source must have " + steps + " steps of " + nIn + " inputs");
            }
            Spikes buf = new Spikes(nIn);
            int count = 0;
            for (int t = 0; t < steps; t++) {
                stepStart[t] = count;
                buf.clear();
                source.emit(t, buf);
                for (int k = 0; k < buf.count(); k++) {
                    if (count == events.length) {
                        events = Arrays.copyOf(events, count * 2);
                    }
                    events[count++] = buf.get(k);
                }
            }
            stepStart[steps] = count;
            return simulate(learn);
        }

        private int simulate(boolean learn) {
            presentations++;
            Arrays.fill(counts, 0);
            final float[] w = weights;
            final float[] th = theta;
            final float vRest = p.vRestExc();
            final float vReset = p.vResetExc();
            final float vThr = p.vThreshExc();
            final float eExc = p.eExc();
            final float eInh = p.eInh();
            final float nuPre = p.nuPre();
            final float nuPost = p.nuPost();
            final float wMax = p.wMax();
            final float thetaPlus = p.thetaPlus();
            int total = 0;
            int prevFired = 0;
            firedCount = 0;
            activeCount = 0;
            for (int t = 0; t < steps; t++) {
                int e1 = stepStart[t + 1];
                for (int e = stepStart[t]; e < e1; e++) {
                    int i = events[e];
                    int row = i * n;
                    if (learn) {
                        for (int k = 0; k < firedCount; k++) {
                            int j = firedList[k];
                            float nw = w[row + j] - nuPre * decPost1[t - lastPost[j]];
                            w[row + j] = nw < 0f ? 0f : nw;
                        }
                        if (lastPre[i] < 0) {
                            activePre[activeCount++] = i;
                        }
                        lastPre[i] = t;
                    }
                    for (int j = 0; j < n; j++) {
                        input[j] += w[row + j];
                    }
                }
                synapticEvents += e1 - stepStart[t];
                int fired = 0;
                for (int j = 0; j < n; j++) {
                    if (refrEnd[j] >= t) {
                        input[j] = 0f;
                        continue;
                    }
                    float vj = vRest + (v[j] - vRest) * decay;
                    float in = input[j];
                    if (in != 0f) {
                        vj += kExc * in * (eExc - vj);
                        input[j] = 0f;
                    }
                    if (prevFired > 0) {
                        int others = prevFired - (hasFired[j] && lastPost[j] == t - 1 ? 1 : 0);
                        vj = eInh + (vj - eInh) * inhPow[others];
                    }
                    if (vj > vThr + th[j]) {
                        vj = vReset;
                        refrEnd[j] = t + refSteps;
                        counts[j]++;
                        fired++;
                        if (learn) {
                            if (hasFired[j]) {
                                float y2 = decPost2[t - lastPost[j]];
                                float a = nuPost * y2;
                                for (int k = 0; k < activeCount; k++) {
                                    int i = activePre[k];
                                    int idx = i * n + j;
                                    float nw = w[idx] + a * decPre[t - lastPre[i]];
                                    w[idx] = nw > wMax ? wMax : nw;
                                }
                            }
                            th[j] += thetaPlus;
                        }
                        if (!hasFired[j]) {
                            hasFired[j] = true;
                            firedList[firedCount++] = j;
                        }
                        lastPost[j] = t;
                    }
                    v[j] = vj;
                }
                total += fired;
                prevFired = fired;
            }
            spikes += total;
            for (int k = 0; k < firedCount; k++) {
                int j = firedList[k];
                hasFired[j] = false;
                if (learn) {
                    normalise(j);
                }
            }
            for (int k = 0; k < activeCount; k++) {
                lastPre[activePre[k]] = -1;
            }
            if (learn) {
                float f = (float) Math.exp(-(p.presentMs() + p.restMs()) / p.tauThetaMs());
                for (int j = 0; j < n; j++) {
                    th[j] *= f;
                }
            }
            return total;
        }

        /** The rest after a presentation, in closed form: no input, so each membrane only decays. */
        void rest() {
            float vRest = p.vRestExc();
            for (int j = 0; j < n; j++) {
                int refLeft = refrEnd[j] - (steps - 1);
                int free = refLeft > 0 ? restSteps - refLeft : restSteps;
                if (free <= 0) {
                    refrEnd[j] = -1 + (refLeft - restSteps);
                    continue;
                }
                v[j] = vRest + (v[j] - vRest) * (float) Math.pow(decay, free);
                refrEnd[j] = -1;
            }
        }

        /** Draws the input spike trains and sorts them by step into {@code events}. */
        private void generate(byte[] pixels, int offset, float fullRateHz, SplittableRandom rng) {
            int count = 0;
            double scale = fullRateHz * p.dtMs() / 1000.0 / 255.0;
            for (int i = 0; i < nIn; i++) {
                int b = pixels[offset + i] & 0xFF;
                if (b == 0) {
                    continue;
                }
                double prob = b * scale;
                if (prob >= 1.0) {
                    for (int s = 0; s < steps; s++) {
                        count = add(count, s, i);
                    }
                    continue;
                }
                double lg = Math.log1p(-prob);
                long s = -1;
                while (true) {
                    double u = 1.0 - rng.nextDouble();
                    s += 1 + (long) Math.floor(Math.log(u) / lg);
                    if (s >= steps) {
                        break;
                    }
                    count = add(count, (int) s, i);
                }
            }
            Arrays.fill(stepStart, 0);
            for (int e = 0; e < count; e++) {
                stepStart[evStep[e] + 1]++;
            }
            for (int s = 0; s < steps; s++) {
                stepStart[s + 1] += stepStart[s];
            }
            if (events.length < count) {
                events = new int[evStep.length];
            }
            // stable counting sort by step; stepStart[s] is used as the insertion cursor and then restored
            for (int e = 0; e < count; e++) {
                events[stepStart[evStep[e]]++] = evPix[e];
            }
            for (int s = steps; s > 0; s--) {
                stepStart[s] = stepStart[s - 1];
            }
            stepStart[0] = 0;
        }

        private int add(int count, int step, int pixel) {
            if (count == evStep.length) {
                int cap = Math.max(count * 2, 1024);
                evStep = Arrays.copyOf(evStep, cap);
                evPix = Arrays.copyOf(evPix, cap);
            }
            evStep[count] = step;
            evPix[count] = pixel;
            return count + 1;
        }
    }
}
