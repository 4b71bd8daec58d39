package org.snn4j.synapse;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.Shape;
import org.snn4j.io.Codec;
import org.snn4j.neuron.NeuronModel;

/**
 * The codecs of this package's synapse models, projections and population layers. Each returns its codec from
 * {@code codec()}; the network file reader is given {@link #all()}.
 */
public final class SynapseCodecs {
    private SynapseCodecs() {
    }

    /** {@link ExpCurrentLif}: its {@link ExpCurrentParameters}. */
    public static final Codec<ExpCurrentLif> EXP_CURRENT_LIF = Codec.of("snn4j.synapse.ExpCurrentLif",
            ExpCurrentLif.class,
            (m, out) -> {
                ExpCurrentParameters p = m.parameters();
                out.putFloat("tauMs", p.tauMs()).putFloat("tauExcMs", p.tauExcMs()).putFloat("tauInhMs", p.tauInhMs())
                        .putFloat("vRest", p.vRest()).putFloat("vThreshold", p.vThreshold())
                        .putFloat("vReset", p.vReset()).putFloat("refractoryMs", p.refractoryMs());
            },
            in -> new ExpCurrentLif(new ExpCurrentParameters(in.getFloat("tauMs"), in.getFloat("tauExcMs"),
                    in.getFloat("tauInhMs"), in.getFloat("vRest"), in.getFloat("vThreshold"), in.getFloat("vReset"),
                    in.getFloat("refractoryMs"))));

    /** {@link ExpConductanceLif}: its {@link ConductanceParameters}. */
    public static final Codec<ExpConductanceLif> EXP_CONDUCTANCE_LIF = Codec.of("snn4j.synapse.ExpConductanceLif",
            ExpConductanceLif.class,
            (m, out) -> {
                ConductanceParameters p = m.parameters();
                out.putFloat("tauMs", p.tauMs()).putFloat("tauExcMs", p.tauExcMs()).putFloat("tauInhMs", p.tauInhMs())
                        .putFloat("vRest", p.vRest()).putFloat("vThreshold", p.vThreshold())
                        .putFloat("vReset", p.vReset()).putFloat("eExc", p.eExc()).putFloat("eInh", p.eInh())
                        .putFloat("refractoryMs", p.refractoryMs()).putEnum("integration", p.integration());
            },
            in -> new ExpConductanceLif(new ConductanceParameters(in.getFloat("tauMs"), in.getFloat("tauExcMs"),
                    in.getFloat("tauInhMs"), in.getFloat("vRest"), in.getFloat("vThreshold"), in.getFloat("vReset"),
                    in.getFloat("eExc"), in.getFloat("eInh"), in.getFloat("refractoryMs"),
                    in.getEnum("integration", ConductanceIntegration.class))));

    /** {@link Projection}: sizes, CSR synapses with their weights, receptor and delay. */
    public static final Codec<Projection> PROJECTION = Codec.of("snn4j.synapse.Projection", Projection.class,
            (p, out) -> out.putInt("preSize", p.preSize()).putInt("postSize", p.postSize())
                    .putInts("rowStart", p.rowsLive()).putInts("post", p.postLive())
                    .putFloats("weight", p.weights()).putEnum("receptor", p.receptor())
                    .putInt("delaySteps", p.delaySteps()),
            in -> Projection.fromCsr(in.getInt("preSize"), in.getInt("postSize"), in.getInts("rowStart"),
                    in.getInts("post"), in.getFloats("weight"), in.getEnum("receptor", Receptor.class),
                    in.getInt("delaySteps")));

    /**
     * {@link PopulationLayer}: name, shapes, model, threads and its projections (a layer with an
     * {@code initialState} function cannot be saved: functions have no codec).
     */
    public static final Codec<PopulationLayer> POPULATION_LAYER = Codec.of("snn4j.synapse.PopulationLayer",
            PopulationLayer.class,
            (l, out) -> {
                if (l.hasInitialState()) {
                    throw new IllegalArgumentException("layer " + l.name() + " has an initialState function, which "
                            + "cannot be saved");
                }
                int n = l.sourceCount();
                List<Projection> ps = new ArrayList<>(n);
                int[] offsets = new int[n];
                int[] recurrent = new int[n];
                for (int k = 0; k < n; k++) {
                    ps.add(l.sourceProjection(k));
                    offsets[k] = l.sourcePreOffset(k);
                    recurrent[k] = l.sourceRecurrent(k) ? 1 : 0;
                }
                Shape in = l.inputShape();
                out.putText("name", l.name()).putInts("input", new int[] {in.channels(), in.height(), in.width()})
                        .putInt("size", l.outputShape().size()).putComponent("neurons", l.neuronModel())
                        .putInt("threads", l.threads()).putComponents("projections", ps)
                        .putInts("preOffsets", offsets).putInts("recurrent", recurrent);
            },
            in -> {
                int[] s = in.getInts("input");
                if (s.length != 3) {
                    throw new IllegalArgumentException("input must have 3 dimensions, got " + s.length);
                }
                PopulationLayer.Builder b = PopulationLayer.builder(in.getText("name"), new Shape(s[0], s[1], s[2]),
                        in.getInt("size"), in.getComponent("neurons", NeuronModel.class)).threads(in.getInt("threads"));
                List<Projection> ps = in.getComponents("projections", Projection.class);
                int[] offsets = in.getInts("preOffsets");
                int[] recurrent = in.getInts("recurrent");
                if (offsets.length != ps.size() || recurrent.length != ps.size()) {
                    throw new IllegalArgumentException(ps.size() + " projections need as many preOffsets and "
                            + "recurrent flags, got " + offsets.length + " and " + recurrent.length);
                }
                for (int k = 0; k < ps.size(); k++) {
                    if (recurrent[k] == 1) {
                        b.recurrent(offsets[k], ps.get(k));
                    } else if (recurrent[k] == 0 && offsets[k] == 0) {
                        b.input(ps.get(k));
                    } else {
                        throw new IllegalArgumentException("projection " + k + ": recurrent flag " + recurrent[k]
                                + " with preOffset " + offsets[k]);
                    }
                }
                return b.build();
            });

    /** Every codec of this package. */
    public static List<Codec<?>> all() {
        return List.of(EXP_CURRENT_LIF, EXP_CONDUCTANCE_LIF, PROJECTION, POPULATION_LAYER);
    }
}
