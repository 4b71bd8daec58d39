package org.snn4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the user guide honest: every {@code ```java} block of every page in {@code docs/} must be preceded
 * by a marker line {@code <!-- snippet: NAME -->} and must equal, character for character (after removing
 * the common indentation), the region between {@code // tag::NAME[]} and {@code // end::NAME[]} in a Java
 * source compiled by the build: this module's tests (which also run the code and assert its results) or
 * the examples. A snippet that drifts from the code, a block without a marker, an unknown tag, a tag used by
 * no page in this module's tests, and a relative link to a missing file all fail this test.
 */
class UserGuideTest {
    private static final Path DOCS = Path.of(".");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Path EXAMPLES = Path.of("../examples/src/main/java");
    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([A-Za-z0-9_-]+) -->$");
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([A-Za-z0-9_-]+)\\[]\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// end::([A-Za-z0-9_-]+)\\[]\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    /** A snippet in a page: its name, text and where it is. */
    record Snippet(String name, String text, String where) {
    }

    /** The guide's pages, plus the repository's README (its usage snippet and links are checked too). */
    static List<Path> pages() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(DOCS)) {
            out.addAll(s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList());
        }
        Path readme = Path.of("../README.md");
        if (Files.exists(readme)) {
            out.add(readme);
        }
        return out;
    }

    static List<Snippet> snippets(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("```java")) {
                continue;
            }
            String where = page.getFileName() + ":" + (i + 1);
            Matcher m = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
            if (m == null || !m.matches()) {
                throw new AssertionError(where + ": a ```java block must follow a line <!-- snippet: NAME -->");
            }
            StringBuilder b = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                b.append(lines.get(j)).append('\n');
                j++;
            }
            if (j == lines.size()) {
                throw new AssertionError(where + ": unterminated ```java block");
            }
            out.add(new Snippet(m.group(1), b.toString(), where));
            i = j;
        }
        return out;
    }

    /** Every tagged region under {@code root}: name -> dedented text. */
    static Map<String, String> regions(Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher t = TAG.matcher(lines.get(i));
                if (!t.matches()) {
                    continue;
                }
                String name = t.group(1);
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (true) {
                    if (j == lines.size()) {
                        throw new AssertionError(f + ": tag " + name + " has no // end::" + name + "[]");
                    }
                    Matcher e = END.matcher(lines.get(j));
                    if (e.matches()) {
                        if (!e.group(1).equals(name)) {
                            throw new AssertionError(f + ":" + (j + 1) + ": end::" + e.group(1) + " closes tag " + name);
                        }
                        break;
                    }
                    body.add(lines.get(j));
                    j++;
                }
                if (out.put(name, dedent(body)) != null) {
                    throw new AssertionError("tag " + name + " is defined twice (second in " + f + ")");
                }
                i = j;
            }
        }
        return out;
    }

    static String dedent(List<String> body) {
        int indent = Integer.MAX_VALUE;
        for (String l : body) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String l : body) {
            b.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return b.toString();
    }

    @Test
    void everySnippetIsTheCompiledCode() throws IOException {
        Map<String, String> tested = regions(TESTS);
        Map<String, String> all = new LinkedHashMap<>(tested);
        Map<String, String> examples = regions(EXAMPLES);
        for (Map.Entry<String, String> e : examples.entrySet()) {
            assertThat(all.put(e.getKey(), e.getValue())).as("tag %s in both tests and examples", e.getKey()).isNull();
        }
        List<Path> pages = pages();
        assertThat(pages).as("guide pages").hasSizeGreaterThanOrEqualTo(10);
        TreeSet<String> used = new TreeSet<>();
        int count = 0;
        for (Path page : pages) {
            for (Snippet s : snippets(page)) {
                String code = all.get(s.name());
                assertThat(code).as("%s: no // tag::%s[] region in docs/src/test/java or examples", s.where(), s.name())
                        .isNotNull();
                assertThat(s.text()).as("%s: snippet %s differs from the compiled code", s.where(), s.name())
                        .isEqualTo(code);
                used.add(s.name());
                count++;
            }
        }
        TreeSet<String> unused = new TreeSet<>(tested.keySet());
        unused.removeAll(used);
        assertThat(unused).as("tagged regions in docs/src/test/java used by no page").isEmpty();
        assertThat(count).as("snippets checked").isGreaterThanOrEqualTo(15);
    }

    @Test
    void relativeLinksResolve() throws IOException {
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                assertThat(page.resolveSibling(target)).as("%s links to %s", page.getFileName(), target).exists();
            }
        }
    }

    @Test
    void theCheckerCatchesDrift() {
        // the checker itself: a changed line must not compare equal
        String code = dedent(List.of("    int a = 1;", "    int b = 2;"));
        assertThat(code).isEqualTo("int a = 1;\nint b = 2;\n");
        assertThat(dedent(List.of("    int a = 1;", "    int b = 3;"))).isNotEqualTo(code);
    }
}
