package org.snn4j.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.EventSource;
import org.snn4j.Shape;
import org.snn4j.competition.KWinnersTakeAll;
import org.snn4j.competition.WinnerTakeAll;
import org.snn4j.io.ModelFileException;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.LearningRule;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.network.Network;
import org.snn4j.network.NetworkFile;
import org.snn4j.network.PresentationResult;
import org.snn4j.network.Simulation;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.PerfectIf;

/**
 * Every learning rule of this module round-trips through a network file with its parameters and learning state,
 * so that training continues bit-identically from a saved network.
 */
class LearningCodecsTest {

    private static EventSource poisson(int size, int steps, double p, SplittableRandom r) {
        int[] offsets = new int[steps + 1];
        int[] neurons = new int[size * steps];
        int c = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < size; i++) {
                if (r.nextDouble() < p) {
                    neurons[c++] = i;
                }
            }
            offsets[t + 1] = c;
        }
        return EventSource.ofBuckets(size, offsets, Arrays.copyOf(neurons, c));
    }

    private static Network conv(LearningRule rule) {
        Shape in = new Shape(2, 7, 7);
        Conv2dLayer c = Conv2dLayer.builder("c", in, 3, 3, 3).weights(WeightInit.normal(0.8f, 0.05f, 3))
                .neurons(PerfectIf.latencyCoded(3f))
                .build();
        return Network.builder(in, 1f).add(c).compete("c", new KWinnersTakeAll(2, 1)).learn("c", rule).build();
    }

    private static Network dense(LearningRule rule) {
        Shape in = Shape.flat(30);
        DenseLayer d = DenseLayer.builder("d", in, 6).weights(WeightInit.uniform(0.2f, 0.8f, 4))
                .neurons(new Lif(LifParameters.defaults().withVThreshold(3f))).build();
        return Network.builder(in, 1f).add(d).compete("d", new WinnerTakeAll(0f, 1)).learn("d", rule).build();
    }

    /** Trains {@code sim} on {@code n} presentations (reward alternating) and returns winners and weights. */
    private static List<String> train(Simulation sim, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> trace = new ArrayList<>();
        int size = sim.network().inputShape().size();
        for (int k = 0; k < n; k++) {
            PresentationResult res = sim.present(poisson(size, 15, 0.25, r), true);
            sim.learn(k % 3 == 0 ? -1f : 1f);
            trace.add(res.winners().toString());
        }
        trace.add(Arrays.toString(((PlasticLayer) sim.network().layer(0)).weights()));
        return trace;
    }

    private static void roundTrip(Network net) throws ModelFileException {
        Simulation sim = net.newSimulation(7);
        train(sim, 12, 1);
        byte[] bytes = NetworkFile.toBytes(sim);
        Network loaded = NetworkFile.fromBytes(bytes, LearningCodecs.all());
        assertThat(NetworkFile.toBytes(loaded)).as("saved again, the same bytes").isEqualTo(bytes);
        assertThat(loaded.learningRule(0).getClass()).isEqualTo(net.learningRule(0).getClass());
        assertThat(train(loaded.newSimulation(7), 10, 2)).as("training continues identically")
                .isEqualTo(train(sim, 10, 2));
    }

    @Test
    void binaryStdpKeepsItsScheduledRatesAndSampleCount() throws ModelFileException {
        BinaryStdp rule = new BinaryStdp(3, new StdpRates(0.004f, -0.003f), WeightBounds.unit(), true,
                RateSchedule.doubling(5, 0.15f, -0.75f));
        roundTrip(conv(rule));
        assertThat(rule.samples()).isEqualTo(22);
        assertThat(rule.rates(0).aPlus()).as("the schedule ran").isGreaterThan(0.004f);
    }

    @Test
    void rewardModulatedStdpKeepsItsCurrentRates() throws ModelFileException {
        RewardModulatedStdp rule = RewardModulatedStdp.mozafari(3);
        rule.setRewardRates(1, new StdpRates(0.002f, -0.001f));
        roundTrip(conv(rule));
    }

    @Test
    void traceAndWindowRulesKeepTheirParameters() throws ModelFileException {
        roundTrip(dense(new ExponentialStdp(ExponentialStdp.Parameters.diehlCook2015Triplet())));
        roundTrip(dense(new WindowStdp(new WindowStdp.Parameters(3, new StdpRates(0.05f, -0.02f), WeightBounds.unit(),
                true, WindowStdp.Trigger.FIRED))));
        roundTrip(dense(new EligibilityRStdp(new EligibilityRStdp.Parameters(10f, 12f, 50f,
                new StdpRates(0.1f, -0.08f), 0.5f, WeightBounds.unit()))));
    }

    /** The depression timing is saved; a section written before the field existed reads as {@code AFTER_STEP}. */
    @Test
    void exponentialStdpKeepsItsDepressionTiming() throws ModelFileException {
        ExponentialStdp.Parameters p = ExponentialStdp.Parameters.diehlCook2015Triplet()
                .withDepression(ExponentialStdp.Depression.BEFORE_INPUT);
        roundTrip(dense(new ExponentialStdp(p)));
        ExponentialStdp back = org.snn4j.io.SectionFile.fromBytes(org.snn4j.io.SectionFile.toBytes(
                new ExponentialStdp(p), "rule"), ExponentialStdp.class, "rule", LearningCodecs.all());
        assertThat(back.parameters()).isEqualTo(p);
        ExponentialStdp old = org.snn4j.io.SectionFile.fromBytes(org.snn4j.io.SectionFile.toBytes(
                new WithoutDepression(p), "rule"), ExponentialStdp.class, "rule", LearningCodecs.all());
        assertThat(old.parameters()).isEqualTo(p.withDepression(ExponentialStdp.Depression.AFTER_STEP));
    }

    /** Writes an {@link ExponentialStdp} section as files did before {@code depression} was a field. */
    private record WithoutDepression(ExponentialStdp.Parameters p) implements org.snn4j.io.Persistent {
        @Override
        public org.snn4j.io.Codec<?> codec() {
            return org.snn4j.io.Codec.of("snn4j.learning.ExponentialStdp", WithoutDepression.class, (r, out) -> {
                ExponentialStdp.Parameters q = r.p();
                out.putFloat("lo", q.bounds().lo()).putFloat("hi", q.bounds().hi());
                out.putFloat("tauPlusMs", q.tauPlusMs()).putFloat("tauMinusMs", q.tauMinusMs())
                        .putFloat("etaPlus", q.etaPlus()).putFloat("etaMinus", q.etaMinus())
                        .putEnum("pairing", q.pairing()).putEnum("bounding", q.bounding())
                        .putFloat("etaTriplet", q.etaTriplet()).putFloat("tauSlowMs", q.tauSlowMs());
            }, in -> null);
        }
    }

    /** Its traces, eligibilities and clock are saved: training k steps, saving, loading and training on is bit-identical. */
    @Test
    void eligibilityRStdpKeepsItsTracesAndEligibilities() throws ModelFileException {
        EligibilityRStdp rule = new EligibilityRStdp(new EligibilityRStdp.Parameters(10f, 12f, 500f,
                new StdpRates(0.1f, -0.08f), 0.5f, WeightBounds.unit()));
        Network net = dense(rule);
        Simulation sim = net.newSimulation(7);
        train(sim, 6, 1);
        assertThat(rule.state()).isNotNull();
        assertThat(rule.state().clock()).isEqualTo(6 * 15);
        Network loaded = NetworkFile.fromBytes(NetworkFile.toBytes(sim), LearningCodecs.all());
        EligibilityRStdp copy = (EligibilityRStdp) loaded.learningRule(0);
        EligibilityRStdp.State a = rule.state();
        EligibilityRStdp.State b = copy.state();
        assertThat(b.eligibility()).containsExactly(a.eligibility());
        assertThat(b.preValue()).containsExactly(a.preValue());
        assertThat(b.postStep()).containsExactly(a.postStep());
        assertThat(b.firedPosts()).containsExactly(a.firedPosts());
        boolean anyEligibility = false;
        for (float x : a.eligibility()) {
            anyEligibility |= x != 0f;
        }
        assertThat(anyEligibility).as("the saved state is not trivial").isTrue();
        // a reward right after loading uses the saved eligibilities: the same weights as without the round trip
        assertThat(train(loaded.newSimulation(7), 5, 3)).isEqualTo(train(sim, 5, 3));
        // the same network after reset() (what loading gave before the state was saved) trains differently
        Network reset = NetworkFile.fromBytes(NetworkFile.toBytes(sim), LearningCodecs.all());
        ((EligibilityRStdp) reset.learningRule(0)).reset();
        Network again = NetworkFile.fromBytes(NetworkFile.toBytes(sim), LearningCodecs.all());
        assertThat(train(reset.newSimulation(7), 5, 4)).isNotEqualTo(train(again.newSimulation(7), 5, 4));
    }

    @Test
    void eligibilityRStdpRefusesAStateThatDoesNotFit() {
        EligibilityRStdp rule = new EligibilityRStdp(new EligibilityRStdp.Parameters(10f, 12f, 50f,
                new StdpRates(0.1f, -0.08f), 0.5f, WeightBounds.unit()));
        EligibilityRStdp.State ok = new EligibilityRStdp.State(1f, 2, 3, 4, new float[2], new int[2], new float[3],
                new int[3], new float[6], new int[6], new int[] {2, 0});
        rule.restore(ok);
        assertThat(rule.state().firedPosts()).containsExactly(2, 0);
        assertThatThrownBy(() -> rule.restore(new EligibilityRStdp.State(1f, 2, 3, 4, new float[2], new int[2],
                new float[3], new int[3], new float[5], new int[6], new int[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eligibility has 5 entries");
        assertThatThrownBy(() -> rule.restore(new EligibilityRStdp.State(1f, 2, 3, 4, new float[2], new int[] {0, 5},
                new float[3], new int[3], new float[6], new int[6], new int[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preStep[1] = 5");
        assertThatThrownBy(() -> rule.restore(new EligibilityRStdp.State(1f, 2, 3, 4, new float[2], new int[2],
                new float[3], new int[3], new float[6], new int[6], new int[] {1, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firedPosts[1] = 1");
    }

    /** Every field of a restored state is checked against the others, each with its own message. */
    @Test
    void eligibilityRStdpChecksEveryFieldOfARestoredState() {
        EligibilityRStdp rule = new EligibilityRStdp(new EligibilityRStdp.Parameters(10f, 12f, 50f,
                new StdpRates(0.1f, -0.08f), 0.5f, WeightBounds.unit()));
        assertThat(rule.state()).isNull(); // nothing to save before the first step
        // clock 4, steps up to and including 4, values other than 0: restored exactly
        EligibilityRStdp.State ok = new EligibilityRStdp.State(0.5f, 2, 3, 4, new float[] {0.25f, 0.5f},
                new int[] {4, 0}, new float[] {0.75f, 1f, 0.125f}, new int[] {1, 4, 2},
                new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 2, 3, 4, 4}, new int[] {1});
        rule.restore(ok);
        EligibilityRStdp.State got = rule.state();
        assertThat(new Object[] {got.dtMs(), got.inputs(), got.outputs(), got.clock()})
                .containsExactly(0.5f, 2, 3, 4);
        assertThat(got.preValue()).containsExactly(ok.preValue());
        assertThat(got.preStep()).containsExactly(ok.preStep());
        assertThat(got.postValue()).containsExactly(ok.postValue());
        assertThat(got.postStep()).containsExactly(ok.postStep());
        assertThat(got.eligibility()).containsExactly(ok.eligibility());
        assertThat(got.eligibilityStep()).containsExactly(ok.eligibilityStep());
        assertThat(got.firedPosts()).containsExactly(1);
        // eligibility(pre, post) reads c[post * inputs + pre] decayed from its step to the clock
        assertThat(rule.eligibility(1, 2)).isEqualTo(6f);
        assertThat((double) rule.eligibility(0, 1)).isCloseTo(3 * Math.exp(-2 * 0.5 / 50), within(1e-6));

        java.util.function.Function<java.util.function.UnaryOperator<Object[]>, EligibilityRStdp.State> with = f -> {
            Object[] v = {0.5f, 2, 3, 4, new float[2], new int[2], new float[3], new int[3], new float[6], new int[6],
                    new int[0]};
            v = f.apply(v);
            return new EligibilityRStdp.State((float) v[0], (int) v[1], (int) v[2], (int) v[3], (float[]) v[4],
                    (int[]) v[5], (float[]) v[6], (int[]) v[7], (float[]) v[8], (int[]) v[9], (int[]) v[10]);
        };
        java.util.function.BiConsumer<java.util.function.UnaryOperator<Object[]>, String> refused = (f, msg) ->
                assertThatThrownBy(() -> rule.restore(with.apply(f))).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(msg);
        refused.accept(v -> set(v, 0, 0f), "dtMs must be finite and > 0, got 0.0");
        refused.accept(v -> set(v, 0, Float.NaN), "dtMs must be finite and > 0, got NaN");
        refused.accept(v -> set(v, 0, Float.POSITIVE_INFINITY), "dtMs must be finite and > 0, got Infinity");
        refused.accept(v -> set(v, 1, 0), "inputs x outputs must be in [1, 16777216], got 0 x 3");
        refused.accept(v -> set(v, 2, 0), "inputs x outputs must be in [1, 16777216], got 2 x 0");
        refused.accept(v -> set(set(v, 1, 4097), 2, 4096), "inputs x outputs must be in [1, 16777216], got 4097 x 4096");
        refused.accept(v -> set(v, 3, -1), "clock must be >= 0, got -1");
        refused.accept(v -> set(v, 4, new float[3]), "preValue has 3 entries, expected 2");
        refused.accept(v -> set(v, 5, new int[1]), "preStep has 1 entries, expected 2");
        refused.accept(v -> set(v, 6, new float[2]), "postValue has 2 entries, expected 3");
        refused.accept(v -> set(v, 7, new int[4]), "postStep has 4 entries, expected 3");
        refused.accept(v -> set(v, 8, new float[5]), "eligibility has 5 entries, expected 6");
        refused.accept(v -> set(v, 9, new int[7]), "eligibilityStep has 7 entries, expected 6");
        refused.accept(v -> set(v, 5, new int[] {0, -1}), "preStep[1] = -1 is not in [0, clock = 4]");
        refused.accept(v -> set(v, 7, new int[] {0, 0, 5}), "postStep[2] = 5 is not in [0, clock = 4]");
        refused.accept(v -> set(v, 9, new int[] {0, 0, 0, 0, 0, 5}), "eligibilityStep[5] = 5 is not in [0, clock = 4]");
        refused.accept(v -> set(v, 10, new int[] {0, 1, 2, 0}), "firedPosts has 4 entries, more than the 3 outputs");
        refused.accept(v -> set(v, 10, new int[] {3}), "firedPosts[0] = 3 is not a new output in [0, 3)");
        refused.accept(v -> set(v, 10, new int[] {0, -1}), "firedPosts[1] = -1 is not a new output in [0, 3)");
        // a refused state leaves the restored one in place
        assertThat(rule.state().clock()).isEqualTo(4);
        // the smallest: one input, one output, clock 0
        rule.restore(new EligibilityRStdp.State(1f, 1, 1, 0, new float[1], new int[1], new float[1], new int[1],
                new float[1], new int[1], new int[0]));
        assertThat(new int[] {rule.state().inputs(), rule.state().outputs(), rule.state().clock()}).containsExactly(1, 1, 0);
        // the largest allowed size is accepted
        rule.restore(with.apply(v -> set(set(set(set(set(set(set(set(v, 1, 4096), 2, 4096), 4, new float[4096]),
                5, new int[4096]), 6, new float[4096]), 7, new int[4096]), 8, new float[1 << 24]), 9, new int[1 << 24])));
    }

    private static Object[] set(Object[] v, int i, Object x) {
        Object[] c = v.clone();
        c[i] = x;
        return c;
    }

    @Test
    void withoutTheLearningCodecsTheRuleIsAnUnknownSectionWithAHint() {
        byte[] bytes = NetworkFile.toBytes(conv(BinaryStdp.mozafari(3)));
        ModelFileException e = catchThrowableOfType(ModelFileException.class, () -> NetworkFile.fromBytes(bytes));
        assertThat(e.kind()).isEqualTo(ModelFileException.Kind.UNKNOWN_SECTION);
        assertThat(e.field()).isEqualTo("network.stages[0].rule");
        assertThat(e.getMessage()).contains("snn4j.learning.BinaryStdp").contains("LearningCodecs.all()");
    }
}
