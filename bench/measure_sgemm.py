#!/usr/bin/python3
"""The machine's float32 sgemm peak with numpy, in GFLOP/s (2·n³ flops per n×n×n product).

Large square matrices, best of several repetitions per size. Also reports which BLAS numpy uses
and, for OpenBLAS, the core kernel it selected (OPENBLAS_CORETYPE forces one; unset it, and
OPENBLAS_L2_SIZE, to get the auto-detected kernel: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE).
Also times the shapes the peers use (1000×784×500, 1000×500×500, 1000×500×10, 100000×500×500).

Usage: /usr/bin/python3 measure_sgemm.py [--sizes 2048 4096] [--reps 5]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
from common import ensure_debian_packages  # noqa: E402

ensure_debian_packages(["python3-numpy"])

import numpy as np  # noqa: E402
from common import blas_info  # noqa: E402


def best_time(a, b, reps):
    c = np.empty((a.shape[0], b.shape[1]), np.float32)
    np.matmul(a, b, out=c)  # warm-up
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[2048, 4096])
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    info = blas_info()
    print(f"numpy {np.__version__}; BLAS: {info}")
    print("env: OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s OPENBLAS_NUM_THREADS=%s; cpus %d" % (
        os.environ.get("OPENBLAS_CORETYPE"), os.environ.get("OPENBLAS_L2_SIZE"),
        os.environ.get("OPENBLAS_NUM_THREADS"), os.cpu_count()))
    rng = np.random.default_rng(0)
    peak = 0.0
    for n in a.sizes:
        x = rng.standard_normal((n, n), dtype=np.float32)
        y = rng.standard_normal((n, n), dtype=np.float32)
        t = best_time(x, y, a.reps)
        g = 2.0 * n ** 3 / t / 1e9
        peak = max(peak, g)
        print(f"sgemm {n}x{n}x{n}: best {t * 1e3:.1f} ms = {g:.1f} GFLOP/s")
    for m, k, n in [(1000, 784, 500), (1000, 500, 500), (1000, 500, 10), (100000, 500, 500)]:
        x = rng.random((m, k), dtype=np.float32)
        y = rng.standard_normal((k, n), dtype=np.float32)
        t = best_time(x, y, a.reps)
        print(f"sgemm {m}x{k}x{n} (peer shape): best {t * 1e3:.2f} ms = {2.0 * m * k * n / t / 1e9:.1f} GFLOP/s")
    print(f"RESULT name=sgemm-peak gflops={peak:.1f} corename={info.get('corename')} "
          f"lib={info.get('lib')}")


if __name__ == "__main__":
    main()
