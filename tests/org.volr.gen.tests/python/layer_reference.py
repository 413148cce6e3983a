#!/usr/bin/env python3
"""An independent check of each layer's arithmetic, numpy only.

    layer_reference.py SPEC.json WEIGHTS.npz PROBE.npz GENERATED.npz

The generated scripts take their convolution and pooling synapse lists and the first layer's input current from
Volr's own code (Connections, NetworkArrays), so running them cannot catch an error in that code. This script
computes every layer's input current a second way: from the layer's description in SPEC.json (written by hand
beside the network's text, not derived from Volr's layer plans) and the kernels in WEIGHTS.npz (the network's
weights, [out, in, kh, kw] and [in, out], as the generator reads them), by plain numpy loops over windows.
It compares, within float32 rounding, with
  - Volr's simulator: the currents its layer plans computed for the probe inputs in PROBE.npz
    (spikes_i -> deliver_i: one step's spikes delivered; analog_i -> forward_i: W.x + b as for a first layer);
  - the generated script: the matrix or synapse lists of GENERATED.npz (what Brian2 and PyNN connect) applied
    to the same spikes, and its current0 (the first layer's constant input current) against the samples x.
Prints one line per check and exits 1 if any differs.
"""
import json
import sys

import numpy as np


def out_size(n, k, stride, dilation, pad):
    """Output length and padding before the first element, as Keras/TensorFlow define 'same' and 'valid'."""
    span = dilation * (k - 1) + 1
    if pad == "same":
        out = -(-n // stride)
        total = max((out - 1) * stride + span - n, 0)
        return out, total // 2
    before = 0 if pad == "valid" else pad
    return (n + 2 * before - span) // stride + 1, before


def windows(layer):
    """Yields (out_y, out_x, [(in_y, in_x, ky, kx), ...]) for a window layer: the real inputs under each window."""
    _, h, w = layer["in"]
    kh, kw = layer["kernel"]
    sy, sx = layer.get("stride", [1, 1])
    dy, dx = layer.get("dilation", [1, 1])
    pads = layer.get("padding", "valid")
    pads = [pads, pads] if not isinstance(pads, list) else pads
    oh, py = out_size(h, kh, sy, dy, pads[0])
    ow, px = out_size(w, kw, sx, dx, pads[1])
    for oy in range(oh):
        for ox in range(ow):
            taps = []
            for ky in range(kh):
                for kx in range(kw):
                    y, x = oy * sy - py + ky * dy, ox * sx - px + kx * dx
                    if 0 <= y < h and 0 <= x < w:
                        taps.append((y, x, ky, kx))
            yield oy, ox, taps
    layer["out_hw"] = (oh, ow)


def apply(layer, weights, x, absolute=False):
    """The layer's W.x (no bias) for one input vector x in channels-first order, float64; with absolute, |W|.|x|
    (the scale of the float32 rounding error)."""
    sign = np.abs if absolute else (lambda a: a)
    x = sign(np.asarray(x, dtype=np.float64))
    if layer["kind"] == "dense":
        return x @ sign(weights[layer["weight"]].astype(np.float64))
    c = layer["in"][0]
    img = x.reshape(layer["in"])
    if layer["kind"] == "avgpool":
        rows = []
        for oy, ox, taps in windows(layer):
            rows.append([sum(img[ch, y, xx] for y, xx, _, _ in taps) / len(taps) for ch in range(c)])
        oh, ow = layer["out_hw"]
        return np.array(rows).T.reshape(c * oh * ow)
    k = sign(weights[layer["weight"]].astype(np.float64))  # [out, in or 1, kh, kw]
    cout = k.shape[0]
    multiplier = cout // c
    rows = []
    for oy, ox, taps in windows(layer):
        v = np.zeros(cout)
        for co in range(cout):
            for y, xx, ky, kx in taps:
                if layer["kind"] == "depthwise":
                    v[co] += k[co, 0, ky, kx] * img[co // multiplier, y, xx]
                else:
                    v[co] += k[co, :, ky, kx] @ img[:, y, xx]
        rows.append(v)
    oh, ow = layer["out_hw"]
    return np.array(rows).T.reshape(cout * oh * ow)


def bias(layer, weights, n):
    """The bias per neuron: per output channel for a convolution, none for pooling."""
    if "bias" not in layer:
        return np.zeros(n)
    b = weights[layer["bias"]].astype(np.float64)
    return np.repeat(b, n // len(b))


def script_current(generated, i, spikes):
    """What the generated script's synapses deliver for one step's spikes: its [in, out] matrix or its lists."""
    if "l%d_pre" % i in generated:
        pre, post, w = generated["l%d_pre" % i], generated["l%d_post" % i], generated["l%d_w" % i]
        n = len(generated["l%d_bias" % i])
        return np.bincount(post, weights=w.astype(np.float64) * spikes[pre], minlength=n)
    return spikes @ generated["l%d_w" % i].astype(np.float64)


def main():
    spec_path, weights_path, probe_path, generated_path = sys.argv[1:5]
    with open(spec_path) as f:
        spec = json.load(f)
    weights, probe, generated = np.load(weights_path), np.load(probe_path), np.load(generated_path)
    failures = 0

    def check(what, got, ref, scale):
        nonlocal failures
        got = np.asarray(got, dtype=np.float64)
        if got.shape != ref.shape:
            print("FAIL %s: shape %s, reference %s" % (what, got.shape, ref.shape))
            failures += 1
            return
        # float32 sums of n terms differ from the float64 reference by at most about n·eps·Σ|w·x|; 1e-5 of the
        # absolute sum leaves room for n up to ~80 terms and still sees any misplaced or missing weight
        err = np.abs(got - ref)
        bound = 1e-5 * scale + 1e-7
        worst = float(np.max(err / bound)) if err.size else 0.0
        ok = np.all(err <= bound)
        failures += 0 if ok else 1
        print("%s %s: %d values, max |difference| %.2e (%.2f of the float32 bound)" % ("ok  " if ok else "FAIL", what,
                                                                                       err.size, float(err.max()), worst))

    for i, layer in enumerate(spec["layers"]):
        name = "%s (layer %d, %s)" % (layer["label"], i, layer["kind"])
        spikes, analog = probe["spikes_%d" % i].astype(np.float64), probe["analog_%d" % i].astype(np.float64)
        ref_spikes = np.array([apply(layer, weights, s) for s in spikes])
        scale_spikes = np.array([apply(layer, weights, s, absolute=True) for s in spikes])
        n = ref_spikes.shape[1]
        b = bias(layer, weights, n)
        ref_analog = np.array([apply(layer, weights, a) for a in analog]) + b
        scale_analog = np.array([apply(layer, weights, a, absolute=True) for a in analog]) + np.abs(b)
        check(name + ", Volr delivering one step's spikes", probe["deliver_%d" % i], ref_spikes, scale_spikes)
        check(name + ", Volr's W.x + b for analog input", probe["forward_%d" % i], ref_analog, scale_analog)
        check(name + ", generated script's synapses for the same spikes",
              np.array([script_current(generated, i, s) for s in spikes]), ref_spikes, scale_spikes)
        check(name + ", generated script's bias", generated["l%d_bias" % i], b, np.abs(b))
    first = spec["layers"][0]
    x = generated["x"].astype(np.float64)
    ref0 = np.array([apply(first, weights, s) for s in x]) + bias(first, weights, generated["current0"].shape[1])
    scale0 = np.array([apply(first, weights, s, absolute=True) for s in x]) + np.abs(bias(first, weights, ref0.shape[1]))
    check("first layer's input current (generated current0) for %d samples" % len(x), generated["current0"], ref0, scale0)
    print("%d check(s) failed" % failures if failures else "every layer agrees with the numpy reference")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
