"""Shared helpers for the benchmark peers: Fashion-MNIST loading, weight loading, readout, timing.

Only Debian packages are used (python3-numpy etc.); run with /usr/bin/python3.
"""
import gzip
import os
import resource
import shutil
import subprocess
import sys
import time

import numpy as np

FMNIST_DIR = "/usr/share/datasets/fashion-mnist"


def ensure_debian_packages(pkgs, modules=()):
    """apt-get install the given Debian packages if any of `modules` cannot be imported
    (or, for non-python packages, if dpkg does not list them). apt-get update only if needed."""
    missing = []
    for pkg in pkgs:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if "install ok installed" not in r.stdout:
            missing.append(pkg)
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else [])
    print("# installing Debian packages: " + " ".join(missing), file=sys.stderr)
    r = subprocess.run(sudo + ["apt-get", "install", "-y"] + missing,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        subprocess.run(sudo + ["apt-get", "update"], stdout=subprocess.DEVNULL, check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y"] + missing,
                       stdout=subprocess.DEVNULL, check=True)


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_fmnist(split="t10k", limit=None):
    """Returns (x float32 [N,784] = pixels/255 flattened row-major, y int64 [N])."""
    img = os.path.join(FMNIST_DIR, split + "-images-idx3-ubyte.gz")
    if not os.path.exists(img):
        ensure_debian_packages(["dataset-fashion-mnist"])
    x = _read_idx(img)
    y = _read_idx(os.path.join(FMNIST_DIR, split + "-labels-idx1-ubyte.gz"))
    x = (x.reshape(x.shape[0], -1).astype(np.float32) / np.float32(255.0))
    y = y.astype(np.int64)
    if limit is not None:
        x, y = x[:limit], y[:limit]
    return np.ascontiguousarray(x), y


def load_weights(path, labels=None):
    """Returns [(W float32 [in,out] C-contiguous, b float32 [out])] in network order.
    `labels` gives the order; otherwise the order of appearance of `*.weight` in the npz."""
    z = np.load(path)
    if not labels:
        labels = []
        for k in z.files:
            if k.endswith(".weight"):
                labels.append(k[: -len(".weight")])
    layers = []
    for lab in labels:
        W = np.ascontiguousarray(z[lab + ".weight"], dtype=np.float32)
        b = np.ascontiguousarray(z[lab + ".bias"], dtype=np.float32) if (lab + ".bias") in z.files \
            else np.zeros(W.shape[1], np.float32)
        layers.append((W, b))
    for (W1, _), (W2, _) in zip(layers, layers[1:]):
        assert W1.shape[1] == W2.shape[0], "layer shapes do not chain"
    return labels, layers


def readout(counts, v):
    """Class per sample = argmax of spike counts; ties -> higher membrane potential, then lower index.
    counts, v: [N, C]."""
    counts = np.asarray(counts, dtype=np.float64)
    v = np.asarray(v, dtype=np.float64)
    best = counts.max(axis=1, keepdims=True)
    cand = counts == best
    vv = np.where(cand, v, -np.inf)
    # np.argmax returns the first (lowest) index among equal maxima
    return np.argmax(vv, axis=1)


def dense_flops_per_sample_step(layers):
    return 2 * sum(W.shape[0] * W.shape[1] for W, _ in layers)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def blas_info():
    """Which BLAS numpy is linked against, and (for OpenBLAS) the core kernel in use."""
    info = {}
    try:
        import threadpoolctl  # optional (Debian: python3-threadpoolctl)
        for d in threadpoolctl.threadpool_info():
            if d.get("internal_api") in ("openblas", "mkl", "blis"):
                info.update(api=d["internal_api"], lib=d["filepath"], version=d.get("version"),
                            threads=d.get("num_threads"), corename=d.get("architecture"))
                return info
    except Exception:
        pass
    # fall back: find the BLAS mapped into this process and ask OpenBLAS directly
    import ctypes
    np.dot(np.ones((2, 2), np.float32), np.ones((2, 2), np.float32))
    libs = []
    with open("/proc/self/maps") as f:
        for line in f:
            p = line.split()[-1]
            if ("blas" in p or "mkl" in p or "blis" in p) and p not in libs and p.startswith("/"):
                libs.append(p)
    info["mapped"] = libs
    for p in sorted(libs, key=lambda q: "openblas" not in os.path.basename(q)):
        try:
            lib = ctypes.CDLL(p)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            info.update(api="openblas", lib=os.path.realpath(p),
                        corename=lib.openblas_get_corename().decode(),
                        config=lib.openblas_get_config().decode(),
                        threads=lib.openblas_get_num_threads())
            break
        except (OSError, AttributeError):
            continue
    return info


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *a):
        self.s = time.perf_counter() - self.t0


def result_line(name, samples, steps, seconds, acc, extra=""):
    """One machine-readable line that run-peers.sh collects into the summary table."""
    sps = samples * steps / seconds
    print(f"RESULT name={name} samples={samples} steps={steps} seconds={seconds:.4f} "
          f"sample_steps_per_s={sps:.1f} accuracy={acc:.4f} peak_rss_mib={peak_rss_mib():.1f} {extra}".rstrip())
    return sps
