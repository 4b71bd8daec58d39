package org.snn4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.snn4j.cli.Cli;

/**
 * One benchmark result as a single-line JSON object (DESIGN.md section 4): {@code workload}, {@code metric},
 * {@code value}, {@code unit}, {@code threads}, {@code wall_s}, {@code jdk}, {@code kernels} ({@code scalar} or
 * {@code vector-<bits>}), {@code kernel_lanes} (floats per kernel step), {@code cpus}, then extras in insertion
 * order. Not thread-safe.
 */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** A result with the standard fields; {@code jdk}, {@code kernels} and {@code cpus} come from the running JVM. */
    public Json(String workload, String metric, double value, String unit, int threads, double wallS) {
        fields.put("workload", workload);
        fields.put("metric", metric);
        fields.put("value", value);
        fields.put("unit", unit);
        fields.put("threads", threads);
        fields.put("wall_s", wallS);
        fields.put("jdk", Cli.jdk());
        fields.put("kernels", Cli.kernels());
        fields.put("kernel_lanes", Cli.kernelLanes());
        fields.put("cpus", Runtime.getRuntime().availableProcessors());
    }

    /** Adds an extra field (a number, boolean or string). */
    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(escape(e.getKey())).append("\":");
            Object v = e.getValue();
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null");
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append('"').append(escape(String.valueOf(v))).append('"');
            }
        }
        return sb.append('}').toString();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
