#!/usr/bin/python3
"""Development weights for the benchmark peers, made without Volr Studio.

Trains a 784-500-500-10 ReLU MLP on Fashion-MNIST in plain numpy (float32, Adam, minibatch 128,
seed 0), then converts it the standard (Rueckauer et al. 2017 / INIsim) way:
  λ_l = 99.9th percentile of layer l's ReLU activations on 10,000 training images
        (output layer: its pre-softmax values), λ_0 = 1;
  W_l ← W_l · λ_{l−1} / λ_l,  b_l ← b_l / λ_l.
The percentile is taken over all activation values (zeros included), the literal reading of the
issue; --nonzero takes it over the positive values only (snntoolbox's convention).

Writes bench/work/dev-converted.npz with float32 fc{1,2,3}.weight [in,out] and fc{1,2,3}.bias [out]
(the format the peers read) and bench/work/dev-ann.npz with the unconverted weights.

Usage: /usr/bin/python3 bench/make_dev_weights.py [--epochs 10] [--nonzero] [--out PATH]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
from common import ensure_debian_packages  # noqa: E402

ensure_debian_packages(["python3-numpy", "dataset-fashion-mnist"])

import numpy as np  # noqa: E402
from common import load_fmnist  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--epochs", type=int, default=10)
ap.add_argument("--batch", type=int, default=128)
ap.add_argument("--lr", type=float, default=1e-3)
ap.add_argument("--percentile", type=float, default=99.9)
ap.add_argument("--nonzero", action="store_true")
ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "work", "dev-converted.npz"))
args = ap.parse_args()

rng = np.random.default_rng(0)
xtr, ytr = load_fmnist("train")
xte, yte = load_fmnist("t10k")
sizes = [784, 500, 500, 10]
labels = ["fc1", "fc2", "fc3"]
f32 = np.float32
W = [(rng.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(f32) for a, b in zip(sizes, sizes[1:])]
B = [np.zeros(b, f32) for b in sizes[1:]]
params = W + B
m = [np.zeros_like(p) for p in params]
v = [np.zeros_like(p) for p in params]
b1, b2, eps = f32(0.9), f32(0.999), f32(1e-8)


def forward(x):
    acts = [x]
    h = x
    for i in range(3):
        z = h @ W[i] + B[i]
        h = np.maximum(z, 0) if i < 2 else z
        acts.append(h)
    return acts


step = 0
for ep in range(args.epochs):
    t0 = time.time()
    perm = rng.permutation(len(xtr))
    loss_sum = 0.0
    for s in range(0, len(xtr), args.batch):
        idx = perm[s:s + args.batch]
        x, y = xtr[idx], ytr[idx]
        acts = forward(x)
        z = acts[-1]
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        loss_sum += -np.log(p[np.arange(len(y)), y] + 1e-12).sum()
        g = p
        g[np.arange(len(y)), y] -= 1
        g /= f32(len(y))
        gW, gB = [None] * 3, [None] * 3
        for i in (2, 1, 0):
            gW[i] = acts[i].T @ g
            gB[i] = g.sum(axis=0)
            if i > 0:
                g = (g @ W[i].T) * (acts[i] > 0)
        grads = gW + gB
        step += 1
        lr_t = f32(args.lr * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step))
        for p_, g_, m_, v_ in zip(params, grads, m, v):
            m_ *= b1; m_ += (1 - b1) * g_
            v_ *= b2; v_ += (1 - b2) * g_ * g_
            p_ -= lr_t * m_ / (np.sqrt(v_) + eps)
    acc = (forward(xte)[-1].argmax(1) == yte).mean()
    print(f"epoch {ep + 1}: loss {loss_sum / len(xtr):.4f}  test acc {acc * 100:.2f} %  ({time.time() - t0:.1f} s)",
          flush=True)

ann_acc = (forward(xte)[-1].argmax(1) == yte).mean()
# --- conversion -----------------------------------------------------------------------------
acts = forward(xtr[:10000])
lams = [1.0]
for i in range(1, 4):
    a = acts[i].ravel()
    if args.nonzero:
        a = a[a > 0]
    lams.append(float(np.percentile(a, args.percentile)))
out = {}
for i, lab in enumerate(labels):
    out[lab + ".weight"] = (W[i] * f32(lams[i] / lams[i + 1])).astype(f32)
    out[lab + ".bias"] = (B[i] / f32(lams[i + 1])).astype(f32)
os.makedirs(os.path.dirname(args.out), exist_ok=True)
np.savez(args.out, **out)
np.savez(os.path.join(os.path.dirname(args.out), "dev-ann.npz"),
         **{lab + ".weight": W[i] for i, lab in enumerate(labels)},
         **{lab + ".bias": B[i] for i, lab in enumerate(labels)})
print(f"ANN test accuracy {ann_acc * 100:.2f} %; lambdas {['%.4f' % l for l in lams]}")
print(f"wrote {args.out}")
