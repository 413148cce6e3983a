#!/usr/bin/python3
"""The CNN benchmark's PyTorch peer: LeNet-5 (examples/fmnist-cnn) converted, run as the INIsim loop of
bundles/org.volr.sim/SEMANTICS.md on the CPU, float32, 2 threads:

    c1: conv2d 6@5x5 same   s2: avgpool 2   c3: conv2d 16@5x5 valid   s4: avgpool 2   f5: 400→120   f6: 120→84
    out: 84→10; every layer IF neurons, threshold 1, reset by subtraction, v₀ = 0; constant input current
    I₁ = conv(x) + b₁ at every step; I_l = (spikes of layer l−1 at the SAME step)·W_l + b_l;
    readout: argmax of output spike counts, ties to the higher final potential, then to the lower index.

The fastest formulation found (the peer's choices, measured on this 2-core machine):
  * I₁ once per batch (one conv2d); layer 1's potential then steps element-wise;
  * per step one op per layer on the whole batch: avg_pool2d, conv2d (oneDNN), three matrix products; in-place
    element-wise updates into preallocated buffers (v += I; s = v ≥ 1; v −= s), spikes as float32 0/1;
  * the batch is cut into sub-batches (--batch, default 256: the fastest of 64, 128, 256 and 512 measured here;
    the others were slower);
  * torch.set_num_threads(2), OMP_WAIT_POLICY=PASSIVE set by the caller (bench/cnn.sh).
Prints `RESULT name=torch-cnn samples=… steps=… seconds=… sample_steps_per_s=… accuracy=…` and the BLAS and
threads used; writes predictions and output spike counts per sample to --out (npz).
"""
import argparse, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import load_fmnist, blas_info, result_line  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("weights", help="converted.npz written by volr run (c1, c3, f5, f6, out)")
p.add_argument("--steps", type=int, default=100)
p.add_argument("--limit", type=int, default=None)
p.add_argument("--batch", type=int, default=256)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--out", default=None)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.set_grad_enabled(False)

w = np.load(a.weights)
t = {k: torch.from_numpy(np.ascontiguousarray(w[k], dtype=np.float32)) for k in w.files}
W1, b1, W3, b3 = t["c1.weight"], t["c1.bias"], t["c3.weight"], t["c3.bias"]
W5, b5, W6, b6, W7, b7 = t["f5.weight"], t["f5.bias"], t["f6.weight"], t["f6.bias"], t["out.weight"], t["out.bias"]

# the pixels as Volr reads them: byte · (float) (1/255)
x_all, y_all = load_fmnist("t10k", a.limit)
x_all = (np.rint(x_all * 255).astype(np.float32) * np.float32(1.0 / 255.0)).reshape(-1, 1, 28, 28)
N, T = len(x_all), a.steps


def simulate(x):
    """One sub-batch: returns output spike counts and the output layer's final potentials."""
    B = x.shape[0]
    i1 = F.conv2d(x, W1, b1, padding=2)                       # [B, 6, 28, 28], once
    v1 = torch.zeros_like(i1); s1 = torch.empty_like(i1)
    v2 = torch.zeros(B, 6, 14, 14); s2 = torch.empty_like(v2)
    v3 = torch.zeros(B, 16, 10, 10); s3 = torch.empty_like(v3)
    v4 = torch.zeros(B, 16, 5, 5); s4 = torch.empty_like(v4)
    v5 = torch.zeros(B, 120); s5 = torch.empty_like(v5)
    v6 = torch.zeros(B, 84); s6 = torch.empty_like(v6)
    v7 = torch.zeros(B, 10); s7 = torch.empty_like(v7)
    counts = torch.zeros(B, 10)
    b3v = b3.view(1, 16, 1, 1)

    def fire(v, s):
        torch.ge(v, 1.0, out=s)                               # spikes as 0/1 floats
        v.sub_(s)                                             # reset by subtraction (threshold 1)
        return s

    for _ in range(T):
        v1.add_(i1); fire(v1, s1)
        v2.add_(F.avg_pool2d(s1, 2)); fire(v2, s2)
        v3.add_(F.conv2d(s2, W3)).add_(b3v); fire(v3, s3)
        v4.add_(F.avg_pool2d(s3, 2)); fire(v4, s4)
        v5.add_(torch.addmm(b5, s4.view(B, 400), W5)); fire(v5, s5)
        v6.add_(torch.addmm(b6, s5, W6)); fire(v6, s6)
        v7.add_(torch.addmm(b7, s6, W7)); fire(v7, s7)
        counts.add_(s7)
    return counts, v7


x_t = torch.from_numpy(x_all)
simulate(x_t[:min(N, a.batch)])                                # warm-up: oneDNN primitives, allocator
counts = torch.empty(N, 10); potentials = torch.empty(N, 10)
start = time.perf_counter()
for s in range(0, N, a.batch):
    c, v = simulate(x_t[s:s + a.batch])
    counts[s:s + a.batch] = c; potentials[s:s + a.batch] = v
seconds = time.perf_counter() - start

c, v = counts.numpy().astype(np.int64), potentials.numpy()
best = c.max(axis=1, keepdims=True)
pred = np.argmax(np.where(c == best, v, -np.inf), axis=1)     # ties: higher potential, then lower index
acc = float((pred == y_all[:N]).mean())
info = blas_info()
print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, oneDNN {torch.backends.mkldnn.is_available()}, "
      f"CPU capability {torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else '?'}, "
      f"BLAS {info.get('api', '?')} {info.get('corename', '')} ({info.get('lib', info.get('mapped', ''))}), batch {a.batch}")
result_line("torch-cnn", N, T, seconds, acc, f"threads={torch.get_num_threads()} batch={a.batch}")
if a.out:
    np.savez(a.out, predictions=pred, counts=c)
