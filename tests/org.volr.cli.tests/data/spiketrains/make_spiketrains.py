#!/usr/bin/python3
"""Writes spiketrains.npz: seeded spike trains of SHD's layout, smaller, for the `input spikes` tests.

x: uint8 [16 samples, 100 steps, 70 inputs] of 0 and 1 (SHD is [samples, steps, 700] once binned);
y: int64 [16] class indices 0 or 1. A sample of class c spikes more often in its half of the inputs
(inputs 0..34 for class 0, 35..69 for class 1): 4 % of those per step, 2 % of the others (SHD's density
is a few % of the inputs per step). Run: /usr/bin/python3 make_spiketrains.py (numpy only); the same seed
gives the same file, byte for byte in its arrays (sha256 of the one SpikeTrainRunTest reads:
bedd65f68d1b01938f00854d9438e018ff7462bdf48e97b709a2e4f220eb5b38).
"""
import numpy as np

SAMPLES, STEPS, INPUTS, SEED = 16, 100, 70, 19

rng = np.random.default_rng(SEED)
y = np.arange(SAMPLES, dtype=np.int64) % 2
p = np.full((SAMPLES, 1, INPUTS), 0.02)
for s, c in enumerate(y):
    p[s, 0, c * INPUTS // 2:(c + 1) * INPUTS // 2] = 0.04
x = (rng.random((SAMPLES, STEPS, INPUTS)) < p).astype(np.uint8)
np.savez_compressed("spiketrains.npz", x=x, y=y)
print("spiketrains.npz:", x.shape, "density %.4f" % x.mean(), "labels", y.tolist())
