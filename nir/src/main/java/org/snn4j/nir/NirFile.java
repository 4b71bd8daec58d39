package org.snn4j.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snn4j.io.AtomicFiles;

/**
 * Reads and writes NIR graphs as HDF5 files, in the layout of the NIR reference implementation
 * (neuromorphs/NIR, {@code nir.write} / {@code nir.read}):
 * <pre>
 * /version            string, for example "1.0.7"
 * /node/type          string "NIRGraph"
 * /node/edges         strings [E, 2]: from, to
 * /node/nodes/NAME/type        string: the primitive ("Affine", "LIF", "I", ...)
 * /node/nodes/NAME/PARAMETER   array: weight, bias, tau, r, v_leak, v_threshold, v_reset, shape, ...
 * /node/nodes/NAME/metadata/   optional; its string entries are kept as strings "metadata/KEY" of the node
 *                              (snn4j writes "reset_method" = "subtract" there), anything else is ignored
 * </pre>
 * Uses jHDF ({@code io.jhdf:jhdf}), a pure-Java HDF5 library: no native code.
 *
 * <h2>What jHDF can and cannot do here</h2>
 * Reading: every layout h5py produces for NIR files (contiguous, chunked, gzip/deflate-compressed datasets;
 * fixed- and variable-length strings; float32, float64 and integer arrays). Writing (jHDF 0.8 and later; this
 * module uses 0.10.0): groups, contiguous uncompressed datasets of float32 / int64 n-dimensional arrays and
 * scalars, and fixed-length (not variable-length) ASCII strings. It cannot write compressed or chunked
 * datasets, so written files are larger than h5py's gzip ones for big weight arrays; and strings come back
 * from h5py as {@code bytes} rather than {@code str}, which the NIR reference reader accepts (it compares
 * {@code type} with {@code b"Affine"} and decodes edge names). A file is written to a temporary file first and
 * moved into place ({@link AtomicFiles}).
 *
 * <h2>Bad input</h2>
 * Everything is checked and reported as a {@link NirFormatException} naming the HDF5 path: a file that is not
 * HDF5 or is damaged, a missing {@code /node} or {@code type}, an unknown node type, a nested subgraph (not
 * supported), a parameter that is neither numeric nor a string, and an array whose element count exceeds
 * what the file's size could hold even at deflate's best ratio (so memory stays bounded by the input).
 *
 * <p>Stateless and thread-safe.
 */
public final class NirFile {
    /** Elements allowed per byte of file: deflate expands at most ~1032x, and elements have >= 4 bytes. */
    private static final long ELEMENTS_PER_FILE_BYTE = 260;
    private static final long ELEMENTS_SLACK = 1 << 16;

    private NirFile() {
    }

    /**
     * Reads the NIR graph in {@code file}.
     *
     * @throws NirFormatException if the file is not a readable NIR graph (the message names the HDF5 path)
     * @throws IOException        if the file cannot be read
     */
    public static NirGraph read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long fileSize = Files.size(file);
        long maxElements = ELEMENTS_SLACK + ELEMENTS_PER_FILE_BYTE * fileSize;
        try (HdfFile hdf = new HdfFile(file)) {
            String version = "unknown";
            Node v = hdf.getChild("version");
            if (v instanceof Dataset) {
                Object o = readValue((Dataset) v, maxElements);
                if (o instanceof String) {
                    version = (String) o;
                }
            }
            Node root = hdf.getChild("node");
            if (!(root instanceof Group)) {
                throw new NirFormatException("/node", root == null ? "missing: a NIR file keeps its graph in the group /node"
                        : "expected a group, got a dataset");
            }
            Group g = (Group) root;
            String type = typeOf(g, maxElements);
            if (!NirType.GRAPH.fileName().equals(type)) {
                throw new NirFormatException("/node/type", "expected \"NIRGraph\" at the top level, got \"" + type + "\"");
            }
            return readGraph(g, version, maxElements);
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // jHDF reports malformed files with unchecked exceptions
            throw new NirFormatException("/", "not a readable HDF5 file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    private static NirGraph readGraph(Group g, String version, long maxElements) throws NirFormatException {
        Node nodesNode = g.getChild("nodes");
        if (!(nodesNode instanceof Group)) {
            throw new NirFormatException(join(g, "nodes"), "missing: expected the group of the graph's nodes");
        }
        List<NirNode> nodes = new ArrayList<>();
        for (Node child : ((Group) nodesNode).getChildren().values()) {
            if (!(child instanceof Group)) {
                throw new NirFormatException(child.getPath(), "expected a node group, got a dataset");
            }
            nodes.add(readNode((Group) child, maxElements));
        }
        List<NirGraph.Edge> edges = new ArrayList<>();
        Node e = g.getChild("edges");
        if (e instanceof Dataset) {
            Dataset ds = (Dataset) e;
            checkSize(ds, maxElements);
            if (ds.getSize() > 0) {
                int[] dims = ds.getDimensions();
                Object flat = ds.getDataFlat();
                if (dims.length != 2 || dims[1] != 2 || !(flat instanceof String[])) {
                    throw new NirFormatException(ds.getPath(), "expected strings of shape [E, 2], got "
                            + ds.getJavaType().getSimpleName() + " " + Arrays.toString(dims));
                }
                String[] s = (String[]) flat;
                for (int i = 0; i + 1 < s.length; i += 2) {
                    edges.add(new NirGraph.Edge(s[i], s[i + 1]));
                }
            }
        } else if (e != null) {
            throw new NirFormatException(e.getPath(), "expected a dataset of edges, got a group");
        }
        try {
            return new NirGraph(version, nodes, edges);
        } catch (IllegalArgumentException ex) {
            throw new NirFormatException(join(g, "edges"), ex.getMessage(), ex);
        }
    }

    private static NirNode readNode(Group g, long maxElements) throws NirFormatException {
        String typeName = typeOf(g, maxElements);
        NirType type;
        try {
            type = NirType.ofFileName(typeName);
        } catch (IllegalArgumentException ex) {
            throw new NirFormatException(join(g, "type"), ex.getMessage(), ex);
        }
        if (type == NirType.GRAPH) {
            throw new NirFormatException(g.getPath(), "node " + g.getName()
                    + " is a nested NIRGraph; subgraphs are not supported (flatten the graph before writing it)");
        }
        Map<String, NirArray> params = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        for (Node child : g.getChildren().values()) {
            String key = child.getName();
            if (key.equals("type")) {
                continue;
            }
            if (key.equals("metadata")) {
                if (child instanceof Group) {
                    // string entries of the metadata group, kept as "metadata/KEY"; other entries are ignored
                    for (Node m : ((Group) child).getChildren().values()) {
                        if (m instanceof Dataset && ((Dataset) m).isScalar()
                                && ((Dataset) m).getData() instanceof String) {
                            strings.put(NirNode.METADATA + m.getName(), (String) ((Dataset) m).getData());
                        }
                    }
                }
                continue;
            }
            if (!(child instanceof Dataset)) {
                throw new NirFormatException(child.getPath(), "expected a parameter dataset, got a group");
            }
            Object value = readValue((Dataset) child, maxElements);
            if (value instanceof String) {
                strings.put(key, (String) value);
            } else {
                params.put(key, (NirArray) value);
            }
        }
        try {
            return new NirNode(g.getName(), type, params, strings);
        } catch (IllegalArgumentException ex) {
            throw new NirFormatException(g.getPath(), ex.getMessage(), ex);
        }
    }

    private static String typeOf(Group g, long maxElements) throws NirFormatException {
        Node t = g.getChild("type");
        if (!(t instanceof Dataset)) {
            throw new NirFormatException(join(g, "type"),
                    "missing: every NIR node names its primitive in a string dataset \"type\"");
        }
        Object o = readValue((Dataset) t, maxElements);
        if (!(o instanceof String)) {
            throw new NirFormatException(t.getPath(), "expected a string, got " + o);
        }
        return (String) o;
    }

    /** The HDF5 path of {@code g}'s child {@code key} (jHDF ends group paths with a slash). */
    private static String join(Node g, String key) {
        String p = g.getPath();
        return p.endsWith("/") ? p + key : p + "/" + key;
    }

    private static void checkSize(Dataset ds, long maxElements) throws NirFormatException {
        if (ds.getSize() > maxElements) {
            throw new NirFormatException(ds.getPath(), ds.getSize() + " elements " + Arrays.toString(ds.getDimensions())
                    + " exceed the " + maxElements + " that a file of this size can hold");
        }
    }

    /** A String (scalar string dataset) or a NirArray. */
    private static Object readValue(Dataset ds, long maxElements) throws NirFormatException {
        checkSize(ds, maxElements);
        if (ds.isScalar()) {
            Object o = ds.getData();
            if (o instanceof String) {
                return o;
            }
            if (o instanceof Number) {
                boolean integer = !(o instanceof Float || o instanceof Double);
                return new NirArray(new int[0], new double[] {((Number) o).doubleValue()}, integer);
            }
            if (o instanceof Boolean) {
                return new NirArray(new int[0], new double[] {((Boolean) o) ? 1 : 0}, true);
            }
            throw new NirFormatException(ds.getPath(), "expected a number or a string, got " + ds.getJavaType());
        }
        int[] dims = ds.getDimensions();
        Object flat = ds.isEmpty() ? null : ds.getDataFlat();
        if (flat == null) {
            return new NirArray(dims, new double[0], false);
        }
        int n = Array.getLength(flat);
        double[] v = new double[n];
        boolean integer = true;
        if (flat instanceof float[]) {
            float[] a = (float[]) flat;
            for (int i = 0; i < n; i++) {
                v[i] = a[i];
            }
            integer = false;
        } else if (flat instanceof double[]) {
            System.arraycopy((double[]) flat, 0, v, 0, n);
            integer = false;
        } else if (flat instanceof long[]) {
            long[] a = (long[]) flat;
            for (int i = 0; i < n; i++) {
                v[i] = a[i];
            }
        } else if (flat instanceof int[]) {
            int[] a = (int[]) flat;
            for (int i = 0; i < n; i++) {
                v[i] = a[i];
            }
        } else if (flat instanceof short[]) {
            short[] a = (short[]) flat;
            for (int i = 0; i < n; i++) {
                v[i] = a[i];
            }
        } else if (flat instanceof byte[]) {
            byte[] a = (byte[]) flat;
            for (int i = 0; i < n; i++) {
                v[i] = a[i];
            }
        } else if (flat instanceof boolean[]) {
            boolean[] a = (boolean[]) flat;
            for (int i = 0; i < n; i++) {
                v[i] = a[i] ? 1 : 0;
            }
        } else if (flat instanceof String[] && n == 1) {
            return ((String[]) flat)[0];
        } else {
            throw new NirFormatException(ds.getPath(), "expected a numeric array, got "
                    + flat.getClass().getComponentType().getSimpleName() + " " + Arrays.toString(dims));
        }
        try {
            return new NirArray(dims, v, integer);
        } catch (IllegalArgumentException ex) {
            throw new NirFormatException(ds.getPath(), ex.getMessage(), ex);
        }
    }

    /**
     * Writes {@code graph} to {@code file} in the layout above (float parameters as float32, integer ones as
     * int64), atomically: a temporary file in the target's directory is written, then moved over the target.
     *
     * @throws IOException if writing fails; the target is then left as it was
     */
    public static void write(NirGraph graph, Path file) throws IOException {
        Objects.requireNonNull(graph, "graph");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".nir-", ".tmp");
        try {
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                hdf.putDataset("version", graph.version());
                WritableGroup root = hdf.putGroup("node");
                root.putDataset("type", NirType.GRAPH.fileName());
                String[][] edges = new String[graph.edges().size()][];
                for (int i = 0; i < edges.length; i++) {
                    NirGraph.Edge e = graph.edges().get(i);
                    edges[i] = new String[] {e.from(), e.to()};
                }
                if (edges.length > 0) {
                    root.putDataset("edges", edges);
                }
                WritableGroup nodes = root.putGroup("nodes");
                for (NirNode n : graph.nodes()) {
                    WritableGroup g = nodes.putGroup(n.name());
                    g.putDataset("type", n.type().fileName());
                    for (Map.Entry<String, NirArray> p : n.params().entrySet()) {
                        g.putDataset(p.getKey(), toJava(p.getValue()));
                    }
                    WritableGroup meta = null;
                    for (Map.Entry<String, String> p : n.strings().entrySet()) {
                        if (p.getKey().startsWith(NirNode.METADATA)) {
                            if (meta == null) {
                                meta = g.putGroup("metadata");
                            }
                            meta.putDataset(p.getKey().substring(NirNode.METADATA.length()), p.getValue());
                        } else {
                            g.putDataset(p.getKey(), p.getValue());
                        }
                    }
                }
            } catch (RuntimeException e) {
                throw new IOException("cannot write NIR file " + file + ": " + e.getMessage(), e);
            }
            AtomicFiles.write(file, Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A Java array (float32 or int64, nested to the array's rank) or a boxed scalar, for jHDF. */
    private static Object toJava(NirArray a) {
        double[] v = a.values();
        if (a.rank() == 0) {
            return a.integer() ? (Object) (long) v[0] : (Object) (float) v[0];
        }
        Object arr = Array.newInstance(a.integer() ? long.class : float.class, a.shape());
        fill(arr, a.shape(), 0, v, new int[] {0}, a.integer());
        return arr;
    }

    private static void fill(Object arr, int[] shape, int dim, double[] v, int[] pos, boolean integer) {
        int n = shape[dim];
        if (dim == shape.length - 1) {
            if (integer) {
                long[] a = (long[]) arr;
                for (int i = 0; i < n; i++) {
                    a[i] = (long) v[pos[0]++];
                }
            } else {
                float[] a = (float[]) arr;
                for (int i = 0; i < n; i++) {
                    a[i] = (float) v[pos[0]++];
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            fill(Array.get(arr, i), shape, dim + 1, v, pos, integer);
        }
    }
}
