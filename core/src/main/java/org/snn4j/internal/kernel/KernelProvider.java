package org.snn4j.internal.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link FloatKernels} implementation once, at class initialisation (the approach of Apache
 * Lucene's vectorization provider): the Vector API implementation when the JDK is 21 or newer, the
 * HotSpot C2 compiler is on, and the {@code jdk.incubator.vector} module is readable; otherwise the scalar
 * one, with one log line saying how to enable the fast path. The Vector API exists on JDK 17 too, but is
 * slower than plain loops there (measured, ANCHORS.md), so it is not used before JDK 21.
 *
 * <p>The system property {@code snn4j.kernels} forces a choice: {@code scalar} or {@code vector}.
 */
final class KernelProvider {
    private static final Logger LOG = LoggerFactory.getLogger(KernelProvider.class);
    static final FloatKernels INSTANCE = choose();

    private KernelProvider() {
    }

    private static FloatKernels choose() {
        String forced = System.getProperty("snn4j.kernels", "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("scalar")) {
            return ScalarKernels.INSTANCE;
        }
        boolean moduleReadable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (forced.equals("vector")) {
            if (!moduleReadable) {
                throw new IllegalStateException("snn4j.kernels=vector needs the JVM option"
                        + " --add-modules jdk.incubator.vector");
            }
            return loadVector();
        }
        if (!forced.isEmpty()) {
            throw new IllegalArgumentException("snn4j.kernels must be 'scalar' or 'vector', got '" + forced + "'");
        }
        int feature = Runtime.version().feature();
        if (feature < 21) {
            return ScalarKernels.INSTANCE;
        }
        if (!moduleReadable) {
            LOG.info("snn4j uses scalar kernels; on this JDK {} run java with --add-modules jdk.incubator.vector"
                    + " for the Vector API kernels of the dense and convolution layers (README: measurements)",
                    feature);
            return ScalarKernels.INSTANCE;
        }
        if (!hasC2()) {
            return ScalarKernels.INSTANCE;
        }
        return loadVector();
    }

    private static FloatKernels loadVector() {
        try {
            // by name, so that this class loads on JVMs without the incubator module
            return (FloatKernels) Class.forName("org.snn4j.internal.kernel.VectorKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("snn4j could not load the Vector API kernels ({}); using scalar kernels", e.toString());
            return ScalarKernels.INSTANCE;
        }
    }

    private static boolean hasC2() {
        try {
            String vm = ManagementFactory.getRuntimeMXBean().getVmName();
            return vm == null || !vm.toLowerCase(Locale.ROOT).contains("client");
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }
}
