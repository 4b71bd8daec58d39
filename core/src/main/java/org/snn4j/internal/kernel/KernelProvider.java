package org.snn4j.internal.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link FloatKernels} implementation once, at class initialisation: the Vector API implementation
 * when {@link VectorApi#chosen()} (JDK 21 or newer, C2, {@code jdk.incubator.vector} readable, or forced with
 * {@code -Dsnn4j.kernels=vector}), otherwise the scalar one.
 */
final class KernelProvider {
    private static final Logger LOG = LoggerFactory.getLogger(KernelProvider.class);
    static final FloatKernels INSTANCE = VectorApi.chosen() ? loadVector() : ScalarKernels.INSTANCE;

    private KernelProvider() {
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
}
