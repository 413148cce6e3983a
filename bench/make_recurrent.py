#!/usr/bin/python3
"""Writes the recurrent benchmark's data and weights (seeded, numpy only) into the folder given:

spikes.npz:  (stored) x uint8 [256 samples, 1000 steps, 700 inputs], each input spiking with probability 3 % per step
             independently (SHD, binned at 1 ms, has a few % of its 700 channels active per step); y int64 [256]
             random classes 0..19 (the benchmark compares outputs, not accuracy);
weights.npz: rec.weight [700, 256] ~ N(0, 0.045), rec.weight_rec [256, 256] ~ N(0, 0.04), out.weight [256, 20]
             ~ N(0, 0.1), all rounded to multiples of 1/64 (so that every sum of them is exact in float32, whatever
             the order: Volr and PyTorch then give the same spikes bit for bit), and zero biases.
With CubaLIF τ_m 20 ms, τ_syn 5 ms, dt 1 ms (Euler) the recurrent layer fires about 1.1 % per neuron-step (11 Hz).
"""
import sys, os
import numpy as np

B, T, I, H, O, DENSITY, SEED = 256, 1000, 700, 256, 20, 0.03, 19
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(SEED)
x = np.empty((B, T, I), np.uint8)
for s in range(B):
    x[s] = rng.random((T, I)) < DENSITY
y = rng.integers(0, O, B).astype(np.int64)
def dyadic(a):
    return (np.round(a * 64) / 64).astype(np.float32)
w = {"rec.weight": dyadic(rng.normal(0, 0.045, (I, H))), "rec.bias": np.zeros(H, np.float32),
     "rec.weight_rec": dyadic(rng.normal(0, 0.04, (H, H))), "out.weight": dyadic(rng.normal(0, 0.1, (H, O))),
     "out.bias": np.zeros(O, np.float32)}
np.savez(os.path.join(out, "weights.npz"), **w)
# stored, not compressed (179 MB): Volr streams the samples while it simulates, and inflating 179 MB takes its one
# reading thread about 0.5 s on this machine, longer than the simulation (bench/README.md); the PyTorch peer's
# np.load is outside its timing either way
np.savez(os.path.join(out, "spikes.npz"), x=x, y=y)
print(f"{out}: spikes.npz {x.shape} density {x.mean():.4f}, weights.npz")
