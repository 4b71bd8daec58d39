package org.snn4j.examples.papers;

import java.util.Objects;
import java.util.SplittableRandom;
import org.snn4j.Shape;
import org.snn4j.SpikeSource;
import org.snn4j.competition.Competition;
import org.snn4j.competition.LateralInhibition;
import org.snn4j.competition.ThresholdAdaptation;
import org.snn4j.encoding.PoissonEncoder;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LayerState;
import org.snn4j.learning.ExponentialStdp;
import org.snn4j.learning.WeightBounds;
import org.snn4j.learning.WeightNormalisation;
import org.snn4j.monitor.SpikeCounts;
import org.snn4j.network.Network;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.ConductanceLif;
import org.snn4j.neuron.ConductanceLifParameters;
import org.snn4j.neuron.ThresholdComparison;

/**
 * The network of Diehl &amp; Cook 2015 (doi:10.3389/fncom.2015.00099) composed from library parts and run on
 * {@link Network} / {@link Simulation}:
 * <ul>
 *   <li>input: {@link PoissonEncoder} (full-intensity rate {@code maxRateHz}, the network's time step, pixels
 *       0..255), one independent Bernoulli train per pixel;</li>
 *   <li>one {@link DenseLayer} {@value #LAYER} of {@link ConductanceLif} neurons (delta conductances, leak,
 *       strict threshold plus the neuron's threshold offset, reset, refractory period);</li>
 *   <li>competition: {@link LateralInhibition}, each spike inhibits every other neuron one step later (the
 *       effect of the paper's inhibitory population, as in the fused simulator, test scope
 *       {@code DiehlCookNetwork}), then, {@link Competition#whileLearning while learning},
 *       {@link ThresholdAdaptation} (theta += thetaPlus per spike, decaying with {@code tauTheta} over each
 *       presentation and its rest; the offsets persist and stay fixed when not learning);</li>
 *   <li>learning: {@link ExponentialStdp} (nearest-spike traces; depression {@code nuPre * y1} on a pre spike,
 *       applied before the spike's weight is delivered ({@link ExponentialStdp.Depression#BEFORE_INPUT}),
 *       potentiation {@code nuPost * x * y2} on a post spike: the triplet term);</li>
 *   <li>after each learning presentation, {@link WeightNormalisation} of the neurons that fired (column sums
 *       {@code weightSum});</li>
 *   <li>the paper's repeat rule: fewer than {@code minSpikes} spikes repeat the digit with the full-intensity
 *       rate raised by {@code rateBoostHz}, at most {@code maxRepeats} times.</li>
 * </ul>
 *
 * <h2>How the model differs from the paper</h2>
 * <ul>
 *   <li>Synapses are delta conductances: the paper's excitatory (1 ms) and inhibitory (2 ms) conductances
 *       deliver their whole integral in the step of the spike, at that step's membrane potential.</li>
 *   <li>The inhibitory population (one partner per excitatory neuron, excited strongly enough to fire at once,
 *       inhibiting all the others with weight 17) is replaced by its effect, one step later.</li>
 *   <li>A pre spike's depression is applied before its weight is delivered (the authors' Brian script delivers
 *       the weight first; the input of that step differs by {@code nuPre * y1} per synapse onto a neuron that
 *       fired before): the order of the fused simulator, kept so that the two train identically.</li>
 *   <li>Thresholds adapt only while learning and decay once per presentation (over the presentation and its
 *       rest; with tauTheta = 1e7 ms the decay per presentation is 5e-5 of theta).</li>
 *   <li>Weights are normalised after each presentation, for the neurons that fired (the paper rescales all
 *       columns before each digit: the same weights up to float rounding).</li>
 *   <li>STDP traces start at 0 in each presentation (after the 150 ms rest they are below 6e-4 of their
 *       peak).</li>
 *   <li>The repeat rule stops after {@code maxRepeats} repeats (the paper has no bound; a blank image would
 *       loop).</li>
 * </ul>
 *
 * <h2>Rest, and the differences from the fused simulator</h2>
 * While training, each presentation is followed by the paper's rest ({@code restMs}, 150 ms): the engine's
 * {@link Simulation#rest} lets {@link ConductanceLif} relax in closed form, and the next learning presentation
 * starts from that state, as in the fused simulator; presentations without learning start from the resting
 * state. As in the fused simulator, initial weights are drawn as doubles and rounded to float, and depression
 * runs before the step's input is delivered ({@link ExponentialStdp.Depression#BEFORE_INPUT}). The input spikes
 * are drawn by {@link PoissonEncoder}, which consumes the random stream as the fused generator did (one draw per
 * inter-spike gap, inputs in index order); its gap formula ({@code log1p(-u)}) and the fused one
 * ({@code log(1 - u)}, exact in double) could only round to a different gap when the quotient is within an ulp
 * of an integer: none did in the runs checked. So for a seed the composition trains bit-identically to the fused
 * simulator: same trains, spike counts, potentials, thresholds and weights after every presentation (checked
 * over the 9,273 presentations of the first epoch with 400 neurons by {@code DiehlCookDivergence} in its
 * {@code stream} mode, and at a small size by {@code DiehlCookEquivalenceTest}).
 *
 * <p>Thread safety: the network's weights are shared by every {@link Presenter}; any number of presenters may
 * present digits without learning concurrently; a presenter that learns writes the weights and must be the only
 * one running.
 */
public final class DiehlCookComposed {
    /** The name of the excitatory layer. */
    public static final String LAYER = "exc";

    private final DiehlCookParameters p;
    private final Network network;
    private final DenseLayer layer;
    private final int nIn;
    private final int n;

    /**
     * Builds the network with random initial weights, uniform in {@code [0, wInitMax)} (seeded), then normalised.
     *
     * @param p          parameters
     * @param input      shape of the input image (e.g. 1 x 28 x 28)
     * @param neurons    number of excitatory neurons, &gt; 0
     * @param weightSeed seed of the initial weights
     */
    public DiehlCookComposed(DiehlCookParameters p, Shape input, int neurons, long weightSeed) {
        this.p = Objects.requireNonNull(p, "p");
        Objects.requireNonNull(input, "input");
        if (neurons <= 0) {
            throw new IllegalArgumentException("neurons must be > 0, got " + neurons);
        }
        ConductanceLifParameters lif = new ConductanceLifParameters(p.tauExcMs(), p.vRestExc(), p.vResetExc(),
                p.vThreshExc(), p.eExc(), p.eInh(), p.tauGeMs() / p.tauExcMs(),
                p.wInh() * p.tauGiMs() / p.tauExcMs(), p.refractoryExcMs(), ThresholdComparison.GREATER);
        this.layer = DenseLayer.builder(LAYER, input, neurons)
                .neurons(new ConductanceLif(lif))
                .build();
        // uniform in [0, wInitMax), drawn in [pre][post] order as doubles and rounded to float (as the fused
        // simulator drew them, so that both start from the same weights for a seed)
        SplittableRandom r = new SplittableRandom(weightSeed);
        float[] w = layer.weights();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextDouble() * p.wInitMax());
        }
        ExponentialStdp stdp = new ExponentialStdp(new ExponentialStdp.Parameters(p.tauPreMs(), p.tauPost1Ms(), 0f,
                p.nuPre(), new WeightBounds(0f, p.wMax()), ExponentialStdp.Pairing.NEAREST,
                ExponentialStdp.Bounding.ADDITIVE, p.nuPost(), p.tauPost2Ms(),
                ExponentialStdp.Depression.BEFORE_INPUT));
        this.network = Network.builder(input, p.dtMs())
                .add(layer)
                .compete(LAYER, new LateralInhibition().andThen(Competition.whileLearning(
                        new ThresholdAdaptation(p.thetaPlus(), p.tauThetaMs(), p.restMs()))))
                .learn(LAYER, stdp)
                .build();
        this.nIn = input.size();
        this.n = neurons;
        normaliseAll();
    }

    /** The parameters. */
    public DiehlCookParameters parameters() {
        return p;
    }

    /** The network (one layer, {@value #LAYER}). */
    public Network network() {
        return network;
    }

    /** The excitatory layer; its live [pre][post] weights are {@code layer().weights()}. */
    public DenseLayer layer() {
        return layer;
    }

    /** Number of inputs. */
    public int inputs() {
        return nIn;
    }

    /** Number of excitatory neurons. */
    public int neurons() {
        return n;
    }

    /** Normalises every neuron's input weights to sum to {@code weightSum}. Modifies the weights. */
    public void normaliseAll() {
        LayerState scratch = layer.newState();
        WeightNormalisation.normaliseAll(layer, scratch, p.weightSum());
    }

    /**
     * A new presenter (a simulation with its spike counter), starting from the network's threshold offsets
     * ({@link Network#thresholdOffsets(int)}: zero, or those a network file restored).
     *
     * @return the presenter
     */
    public Presenter newPresenter() {
        return new Presenter();
    }

    /**
     * Presents digits: one {@link Simulation} of the network, a {@link SpikeCounts} monitor on the layer, and
     * the encoders of each repeat. Not thread-safe; one per thread.
     */
    public final class Presenter {
        private final Simulation sim;
        private final LayerState state;
        private final SpikeCounts counts;
        private final PoissonEncoder[] encoders;
        private final float[] x = new float[nIn];
        private long presentations;
        private boolean learnedLast;

        Presenter() {
            sim = network.newSimulation(0L);
            state = sim.state(LAYER);
            counts = sim.attach(LAYER, new SpikeCounts(n));
            encoders = new PoissonEncoder[p.maxRepeats() + 1];
            for (int r = 0; r < encoders.length; r++) {
                encoders[r] = PoissonEncoder.forNetwork(network, p.maxRateHz() + r * p.rateBoostHz(),
                        p.presentSteps() * (double) network.dtMs(), 255.0);
            }
        }

        /** The simulation. */
        public Simulation simulation() {
            return sim;
        }

        /** Live threshold offsets theta (mV) of the neurons; learning modifies them, copy trained ones in. */
        public float[] theta() {
            return state.thresholdOffsets();
        }

        /** Spike counts per neuron of the last presentation (live view, overwritten by the next one). */
        public int[] counts() {
            return counts.counts();
        }

        /** Presentations run so far, repeats included. */
        public long presentations() {
            return presentations;
        }

        /** Synaptic events (weight additions) so far. */
        public long synapticEvents() {
            return sim.totalSynapticEvents();
        }

        /**
         * Presents one digit as in the paper: if it makes fewer than {@code minSpikes} spikes it is presented
         * again with the full-intensity rate raised by {@code rateBoostHz}, at most {@code maxRepeats} times.
         * With {@code learn}, STDP and threshold adaptation run in every presentation, which is followed by the
         * normalisation of the neurons that fired and the rest (the next learning presentation starts from the
         * rested state); without, every presentation starts from the resting state and nothing of the network is
         * modified.
         *
         * @param pixels image bytes (unsigned 0..255); not modified
         * @param offset index of the first of the {@code inputs()} pixels of this digit
         * @param learn  whether to learn (modifies the weights and {@link #theta()})
         * @param rng    random source of the input spikes; advanced
         * @return spike counts per neuron of the last presentation (live view of {@link #counts()})
         */
        public int[] present(byte[] pixels, int offset, boolean learn, SplittableRandom rng) {
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(rng, "rng");
            Objects.checkFromIndexSize(offset, nIn, pixels.length);
            for (int i = 0; i < nIn; i++) {
                x[i] = pixels[offset + i] & 0xFF;
            }
            for (int r = 0; ; r++) {
                PresentationResult res = run(encoders[r], learn, rng);
                if (res.outputSpikes(0) >= p.minSpikes() || r >= p.maxRepeats()) {
                    return counts.counts();
                }
            }
        }

        private PresentationResult run(PoissonEncoder enc, boolean learn, SplittableRandom rng) {
            return presentOnce(enc.encode(x, rng), learn);
        }

        /**
         * One presentation of given input spikes, without the repeat rule: the simulation's presentation, then
         * with {@code learn} the end-of-sample learning and the normalisation of the neurons that fired. A
         * learning presentation that follows a learning presentation starts from the state the last one left
         * after the rest ({@link Simulation#rest}); any other starts from the resting state. Spike counts are in {@link #counts()} afterwards.
         *
         * @param input input spikes, {@code inputs()} neurons
         * @param learn whether to learn
         * @return the simulation's result
         */
        public PresentationResult presentOnce(SpikeSource input, boolean learn) {
            presentations++;
            if (learn && learnedLast) {
                sim.rest(p.restMs()); // training continues from the state after the rest
            }
            learnedLast = learn;
            PresentationResult res = sim.present(input, learn);
            if (learn) {
                sim.learn(0f);
                int[] c = counts.counts();
                for (int j = 0; j < n; j++) {
                    if (c[j] > 0) {
                        WeightNormalisation.normalise(layer, state, j, p.weightSum());
                    }
                }
            }
            return res;
        }
    }
}
