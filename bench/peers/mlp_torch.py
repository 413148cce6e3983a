#!/usr/bin/python3
"""The MLP benchmark's PyTorch peer: the converted 784-500-500-10 MLP as the INIsim loop of
bundles/org.volr.sim/SEMANTICS.md (the numpy peers' semantics: non-leaky IF, threshold 1, reset by subtraction,
v₀ = 0, constant input current I₁ = x·W₁ + b₁, I_l = (spikes of layer l−1 at the SAME step)·W_l + b_l, readout
argmax of output spike counts, ties to the higher final potential, then the lower index), float32, on the CPU.

Three loops, --mode (sample-steps/s on 4,000 images, T = 100, measured side by side on the 2 cores at load ≈ 3):
  steps    (default, the fastest: 330,000-341,000 with sub-batches of 500-1000 in 2 workers) the INIsim loop:
           I₁ once per sub-batch, then per step one addmm per layer on the sub-batch and in-place element-wise
           updates into preallocated buffers (v += I; s = v ≥ 1; v −= s, spikes as 0/1 floats). Its products of
           1000 × 500 × 500 run near the sgemm peak; there is little left to save.
  layers   (137,000-145,000) layer by layer instead of step by step (numpy_smart.py's trick 2): layer l's spikes at
           all T steps depend only on layer l−1's at all steps, so each layer's currents for all steps come from ONE
           product [T·B, 500]·[500, 500]; the [T, B, 500] tensors it streams through memory cost more than the
           products save.
  compact  (158,000-163,000) as `layers`, plus numpy_smart.py's trick 3: a layer-1 neuron with I₁ ≤ 0 never
           spikes, so per sample only its active layer-1 neurons (≈ 15 %) and the matching rows of W₂ enter layer
           2's product (one batched product [T, K]·[K, 500] per sample; samples sorted by K so that sub-batches pad
           little); gathering W₂'s rows per sample costs more than the flops saved.
--workers 2 runs two sub-batches at once in Python threads with one torch thread each (torch releases the GIL in
its operators; the element-wise loops of small tensors then use both cores), else one loop with --threads torch
threads. Layer 1's updates are the numpy peers' float32 operations, so its spikes are theirs bit for bit; the
products sum in their own order, so a neuron sitting exactly on its threshold may rarely differ.
Prints `RESULT name=torch-<mode> samples=… steps=… seconds=… sample_steps_per_s=… accuracy=…`, the threads and the
BLAS kernel used; --dump-counts writes the output spike counts [N, 10] (.npy) for the bench's cross-check.

Usage: /usr/bin/python3 mlp_torch.py WEIGHTS.npz [LABELS...] [--steps 100] [--limit 10000] [--mode steps]
       [--batch 1000] [--workers 2] [--dump-counts FILE.npy]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_debian_packages  # noqa: E402

ensure_debian_packages(["python3-numpy", "python3-torch", "dataset-fashion-mnist"])

import numpy as np  # noqa: E402
import torch  # noqa: E402
from common import load_fmnist, load_weights, readout, result_line, blas_info, dense_flops_per_sample_step  # noqa: E402


def fire_over_time(I, S, T):
    """IF neurons over T steps. I: currents [T, B, n] or constant [B, n]; S: spikes out [T, B, n] (views allowed).
    Returns the final potentials [B, n]."""
    v = torch.zeros(S.shape[1:])
    const = I.dim() == 2
    for t in range(T):
        v.add_(I if const else I[t])
        s = S[t]
        torch.ge(v, 1.0, out=s)                       # spikes as 0/1 floats
        v.sub_(s)                                     # reset by subtraction (threshold 1)
    return v


def by_layers(x, layers, T):
    (W1, b1) = layers[0]
    B = x.shape[0]
    I = torch.addmm(b1, x, W1)                        # layer 1's current, once
    for li, (W, b) in enumerate(layers):
        S = torch.empty(T, B, W.shape[1])
        v = fire_over_time(I, S, T)
        if li + 1 == len(layers):
            return S.sum(0), v
        Wn, bn = layers[li + 1]
        I = torch.addmm(bn, S.view(T * B, -1), Wn).view(T, B, -1)   # all steps in one product


def compact(x, layers, T):
    (W1, b1), (W2, b2) = layers[0], layers[1]
    B = x.shape[0]
    I1 = torch.addmm(b1, x, W1)
    active = I1 > 0
    K = max(int(active.sum(1).max()), 1)
    # per sample its active neurons first (ascending index); the padding gets current 0 and never spikes
    idx = torch.argsort((~active).to(torch.int8), dim=1, stable=True)[:, :K]
    Ic = torch.gather(I1, 1, idx).clamp_min_(0)
    S1 = torch.empty(B, T, K)
    fire_over_time(Ic, S1.transpose(0, 1), T)
    I = torch.bmm(S1, W2[idx]).add_(b2)              # [B, T, 500]: one product [T, K]·[K, 500] per sample
    I = I.transpose(0, 1)                             # [T, B, 500] view
    for li in range(1, len(layers)):
        n = layers[li][0].shape[1]
        S = torch.empty(T, B, n)
        v = fire_over_time(I, S, T)
        if li + 1 == len(layers):
            return S.sum(0), v
        Wn, bn = layers[li + 1]
        I = torch.addmm(bn, S.view(T * B, n), Wn).view(T, B, -1)


def by_steps(x, layers, T):
    (W1, b1) = layers[0]
    B = x.shape[0]
    I1 = torch.addmm(b1, x, W1)
    v = [torch.zeros(B, W.shape[1]) for W, _ in layers]
    s = [torch.empty(B, W.shape[1]) for W, _ in layers]
    I = [None] + [torch.empty(B, W.shape[1]) for W, _ in layers[1:]]
    counts = torch.zeros(B, layers[-1][0].shape[1])
    for _ in range(T):
        for li, (W, b) in enumerate(layers):
            v[li].add_(I1 if li == 0 else torch.addmm(b, s[li - 1], W, out=I[li]))
            torch.ge(v[li], 1.0, out=s[li])
            v[li].sub_(s[li])
        counts.add_(s[-1])
    return counts, v[-1]


MODES = {"layers": by_layers, "compact": compact, "steps": by_steps}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weights")
    ap.add_argument("labels", nargs="*")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--limit", type=int, default=10000)
    ap.add_argument("--mode", choices=sorted(MODES), default="steps")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2, help="torch threads when --workers 1")
    ap.add_argument("--dump-counts")
    a = ap.parse_args()
    torch.set_grad_enabled(False)
    torch.set_num_threads(1 if a.workers > 1 else a.threads)
    labels, layers_np = load_weights(a.weights, a.labels)
    layers = [(torch.from_numpy(W), torch.from_numpy(b)) for W, b in layers_np]
    x_np, y = load_fmnist("t10k", a.limit)
    x = torch.from_numpy(x_np)
    N, T = len(x), a.steps
    simulate = MODES[a.mode]
    simulate(x[:min(N, 64)], layers, T)               # warm-up: allocator, kernels
    counts, vout = torch.empty(N, layers[-1][0].shape[1]), torch.empty(N, layers[-1][0].shape[1])
    start = time.perf_counter()
    if a.mode == "compact":   # sub-batches of samples with similar numbers of active layer-1 neurons (timed)
        order = torch.argsort((torch.addmm(layers[0][1], x, layers[0][0]) > 0).sum(1), stable=True)
    else:
        order = torch.arange(N)

    def work(s):
        sel = order[s:s + a.batch]
        c, v = simulate(x[sel], layers, T)
        counts[sel] = c
        vout[sel] = v

    if a.workers > 1:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(a.workers) as ex:
            list(ex.map(work, range(0, N, a.batch)))
    else:
        for s in range(0, N, a.batch):
            work(s)
    seconds = time.perf_counter() - start
    c, v = counts.numpy(), vout.numpy()
    acc = float((readout(c, v) == y).mean())
    if a.dump_counts:
        np.save(a.dump_counts, c)
    info = blas_info()
    threads = a.workers if a.workers > 1 else torch.get_num_threads()
    print(f"# torch {torch.__version__}, mode {a.mode}, batch {a.batch}, "
          + (f"{a.workers} workers of 1 thread" if a.workers > 1 else f"{torch.get_num_threads()} threads")
          + f", BLAS {info.get('api', '?')} {info.get('corename', '')} ({info.get('lib', info.get('mapped', ''))})")
    gflops = dense_flops_per_sample_step(layers_np) * N * T / seconds / 1e9
    print(f"mlp_torch: layers {labels}, {N} samples x {T} steps, mode {a.mode}: {seconds:.2f} s, "
          f"accuracy {acc * 100:.2f} %, {gflops:.1f} GFLOP/s-equivalent")
    result_line(f"torch-{a.mode}", N, T, seconds, acc, f"gflops_equiv={gflops:.2f} threads={threads} batch={a.batch}")


if __name__ == "__main__":
    main()
