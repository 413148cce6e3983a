package org.volr.core.nd4j;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which of OpenBLAS's kernels (OPENBLAS_CORETYPE) suits a CPU, from the flags Linux lists in /proc/cpuinfo. */
public final class OpenBlasKernel {
    private OpenBlasKernel() {
    }

    /** The kernel for the first processor listed, or null to let OpenBLAS choose (no flags, or neither AVX2 nor AVX-512). */
    public static String forCpuInfo(String cpuinfo) {
        Set<String> flags = flags(cpuinfo);
        if (flags.containsAll(List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) {
            return "SkylakeX";
        }
        if (flags.containsAll(List.of("avx2", "fma"))) {
            return "Haswell";
        }
        return null;
    }

    /** Whether the first processor listed has AVX2 and FMA, which nd4j's oneDNN build needs. */
    public static boolean hasAvx2(String cpuinfo) {
        return flags(cpuinfo).containsAll(List.of("avx2", "fma"));
    }

    private static Set<String> flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("flags")) {
                return new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
            }
        }
        return Set.of();
    }
}
