package org.snn4j.learning;

import org.snn4j.layer.SynapseKernel;

/**
 * The per-synapse math shared by {@link BinaryStdp} and {@link RewardModulatedStdp}; the owning rule
 * sets the fields before each receptive-field walk. Exact float arithmetic, in this order:
 * <pre>
 *   a  = (pre &gt;= 0 &amp;&amp; 0 &lt;= preStep[pre] &lt;= postStep) ? aPlus : aMinus
 *   w' = stabiliser ? w + a * ((w - lo) * (hi - w)) : w + a
 *   w' = min(max(w', lo), hi)
 * </pre>
 * Not thread-safe.
 */
final class BinaryKernel implements SynapseKernel {
    int[] preSteps;
    int postStep;
    float aPlus;
    float aMinus;
    float lo;
    float hi;
    boolean stabiliser;

    @Override
    public float newWeight(float w, int pre, int post) {
        int s = pre >= 0 ? preSteps[pre] : -1;
        float a = (s >= 0 && s <= postStep) ? aPlus : aMinus;
        float nw = stabiliser ? w + a * ((w - lo) * (hi - w)) : w + a;
        return nw < lo ? lo : (nw > hi ? hi : nw);
    }
}
