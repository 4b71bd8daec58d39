package org.snn4j.learning;

import java.util.List;
import org.snn4j.NeuronState;
import org.snn4j.Shape;
import org.snn4j.Spikes;
import org.snn4j.layer.LayerState;
import org.snn4j.layer.PlasticLayer;
import org.snn4j.layer.StepContext;
import org.snn4j.layer.SynapseKernel;

/** Test-only dense plastic layer: weights [pre][post], receptive field of post = column post. No dynamics. */
final class ToyDenseLayer implements PlasticLayer {
    final int nPre;
    final int nPost;
    final float[] w;
    private final Shape in;
    private final Shape out;

    ToyDenseLayer(int nPre, int nPost) {
        this(Shape.flat(nPre), Shape.flat(nPost));
    }

    ToyDenseLayer(Shape in, Shape out) {
        this.in = in;
        this.out = out;
        this.nPre = in.size();
        this.nPost = out.size();
        this.w = new float[nPre * nPost];
    }

    float get(int pre, int post) {
        return w[pre * nPost + post];
    }

    void set(int pre, int post, float v) {
        w[pre * nPost + post] = v;
    }

    @Override
    public float[] weights() {
        return w;
    }

    @Override
    public void updateReceptiveField(int post, LayerState state, SynapseKernel kernel) {
        for (int pre = 0; pre < nPre; pre++) {
            int k = pre * nPost + post;
            w[k] = kernel.newWeight(w[k], pre, post);
        }
    }

    /** When false, {@link #updateSynapsesFrom} uses PlasticLayer's default (a filtered receptive-field walk). */
    boolean directSynapses = true;

    @Override
    public void updateSynapsesFrom(int post, Spikes pres, LayerState state, SynapseKernel kernel) {
        if (!directSynapses) {
            PlasticLayer.super.updateSynapsesFrom(post, pres, state, kernel);
            return;
        }
        for (int k = 0; k < pres.count(); k++) {
            int pre = pres.get(k);
            int i = pre * nPost + post;
            w[i] = kernel.newWeight(w[i], pre, post);
        }
    }

    @Override
    public String name() {
        return "toy-dense";
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public LayerState newState() {
        return new LayerState(in, out, new NeuronState(nPost, List.of()));
    }

    @Override
    public void step(Spikes inSpikes, LayerState state, StepContext ctx, Spikes outSpikes) {
        throw new UnsupportedOperationException("test layer has no dynamics");
    }
}
