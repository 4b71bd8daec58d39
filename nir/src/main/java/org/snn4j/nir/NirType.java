package org.snn4j.nir;

/**
 * The node types of NIR (neuromorphic intermediate representation, Pedersen et al. 2024, Nature
 * Communications 15, 8122, DOI 10.1038/s41467-024-52259-9), each with the name stored in a file's {@code type}
 * dataset. Which of them snn4j imports and exports is listed in {@code docs/nir.md}.
 */
public enum NirType {
    /** {@code y = W x + b}; {@code weight [out, in]}, {@code bias [out]}. */
    AFFINE("Affine"),
    /** {@code y = W x}; {@code weight [out, in]}. */
    LINEAR("Linear"),
    /** {@code y = s ⊙ x}; {@code scale}. */
    SCALE("Scale"),
    /** 1-D convolution. */
    CONV1D("Conv1d"),
    /** 2-D convolution; {@code weight [outC, inC, kH, kW]}, stride, padding, dilation, groups, bias. */
    CONV2D("Conv2d"),
    /** Sum over 2-D windows; {@code kernel_size}, {@code stride}, {@code padding}. */
    SUM_POOL_2D("SumPool2d"),
    /** Average over 2-D windows (sum pooling then a scale by one over the window size). */
    AVG_POOL_2D("AvgPool2d"),
    /** Reshape to fewer dimensions; {@code start_dim}, {@code end_dim}, {@code input_type}. */
    FLATTEN("Flatten"),
    /** {@code y(t) = x(t - delay)}. */
    DELAY("Delay"),
    /** Heaviside step {@code z = [x > threshold]}. */
    THRESHOLD("Threshold"),
    /** Leaky integrator {@code tau dv/dt = (v_leak - v) + R I}. */
    LI("LI"),
    /** Leaky integrate-and-fire: LI, then spike when {@code v > v_threshold} and reset to {@code v_reset}. */
    LIF("LIF"),
    /** Integrator {@code dv/dt = R I}. */
    INTEGRATOR("I"),
    /** Integrate-and-fire: integrator, then spike when {@code v > v_threshold} and reset to {@code v_reset}. */
    IF("IF"),
    /** Current-based leaky integrator (synaptic current, then LI). */
    CUBA_LI("CubaLI"),
    /** Current-based leaky integrate-and-fire (synaptic current, then LIF). */
    CUBA_LIF("CubaLIF"),
    /** The graph's input; {@code shape}. */
    INPUT("Input"),
    /** The graph's output; {@code shape}. */
    OUTPUT("Output"),
    /** A (sub)graph: {@code nodes} and {@code edges}. */
    GRAPH("NIRGraph");

    private final String fileName;

    NirType(String fileName) {
        this.fileName = fileName;
    }

    /** The name in a file's {@code type} dataset, for example {@code "Affine"} or {@code "I"}. */
    public String fileName() {
        return fileName;
    }

    /**
     * The type called {@code name} in a file.
     *
     * @throws IllegalArgumentException naming the value and listing the known names
     */
    public static NirType ofFileName(String name) {
        for (NirType t : values()) {
            if (t.fileName.equals(name)) {
                return t;
            }
        }
        StringBuilder known = new StringBuilder();
        for (NirType t : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(t.fileName);
        }
        throw new IllegalArgumentException("unknown NIR node type \"" + name + "\"; known: " + known);
    }
}
