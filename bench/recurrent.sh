#!/bin/bash
# The recurrent benchmark of issue 19: an SHD-size recurrent CubaLIF network, Volr Studio against a PyTorch loop.
#   700 spiking inputs → 256 recurrent CubaLIF (W_in 700×256, W_rec 256×256) → 20 LI outputs, T = 1000 steps of
#   1 ms, forward Euler (τ_m 20 ms, τ_syn 5 ms, output τ_m 20 ms), 256 samples whose inputs spike with probability
#   3 % per step (seeded: bench/make_recurrent.py), read out by the LI membrane's maximum.
# Volr runs it through `volr run` with `simulate { input spikes }` (the .npz spike trains); the peer,
# bench/peers/recurrent_torch.py, runs the same loop in PyTorch on the CPU in two forms (dense GEMMs, sparse
# index_add) and the faster counts. Both use 2 threads. Prints sample-steps/s of each, the ratio, the BLAS torch
# uses, and whether both give the same output: the LI readout's class of every sample and the recurrent layer's
# spike count of every neuron (Volr records the first 200 samples' counts) and in total.
# Needs ./build.sh first. Environment: VOLR (the volr command, default ./volr), TORCH_MODES ("dense sparse"),
# REPEAT (2: runs of each, the fastest counts).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
VOLR="${VOLR:-$root/volr}"
PY=/usr/bin/python3
TORCH_MODES="${TORCH_MODES:-dense sparse}"; REPEAT="${REPEAT:-2}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! "$PY" -c "import torch" 2>/dev/null; then
  $SUDO apt-get install -y python3-torch >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y python3-torch >/dev/null; }
fi
work="$here/work/recurrent"
[ -f "$work/spikes.npz" ] && [ -f "$work/weights.npz" ] || "$PY" "$here/make_recurrent.py" "$work"
out="$work/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
cat > "$out/recurrent.volr" <<VOLREOF
network shd {
    input [700]
    rec: dense 256 relu recurrent
    out: dense 20 linear neuron LI { tau_m 20 ms }
}
experiment shd_bench {
    network shd
    data npz "$work/spikes.npz"
    weights npz "$work/weights.npz"
    convert { normalize none, reset subtract }
    neuron CubaLIF { tau_m 20 ms, tau_syn_E 5 ms, tau_syn_I 5 ms }
    simulate { duration 1000 steps, dt 1 ms, input spikes, discretisation euler, readout membrane_max, batch 32 }
    seed 1
}
VOLREOF
for r in $(seq 1 "$REPEAT"); do  # the best of REPEAT runs of each counts: the machine may be shared
  echo "== volr run $r (2 simulating threads on this 2-core machine)" >&2
  "$VOLR" run "$out/recurrent.volr" -o "$out/volr-$r" > "$out/volr-$r.log" 2>&1 || { cat "$out/volr-$r.log" >&2; exit 1; }
  for mode in $TORCH_MODES; do
    echo "== torch $mode $r" >&2
    # OpenMP threads that spin while OpenBLAS' own threads run the GEMMs take the cores from them: 30 times slower
    # per step on 2 cores; passive waiting is the fast setting
    OMP_WAIT_POLICY=PASSIVE "$PY" "$here/peers/recurrent_torch.py" "$work/spikes.npz" "$work/weights.npz" --mode "$mode" \
      --out "$out/torch-$mode-$r.npz" > "$out/torch-$mode-$r.log"
  done
done
"$PY" - "$out" "$REPEAT" $TORCH_MODES <<'PYEOF'
import csv, json, os, re, sys
import numpy as np
import torch
out, repeat, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def kv(path):
    for line in open(path):
        if line.startswith("RESULT"):
            return dict(re.findall(r"(\w+)=(\S+)", line))
def fastest(runs):  # (run number, figures) of the run with the most sample-steps/s
    return max(runs, key=lambda r: float(r[1]["sample_steps_per_s"]))
peers, runs_of = {}, {}
for m in modes:
    runs = [(r, kv(os.path.join(out, f"torch-{m}-{r}.log"))) for r in range(1, repeat + 1)]
    runs_of[m] = [float(f["sample_steps_per_s"]) for _, f in runs]
    peers[m] = fastest(runs)
volr_runs = [(r, json.load(open(os.path.join(out, f"volr-{r}", "result.json")))) for r in range(1, repeat + 1)]
for _, jr in volr_runs:
    jr["sample_steps_per_s"] = jr["sample_steps_per_second"]
vr, j = fastest(volr_runs)
vdir = os.path.join(out, f"volr-{vr}")
volr_sps = float(j["sample_steps_per_second"])
rec = next(l for l in j["layers"] if l["label"] == "rec")
pred = np.array([int(r["predicted"]) for r in csv.DictReader(open(os.path.join(vdir, "predictions.csv")))])
counts = {}
for r in csv.DictReader(open(os.path.join(vdir, "spike-counts.csv"))):
    if r["layer"] == "rec":
        counts[(int(r["sample"]), int(r["neuron"]))] = int(r["count"])
config = torch.__config__.show()
blas = re.search(r"BLAS_INFO=(\w+)", config).group(1)
libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if re.search(r"blas|mkl|dnnl", l)})
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"CPU: {cpu}, {os.cpu_count()} cores; torch {torch.__version__}, BLAS_INFO={blas}, loaded: {', '.join(libs)}")
recorded = sorted({s for s, _ in counts})
compared = len(recorded) * 256
print(f"{'':<14}{'seconds':>9}{'sample-steps/s':>16}{'rec rate':>10}{'same classes':>14}{'same counts':>13}")
print(f"{'volr':<14}{float(j['seconds']):>9.2f}{volr_sps:>16,.0f}{rec['spikes'] / (rec['neurons'] * j['samples'] * j['steps']):>10.4f}")
best = None
for m, (pr, r) in peers.items():
    t = np.load(os.path.join(out, f"torch-{m}-{pr}.npz"))
    same_classes = int((t["predictions"] == pred).sum())
    # spike-counts.csv lists the neurons that fired of the first samples Volr records (ResultFiles): the others fired 0 times
    same_counts = sum(int(t["counts"][s, n]) == counts.get((s, n), 0) for s in recorded for n in range(t["counts"].shape[1]))
    total = int(t["counts"].sum())
    print(f"{'torch-' + m:<14}{float(r['seconds']):>9.2f}{float(r['sample_steps_per_s']):>16,.0f}{float(r['rate_per_neuron_step']):>10.4f}"
          f"{same_classes:>9}/{len(pred)}{same_counts:>8}/{compared}   total rec spikes {total} (volr {rec['spikes']})")
    if best is None or float(r["sample_steps_per_s"]) > float(peers[best][1]["sample_steps_per_s"]):
        best = m
b = float(peers[best][1]["sample_steps_per_s"])
print("all runs (sample-steps/s): volr " + ", ".join(f"{float(jr['sample_steps_per_second']):,.0f}" for _, jr in volr_runs) + "; "
      + "; ".join(f"torch-{m} " + ", ".join(f"{v:,.0f}" for v in runs_of[m]) for m in modes))
print(f"(same counts: the recurrent layer's spike count of every neuron in the {len(recorded)} samples whose counts Volr writes;"
      f" same classes: the LI readout's class of every sample)")
print(f"ratio volr / torch-{best} (the faster PyTorch loop): {volr_sps / b:.2f}  (goal of the issue: ≥ 3)")
print(f"(volr: {float(j['cpu_seconds']):.2f} CPU-seconds in its simulating threads; its run time is the simulation's, from the"
      f" first batch to the last, with the spike trains read and checked beside it)")
PYEOF
