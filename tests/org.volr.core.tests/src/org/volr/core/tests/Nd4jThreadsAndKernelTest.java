package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.nd4j.OpenBlasKernel;

/** The OpenBLAS kernel chosen from a CPU's flags, and nd4j held to one thread while the simulator needs the cores. */
class Nd4jThreadsAndKernelTest {
    private static String cpuinfo(String flags) {
        return "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nflags\t\t: " + flags + "\nbugs\t\t: sysret_ss_attrs\n\n"
                + "processor\t: 1\nflags\t\t: fpu\n";
    }

    @Test
    void avx512MachinesGetTheSkylakeXKernelAvx2OnesHaswell() {
        // the flags of this project's build machine (an AMD EPYC with AVX-512), abridged
        assertEquals("SkylakeX", OpenBlasKernel.forCpuInfo(cpuinfo(
                "fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl")));
        assertEquals("Haswell", OpenBlasKernel.forCpuInfo(cpuinfo("fpu sse sse2 fma avx avx2 bmi2 avx512f")));
        assertNull(OpenBlasKernel.forCpuInfo(cpuinfo("fpu sse sse2 avx")), "no AVX2: OpenBLAS chooses");
        assertNull(OpenBlasKernel.forCpuInfo("processor\t: 0\n"), "no flags line: OpenBLAS chooses");
    }

    /** On a CPU with AVX2 (this project's machines have it) nd4j runs the oneDNN build it carries, else the generic one. */
    @Test
    void theOneDnnBuildIsLoadedWhereTheCpuHasAvx2() throws java.io.IOException {
        assertTrue(OpenBlasKernel.hasAvx2(cpuinfo("fpu sse sse2 fma avx avx2")));
        assertFalse(OpenBlasKernel.hasAvx2(cpuinfo("fpu sse sse2 avx")));
        String info = Nd4jSupport.nativeBuildInfo();
        System.out.println("nd4j native build: " + info.replace('\n', ' '));
        boolean avx2 = OpenBlasKernel.hasAvx2(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")));
        assertEquals(avx2, info.toUpperCase(java.util.Locale.ROOT).contains("ONEDNN"), info);
    }

    @Test
    void oneThreadHoldsUntilItsLastUserCloses() {
        int all = Nd4jSupport.threads();
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), all);
        Nd4jSupport.Setting outer = Nd4jSupport.oneThread();
        Nd4jSupport.Setting inner = Nd4jSupport.oneThread();
        assertEquals(1, Nd4jSupport.threads());
        inner.close();
        inner.close(); // a second close does not count twice
        assertEquals(1, Nd4jSupport.threads(), "the outer user still holds one thread");
        outer.close();
        assertEquals(all, Nd4jSupport.threads());
    }
}
