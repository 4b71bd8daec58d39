package org.snn4j.internal.kernel;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether snn4j's Vector API implementations are used, decided once for the whole library (the approach of
 * Apache Lucene's vectorization provider): yes when the JDK is 21 or newer, the HotSpot C2 compiler is on, and
 * the {@code jdk.incubator.vector} module is readable; otherwise no, with one log line saying how to enable
 * them. The Vector API exists on JDK 17 too, but is slower than plain loops there (measured, ANCHORS.md), so it
 * is not used before JDK 21. The users: the float kernels ({@link FloatKernels}) and the N-MNIST decoder.
 *
 * <p>The system property {@code snn4j.kernels} forces a choice: {@code scalar} or {@code vector}
 * ({@code vector} without the module is an error). Not part of the public API.
 */
public final class VectorApi {
    private static final Logger LOG = LoggerFactory.getLogger(VectorApi.class);
    private static final boolean CHOSEN = choose();

    private VectorApi() {
    }

    /**
     * True if the Vector API implementations are to be used; callers then load them by name (so that their
     * classes load only on JVMs with the module) with {@link #load} and fall back to the scalar ones if that
     * fails.
     */
    public static boolean chosen() {
        return CHOSEN;
    }

    /** Creates a Vector API implementation, by name (e.g. {@code Class.forName(...).getDeclaredConstructor()}). */
    @FunctionalInterface
    public interface Loader<T> {
        /** The new implementation. */
        T load() throws ReflectiveOperationException;
    }

    /**
     * The one place that loads a Vector API implementation: {@code loader}'s result, or {@code fallback} with a
     * warning naming {@code what} if the class cannot be loaded, linked or created. The loader runs in the
     * caller's code, so package-private implementations stay package-private.
     *
     * @param what     what the implementation is, for the warning (e.g. "the Vector API kernels")
     * @param loader   creates the implementation by name
     * @param fallback the scalar implementation ({@code null} where that is how the caller marks it)
     */
    public static <T> T load(String what, Loader<? extends T> loader, T fallback) {
        try {
            return loader.load();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("snn4j could not load {} ({}); using the scalar code", what, e.toString());
            return fallback;
        }
    }

    private static boolean choose() {
        String forced = System.getProperty("snn4j.kernels", "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("scalar")) {
            return false;
        }
        boolean moduleReadable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (forced.equals("vector")) {
            if (!moduleReadable) {
                throw new IllegalStateException("snn4j.kernels=vector needs the JVM option"
                        + " --add-modules jdk.incubator.vector");
            }
            return true;
        }
        if (!forced.isEmpty()) {
            throw new IllegalArgumentException("snn4j.kernels must be 'scalar' or 'vector', got '" + forced + "'");
        }
        int feature = Runtime.version().feature();
        if (feature < 21) {
            return false;
        }
        if (!moduleReadable) {
            LOG.info("snn4j uses scalar kernels; on this JDK {} run java with --add-modules jdk.incubator.vector"
                    + " for the Vector API kernels of the dense and convolution layers and the N-MNIST decoder"
                    + " (README: measurements)", feature);
            return false;
        }
        return hasC2();
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
