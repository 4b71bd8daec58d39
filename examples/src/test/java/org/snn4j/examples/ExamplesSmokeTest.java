package org.snn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs every example listed by the {@link Launcher} with {@code --quick} and checks it prints something. */
class ExamplesSmokeTest {

    private static String capture(Launcher.Main main, String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyExampleRunsQuickly() throws Exception {
        for (Launcher.Example e : Launcher.EXAMPLES) {
            String out = capture(e.main(), "--quick");
            assertThat(out).as("output of %s", e.name()).isNotBlank();
        }
    }

    @Test
    void namesAreUniqueAndFindable() {
        Set<String> names = new HashSet<>();
        for (Launcher.Example e : Launcher.EXAMPLES) {
            assertThat(names.add(e.name())).as("duplicate %s", e.name()).isTrue();
            assertThat(Launcher.find(e.name())).isSameAs(e);
            assertThat(Launcher.find(e.className())).isSameAs(e);
        }
    }

    @Test
    void helpListsEveryExample() throws Exception {
        String out = capture(Launcher::main, "--help");
        for (Launcher.Example e : Launcher.EXAMPLES) {
            assertThat(out).contains(e.name()).contains(e.description());
        }
    }

    @Test
    void lifExampleMatchesTheAnalyticRates() throws Exception {
        String out = capture(Ex01_LifCurrentStep::main);
        // RI = 22, 30, 40 mV: 20, 41 and 63 spikes in 1 s at dt 0.1 ms
        assertThat(out).containsPattern("22\\.0\\s+20\\.017\\s+20\\s")
                .containsPattern("30\\.0\\s+41\\.715\\s+41\\s")
                .containsPattern("40\\.0\\s+63\\.040\\s+63\\s");
    }

    @Test
    void izhikevichExamplePrintsThePinnedCounts() throws Exception {
        String out = capture(Ex02_IzhikevichPatterns::main);
        assertThat(out).containsPattern("RS .* 23\\s+23\\s+3\\.50").containsPattern("TC .* 214\\s+214");
    }
}
