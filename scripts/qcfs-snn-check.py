#!/usr/bin/env python3
"""Simulates a converted dense network (Volr's converted.npz) as IF neurons with numpy, for few steps.

Threshold 1, reset by subtraction, constant input current, one spike per step at most, every layer in the same
step (SEMANTICS.md, "Layers", "Neuron update"); the membranes start at 0 or at θ/2 (SEMANTICS.md, "QCFS
activation"); the output layer is read by its spike counts (ties: the higher membrane) or by its integrated input
(the sum of its input currents over the steps, no spikes). Prints the accuracy at each T for each variant.

usage: qcfs-snn-check.py CONVERTED.npz LAYER [LAYER ...] [--steps 1,2,4,8,16,32,64] [--limit N]
       LAYERs are the dense layers' weight keys in order (fc1 fc2 fc3); the network is flatten + dense layers.
"""
import argparse
import gzip
import sys

import numpy as np

FASHION = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def simulate(weights, x, steps, half):
    """Returns, per T in steps, (spike-count predictions, integrated-input predictions)."""
    n = x.shape[0]
    layers = [(weights[k + ".weight"], weights.get(k + ".bias", 0)) for k in keys]
    v = [np.full((n, w.shape[1]), 0.5 if half else 0.0, np.float32) for w, _ in layers]
    counts = np.zeros((n, layers[-1][0].shape[1]), np.int64)
    integrated = np.zeros_like(v[-1])
    first = (x @ layers[0][0] + layers[0][1]).astype(np.float32)
    out = {}
    for t in range(1, max(steps) + 1):
        s = None
        for i, (w, b) in enumerate(layers):
            current = first if i == 0 else (s @ w + b).astype(np.float32)
            if i == len(layers) - 1:
                integrated += current
            v[i] += current
            s = (v[i] >= 1.0).astype(np.float32)
            v[i] -= s
            if i == len(layers) - 1:
                counts += s.astype(np.int64)
        if t in steps:
            # spike counts, ties to the higher membrane: count + v/large keeps the order
            out[t] = (np.argmax(counts + np.clip(v[-1], -1e6, 1e6) * 1e-7, axis=1), np.argmax(integrated, axis=1))
    return out


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("converted")
    p.add_argument("layers", nargs="+")
    p.add_argument("--steps", default="1,2,4,8,16,32,64")
    p.add_argument("--limit", type=int, default=10000)
    a = p.parse_args()
    keys = a.layers
    weights = dict(np.load(a.converted))
    steps = [int(s) for s in a.steps.split(",")]
    x = idx(f"{FASHION}/t10k-images-idx3-ubyte.gz")[:a.limit].reshape(a.limit, -1).astype(np.float32) / 255
    y = idx(f"{FASHION}/t10k-labels-idx1-ubyte.gz")[:a.limit]
    print("T:", " ".join(f"{t:>6}" for t in steps))
    for half in (False, True):
        r = simulate(weights, x, steps, half)
        for j, readout in enumerate(("spike counts", "integrated")):
            acc = [100 * np.mean(r[t][j] == y) for t in steps]
            print(f"v0={'θ/2' if half else '0  '} {readout:12}", " ".join(f"{v:6.2f}" for v in acc))
    sys.exit(0)
