package org.snn4j.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.NeuronState;
import org.snn4j.Spikes;

/** The engine's SRM neuron against the kernel sums written out (SLAYER's definition), and its kernels. */
class SrmTest {

    @Test
    void kernelsAreSlayersAlphaFunctions() {
        SrmParameters p = SrmParameters.slayerNmnist();
        SrmKernels k = new SrmKernels(p, 1f);
        assertThat(k.pspKernel(0)).isZero();
        assertThat(k.pspKernel(10)).isCloseTo(1.0, within(1e-12));       // peak 1 at tauSr
        assertThat(k.pspKernel(5)).isCloseTo(0.5 * Math.exp(0.5), within(1e-12));
        assertThat(k.refractoryKernel(1)).isCloseTo(-2 * 10.0, within(1e-9)); // -scaleRef theta at tauRef
        assertThat(k.pspDecay()).isEqualTo((float) Math.exp(-0.1));
    }

    /** One neuron fed random inputs: u[t] equals the two kernel sums over the past inputs and spikes. */
    @Test
    void potentialIsTheSumOfKernelResponses() {
        SrmParameters p = new SrmParameters(3f, 4f, 2f, 1.5f);
        float dt = 0.5f;
        Srm model = new Srm(p, dt);
        SrmKernels k = model.kernels();
        int n = 3;
        int steps = 200;
        NeuronState s = new NeuronState(n, model.stateVariables());
        model.initialise(s);
        SplittableRandom rng = new SplittableRandom(1);
        float[][] x = new float[steps][n];
        int[][] spike = new int[steps][n];
        int total = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                x[t][i] = rng.nextDouble() < 0.3 ? (float) (rng.nextDouble() * 2) : 0f;
            }
            Spikes out = new Spikes(n);
            model.step(s, x[t], null, dt, t, out);
            for (int j = 0; j < out.count(); j++) {
                spike[t][out.get(j)] = 1;
                total++;
            }
            for (int i = 0; i < n; i++) {
                double u = 0;
                for (int lag = 1; lag <= t; lag++) {
                    u += k.pspKernel(lag) * x[t - lag][i] + k.refractoryKernel(lag) * spike[t - lag][i];
                }
                assertThat((double) s.get(Srm.U)[i]).as("neuron %d step %d", i, t).isCloseTo(u, within(2e-4));
                assertThat(spike[t][i] == 1).as("neuron %d step %d", i, t).isEqualTo(s.get(Srm.U)[i] >= p.theta());
            }
        }
        assertThat(total).as("spikes").isGreaterThan(10);
    }

    /** Its kernels are sampled at its own step: binding it to another (a network's build) is refused. */
    @Test
    void refusesAnotherStepWhenBound() {
        Srm model = new Srm(SrmParameters.slayerNmnist(), 1f);
        assertThat(model.bind(1f)).isSameAs(model);
        assertThatThrownBy(() -> model.bind(0.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Srm dtMs is 1.0 (its kernels are sampled at that step), the network steps 0.5 ms");
    }
}
