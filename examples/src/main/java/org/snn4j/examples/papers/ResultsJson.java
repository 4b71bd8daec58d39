package org.snn4j.examples.papers;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.snn4j.cli.Cli;

/**
 * Writes the results of a {@link Mozafari2019} run as one JSON object (hand-written: a flat document
 * does not need a JSON library): options, machine (CPU model, cores, JDK, kernels, OS), per-phase throughput,
 * per-epoch accuracy and the final test accuracy.
 */
final class ResultsJson {
    private ResultsJson() {
    }

    static Path write(Mozafari2019Options o, Path dataDir, int nTrain, int nTest, boolean trained,
                      List<Mozafari2019.Epoch> epochs, List<Mozafari2019.Phase> phases, double acc, double silent,
                      double totalSeconds) throws IOException {
        Instant now = Instant.now();
        StringBuilder j = new StringBuilder(4096);
        j.append("{\n");
        field(j, "example", "Mozafari2019");
        field(j, "timestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        field(j, "data", dataDir.toString());
        j.append("  \"trainDigits\": ").append(trained ? nTrain : 0).append(",\n");
        j.append("  \"testDigits\": ").append(nTest).append(",\n");
        j.append("  \"trained\": ").append(trained).append(",\n");
        if (o.load() != null) {
            field(j, "loadedModel", o.load().toString());
        }
        j.append("  \"epochs1\": ").append(trained ? o.epochs1() : 0).append(",\n");
        j.append("  \"epochs2\": ").append(trained ? o.epochs2() : 0).append(",\n");
        j.append("  \"epochs3\": ").append(trained ? o.epochs3() : 0).append(",\n");
        j.append("  \"seed\": ").append(o.seed()).append(",\n");
        j.append("  \"threads\": ").append(o.threads()).append(",\n");
        j.append("  \"quick\": ").append(o.quick()).append(",\n");
        field(j, "jdk", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        field(j, "kernels", Cli.kernels());
        j.append("  \"kernelLanes\": ").append(Cli.kernelLanes()).append(",\n");
        field(j, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        j.append("  \"cpus\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        field(j, "cpuModel", cpuModel());
        field(j, "host", host());
        j.append("  \"loadAverage\": ").append(num(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage())).append(",\n");
        j.append("  \"maxHeapMiB\": ").append(Runtime.getRuntime().maxMemory() >> 20).append(",\n");
        j.append("  \"totalSeconds\": ").append(num(totalSeconds)).append(",\n");
        j.append("  \"testAccuracy\": ").append(num(acc)).append(",\n");
        j.append("  \"testSilent\": ").append(num(silent)).append(",\n");
        j.append("  \"phases\": [\n");
        for (int i = 0; i < phases.size(); i++) {
            Mozafari2019.Phase p = phases.get(i);
            j.append("    {\"name\": ").append(str(p.name())).append(", \"images\": ").append(p.images())
                    .append(", \"seconds\": ").append(num(p.seconds())).append(", \"imagesPerSecond\": ")
                    .append(num(p.imagesPerSecond())).append(", \"cpuSeconds\": ").append(num(p.cpuSeconds()))
                    .append(", \"imagesPerCpuSecond\": ").append(num(p.imagesPerCpuSecond()))
                    .append(i + 1 < phases.size() ? "},\n" : "}\n");
        }
        j.append("  ],\n  \"epochs\": [\n");
        for (int i = 0; i < epochs.size(); i++) {
            Mozafari2019.Epoch e = epochs.get(i);
            j.append("    {\"epoch\": ").append(e.epoch()).append(", \"trainAccuracy\": ").append(num(e.trainCorrect()))
                    .append(", \"trainSilent\": ").append(num(e.trainSilent())).append(", \"testAccuracy\": ")
                    .append(num(e.testCorrect())).append(", \"testSilent\": ").append(num(e.testSilent()))
                    .append(i + 1 < epochs.size() ? "},\n" : "}\n");
        }
        j.append("  ]\n}\n");
        Files.createDirectories(o.out());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(now);
        Path f = o.out().resolve("mozafari2019-" + stamp + ".json");
        for (int k = 1; Files.exists(f); k++) {
            f = o.out().resolve("mozafari2019-" + stamp + "-" + k + ".json");
        }
        Files.writeString(f, j, StandardCharsets.UTF_8);
        return f;
    }

    private static void field(StringBuilder j, String k, String v) {
        j.append("  ").append(str(k)).append(": ").append(str(v)).append(",\n");
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
