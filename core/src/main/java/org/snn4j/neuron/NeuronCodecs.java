package org.snn4j.neuron;

import java.util.List;
import org.snn4j.io.Codec;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.SectionReader;
import org.snn4j.io.SectionWriter;

/**
 * The codecs of this package's neuron models (their parameters; wrappers nest the model they wrap). Each model
 * returns its codec from {@code codec()}; the network file reader is given {@link #all()}.
 */
public final class NeuronCodecs {
    private NeuronCodecs() {
    }

    /** {@link Lif}: its {@link LifParameters}. */
    public static final Codec<Lif> LIF = Codec.of("snn4j.neuron.Lif", Lif.class,
            (m, out) -> writeLif(m.parameters(), out),
            in -> new Lif(readLif(in)));

    /** {@link PerfectIf}: its {@link PerfectIfParameters}. */
    public static final Codec<PerfectIf> PERFECT_IF = Codec.of("snn4j.neuron.PerfectIf", PerfectIf.class,
            (m, out) -> {
                PerfectIfParameters p = m.parameters();
                out.putFloat("threshold", p.threshold()).putFloat("vReset", p.vReset())
                        .putEnum("resetMode", p.resetMode()).putFloat("refractoryMs", p.refractoryMs())
                        .putBoolean("fireOnce", p.fireOnce()).putEnum("comparison", p.comparison());
            },
            in -> new PerfectIf(new PerfectIfParameters(in.getFloat("threshold"), in.getFloat("vReset"),
                    in.getEnum("resetMode", ResetMode.class), in.getFloat("refractoryMs"), in.getBoolean("fireOnce"),
                    in.getEnum("comparison", ThresholdComparison.class))));

    /** {@link Integrator}: no parameters. */
    public static final Codec<Integrator> INTEGRATOR = Codec.of("snn4j.neuron.Integrator", Integrator.class,
            (m, out) -> {
            },
            in -> new Integrator());

    /** {@link LastStepIf}: its threshold. */
    public static final Codec<LastStepIf> LAST_STEP_IF = Codec.of("snn4j.neuron.LastStepIf", LastStepIf.class,
            (m, out) -> out.putFloat("threshold", m.threshold()),
            in -> new LastStepIf(in.getFloat("threshold")));

    /** {@link Izhikevich}: parameters, integrator and initial state. */
    public static final Codec<Izhikevich> IZHIKEVICH = Codec.of("snn4j.neuron.Izhikevich", Izhikevich.class,
            (m, out) -> {
                IzhikevichParameters p = m.parameters();
                out.putFloat("a", p.a()).putFloat("b", p.b()).putFloat("c", p.c()).putFloat("d", p.d())
                        .putEnum("integrator", m.integrator()).putFloat("v0", m.v0()).putFloat("u0", m.u0());
            },
            in -> new Izhikevich(new IzhikevichParameters(in.getFloat("a"), in.getFloat("b"), in.getFloat("c"),
                    in.getFloat("d")), in.getEnum("integrator", IzhikevichIntegrator.class), in.getFloat("v0"),
                    in.getFloat("u0")));

    /** {@link ConductanceLif}: its {@link ConductanceLifParameters}. */
    public static final Codec<ConductanceLif> CONDUCTANCE_LIF = Codec.of("snn4j.neuron.ConductanceLif",
            ConductanceLif.class,
            (m, out) -> {
                ConductanceLifParameters p = m.parameters();
                out.putFloat("tauMs", p.tauMs()).putFloat("vRest", p.vRest()).putFloat("vReset", p.vReset())
                        .putFloat("vThreshold", p.vThreshold()).putFloat("eExc", p.eExc()).putFloat("eInh", p.eInh())
                        .putFloat("excitatoryGain", p.excitatoryGain()).putFloat("inhibitoryJump", p.inhibitoryJump())
                        .putFloat("refractoryMs", p.refractoryMs()).putEnum("comparison", p.comparison());
            },
            in -> new ConductanceLif(new ConductanceLifParameters(in.getFloat("tauMs"), in.getFloat("vRest"),
                    in.getFloat("vReset"), in.getFloat("vThreshold"), in.getFloat("eExc"), in.getFloat("eInh"),
                    in.getFloat("excitatoryGain"), in.getFloat("inhibitoryJump"), in.getFloat("refractoryMs"),
                    in.getEnum("comparison", ThresholdComparison.class))));

    /** {@link BiasCurrent}: the driven model and the currents. */
    public static final Codec<BiasCurrent> BIAS_CURRENT = Codec.of("snn4j.neuron.BiasCurrent", BiasCurrent.class,
            (m, out) -> out.putComponent("model", m.model()).putFloats("current", m.current()),
            in -> new BiasCurrent(in.getComponent("model", NeuronModel.class), in.getFloats("current")));

    /** Every codec of this package. */
    public static List<Codec<?>> all() {
        return List.of(LIF, PERFECT_IF, INTEGRATOR, LAST_STEP_IF, IZHIKEVICH, CONDUCTANCE_LIF, BIAS_CURRENT);
    }

    private static void writeLif(LifParameters p, SectionWriter out) {
        out.putFloat("tauMs", p.tauMs()).putFloat("vRest", p.vRest()).putFloat("vReset", p.vReset())
                .putFloat("vThreshold", p.vThreshold()).putFloat("resistance", p.resistance())
                .putFloat("refractoryMs", p.refractoryMs()).putEnum("resetMode", p.resetMode());
    }

    private static LifParameters readLif(SectionReader in) throws ModelFileException {
        return new LifParameters(in.getFloat("tauMs"), in.getFloat("vRest"), in.getFloat("vReset"),
                in.getFloat("vThreshold"), in.getFloat("resistance"), in.getFloat("refractoryMs"),
                in.getEnum("resetMode", ResetMode.class));
    }
}
