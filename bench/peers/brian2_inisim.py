#!/usr/bin/python3
"""Peer 3: Brian2 (Debian python3-brian 2.5.1), runtime code generation, cython target by default.

Same semantics as numpy_inisim.py. Model per layer l (one NeuronGroup for ALL simulated samples,
sample k owning neurons k*n_l ... k*n_l + n_l - 1, so that one network run simulates the whole
subset in parallel):
    v : 1            membrane potential (starts at 0)
    I : 1 (constant) layer 1: x·W1 + b1 (constant input current); layers > 1: the bias b_l
    cnt : 1          spike count (for the readout)
    threshold 'v >= 1', reset 'v -= 1; cnt += 1' (reset by subtraction), no refractoriness,
    and a run_regularly operation 'v += I' every step (exact, unlike integrating dv/dt = I/dt).
Synapses layer l-1 -> l inside each sample block: 'w : 1', on_pre 'v_post += w', delay 0.

Same-step propagation -- the scheduling subtlety. Brian2's default schedule runs, in every step,
ALL groups' state updates ('groups'), then ALL thresholders ('thresholds'), then ALL synaptic
pathways ('synapses'), then ALL resets ('resets'). A spike of layer l-1 at step t is then added to
layer l's v after layer l has already been thresholded at step t, so layer l can react only at
step t+1: one step of extra latency per layer (INIsim/Volr semantics have none). We therefore put
every operation in ONE slot ('thresholds') and chain them with `order`, layer by layer:
    layer 1: v += I (order 0), threshold (1), reset (2), pathway 1->2 (3: push spikes of THIS step
             into the queue and deliver v_post += w at once, delay 0)
    layer 2: v += I (10), threshold (11), reset (12), pathway 2->3 (13)
    ...
which is exactly the step of the semantics (a spike travels through the whole network within the
step). With `--schedule default` the script keeps Brian2's default order instead, to show the
difference. Only the order of the float additions into v differs from numpy (w one by one, then
b, vs s·W + b at once), hence "nearly" identical spike counts; the script checks the output spike
counts against the numpy loop on the first --check samples and reports the agreement.

Floats are float32 (prefs.core.default_float_dtype), as in the other peers.
Timing: "build" = creating groups and synapses (Python/numpy), "compile+first step" = the first
run of one step (code generation, cython compilation or cache load, before_run) -- then the state
is restored and the measured run is a second run(T*dt): sample-steps/s = samples*T / that time.

Usage: /usr/bin/python3 brian2_inisim.py WEIGHTS.npz [LABELS...] [--samples 100] [--steps 100]
       [--target cython|numpy] [--schedule chained|default] [--check 20] [--cold]
"""
import argparse
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ensure_debian_packages  # noqa: E402

ensure_debian_packages(["python3-numpy", "python3-brian", "cython3", "python3-scipy",
                        "python3-dev", "gcc", "g++", "dataset-fashion-mnist"])

import warnings  # noqa: E402
warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
from common import (load_fmnist, load_weights, readout, result_line,  # noqa: E402
                    dense_flops_per_sample_step)
import numpy_inisim  # noqa: E402


def build(brian2, x, layers, T, schedule):
    b2 = brian2
    K = x.shape[0]
    eqs = "v : 1\nI : 1 (constant)\ncnt : 1"
    groups, syns, ops = [], [], []
    I1 = (x @ layers[0][0] + layers[0][1]).astype(np.float32)
    for l, (W, b) in enumerate(layers):
        n_in, n = W.shape
        G = b2.NeuronGroup(K * n, eqs, threshold="v >= 1", reset="v -= 1\ncnt += 1",
                           name=f"layer{l + 1}")
        G.I = I1.ravel() if l == 0 else np.tile(b, K)
        op = G.run_regularly("v += I", name=f"layer{l + 1}_input")
        groups.append(G)
        ops.append(op)
        if l > 0:
            S = b2.Synapses(groups[l - 1], G, "w : 1", on_pre="v_post += w", name=f"syn{l}_{l + 1}")
            # block-diagonal: sample k's layer l-1 -> sample k's layer l (generator syntax: fast,
            # generated code); weights set from the (i, j) indices afterwards
            S.connect(j=f"k + (i // {n_in}) * {n} for k in range({n})")
            pre = np.asarray(S.i[:]) % n_in
            post = np.asarray(S.j[:]) % n
            S.w = W[pre, post]
            syns.append(S)
    if schedule == "chained":
        for l, G in enumerate(groups):
            base = 10 * l
            objs = [ops[l], G.thresholder["spike"], G.resetter["spike"]]
            if l + 1 < len(groups):
                objs.append(syns[l].pre)
            for k, o in enumerate(objs):
                o.when = "thresholds"
                o.order = base + k
    net = b2.Network(groups, ops, syns)
    return net, groups


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("weights")
    ap.add_argument("labels", nargs="*")
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--target", default="cython", choices=["cython", "numpy"])
    ap.add_argument("--schedule", default="chained", choices=["chained", "default"])
    ap.add_argument("--check", type=int, default=20)
    ap.add_argument("--cold", action="store_true", help="empty the cython cache first")
    a = ap.parse_args()

    t0 = time.perf_counter()
    import brian2 as b2
    t_import = time.perf_counter() - t0
    b2.prefs.codegen.target = a.target
    b2.prefs.core.default_float_dtype = np.float32
    cache = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "work", "brian2-cython-cache")
    if a.cold and os.path.isdir(cache):
        shutil.rmtree(cache)
    b2.prefs.codegen.runtime.cython.cache_dir = os.path.abspath(cache)
    b2.defaultclock.dt = 1 * b2.ms   # one step; the value is irrelevant (no time constants)
    b2.BrianLogger.log_level_error()

    labels, layers = load_weights(a.weights, a.labels)
    x, y = load_fmnist("t10k", a.samples)
    K, T = len(x), a.steps

    t0 = time.perf_counter()
    net, groups = build(b2, x, layers, T, a.schedule)
    t_build = time.perf_counter() - t0
    net.store("init")
    t0 = time.perf_counter()
    try:
        net.run(1 * b2.defaultclock.dt)
    except Exception as e:  # cython toolchain problem: say so and fall back to numpy
        if a.target != "cython":
            raise
        print(f"# cython target failed ({type(e).__name__}: {e}); falling back to numpy target")
        a.target = "numpy"
        b2.prefs.codegen.target = "numpy"
        net.restore("init")
        t0 = time.perf_counter()
        net.run(1 * b2.defaultclock.dt)
    t_compile = time.perf_counter() - t0
    net.restore("init")
    t0 = time.perf_counter()
    net.run(T * b2.defaultclock.dt)
    t_run = time.perf_counter() - t0

    nout = layers[-1][0].shape[1]
    counts = np.asarray(groups[-1].cnt[:]).reshape(K, nout)
    vout = np.asarray(groups[-1].v[:]).reshape(K, nout)
    pred = readout(counts, vout)
    acc = float((pred == y).mean())

    # cross-check against the numpy INIsim loop on the first --check samples
    nc = min(a.check, K)
    ref_counts, ref_v = numpy_inisim.simulate_batch(x[:nc], layers, T)
    diff = np.abs(counts[:nc] - ref_counts)
    same_pred = int((readout(ref_counts, ref_v) == pred[:nc]).sum())
    hidden_total = sum(int(np.asarray(g.cnt[:]).sum()) for g in groups)
    print(f"brian2 ({a.target}, schedule {a.schedule}, float32): layers {labels}, {K} samples x {T} steps")
    print(f"  import brian2 {t_import:.2f} s, build network {t_build:.2f} s, "
          f"compile+first step {t_compile:.2f} s, run {t_run:.2f} s")
    print(f"  spikes (all layers) {hidden_total}; synapses {sum(len(s) for s in net.objects if hasattr(s, 'w'))}")
    print(f"  agreement with numpy_inisim on first {nc} samples: output spike counts identical for "
          f"{int((diff == 0).sum())}/{diff.size} neurons ({int((diff == 0).all(1).sum())}/{nc} samples "
          f"fully identical), max |diff| {diff.max():.0f}, total |diff| {diff.sum():.0f}; "
          f"same class for {same_pred}/{nc}")
    print(f"  accuracy on these {K} samples {acc * 100:.2f} %")
    gflops = dense_flops_per_sample_step(layers) * K * T / t_run / 1e9
    result_line(f"brian2-{a.target}", K, T, t_run, acc,
                f"gflops_equiv={gflops:.3f} compile_s={t_compile:.2f} build_s={t_build:.2f} schedule={a.schedule} "
                f"check_identical_neurons={int((diff == 0).sum())}/{diff.size}")


if __name__ == "__main__":
    main()
