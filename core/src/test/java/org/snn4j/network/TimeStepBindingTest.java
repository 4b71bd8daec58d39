package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.snn4j.CurrentSource;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.StateVar;
import org.snn4j.layer.Conv2dLayer;
import org.snn4j.layer.CurrentLayer;
import org.snn4j.layer.DenseLayer;
import org.snn4j.layer.Layer;
import org.snn4j.layer.SparseLayer;
import org.snn4j.layer.WeightInit;
import org.snn4j.neuron.BiasedIf;
import org.snn4j.neuron.Izhikevich;
import org.snn4j.neuron.IzhikevichParameters;
import org.snn4j.neuron.Lif;
import org.snn4j.neuron.LifParameters;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIfParameters;
import org.snn4j.neuron.Srm;
import org.snn4j.neuron.SrmParameters;
import org.snn4j.synapse.ConductanceIntegration;
import org.snn4j.synapse.ConductanceParameters;
import org.snn4j.synapse.ExpConductanceLif;
import org.snn4j.synapse.ExpCurrentLif;
import org.snn4j.synapse.ExpCurrentParameters;
import org.snn4j.synapse.PopulationLayer;
import org.snn4j.synapse.Projection;
import org.snn4j.synapse.Receptor;
import org.snn4j.synapse.SynapticModel;

/**
 * The time step is bound once, when the network is built ({@code NeuronModel.bind}): every layer steps the bound
 * model (never the unbound one), and what a model cannot do at the network's step is refused at build, naming the
 * layer, the parameter and its value.
 */
class TimeStepBindingTest {

    private static Network single(Layer l, float dt) {
        return Network.builder(l.inputShape(), dt).add(l).build();
    }

    private static String buildError(Layer l, float dt) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> single(l, dt));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        return e.getMessage();
    }

    @Test
    void whatAModelCannotDoAtTheStepIsRefusedAtBuildNamingLayerParameterAndValue() {
        Shape s = Shape.flat(3);
        CurrentSource none = CurrentSource.constant(3, 0f);
        assertThat(buildError(new CurrentLayer("izh", s, new Izhikevich(new IzhikevichParameters(0.1f, 0.2f, -65f, 2f)),
                none), 25f))
                .isEqualTo("layer izh: Izhikevich a * dtMs must be < 2 (the Euler step of u diverges beyond), got a = "
                        + "0.1, dtMs = 25.0");
        assertThat(buildError(new CurrentLayer("srm", s, new Srm(SrmParameters.slayerNmnist(), 1f), none), 0.5f))
                .isEqualTo("layer srm: Srm dtMs is 1.0 (its kernels are sampled at that step), the network steps 0.5 ms");
        assertThat(buildError(new CurrentLayer("lif", s, new Lif(LifParameters.defaults().withRefractoryMs(5e9f)),
                none), 1f))
                .isEqualTo("layer lif: refractoryMs 5.0E9 at dt 1.0 ms is more than 2147483647 steps");
        assertThat(buildError(new CurrentLayer("cuba", s,
                new ExpCurrentLif(ExpCurrentParameters.brette2007().withRefractoryMs(2e7f)), none), 1f))
                .isEqualTo("layer cuba: refractoryMs 2.0E7 at dt 1.0 ms is 20000000 steps, more than the 16777216 the "
                        + "refractory counter (a float) counts exactly");
        assertThat(buildError(new CurrentLayer("coba", s, new ExpConductanceLif(ConductanceParameters.brette2007()),
                none), 6f))
                .isEqualTo("layer coba: ExpConductanceLif forward Euler needs dtMs <= tauExcMs (the conductance decay "
                        + "factor 1 - dt/tau would be negative), got tauExcMs = 5.0, dtMs = 6.0");
        // the same steps work where the model can take them
        single(new CurrentLayer("izh", s, new Izhikevich(IzhikevichParameters.regularSpiking()), none), 1f);
        single(new CurrentLayer("srm", s, new Srm(SrmParameters.slayerNmnist(), 0.5f), none), 0.5f);
        single(new CurrentLayer("coba", s, new ExpConductanceLif(ConductanceParameters.brette2007()
                .withIntegration(ConductanceIntegration.EXPONENTIAL_EULER)), none), 6f);
    }

    /** Calls of the unbound and the bound instance of one model, counted. */
    static final class Calls {
        int unbound;
        int bound;
        final List<Float> boundAt = new ArrayList<>();
    }

    /** A perfect integrator that counts which instance (unbound or bound) the layer steps. */
    static class Spy implements NeuronModel {
        static final StateVar V = new StateVar("v", "mV");
        final Calls calls;
        final boolean isBound;

        Spy(Calls calls, boolean isBound) {
            this.calls = calls;
            this.isBound = isBound;
        }

        void count() {
            if (isBound) {
                calls.bound++;
            } else {
                calls.unbound++;
            }
        }

        @Override
        public List<StateVar> stateVariables() {
            return List.of(V);
        }

        @Override
        public void initialise(NeuronState s) {
        }

        @Override
        public void step(NeuronState s, float[] input, float[] current, float dtMs, int t, Spikes out) {
            count();
            float[] v = s.get(V);
            for (int i = 0; i < v.length; i++) {
                v[i] += input[i];
            }
        }

        @Override
        public NeuronModel bind(float dtMs) {
            calls.boundAt.add(dtMs);
            return new Spy(calls, true);
        }
    }

    /** The same spy as a synaptic model (a population layer's synaptic path). */
    static final class SynapticSpy extends Spy implements SynapticModel {
        SynapticSpy(Calls calls, boolean isBound) {
            super(calls, isBound);
        }

        @Override
        public void stepRange(NeuronState s, float[] exc, float[] inh, int from, int to, float dtMs, int t,
                              Spikes out) {
            count();
            java.util.Arrays.fill(exc, from, to, 0f);
            java.util.Arrays.fill(inh, from, to, 0f);
        }

        @Override
        public NeuronModel bind(float dtMs) {
            calls.boundAt.add(dtMs);
            return new SynapticSpy(calls, true);
        }
    }

    @Test
    void everyLayerStepsTheModelBoundAtBuildOnce() {
        Shape in = Shape.flat(4);
        SplittableRandom rng = new SplittableRandom(1);
        List<Function<NeuronModel, Layer>> layers = List.of(
                m -> DenseLayer.builder("d", in, 3).weights(WeightInit.constant(1f)).neurons(m).build(),
                m -> SparseLayer.random("s", in, Shape.flat(3), 0.5, 1f, m, rng),
                m -> new CurrentLayer("c", in, m, CurrentSource.constant(4, 0f), 1f),
                m -> Conv2dLayer.builder("k", new Shape(1, 2, 2), 2, 1, 1).weights(WeightInit.constant(1f))
                        .neurons(m).build(),
                m -> PopulationLayer.builder("p", in, 3, m)
                        .input(Projection.random(4, 3, 0.5, 1f, Receptor.EXCITATORY, 0, rng)).build());
        for (int k = 0; k < layers.size() + 1; k++) {
            Calls calls = new Calls();
            Layer l = k < layers.size() ? layers.get(k).apply(new Spy(calls, false))
                    : PopulationLayer.builder("ps", in, 3, new SynapticSpy(calls, false))
                    .input(Projection.random(4, 3, 0.5, 1f, Receptor.EXCITATORY, 0, rng)).build();
            Network net = Network.builder(l.inputShape(), 0.25f).add(l).build();
            assertThat(calls.boundAt).as(l.name()).containsExactly(0.25f);
            Simulation sim = net.newSimulation(1);
            sim.present(TestSources.poisson(l.inputShape().size(), 6, 0.5, rng));
            sim.present(TestSources.poisson(l.inputShape().size(), 6, 0.5, rng));
            assertThat(calls.unbound).as("%s: steps of the unbound model", l.name()).isZero();
            assertThat(calls.bound).as("%s: steps of the bound model", l.name()).isEqualTo(12);
            assertThat(calls.boundAt).as("%s: bound once", l.name()).hasSize(1);
        }
    }

    /** The bound model ignores the step argument where the engine never passes another (it computed its own). */
    @Test
    void boundSynapticModelsUseTheirOwnCoefficients() {
        ExpCurrentLif cuba = new ExpCurrentLif(ExpCurrentParameters.brette2007());
        NeuronModel b = cuba.bind(0.1f);
        NeuronState x = new NeuronState(5, cuba.stateVariables());
        NeuronState y = new NeuronState(5, cuba.stateVariables());
        cuba.initialise(x);
        cuba.initialise(y);
        float[] in = {3f, -2f, 0f, 5f, 1f};
        Spikes o = new Spikes(5);
        for (int t = 0; t < 50; t++) {
            cuba.step(x, in, null, 0.1f, t, o);
            b.step(y, in, null, 7f, t, o); // the argument is not read
        }
        assertThat(y.get(ExpCurrentLif.V)).containsExactly(x.get(ExpCurrentLif.V));
        assertThat(b.bind(0.1f)).isInstanceOf(ExpCurrentLif.class);
    }

    @Test
    void aBiasedIfBoundAtBuildStepsAsTheUnboundModelInANetwork() {
        float[] bias = {0.05f, 0.2f, 0.31f};
        BiasedIf model = new BiasedIf(PerfectIfParameters.of(1f), bias);
        Layer l = SparseLayer.fromCsr("b", Shape.flat(3), Shape.flat(3), new int[4], new int[0], new float[0], model);
        Network net = single(l, 0.5f);
        PresentationResult r = net.newSimulation(1).present(TestSources.silent(3, 40));
        NeuronState s = new NeuronState(3, model.stateVariables());
        model.initialise(s);
        Spikes out = new Spikes(3);
        long spikes = 0;
        for (int t = 0; t < 40; t++) {
            out.clear();
            model.step(s, new float[3], null, 0.5f, t, out);
            spikes += out.count();
        }
        assertThat(spikes).as("the currents make neurons fire").isGreaterThan(5);
        assertThat(r.outputSpikes(0)).isEqualTo(spikes);
    }
}
