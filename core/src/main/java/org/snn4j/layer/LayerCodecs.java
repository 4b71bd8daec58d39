package org.snn4j.layer;

import java.util.List;
import org.snn4j.Shape;
import org.snn4j.io.Codec;
import org.snn4j.io.ModelFileException;
import org.snn4j.io.SectionReader;
import org.snn4j.neuron.Integrator;
import org.snn4j.neuron.LastStepIf;
import org.snn4j.neuron.NeuronModel;
import org.snn4j.neuron.PerfectIf;
import org.snn4j.neuron.PerfectIfParameters;

/**
 * The codecs of this package's layers: name, shapes, topology, the neuron model (nested) and the weights.
 * Version 1 sections (written before the firing modes became neuron models) are read too: their
 * {@code firingMode} becomes the model it was ({@code FIRE_ONCE}: a latency-coded {@link PerfectIf};
 * {@code DECIDE_AT_LAST_STEP}: an {@link Integrator}; {@code FIRE_AT_LAST_STEP}: a {@link LastStepIf}). Each layer returns its codec from {@code codec()}; the network file
 * reader is given {@link #all()}. A layer driven by an external current function ({@link CurrentLayer},
 * {@link SparseLayer#withCurrent}) cannot be saved: functions have no codec.
 */
public final class LayerCodecs {
    private LayerCodecs() {
    }

    /** {@link Conv2dLayer}: geometry, firing, weights {@code [inC][kH][kW][outC]}. */
    public static final Codec<Conv2dLayer> CONV2D = Codec.of("snn4j.layer.Conv2d", 2, Conv2dLayer.class,
            (l, out) -> {
                out.putText("name", l.name()).putComponent("input", l.inputShape())
                        .putInt("outChannels", l.outChannels()).putInt("kernelH", l.kernelHeight())
                        .putInt("kernelW", l.kernelWidth()).putInt("stride", l.stride())
                        .putInt("paddingH", l.paddingH()).putInt("paddingW", l.paddingW())
                        .putComponent("neurons", l.neuronModel())
                        .putFloats("weights", copy(l.weightsView()), l.inChannels(), l.kernelHeight(), l.kernelWidth(),
                                l.outChannels());
            },
            in -> {
                Shape s = in.getComponent("input", Shape.class);
                int outC = in.getInt("outChannels");
                int kH = in.getInt("kernelH");
                int kW = in.getInt("kernelW");
                // the saved weights must have the layer's shape before the layer allocates its own
                float[] w = in.getFloats("weights", s.channels(), kH, kW, outC);
                Conv2dLayer.Builder b = Conv2dLayer.builder(in.getText("name"), s, outC, kH, kW)
                        .stride(in.getInt("stride"))
                        .padding(in.getInt("paddingH"), in.getInt("paddingW"));
                if (in.version() == 1 && in.getBoolean("pointwiseInhibition")) {
                    throw new IllegalArgumentException("pointwiseInhibition: the layer flag of files before section "
                            + "version 2 is no longer supported; expected false (give the layer a PointwiseInhibition "
                            + "competition and save again)");
                }
                b.neurons(neurons(in));
                Conv2dLayer l = b.build();
                System.arraycopy(w, 0, l.weights(), 0, w.length);
                l.weightsChanged(); // written after weights() handed the array out
                return l;
            });

    /** {@link DenseLayer}: shapes, firing, weights {@code [pre][post]}, recurrent weights, compact form. */
    public static final Codec<DenseLayer> DENSE = Codec.of("snn4j.layer.Dense", 2, DenseLayer.class,
            (l, out) -> {
                int nIn = l.inputShape().size();
                int nOut = l.outputShape().size();
                out.putText("name", l.name()).putComponent("input", l.inputShape()).putInt("outputs", nOut)
                        .putComponent("neurons", l.neuronModel())
                        .putFloats("weights", copy(l.weightsView()), nIn, nOut).putBoolean("compact", l.isCompact());
                if (l.hasRecurrentWeights()) {
                    out.putFloats("recurrent", copy(l.recurrentWeightsView()), nOut, nOut);
                }
            },
            in -> {
                Shape s = in.getComponent("input", Shape.class);
                int nOut = in.getInt("outputs");
                // the saved weights must have the layer's shape before the layer allocates its own
                float[] w = in.getFloats("weights", s.size(), nOut);
                float[] rec = in.has("recurrent") ? in.getFloats("recurrent", nOut, nOut) : null;
                DenseLayer.Builder b = DenseLayer.builder(in.getText("name"), s, nOut)
                        .weights(WeightInit.constant(0f));
                if (rec != null) {
                    b.recurrent(WeightInit.constant(0f));
                }
                b.neurons(neurons(in));
                DenseLayer l = b.build();
                System.arraycopy(w, 0, l.weights(), 0, w.length);
                if (rec != null) {
                    System.arraycopy(rec, 0, l.recurrentWeights(), 0, rec.length);
                }
                l.weightsChanged(); // written after weights() handed the arrays out
                return in.getBoolean("compact") ? l.compact(0f) : l;
            });

    /** {@link SparseLayer}: shapes, model, CSR synapses and weights. */
    public static final Codec<SparseLayer> SPARSE = Codec.of("snn4j.layer.Sparse", SparseLayer.class,
            (l, out) -> {
                if (l.hasCurrent()) {
                    throw new IllegalArgumentException("layer " + l.name() + " is driven by a current function, "
                            + "which cannot be saved");
                }
                out.putText("name", l.name()).putComponent("input", l.inputShape())
                        .putComponent("output", l.outputShape()).putComponent("neurons", l.neuronModel())
                        .putInts("rowStart", l.rowStart()).putInts("post", l.targets())
                        .putFloats("weight", copy(l.weightsView()));
            },
            in -> SparseLayer.fromCsr(in.getText("name"), in.getComponent("input", Shape.class),
                    in.getComponent("output", Shape.class), in.getInts("rowStart"), in.getInts("post"),
                    in.getFloats("weight"), in.getComponent("neurons", NeuronModel.class)));

    /** {@link PoolingLayer}: window, stride, padding. */
    public static final Codec<PoolingLayer> POOLING = Codec.of("snn4j.layer.Pooling", PoolingLayer.class,
            (l, out) -> out.putText("name", l.name()).putComponent("input", l.inputShape())
                    .putInt("kernelH", l.kernelHeight()).putInt("kernelW", l.kernelWidth())
                    .putInt("stride", l.stride()).putInt("padding", l.padding()),
            in -> new PoolingLayer(in.getText("name"), in.getComponent("input", Shape.class), in.getInt("kernelH"),
                    in.getInt("kernelW"), in.getInt("stride"), in.getInt("padding")));

    /** {@link PaddingLayer}: the four paddings. */
    public static final Codec<PaddingLayer> PADDING = Codec.of("snn4j.layer.Padding", PaddingLayer.class,
            (l, out) -> out.putText("name", l.name()).putComponent("input", l.inputShape()).putInt("top", l.top())
                    .putInt("bottom", l.bottom()).putInt("left", l.left()).putInt("right", l.right()),
            in -> new PaddingLayer(in.getText("name"), in.getComponent("input", Shape.class), in.getInt("top"),
                    in.getInt("bottom"), in.getInt("left"), in.getInt("right")));

    /** A copy of the weights a view shows (the writer keeps arrays by reference until it encodes them). */
    private static float[] copy(java.nio.FloatBuffer view) {
        float[] a = new float[view.remaining()];
        view.get(a);
        return a;
    }

    /** The firing modes of section version 1 (before they became neuron models), read by name. */
    private enum FiringMode {
        MODEL, FIRE_ONCE, DECIDE_AT_LAST_STEP, FIRE_AT_LAST_STEP
    }

    /** The neuron model of a layer section: nested (version 2), or the model a version 1 firing mode was. */
    private static NeuronModel neurons(SectionReader in) throws ModelFileException {
        if (in.version() >= 2) {
            return in.getComponent("neurons", NeuronModel.class);
        }
        return switch (in.getEnum("firingMode", FiringMode.class)) {
            case MODEL -> in.getComponent("neurons", NeuronModel.class);
            case FIRE_ONCE -> new PerfectIf(PerfectIfParameters.latencyCoded(in.getFloat("threshold")));
            case FIRE_AT_LAST_STEP -> new LastStepIf(in.getFloat("threshold"));
            case DECIDE_AT_LAST_STEP -> new Integrator();
        };
    }

    /** Every codec of this package. */
    public static List<Codec<?>> all() {
        return List.of(CONV2D, DENSE, SPARSE, POOLING, PADDING);
    }
}
