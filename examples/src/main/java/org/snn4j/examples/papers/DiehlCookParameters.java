package org.snn4j.examples.papers;

/**
 * Parameters of the Diehl &amp; Cook 2015 network (doi:10.3389/fncom.2015.00099). Units: ms, mV, Hz.
 *
 * <p>Excitatory neurons: {@code tau dv/dt = (vRest - v) + g_e (E_exc - v) + g_i (E_inh - v)}, threshold
 * {@code vThresh + theta}, reset {@code vReset}, refractory. Conductances are approximated by delta synapses
 * (see {@link DiehlCookComposed}): one input spike through weight {@code w} moves {@code v} by
 * {@code w * (tauGe / tauExc) * (E_exc - v)}, one inhibitory spike by {@code wInh * (tauGi / tauExc) *
 * (E_inh - v)}.
 *
 * @param dtMs              time step, ms, &gt; 0
 * @param presentMs         presentation time of one digit, ms (paper 350)
 * @param restMs            rest time after a digit, ms (paper 150)
 * @param maxRateHz         input rate of a full-intensity pixel, Hz (paper 63.75)
 * @param rateBoostHz       rate added to full intensity when a digit made too few spikes, Hz (paper 31.875)
 * @param minSpikes         fewer excitatory spikes than this repeat the digit with a higher rate (paper 5)
 * @param maxRepeats        at most this many repeats (the paper has no bound; a blank image would loop)
 * @param tauExcMs          excitatory membrane time constant, ms (paper 100)
 * @param vRestExc          excitatory resting potential, mV (paper -65)
 * @param vResetExc         excitatory reset, mV (paper -65)
 * @param vThreshExc        excitatory threshold without theta, mV (paper -52)
 * @param refractoryExcMs   excitatory refractory period, ms (paper 5)
 * @param eExc              excitatory reversal potential, mV (paper 0)
 * @param eInh              inhibitory reversal potential, mV (paper -100)
 * @param tauGeMs           excitatory conductance time constant, ms (paper 1)
 * @param tauGiMs           inhibitory conductance time constant, ms (paper 2)
 * @param wInh              inhibitory-to-excitatory weight (paper 17)
 * @param thetaPlus         threshold increase per spike, mV (paper 0.05)
 * @param tauThetaMs        threshold decay time constant, ms (paper 1e7)
 * @param tauPreMs          pre-synaptic trace time constant, ms (paper 20)
 * @param tauPost1Ms        post trace used for depression, ms (paper 20)
 * @param tauPost2Ms        slow post trace used for potentiation (triplet term), ms (paper 40)
 * @param nuPre             depression rate on a pre spike (paper 0.0001)
 * @param nuPost            potentiation rate on a post spike (paper 0.01)
 * @param wMax              weight upper bound (paper 1)
 * @param wInitMax          initial weights uniform in [0, wInitMax) before normalisation (paper 0.3)
 * @param weightSum         sum of the input weights of each neuron after normalisation (paper 78)
 */
public record DiehlCookParameters(float dtMs, float presentMs, float restMs, float maxRateHz, float rateBoostHz,
        int minSpikes, int maxRepeats, float tauExcMs, float vRestExc, float vResetExc, float vThreshExc,
        float refractoryExcMs, float eExc, float eInh, float tauGeMs, float tauGiMs, float wInh, float thetaPlus,
        float tauThetaMs, float tauPreMs, float tauPost1Ms, float tauPost2Ms, float nuPre, float nuPost, float wMax,
        float wInitMax, float weightSum) {

    /** Checks every field. */
    public DiehlCookParameters {
        positive("dtMs", dtMs);
        positive("presentMs", presentMs);
        nonNegative("restMs", restMs);
        positive("maxRateHz", maxRateHz);
        nonNegative("rateBoostHz", rateBoostHz);
        if (minSpikes < 0) {
            throw new IllegalArgumentException("minSpikes must be >= 0, got " + minSpikes);
        }
        if (maxRepeats < 0) {
            throw new IllegalArgumentException("maxRepeats must be >= 0, got " + maxRepeats);
        }
        positive("tauExcMs", tauExcMs);
        finite("vRestExc", vRestExc);
        finite("vResetExc", vResetExc);
        finite("vThreshExc", vThreshExc);
        if (!(vThreshExc > vRestExc)) {
            throw new IllegalArgumentException(
                    "vThreshExc must be > vRestExc = " + vRestExc + ", got " + vThreshExc);
        }
        nonNegative("refractoryExcMs", refractoryExcMs);
        finite("eExc", eExc);
        finite("eInh", eInh);
        positive("tauGeMs", tauGeMs);
        positive("tauGiMs", tauGiMs);
        nonNegative("wInh", wInh);
        if (wInh * tauGiMs / tauExcMs >= 1f) {
            throw new IllegalArgumentException("wInh * tauGiMs / tauExcMs must be < 1 (one inhibitory spike may not "
                    + "overshoot eInh), got " + (wInh * tauGiMs / tauExcMs));
        }
        nonNegative("thetaPlus", thetaPlus);
        positive("tauThetaMs", tauThetaMs);
        positive("tauPreMs", tauPreMs);
        positive("tauPost1Ms", tauPost1Ms);
        positive("tauPost2Ms", tauPost2Ms);
        nonNegative("nuPre", nuPre);
        nonNegative("nuPost", nuPost);
        positive("wMax", wMax);
        positive("wInitMax", wInitMax);
        positive("weightSum", weightSum);
    }

    /**
     * The paper's values (Diehl &amp; Cook 2015, Methods, and the authors' published Brian script), with
     * dt = 0.5 ms.
     *
     * @return the parameters
     */
    public static DiehlCookParameters paper() {
        return new DiehlCookParameters(0.5f, 350f, 150f, 63.75f, 31.875f, 5, 10, 100f, -65f, -65f, -52f, 5f, 0f,
                -100f, 1f, 2f, 17f, 0.05f, 1e7f, 20f, 20f, 40f, 0.0001f, 0.01f, 1f, 0.3f, 78f);
    }

    /**
     * A copy with another time step.
     *
     * @param dt new time step, ms
     * @return the copy
     */
    public DiehlCookParameters withDtMs(float dt) {
        return new DiehlCookParameters(dt, presentMs, restMs, maxRateHz, rateBoostHz, minSpikes, maxRepeats,
                tauExcMs, vRestExc, vResetExc, vThreshExc, refractoryExcMs, eExc, eInh, tauGeMs, tauGiMs, wInh,
                thetaPlus, tauThetaMs, tauPreMs, tauPost1Ms, tauPost2Ms, nuPre, nuPost, wMax, wInitMax, weightSum);
    }

    /**
     * A copy with other presentation and rest times.
     *
     * @param present presentation time, ms
     * @param rest    rest time, ms
     * @return the copy
     */
    public DiehlCookParameters withTimes(float present, float rest) {
        return new DiehlCookParameters(dtMs, present, rest, maxRateHz, rateBoostHz, minSpikes, maxRepeats,
                tauExcMs, vRestExc, vResetExc, vThreshExc, refractoryExcMs, eExc, eInh, tauGeMs, tauGiMs, wInh,
                thetaPlus, tauThetaMs, tauPreMs, tauPost1Ms, tauPost2Ms, nuPre, nuPost, wMax, wInitMax, weightSum);
    }

    /**
     * A copy with another target sum of each neuron's input weights (e.g. {@code 78 * nInputs / 784} for
     * another input size).
     *
     * @param sum new target sum, &gt; 0
     * @return the copy
     */
    public DiehlCookParameters withWeightSum(float sum) {
        return new DiehlCookParameters(dtMs, presentMs, restMs, maxRateHz, rateBoostHz, minSpikes, maxRepeats,
                tauExcMs, vRestExc, vResetExc, vThreshExc, refractoryExcMs, eExc, eInh, tauGeMs, tauGiMs, wInh,
                thetaPlus, tauThetaMs, tauPreMs, tauPost1Ms, tauPost2Ms, nuPre, nuPost, wMax, wInitMax, sum);
    }

    /** Steps of one presentation: {@code round(presentMs / dtMs)}. */
    public int presentSteps() {
        return Math.max(1, Math.round(presentMs / dtMs));
    }

    /** Refractory steps: {@code round(refractoryExcMs / dtMs)}. */
    public int refractorySteps() {
        return Math.round(refractoryExcMs / dtMs);
    }

    private static void positive(String name, float v) {
        if (!(v > 0f) || Float.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    private static void nonNegative(String name, float v) {
        if (!(v >= 0f) || Float.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
        }
    }

    private static void finite(String name, float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}
