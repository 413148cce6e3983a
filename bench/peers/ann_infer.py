#!/usr/bin/python3
"""The headline bench's ANN peer: the trained ANN (before conversion) of examples/mnist-mlp (784-500-500-10 ReLU)
or examples/fmnist-cnn (LeNet-5: c1 conv 6@5×5 same, relu, avgpool 2, c3 conv 16@5×5, relu, avgpool 2, 400→120
relu, 120→84 relu, 84→10), classifying Fashion-MNIST's 10,000 test images (argmax of the logits, float32, CPU).

Backends: torch (Debian's python3-torch 1.13, torch.set_num_threads(2), inference mode; two forms, both timed:
`eager`, the functional ops, and `frozen`, torch.jit.freeze of the scripted module with optimize_for_inference,
which folds and fuses what it can for oneDNN) and, for the MLP, numpy (OpenBLAS, 2 threads). Each form runs the
10,000 images in batches of every size of --batches; each (form, batch) is timed --reps times after one warm-up
pass, the best kept. The images are in memory as float32 pixels/255 before the clock starts (Volr's figure, too,
starts with the images read). Prints a line per (form, batch) and
`RESULT name=ann-<backend> samples=… images_per_s=… accuracy=… form=… batch=…` for the fastest, with the BLAS kernel.

Usage: /usr/bin/python3 ann_infer.py TRAINED.npz --model mlp|lenet [--backend torch|numpy]
       [--batches 64,256,1000,10000] [--reps 5] [--threads 2]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_debian_packages  # noqa: E402

ensure_debian_packages(["python3-numpy", "dataset-fashion-mnist"])

import numpy as np  # noqa: E402
from common import load_fmnist, blas_info  # noqa: E402

DENSE = {"mlp": ["fc1", "fc2", "fc3"], "lenet": ["f5", "f6", "out"]}


def numpy_mlp(w):
    layers = [(np.ascontiguousarray(w[k + ".weight"], np.float32), np.asarray(w[k + ".bias"], np.float32)) for k in DENSE["mlp"]]

    def classify(x):
        h = x
        for i, (W, b) in enumerate(layers):
            h = h @ W
            h += b
            if i + 1 < len(layers):
                np.maximum(h, 0, out=h)
        return h.argmax(1)
    return {"numpy": classify}


def torch_forms(w, model):
    import torch
    import torch.nn as nn
    t = {k: torch.from_numpy(np.ascontiguousarray(w[k], dtype=np.float32)) for k in w.files}

    def linear(k):  # Volr's dense weights are [in, out]
        m = nn.Linear(*t[k + ".weight"].shape)
        m.weight.data = t[k + ".weight"].t().contiguous()
        m.bias.data = t[k + ".bias"]
        return m

    def conv(k, padding):
        W = t[k + ".weight"]                          # [out, in, kh, kw]
        m = nn.Conv2d(W.shape[1], W.shape[0], W.shape[2], padding=padding)
        m.weight.data, m.bias.data = W, t[k + ".bias"]
        return m
    if model == "mlp":
        net = nn.Sequential(linear("fc1"), nn.ReLU(), linear("fc2"), nn.ReLU(), linear("fc3"))
    else:
        net = nn.Sequential(conv("c1", 2), nn.ReLU(), nn.AvgPool2d(2), conv("c3", 0), nn.ReLU(), nn.AvgPool2d(2),
                            nn.Flatten(), linear("f5"), nn.ReLU(), linear("f6"), nn.ReLU(), linear("out"))
    net.eval()
    shape = (-1, 784) if model == "mlp" else (-1, 1, 28, 28)
    frozen = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.script(net)))

    def form(f):
        def classify(x):
            with torch.inference_mode():
                return f(torch.from_numpy(x).view(shape)).argmax(1).numpy()
        return classify
    return {"eager": form(net), "frozen": form(frozen)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weights")
    ap.add_argument("--model", choices=sorted(DENSE), required=True)
    ap.add_argument("--backend", choices=("torch", "numpy"), default="torch")
    ap.add_argument("--batches", default="64,256,1000,10000")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    w = np.load(a.weights)
    x, y = load_fmnist("t10k")
    # the pixels as Volr reads them: byte · (float) (1/255)
    x = np.ascontiguousarray(np.rint(x * 255).astype(np.float32) * np.float32(1.0 / 255.0))
    if a.backend == "torch":
        ensure_debian_packages(["python3-torch"])
        import torch
        torch.set_num_threads(a.threads)
        forms = torch_forms(w, a.model)
        what = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    else:
        if a.model != "mlp":
            sys.exit("ann_infer.py: the numpy backend computes the MLP only")
        forms = numpy_mlp(w)
        what = "numpy " + np.__version__
    N = len(x)
    best = None
    for name, classify in forms.items():
        for batch in (int(b) for b in a.batches.split(",")):
            def run():
                return np.concatenate([classify(x[s:s + batch]) for s in range(0, N, batch)])
            pred = run()                                   # warm-up (and the accuracy)
            acc = float((pred == y).mean())
            seconds = float("inf")
            for _ in range(a.reps):
                t0 = time.perf_counter()
                run()
                seconds = min(seconds, time.perf_counter() - t0)
            print(f"  {name:<7} batch {batch:>6}: {N / seconds:>10,.0f} images/s  accuracy {acc * 100:.2f} %")
            if best is None or seconds < best[0]:
                best = (seconds, name, batch, acc)
    seconds, name, batch, acc = best
    info = blas_info()
    print(f"# {what}, BLAS {info.get('api', '?')} {info.get('corename', '')} ({info.get('lib', info.get('mapped', ''))}), "
          f"fastest: {name} batch {batch}")
    print(f"RESULT name=ann-{a.backend} samples={N} seconds={seconds:.5f} images_per_s={N / seconds:.1f} "
          f"accuracy={acc:.4f} form={name} batch={batch}")


if __name__ == "__main__":
    main()
