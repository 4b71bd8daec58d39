package org.snn4j.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a NIR graph: its name (unique in the graph), its type and its parameters by the names the
 * NIR specification gives them ({@code weight}, {@code bias}, {@code tau}, {@code r}, {@code v_leak},
 * {@code v_threshold}, {@code v_reset}, {@code shape}, ...). String-valued parameters (a {@code Conv2d}
 * padding of {@code "same"} or {@code "valid"}) are in {@link #strings()}, and so are the string entries of the
 * node's optional {@code metadata} group, under {@code "metadata/" + key} ({@link #METADATA}). Immutable.
 *
 * @param name    the node's name in the graph, not blank, no {@code '/'}
 * @param type    its primitive
 * @param params  numeric parameters by name; copied, iteration order kept
 * @param strings string parameters by name; copied
 */
public record NirNode(String name, NirType type, Map<String, NirArray> params, Map<String, String> strings) {
    /** Prefix of the {@link #strings()} keys that are entries of the node's {@code metadata} group. */
    public static final String METADATA = "metadata/";

    /** Metadata key under which snn4j records a discrete-time reset NIR's equations do not express. */
    public static final String RESET_METHOD = METADATA + "reset_method";

    /** Checks the name and copies the maps. */
    public NirNode {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("node name must be non-blank without '/', got \"" + name + "\"");
        }
        Objects.requireNonNull(type, "type of node " + name);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        strings = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(strings, "strings")));
    }

    /** A node with numeric parameters only. */
    public NirNode(String name, NirType type, Map<String, NirArray> params) {
        this(name, type, params, Map.of());
    }

    /** Whether parameter {@code key} is present (numeric or string). */
    public boolean has(String key) {
        return params.containsKey(key) || strings.containsKey(key);
    }

    /**
     * The numeric parameter {@code key}.
     *
     * @throws IllegalArgumentException naming the node, its type and the parameter if it is missing
     */
    public NirArray param(String key) {
        NirArray a = params.get(key);
        if (a == null) {
            throw new IllegalArgumentException(type.fileName() + " node " + name + " has no numeric parameter " + key
                    + (strings.containsKey(key) ? " (it is the string \"" + strings.get(key) + "\")" : "")
                    + "; it has " + params.keySet());
        }
        return a;
    }

    @Override
    public String toString() {
        return type.fileName() + " " + name + params + (strings.isEmpty() ? "" : strings.toString());
    }
}
