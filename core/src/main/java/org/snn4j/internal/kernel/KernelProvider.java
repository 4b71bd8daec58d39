package org.snn4j.internal.kernel;

/**
 * Chooses the {@link FloatKernels} implementation once, at class initialisation: the Vector API implementation
 * when {@link VectorApi#chosen()} (JDK 21 or newer, C2, {@code jdk.incubator.vector} readable, or forced with
 * {@code -Dsnn4j.kernels=vector}), otherwise the scalar one.
 */
final class KernelProvider {
    static final FloatKernels INSTANCE = VectorApi.chosen() ? loadVector() : ScalarKernels.INSTANCE;

    private KernelProvider() {
    }

    private static FloatKernels loadVector() {
        // by name, so that this class loads on JVMs without the incubator module
        return VectorApi.load("the Vector API kernels", () -> (FloatKernels) Class.forName(
                "org.snn4j.internal.kernel.VectorKernels").getDeclaredConstructor().newInstance(),
                ScalarKernels.INSTANCE);
    }
}
