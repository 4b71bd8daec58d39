package org.snn4j.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A NIR graph: named nodes and directed edges {@code from -> to} between them (the output of {@code from}
 * feeds {@code to}), plus the NIR version string of the file it came from or is written as. Immutable;
 * {@link NirFile} reads and writes it, {@link NirImport} turns it into a snn4j network and {@link NirExport}
 * makes one from a network.
 *
 * @param version NIR version, for example {@code "1.0.7"}
 * @param nodes   nodes in order; copied
 * @param edges   edges in order; copied
 */
public record NirGraph(String version, List<NirNode> nodes, List<Edge> edges) {

    /** The NIR version this library writes (the layout of the reference implementation's 1.0 series). */
    public static final String WRITTEN_VERSION = "1.0.7";

    /** An edge: the output of node {@code from} is the input of node {@code to}. */
    public record Edge(String from, String to) {
        /** Checks both names are non-null. */
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    /**
     * Checks that node names are unique and every edge names existing nodes.
     *
     * @throws IllegalArgumentException naming the repeated node or the bad edge
     */
    public NirGraph {
        Objects.requireNonNull(version, "version");
        nodes = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(nodes, "nodes")));
        edges = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(edges, "edges")));
        Map<String, NirNode> byName = new LinkedHashMap<>();
        for (NirNode n : nodes) {
            if (byName.put(Objects.requireNonNull(n, "node").name(), n) != null) {
                throw new IllegalArgumentException("node name " + n.name() + " is used twice");
            }
        }
        for (Edge e : edges) {
            if (!byName.containsKey(Objects.requireNonNull(e, "edge").from())) {
                throw new IllegalArgumentException("edge " + e + " starts at an unknown node " + e.from() + "; nodes are "
                        + byName.keySet());
            }
            if (!byName.containsKey(e.to())) {
                throw new IllegalArgumentException("edge " + e + " ends at an unknown node " + e.to() + "; nodes are "
                        + byName.keySet());
            }
        }
    }

    /**
     * The node called {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public NirNode node(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return nodes.get(i);
            }
        }
        throw new IllegalArgumentException("no node named " + name);
    }
}
