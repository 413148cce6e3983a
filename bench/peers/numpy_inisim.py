#!/usr/bin/python3
"""Peer 1: the plain INIsim-style numpy loop (the "naive" reference).

Semantics (bundles/org.volr.sim/SEMANTICS.md): non-leaky IF, threshold 1, reset by subtraction,
v starts at 0, no refractory period, constant input current, same-step propagation through all
layers; readout = argmax of output spike counts, ties -> higher v, then lower index.

Implementation, deliberately as INIsim does it: batches of 1000 samples; at every step, for every
layer, one float32 sgemm of the layer's input (the analog image for layer 1 -- recomputed every
step -- and the 0/1 spike matrix of the previous layer otherwise) with the weights, plus the bias;
then v += I, spike where v >= 1, v -= spikes.

Usage: /usr/bin/python3 numpy_inisim.py WEIGHTS.npz [LABELS...] [--steps 100] [--limit 10000]
       [--batch 1000] [--dump-counts FILE.npy (output spike counts, for cross-checks)]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_debian_packages  # noqa: E402

ensure_debian_packages(["python3-numpy", "dataset-fashion-mnist"])

import numpy as np  # noqa: E402
from common import (load_fmnist, load_weights, readout, result_line, Timer,  # noqa: E402
                    dense_flops_per_sample_step)


def simulate_batch(x, layers, steps):
    f32 = np.float32
    n = x.shape[0]
    v = [np.zeros((n, W.shape[1]), f32) for W, _ in layers]
    counts = np.zeros((n, layers[-1][0].shape[1]), f32)
    one = f32(1.0)
    for _ in range(steps):
        inp = x
        for l, (W, b) in enumerate(layers):
            I = inp @ W + b                  # one sgemm per layer per step
            v[l] += I
            s = (v[l] >= one).astype(f32)    # spikes of this step
            v[l] -= s                         # reset by subtraction (threshold 1)
            inp = s                           # same-step propagation to the next layer
        counts += inp
    return counts, v[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weights")
    ap.add_argument("labels", nargs="*")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--limit", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--dump-counts")
    a = ap.parse_args()
    labels, layers = load_weights(a.weights, a.labels)
    x, y = load_fmnist("t10k", a.limit)
    all_counts, all_v = [], []
    with Timer() as t:
        for s in range(0, len(x), a.batch):
            c, v = simulate_batch(x[s:s + a.batch], layers, a.steps)
            all_counts.append(c)
            all_v.append(v)
    counts, v = np.concatenate(all_counts), np.concatenate(all_v)
    acc = float((readout(counts, v) == y).mean())
    if a.dump_counts:
        np.save(a.dump_counts, counts)
    gflops = dense_flops_per_sample_step(layers) * len(x) * a.steps / t.s / 1e9
    print(f"numpy_inisim: layers {labels}, {len(x)} samples x {a.steps} steps, batch {a.batch}: "
          f"{t.s:.2f} s, accuracy {acc * 100:.2f} %, {gflops:.1f} GFLOP/s-equivalent")
    result_line("numpy-naive", len(x), a.steps, t.s, acc, f"gflops_equiv={gflops:.2f}")


if __name__ == "__main__":
    main()
