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
            (m, out) -> writePerfectIf(m.parameters(), out),
            in -> new PerfectIf(readPerfectIf(in)));

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

    /** {@link Srm}: its {@link SrmParameters} and the step its kernels are sampled at. */
    public static final Codec<Srm> SRM = Codec.of("snn4j.neuron.Srm", Srm.class,
            (m, out) -> {
                SrmParameters p = m.parameters();
                out.putFloat("theta", p.theta()).putFloat("tauSrMs", p.tauSrMs()).putFloat("tauRefMs", p.tauRefMs())
                        .putFloat("scaleRef", p.scaleRef()).putFloat("dtMs", m.dtMs());
            },
            in -> new Srm(new SrmParameters(in.getFloat("theta"), in.getFloat("tauSrMs"), in.getFloat("tauRefMs"),
                    in.getFloat("scaleRef")), in.getFloat("dtMs")));

    /**
     * {@link BiasedIf}: its {@link PerfectIfParameters}, the current of each neuron and the path. Only a model whose
     * current source is {@linkplain org.snn4j.CurrentSource#replayable() replayable} can be written (its currents
     * at step 0, the ones the model reads); it is read back with a constant source of those currents.
     */
    public static final Codec<BiasedIf> BIASED_IF = Codec.of("snn4j.neuron.BiasedIf", BiasedIf.class,
            (m, out) -> {
                writePerfectIf(m.parameters(), out);
                out.putFloats("current", m.savedCurrent()).putBoolean("eventDriven", m.closedForm());
            },
            in -> new BiasedIf(readPerfectIf(in), org.snn4j.CurrentSource.constant(in.getFloats("current")),
                    in.getBoolean("eventDriven")));

    /** Every codec of this package. */
    public static List<Codec<?>> all() {
        return List.of(LIF, PERFECT_IF, INTEGRATOR, LAST_STEP_IF, IZHIKEVICH, CONDUCTANCE_LIF, BIAS_CURRENT, SRM,
                BIASED_IF);
    }

    private static void writePerfectIf(PerfectIfParameters p, SectionWriter out) {
        out.putFloat("threshold", p.threshold()).putFloat("vReset", p.vReset())
                .putEnum("resetMode", p.resetMode()).putFloat("refractoryMs", p.refractoryMs())
                .putBoolean("fireOnce", p.fireOnce()).putEnum("comparison", p.comparison());
    }

    private static PerfectIfParameters readPerfectIf(SectionReader in) throws ModelFileException {
        return new PerfectIfParameters(in.getFloat("threshold"), in.getFloat("vReset"),
                in.getEnum("resetMode", ResetMode.class), in.getFloat("refractoryMs"), in.getBoolean("fireOnce"),
                in.getEnum("comparison", ThresholdComparison.class));
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
