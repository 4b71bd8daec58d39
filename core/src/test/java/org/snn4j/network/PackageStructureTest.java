package org.snn4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of core form no import cycle (for example {@code layer} and {@code competition}: competitions
 * depend on layers, never the reverse), and every package has a {@code package-info.java}. Reads the sources
 * from the module directory (Maven runs tests there).
 */
class PackageStructureTest {
    static final Path ROOT = Path.of("src/main/java");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.snn4j(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String pkg = ROOT.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
            Set<String> d = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
            for (String line : Files.readAllLines(f)) {
                Matcher m = IMPORT.matcher(line);
                if (m.find() && !m.group(1).equals(pkg)) {
                    d.add(m.group(1));
                }
            }
        }
        return deps;
    }

    @Test
    void packagesFormNoImportCycle() throws IOException {
        Map<String, Set<String>> deps = imports();
        assertThat(deps).containsKeys("org.snn4j.layer", "org.snn4j.competition", "org.snn4j.network");
        assertThat(deps.get("org.snn4j.layer")).doesNotContain("org.snn4j.competition", "org.snn4j.network");
        for (String start : deps.keySet()) {
            List<String> path = new ArrayList<>();
            path.add(start);
            assertThat(cycleFrom(start, start, deps, path, new TreeSet<>())).as("import cycle %s", path).isFalse();
        }
    }

    private static boolean cycleFrom(String start, String at, Map<String, Set<String>> deps, List<String> path,
                                     Set<String> seen) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            path.add(next);
            if (next.equals(start) || seen.add(next) && cycleFrom(start, next, deps, path, seen)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        for (String pkg : imports().keySet()) {
            assertThat(ROOT.resolve(pkg.replace('.', '/')).resolve("package-info.java")).as(pkg).exists();
        }
    }
}
