package org.snn4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the label of an event file comes from: nowhere ({@link #none()}), the name of the folder that holds the
 * file ({@link #fromFolder()}, the layout of the N-MNIST distribution: {@code Train/3/00012.bin}), or a list that
 * maps file names to classes ({@link #fromList(Map)}, {@link #readList(Path)}). Immutable and serialisable, so
 * Spark ships it to the executors with the reading task.
 */
public final class Labels implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a label is found. */
    public enum Kind {
        /** No label (the column is null). */
        NONE,
        /** The parent folder's name, a non-negative integer. */
        FOLDER,
        /** A list keyed by the file name without its extension. */
        LIST
    }

    private final Kind kind;
    private final HashMap<String, Integer> list;

    private Labels(Kind kind, Map<String, Integer> list) {
        this.kind = kind;
        this.list = list == null ? null : new HashMap<>(list);
    }

    /** No labels. */
    public static Labels none() {
        return new Labels(Kind.NONE, null);
    }

    /** The label is the name of the file's folder ({@code .../7/00042.bin} is class 7); other names give null. */
    public static Labels fromFolder() {
        return new Labels(Kind.FOLDER, null);
    }

    /**
     * Labels from a map of file name without extension ({@code "42"} for {@code files/42.bs2}) to class.
     *
     * @param byStem the map; copied
     * @throws IllegalArgumentException if a class is negative
     */
    public static Labels fromList(Map<String, Integer> byStem) {
        Objects.requireNonNull(byStem, "byStem");
        for (Map.Entry<String, Integer> e : byStem.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("label of '" + e.getKey() + "' must be >= 0, got " + e.getValue());
            }
        }
        return new Labels(Kind.LIST, byStem);
    }

    /**
     * Reads a label list of lines {@code SAMPLE CLASS} (tab or spaces; lines starting with {@code #} and blank lines
     * are skipped; CRLF accepted), the format of the N-MNIST subsets' {@code train1K.txt} / {@code test100.txt}.
     *
     * @param file the list, on the driver's file system
     * @throws IllegalArgumentException naming the file, the line number and the line if a line is malformed
     */
    public static Labels readList(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int label;
            try {
                label = f.length == 2 ? Integer.parseInt(f[1]) : -1;
            } catch (NumberFormatException e) {
                label = -1;
            }
            if (label < 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'SAMPLE CLASS' with a "
                        + "class >= 0, got '" + line + "'");
            }
            map.put(f[0], label);
        }
        return new Labels(Kind.LIST, map);
    }

    /**
     * Reads several lists ({@link #readList(Path)}) into one.
     *
     * @throws IllegalArgumentException if a file is malformed or two lists give one file different classes
     */
    public static Labels readLists(List<Path> files) throws IOException {
        Map<String, Integer> all = new HashMap<>();
        for (Path f : files) {
            for (Map.Entry<String, Integer> e : readList(f).list.entrySet()) {
                Integer old = all.put(e.getKey(), e.getValue());
                if (old != null && !old.equals(e.getValue())) {
                    throw new IllegalArgumentException(f + ": sample '" + e.getKey() + "' has class " + e.getValue()
                            + " here and " + old + " in an earlier list");
                }
            }
        }
        return new Labels(Kind.LIST, all);
    }

    /** How labels are found. */
    public Kind kind() {
        return kind;
    }

    /** The stems that a list labels (empty unless {@link Kind#LIST}). */
    public java.util.Set<String> stems() {
        return list == null ? java.util.Set.of() : java.util.Collections.unmodifiableSet(list.keySet());
    }

    /**
     * The label of a file.
     *
     * @param path the file's path or URI as Spark gives it ({@code file:/data/Train/3/00012.bin})
     * @return the class, or null if this source has none for the file
     */
    public Integer label(String path) {
        Objects.requireNonNull(path, "path");
        switch (kind) {
            case FOLDER: {
                String parent = parentName(path);
                if (parent == null || parent.isEmpty() || parent.length() > 9) {
                    return null;
                }
                for (int i = 0; i < parent.length(); i++) {
                    if (!Character.isDigit(parent.charAt(i))) {
                        return null;
                    }
                }
                return Integer.parseInt(parent);
            }
            case LIST:
                return list.get(stem(path));
            default:
                return null;
        }
    }

    /** The file name without folder and extension. */
    static String stem(String path) {
        String name = name(path);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The last path element. */
    static String name(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static String parentName(String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        int prev = path.lastIndexOf('/', slash - 1);
        return path.substring(prev + 1, slash);
    }

    @Override
    public String toString() {
        return kind == Kind.LIST ? "Labels[LIST, " + list.size() + " files]" : "Labels[" + kind + "]";
    }
}
