package org.snn4j.learning;

import java.util.List;
import org.snn4j.io.Codec;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.SectionReader;
import org.snn4j.io.SectionWriter;

/**
 * The codecs of this module's learning rules and rate schedules: their parameters and the learning state they
 * carry from sample to sample (the current per-map rates and the sample counter of {@link BinaryStdp}, the current
 * rates of {@link RewardModulatedStdp}, the running traces, eligibilities and clock of {@link EligibilityRStdp}).
 * Pass {@link #all()} to {@code NetworkFile.read} when a saved network has rules of this module.
 */
public final class LearningCodecs {
    private LearningCodecs() {
    }

    /** {@link RateSchedule#constant()}. */
    public static final Codec<RateSchedule.Constant> CONSTANT_SCHEDULE = Codec.of("snn4j.learning.ConstantSchedule",
            RateSchedule.Constant.class, (s, out) -> { }, in -> RateSchedule.Constant.INSTANCE);

    /** {@link RateSchedule#doubling}. */
    public static final Codec<RateSchedule.Doubling> DOUBLING_SCHEDULE = Codec.of("snn4j.learning.DoublingSchedule",
            RateSchedule.Doubling.class,
            (s, out) -> out.putInt("every", s.every()).putFloat("cap", s.cap()).putFloat("ratio", s.ratio()),
            in -> new RateSchedule.Doubling(in.getInt("every"), in.getFloat("cap"), in.getFloat("ratio")));

    /** {@link BinaryStdp}: parameters, schedule, current rates of every map, samples seen. */
    public static final Codec<BinaryStdp> BINARY_STDP = Codec.of("snn4j.learning.BinaryStdp", BinaryStdp.class,
            (r, out) -> {
                int n = r.channels();
                float[] plus = new float[n];
                float[] minus = new float[n];
                for (int c = 0; c < n; c++) {
                    plus[c] = r.rates(c).aPlus();
                    minus[c] = r.rates(c).aMinus();
                }
                bounds(out, r.bounds());
                out.putInt("channels", n).putBoolean("stabiliser", r.stabiliser())
                        .putComponent("schedule", r.schedule()).putFloats("aPlus", plus).putFloats("aMinus", minus)
                        .putLong("samples", r.samples());
            },
            in -> {
                int n = in.getInt("channels");
                float[] plus = in.getFloats("aPlus", n);
                float[] minus = in.getFloats("aMinus", n);
                BinaryStdp r = new BinaryStdp(n, new StdpRates(plus[0], minus[0]), bounds(in), in.getBoolean("stabiliser"),
                        in.getComponent("schedule", RateSchedule.class));
                for (int c = 0; c < n; c++) {
                    r.setRates(c, new StdpRates(plus[c], minus[c]));
                }
                r.restoreSamples(in.getLong("samples"));
                return r;
            });

    /** {@link RewardModulatedStdp}: parameters, base rates, current rates of every map. */
    public static final Codec<RewardModulatedStdp> REWARD_MODULATED_STDP = Codec.of(
            "snn4j.learning.RewardModulatedStdp", RewardModulatedStdp.class,
            (r, out) -> {
                int n = r.channels();
                float[] rates = new float[4 * n];
                for (int c = 0; c < n; c++) {
                    rates[4 * c] = r.rewardRates(c).aPlus();
                    rates[4 * c + 1] = r.rewardRates(c).aMinus();
                    rates[4 * c + 2] = r.punishRates(c).aPlus();
                    rates[4 * c + 3] = r.punishRates(c).aMinus();
                }
                bounds(out, r.bounds());
                out.putInt("channels", n).putBoolean("stabiliser", r.stabiliser())
                        .putFloat("rewardPlus", r.baseReward().aPlus()).putFloat("rewardMinus", r.baseReward().aMinus())
                        .putFloat("punishPlus", r.basePunish().aPlus()).putFloat("punishMinus", r.basePunish().aMinus())
                        .putFloats("rates", rates, n, 4);
            },
            in -> {
                int n = in.getInt("channels");
                float[] rates = in.getFloats("rates", n, 4);
                RewardModulatedStdp r = new RewardModulatedStdp(n,
                        new StdpRates(in.getFloat("rewardPlus"), in.getFloat("rewardMinus")),
                        new StdpRates(in.getFloat("punishPlus"), in.getFloat("punishMinus")), bounds(in),
                        in.getBoolean("stabiliser"));
                for (int c = 0; c < n; c++) {
                    r.setRewardRates(c, new StdpRates(rates[4 * c], rates[4 * c + 1]));
                    r.setPunishRates(c, new StdpRates(rates[4 * c + 2], rates[4 * c + 3]));
                }
                return r;
            });

    /**
     * {@link ExponentialStdp}: its parameters (a file without {@code depression}, written before it existed, reads
     * as {@code AFTER_STEP}).
     */
    public static final Codec<ExponentialStdp> EXPONENTIAL_STDP = Codec.of("snn4j.learning.ExponentialStdp",
            ExponentialStdp.class,
            (r, out) -> {
                ExponentialStdp.Parameters p = r.parameters();
                bounds(out, p.bounds());
                out.putFloat("tauPlusMs", p.tauPlusMs()).putFloat("tauMinusMs", p.tauMinusMs())
                        .putFloat("etaPlus", p.etaPlus()).putFloat("etaMinus", p.etaMinus())
                        .putEnum("pairing", p.pairing()).putEnum("bounding", p.bounding())
                        .putFloat("etaTriplet", p.etaTriplet()).putFloat("tauSlowMs", p.tauSlowMs())
                        .putEnum("depression", p.depression());
            },
            in -> new ExponentialStdp(new ExponentialStdp.Parameters(in.getFloat("tauPlusMs"), in.getFloat("tauMinusMs"),
                    in.getFloat("etaPlus"), in.getFloat("etaMinus"), bounds(in),
                    in.getEnum("pairing", ExponentialStdp.Pairing.class),
                    in.getEnum("bounding", ExponentialStdp.Bounding.class), in.getFloat("etaTriplet"),
                    in.getFloat("tauSlowMs"), in.has("depression")
                            ? in.getEnum("depression", ExponentialStdp.Depression.class)
                            : ExponentialStdp.Depression.AFTER_STEP)));

    /** {@link WindowStdp}: its parameters. */
    public static final Codec<WindowStdp> WINDOW_STDP = Codec.of("snn4j.learning.WindowStdp", WindowStdp.class,
            (r, out) -> {
                WindowStdp.Parameters p = r.parameters();
                bounds(out, p.bounds());
                out.putInt("windowSteps", p.windowSteps()).putFloat("aPlus", p.rates().aPlus())
                        .putFloat("aMinus", p.rates().aMinus()).putBoolean("presynapticReset", p.presynapticReset())
                        .putEnum("trigger", p.trigger());
            },
            in -> new WindowStdp(new WindowStdp.Parameters(in.getInt("windowSteps"),
                    new StdpRates(in.getFloat("aPlus"), in.getFloat("aMinus")), bounds(in),
                    in.getBoolean("presynapticReset"), in.getEnum("trigger", WindowStdp.Trigger.class))));

    /**
     * {@link EligibilityRStdp}: its parameters and, once it has stepped, its running state (clock, pre and post
     * traces, eligibilities, the outputs that have fired), so that training continues identically after loading.
     * A file without the state (written before it was saved, or by a rule that never stepped) gives a rule as after
     * {@link EligibilityRStdp#reset()}.
     */
    public static final Codec<EligibilityRStdp> ELIGIBILITY_RSTDP = Codec.of("snn4j.learning.EligibilityRStdp",
            EligibilityRStdp.class,
            (r, out) -> {
                EligibilityRStdp.Parameters p = r.parameters();
                bounds(out, p.bounds());
                out.putFloat("tauPlusMs", p.tauPlusMs()).putFloat("tauMinusMs", p.tauMinusMs())
                        .putFloat("tauEligibilityMs", p.tauEligibilityMs()).putFloat("aPlus", p.rates().aPlus())
                        .putFloat("aMinus", p.rates().aMinus()).putFloat("learningRate", p.learningRate());
                EligibilityRStdp.State st = r.state();
                if (st != null) {
                    out.putFloat("dtMs", st.dtMs()).putInt("inputs", st.inputs()).putInt("outputs", st.outputs())
                            .putInt("clock", st.clock())
                            .putFloats("preTrace", st.preValue()).putInts("preTraceStep", st.preStep())
                            .putFloats("postTrace", st.postValue()).putInts("postTraceStep", st.postStep())
                            .putFloats("eligibility", st.eligibility(), st.outputs(), st.inputs())
                            .putInts("eligibilityStep", st.eligibilityStep())
                            .putInts("firedOutputs", st.firedPosts());
                }
            },
            in -> {
                EligibilityRStdp r = new EligibilityRStdp(new EligibilityRStdp.Parameters(in.getFloat("tauPlusMs"),
                        in.getFloat("tauMinusMs"), in.getFloat("tauEligibilityMs"),
                        new StdpRates(in.getFloat("aPlus"), in.getFloat("aMinus")), in.getFloat("learningRate"),
                        bounds(in)));
                if (in.has("clock")) {
                    int inputs = in.getInt("inputs");
                    int outputs = in.getInt("outputs");
                    r.restore(new EligibilityRStdp.State(in.getFloat("dtMs"), inputs, outputs, in.getInt("clock"),
                            in.getFloats("preTrace", inputs), in.getInts("preTraceStep"),
                            in.getFloats("postTrace", outputs), in.getInts("postTraceStep"),
                            in.getFloats("eligibility", outputs, inputs), in.getInts("eligibilityStep"),
                            in.getInts("firedOutputs")));
                }
                return r;
            });

    /** {@link ClassAssignment}: the class of each neuron of a spike-count read-out. */
    public static final Codec<ClassAssignment> CLASS_ASSIGNMENT = Codec.of("snn4j.learning.ClassAssignment",
            ClassAssignment.class,
            (a, out) -> out.putInt("classes", a.classes()).putInts("neuronClass", a.neuronClass()),
            in -> new ClassAssignment(in.getInt("classes"), in.getInts("neuronClass")));

    /** Every codec of this module. */
    public static List<Codec<?>> all() {
        return List.of(CONSTANT_SCHEDULE, DOUBLING_SCHEDULE, BINARY_STDP, REWARD_MODULATED_STDP, EXPONENTIAL_STDP,
                WINDOW_STDP, ELIGIBILITY_RSTDP, CLASS_ASSIGNMENT);
    }

    private static void bounds(SectionWriter out, WeightBounds b) {
        out.putFloat("lo", b.lo()).putFloat("hi", b.hi());
    }

    private static WeightBounds bounds(SectionReader in) throws ModelFileException {
        return new WeightBounds(in.getFloat("lo"), in.getFloat("hi"));
    }
}
