package org.volr.core.nd4j;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that prepares nd4j for use inside OSGi. Call {@link #init()} before the first {@code Nd4j}
 * call; every public method of this bundle that touches nd4j does so itself.
 */
public final class Nd4jSupport {
    private static volatile boolean initialised;

    private Nd4jSupport() {
    }

    /**
     * Idempotent and thread-safe. nd4j finds its backend with ServiceLoader, which in OSGi only sees the
     * embedded jars through this bundle's class loader, so that loader is handed to nd4j and also set as the
     * context loader while the backend is created.
     */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Nd4jSupport.class) {
            if (initialised) {
                return;
            }
            ClassLoader own = Nd4jSupport.class.getClassLoader();
            ND4JClassLoading.setNd4jClassloader(own);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(own);
            try {
                Nd4j.getBackend();
                useAllProcessors();
            } finally {
                thread.setContextClassLoader(previous);
            }
            initialised = true;
        }
    }

    /** The class name of the active backend, e.g. {@code org.nd4j.linalg.cpu.nativecpu.CpuBackend}. */
    public static String backendName() {
        init();
        return Nd4j.getBackend().getClass().getName();
    }

    /** The number of threads nd4j's OpenMP loops and OpenBLAS were told to use. */
    public static int threads() {
        init();
        return Nd4j.getEnvironment().maxThreads();
    }

    // OMP_NUM_THREADS is read once by the native library; it may be unset or wrong inside a container
    // (cgroup CPU limits), while availableProcessors() honours those limits.
    private static void useAllProcessors() {
        int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
        Nd4j.getEnvironment().setMaxThreads(processors);
        Nd4j.getEnvironment().setMaxMasterThreads(processors);
        Nd4j.factory().blas().setMaxThreads(processors);
    }
}
