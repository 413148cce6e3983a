#!/usr/bin/python3
"""The recurrent benchmark's PyTorch peer: 700 spiking inputs → 256 recurrent CubaLIF → 20 LI, forward Euler,
exactly the step of bundles/org.volr.sim/SEMANTICS.md ("Current-based synapses", "Recurrent layers", "Leaky
integrators", "Discretisation": euler), float32, on the CPU with 2 threads:

    q ← q + x(t)·W_in + z(t−1)·W_rec;  v ← v·β + q·dt/τ_syn;  q ← q·α;  z(t) = [v ≥ 1];  v ← v − z
    u ← u·β_out + z(t)·W_out;  readout: argmax over outputs of max over steps of u (ties to the lower index)

with β = 1 − dt/τ_m, α = 1 − dt/τ_syn as float32 and no biases (rest 0). Two loops, --mode:
  dense:  x(t)·W_in for all steps at once (one GEMM over samples × steps in chunks: the input does not depend on
          the state), then per step one GEMM z(t−1)·W_rec and z(t)·W_out and the element-wise update;
  sparse: per step only the spikes that happened, index_add of W_in's and W_rec's rows (what Volr does).
The weights are multiples of 1/64 (bench/make_recurrent.py), so every sum of weights is exact in float32 in any
order: the two loops and Volr must give the same spikes, bit for bit.
Prints `RESULT name=torch-<mode> samples=… steps=… seconds=… sample_steps_per_s=…` and writes predictions and the
recurrent layer's spike counts per sample and neuron to --out (npz).
"""
import argparse, time
import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument("data"); p.add_argument("weights")
p.add_argument("--mode", choices=("dense", "sparse"), default="dense")
p.add_argument("--steps", type=int, default=1000)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--tau-m", type=float, default=20.0); p.add_argument("--tau-syn", type=float, default=5.0)
p.add_argument("--tau-out", type=float, default=20.0); p.add_argument("--dt", type=float, default=1.0)
p.add_argument("--out", required=True)
a = p.parse_args()
torch.set_num_threads(a.threads)

d, w = np.load(a.data), np.load(a.weights)
x = torch.from_numpy(d["x"][:, :a.steps])                       # uint8 [B, T, I]
B, T, I = x.shape
W_in, W_rec, W_out = (torch.from_numpy(np.ascontiguousarray(w[k], dtype=np.float32)) for k in ("rec.weight", "rec.weight_rec", "out.weight"))
assert not w["rec.bias"].any() and not w["out.bias"].any(), "the peer has no biases"
H, O = W_rec.shape[0], W_out.shape[1]
beta, alpha = np.float32(1 - a.dt / a.tau_m), np.float32(1 - a.dt / a.tau_syn)
gain, beta_out = np.float32(a.dt / a.tau_syn), np.float32(1 - a.dt / a.tau_out)


def run_dense():
    # the input currents of every sample and step: one GEMM per chunk of samples, [B, T, H]
    drive = torch.empty(B, T, H)
    for s in range(0, B, 16):
        drive[s:s + 16] = (x[s:s + 16].reshape(-1, I).float() @ W_in).reshape(-1, T, H)
    v, q, z = torch.zeros(B, H), torch.zeros(B, H), torch.zeros(B, H)
    u, umax, counts = torch.zeros(B, O), torch.full((B, O), float("-inf")), torch.zeros(B, H)
    for t in range(T):
        qj = q + (drive[:, t] + z @ W_rec)
        q = qj * alpha
        v = v * beta + qj * gain
        z = (v >= 1).float()
        v = v - z
        counts += z
        u = u * beta_out + z @ W_out
        torch.maximum(umax, u, out=umax)
    return umax, counts


def run_sparse():
    v, q = torch.zeros(B, H), torch.zeros(B, H)
    u, umax, counts = torch.zeros(B, O), torch.full((B, O), float("-inf")), torch.zeros(B, H)
    fired = torch.zeros(0, 2, dtype=torch.long)                  # (sample, neuron) of the last step's spikes
    flat_in = W_in                                               # rows by input
    for t in range(T):
        arr = torch.zeros(B * H)
        s_idx, i_idx = torch.nonzero(x[:, t], as_tuple=True)
        rows = (s_idx * H).unsqueeze(1) + torch.arange(H)       # where each spike's row of W_in lands
        arr.index_add_(0, rows.reshape(-1), flat_in[i_idx].reshape(-1))
        if len(fired):
            rows = (fired[:, 0] * H).unsqueeze(1) + torch.arange(H)
            arr.index_add_(0, rows.reshape(-1), W_rec[fired[:, 1]].reshape(-1))
        qj = q + arr.view(B, H)
        q = qj * alpha
        v = v * beta + qj * gain
        zb = v >= 1
        z = zb.float()
        v = v - z
        counts += z
        fired = torch.nonzero(zb)
        out = torch.zeros(B * O)
        if len(fired):
            rows = (fired[:, 0] * O).unsqueeze(1) + torch.arange(O)
            out.index_add_(0, rows.reshape(-1), W_out[fired[:, 1]].reshape(-1))
        u = u * beta_out + out.view(B, O)
        torch.maximum(umax, u, out=umax)
    return umax, counts


start = time.perf_counter()
umax, counts = run_dense() if a.mode == "dense" else run_sparse()
seconds = time.perf_counter() - start
pred = torch.argmax(umax, dim=1).numpy()                        # first maximum: the lower index on ties
np.savez(a.out, predictions=pred, counts=counts.numpy().astype(np.int32))
labels = d["y"]
print(f"RESULT name=torch-{a.mode} samples={B} steps={T} seconds={seconds:.3f} sample_steps_per_s={B * T / seconds:.0f}"
      f" accuracy={(pred == labels).mean():.4f} rate_per_neuron_step={counts.mean().item() / T:.5f} threads={torch.get_num_threads()}")
