package org.volr.core.nd4j;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
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
                chooseOpenBlasKernel();
                chooseNativeBuild();
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

    /** The number of threads nd4j's ops (their master threads) and OpenBLAS were told to use, the smaller of the two. */
    public static int threads() {
        init();
        return Math.min(Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads());
    }

    /** A setting in force until closed. */
    public interface Setting extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes nd4j (its OpenMP loops and OpenBLAS) use one thread until the returned handle is closed, for work that
     * runs beside threads which already keep every core busy: a second BLAS thread there only competes with them,
     * and OpenBLAS's idle threads spin for a while after each call. The setting is process-wide, so other nd4j work
     * running meanwhile also gets one thread; nested and concurrent users are counted, the last one restores all cores.
     */
    public static Setting oneThread() {
        init();
        return ONE_THREAD.take();
    }

    /**
     * Runs nd4j's ops without its platform helpers (oneDNN) until the returned handle is closed. nd4j 1.0.0-M2.1
     * hands oneDNN a dilated convolution's dilation in the wrong convention, and oneDNN refuses it ("could not create a
     * descriptor for a dilated convolution"); without helpers the same op runs nd4j's own implementation. Process-wide
     * and counted like {@link #oneThread()}: the last user to close lets the helpers back in.
     */
    public static Setting withoutHelpers() {
        init();
        return NO_HELPERS.take();
    }

    /** Whether oneDNN refuses this convolution (a dilated one; see {@link #withoutHelpers()}). */
    public static boolean oneDnnRefuses(Conv2DConfig convolution) {
        return convolution.getDH() > 1 || convolution.getDW() > 1;
    }

    /** What a convolution op needs in force while it runs: no helpers where oneDNN refuses it, else nothing. */
    public static Setting forConvolution(Conv2DConfig convolution) {
        return oneDnnRefuses(convolution) ? withoutHelpers() : NOTHING;
    }

    private static final Setting NOTHING = () -> {
    };

    private static final SharedSetting ONE_THREAD = new SharedSetting(() -> useThreads(1), Nd4jSupport::useAllProcessors);
    private static final SharedSetting NO_HELPERS = new SharedSetting(() -> Nd4j.getEnvironment().allowHelpers(false),
            () -> Nd4j.getEnvironment().allowHelpers(true));

    /** A process-wide setting shared by nested and concurrent users: the first applies it, the last to close undoes it. */
    private static final class SharedSetting {
        private final Runnable apply, undo;
        private int users;

        SharedSetting(Runnable apply, Runnable undo) {
            this.apply = apply;
            this.undo = undo;
        }

        Setting take() {
            synchronized (Nd4jSupport.class) {
                if (users++ == 0) {
                    apply.run();
                }
            }
            return new Setting() {
                private boolean closed;

                @Override
                public void close() {
                    synchronized (Nd4jSupport.class) {
                        if (!closed && --users == 0) {
                            undo.run();
                        }
                        closed = true;
                    }
                }
            };
        }
    }

    /** JavaCPP's name for the platform variant of native libraries it loads first. */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** The variant of nd4j's native library built with oneDNN (convolutions, pooling, their gradients) and AVX2. */
    static final String ONEDNN_AVX2 = "-onednn-avx2";

    /**
     * This bundle carries two builds of nd4j's native library: the generic one and the one with oneDNN and AVX2,
     * which trains a LeNet-5 about six times as fast (three epochs of Fashion-MNIST here: 228 s → 37 s). The second is chosen, before JavaCPP loads anything, when
     * the CPU has AVX2 and FMA; otherwise, or when the user chose a variant (-D{@value #PLATFORM_EXTENSION}=...),
     * JavaCPP loads what it would anyway.
     */
    private static void chooseNativeBuild() {
        if (System.getProperty(PLATFORM_EXTENSION) != null || !"amd64".equals(System.getProperty("os.arch"))
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        try {
            if (OpenBlasKernel.hasAvx2(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")))) {
                System.setProperty(PLATFORM_EXTENSION, ONEDNN_AVX2);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc/cpuinfo: the generic build
        }
    }

    /** nd4j's description of the native library it loaded (its build options, e.g. whether oneDNN is in). */
    public static String nativeBuildInfo() {
        init();
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    }

    /**
     * The OpenBLAS inside nd4j (0.3.19) predates some CPUs and then falls back to a slow generic kernel (measured on
     * an AVX-512 AMD EPYC: a 1000×784×500 product took 27 ms against 13 ms with the SkylakeX kernel). OpenBLAS reads
     * OPENBLAS_CORETYPE once, when it is loaded, so it is set here, before nd4j loads it, from the CPU's
     * flags; a value the user set is kept. Where this cannot be done, OpenBLAS simply chooses for itself.
     */
    private static void chooseOpenBlasKernel() {
        if (System.getenv("OPENBLAS_CORETYPE") != null || !"amd64".equals(System.getProperty("os.arch"))
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        try {
            String kernel = OpenBlasKernel.forCpuInfo(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")));
            if (kernel != null) {
                com.sun.jna.platform.unix.LibC.INSTANCE.setenv("OPENBLAS_CORETYPE", kernel, 0);
            }
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            // no /proc/cpuinfo or no JNA: OpenBLAS's own choice stands
        }
    }

    private static void useThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads); // libnd4j ignores this below its start value, hence the next two
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    // OMP_NUM_THREADS is read once by the native library; it may be unset or wrong inside a container
    // (cgroup CPU limits), while availableProcessors() honours those limits.
    private static void useAllProcessors() {
        useThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
