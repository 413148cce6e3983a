#!/usr/bin/python3
"""Writes braille-inputs.npz: taxel-event-like spike trains for the NIR paper's braille RNN, labelled by snnTorch's loop.

The real Braille dataset (Müller-Cleve et al. 2022) is not available offline, so the inputs are made up: each sample
is a fingertip sliding over a pattern of dots, 12 taxels that press and release at their own moments. A taxel sends a
burst of events when it is pressed and when it is released (the pressure changes), and now and then one while it is
held; a little background noise comes on top. x is [samples, steps, 12] of 0/1 (uint8), one step being the graph's
0.1 ms.

y is the class snnTorch's loop gives (most output spikes; ties to the higher membrane, then the lower index, as Volr
reads them), computed here by a plain re-implementation of that loop on the NIR file's own parameters, so that
`volr run` reports how often Volr agrees with it. Run with /usr/bin/python3 (numpy; installs python3-h5py if missing).
"""
import os
import subprocess
import sys

import numpy as np

try:
    import h5py
except ImportError:  # Debian's package; NIR files are HDF5
    subprocess.run(["apt-get", "install", "-y", "-q", "python3-h5py"], check=True, stdout=subprocess.DEVNULL)
    import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
NIR = os.path.join(HERE, "../../testdata/nir/paper_03_rnn_braille_noDelay_noBias_subtract.nir")
SAMPLES, STEPS, TAXELS, SEED = 60, 256, 12, 19
DT = 1e-4  # the graph's step, the NIR paper's 0.1 ms


def patterns(rng):
    """Seven dot patterns, one per letter of the paper's subset (Space, A, E, I, O, U, Y): the taxels a letter presses,
    with when the press starts and how long it lasts. Made up: the real letters' recordings are not available."""
    out = []
    for _ in range(7):
        pressed = rng.choice(TAXELS, size=rng.integers(3, 9), replace=False)
        out.append([(int(t), int(rng.integers(0, STEPS - 120)), int(rng.integers(30, 110))) for t in pressed])
    return out


def sample(rng, pattern):
    """One sweep over a letter's pattern, pressed a little earlier or later and longer or shorter each time:
    [STEPS, TAXELS] of 0/1."""
    p = rng.random((STEPS, TAXELS)) < 0.01  # background noise
    shift = int(rng.integers(-10, 11))
    for taxel, start, length in pattern:
        on = max(0, start + shift + int(rng.integers(-5, 6)))
        off = min(STEPS - 1, on + length + int(rng.integers(-10, 11)))
        for edge in (on, off):  # a burst of events where the pressure changes
            burst = int(rng.integers(3, 10))
            p[edge:edge + burst, taxel] |= rng.random((min(burst, STEPS - edge),)) < rng.uniform(0.5, 0.9)
        p[on:off, taxel] |= rng.random((off - on,)) < 0.08  # now and then while held
    return p.astype(np.uint8)


def layer(f, weights, neurons, recurrent=None):
    """A layer as the file has it, in snnTorch's terms: W [out, in], W_rec, alpha, beta, threshold per neuron."""
    n = f["node/nodes/" + neurons]
    tau_mem, tau_syn = n["tau_mem"][()], n["tau_syn"][()]
    # snnTorch's export writes r = tau_mem/dt and w_in = tau_syn/dt: NIR's Euler step is then its loop
    assert np.allclose(n["r"][()] * DT / tau_mem, 1, atol=1e-5) and np.allclose(n["w_in"][()] * DT / tau_syn, 1, atol=1e-5)
    w = f["node/nodes/" + weights + "/weight"][()].astype(np.float64)
    rec = None if recurrent is None else f["node/nodes/" + recurrent + "/weight"][()].astype(np.float64)
    for node in [weights] + ([recurrent] if recurrent else []):
        assert "bias" not in f["node/nodes/" + node], "this graph has no bias"
    return w, rec, 1 - DT / tau_syn, 1 - DT / tau_mem, n["v_threshold"][()]


def snntorch(layers, x):
    """snnTorch's RSynaptic -> Synaptic loop (reset by subtraction in the same step, reset_delay=False), in float64:
    syn = alpha*syn + W x (+ W_rec z_prev); mem = beta*mem + syn; spike where mem > threshold; mem -= spike*threshold.
    Returns the output layer's spike counts and its last membrane."""
    (w1, rec, a1, b1, th1), (w2, _, a2, b2, th2) = layers
    syn1, mem1, z1 = np.zeros(len(w1)), np.zeros(len(w1)), np.zeros(len(w1))
    syn2, mem2, counts = np.zeros(len(w2)), np.zeros(len(w2)), np.zeros(len(w2), dtype=int)
    for t in range(STEPS):
        syn1 = a1 * syn1 + w1 @ x[t] + rec @ z1
        mem1 = b1 * mem1 + syn1
        z1 = (mem1 > th1).astype(np.float64)
        mem1 -= z1 * th1
        syn2 = a2 * syn2 + w2 @ z1
        mem2 = b2 * mem2 + syn2
        z2 = mem2 > th2
        mem2 -= z2 * th2
        counts += z2
    return counts, mem2


def readout(counts, mem):
    """The class: most spikes, ties to the higher membrane, then the lower index."""
    return min(range(len(counts)), key=lambda k: (-counts[k], -mem[k], k))


def main():
    rng = np.random.default_rng(SEED)
    letters = patterns(rng)
    x = np.stack([sample(rng, letters[s % len(letters)]) for s in range(SAMPLES)])
    with h5py.File(NIR, "r") as f:
        layers = (layer(f, "fc1", "lif1.lif", "lif1.w_rec"), layer(f, "fc2", "lif2"))
    y, ties, silent = [], 0, 0
    for s in range(SAMPLES):
        counts, mem = snntorch(layers, x[s].astype(np.float64))
        y.append(readout(counts, mem))
        ties += int(np.sum(counts == counts.max()) > 1)
        silent += int(counts.max() == 0)
    y = np.array(y, dtype=np.int64)
    np.savez_compressed(os.path.join(HERE, "braille-inputs.npz"), x=x, y=y)
    print(f"{SAMPLES} samples, {STEPS} steps: {x.mean():.4f} spikes per taxel and step; classes {np.bincount(y, minlength=7).tolist()};"
          f" {ties} samples with tied spike counts ({silent} without output spikes)", file=sys.stderr)


if __name__ == "__main__":
    main()
