#!/usr/bin/python3
"""Spiking training in PyTorch, written as snnTorch writes its BPTT loop, for bench/snn-train.sh.

The network, loss, steps and batch of examples/snn-train/fmnist-fc-snn.volr: 784-256-10 LIF neurons (beta =
exp(-dt/tau_m) = exp(-1/20), threshold 1, reset by subtraction, differentiated through as Volr does: not detached),
constant input (fc1's current computed once per batch and fed every step), T = 25 steps, a fast-sigmoid surrogate of
slope 5 (snnTorch's surrogate.fast_sigmoid(slope=5)), softmax cross-entropy on the output's input current summed over
the steps divided by T (Volr's loss membrane, read by its integrated readout), Adam 0.001, batch 128, on Fashion-MNIST's 60,000 training images; torch on the CPU with --threads
threads (2). snnTorch itself is not a Debian package: its Leaky neuron's forward and the surrogate are written out
here (the same arithmetic). Prints `RESULT name=torch samples=… epochs=… seconds=… samples_per_s=… accuracy=…
peak_rss_mib=…`, the threads and the BLAS kernel.
"""
import argparse
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_debian_packages, load_fmnist, peak_rss_mib, blas_info  # noqa: E402

ensure_debian_packages(["python3-torch"], ["torch"])
import numpy as np  # noqa: E402
import torch  # noqa: E402


class FastSigmoidSpike(torch.autograd.Function):
    """Heaviside forward, 1 / (1 + k|x|)^2 backward (snnTorch's fast_sigmoid)."""
    slope = 5.0

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x >= 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad / (FastSigmoidSpike.slope * x.abs() + 1.0) ** 2


class Net(torch.nn.Module):
    def __init__(self, steps, beta):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 256)
        self.fc2 = torch.nn.Linear(256, 10)
        for fc in (self.fc1, self.fc2):  # Glorot-uniform kernels, zero biases, as Volr starts
            torch.nn.init.xavier_uniform_(fc.weight)
            torch.nn.init.zeros_(fc.bias)
        self.steps, self.beta = steps, beta

    def forward(self, x):
        cur1 = self.fc1(x)  # constant input: the same current every step
        v1 = torch.zeros_like(cur1)
        v2 = torch.zeros(x.shape[0], 10)
        summed = torch.zeros(x.shape[0], 10)
        for _ in range(self.steps):
            u1 = self.beta * v1 + cur1
            s1 = FastSigmoidSpike.apply(u1 - 1.0)
            v1 = u1 - s1  # reset by subtraction of the threshold 1
            cur2 = self.fc2(s1)
            summed = summed + cur2
            u2 = self.beta * v2 + cur2  # the output's LIF neurons step as in Volr (their spikes are not read)
            s2 = FastSigmoidSpike.apply(u2 - 1.0)
            v2 = u2 - s2
        return summed / self.steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=25)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x, y = load_fmnist("train", a.limit)
    xt, yt = load_fmnist("t10k")
    x, y, xt = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(xt)
    net = Net(a.steps, math.exp(-1 / 20))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(1)
    t0 = time.perf_counter()
    for epoch in range(a.epochs):
        order = torch.randperm(len(y), generator=g)
        total = 0.0
        for i in range(0, len(y), a.batch):
            idx = order[i:i + a.batch]
            logits = net(x[idx])
            loss = loss_fn(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"# epoch {epoch + 1}: loss {total / len(y):.4f}", file=sys.stderr)
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        acc = float((net(xt).argmax(1).numpy() == yt).mean())
    info = blas_info()
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS {info.get('api', '?')} {info.get('corename', '')}"
          f" ({info.get('lib', info.get('mapped', ''))}), OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '')}")
    print(f"RESULT name=torch samples={len(y)} epochs={a.epochs} seconds={seconds:.2f} "
          f"samples_per_s={a.epochs * len(y) / seconds:.0f} accuracy={acc:.4f} peak_rss_mib={peak_rss_mib():.0f}")


if __name__ == "__main__":
    main()
