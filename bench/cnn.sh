#!/bin/bash
# The convolution benchmark of issue 20, side by side in one run: LeNet-5 (examples/fmnist-cnn) converted, T = 100
# steps, constant input, Fashion-MNIST's 10,000 test images, on Volr Studio's simulator and on the INIsim loop in
# PyTorch (bench/peers/cnn_torch.py: first layer once, one conv2d / avg_pool2d / matmul per layer and step on a
# sub-batch, 2 threads). Both read the same converted weights (the example's converted.npz) and the same images.
# Prints each run's sample-steps/s, the best and the median of each, their ratio, the accuracy of each, how many
# samples have the same output spike counts in both, the threads and BLAS kernel PyTorch used, the CPU and the load.
# Needs ./build.sh first. Environment: VOLR (the volr command, default ./volr), REPEAT (3: runs of each, alternating),
# TORCH_BATCH (256), LIMIT (samples, default all), RETRAIN=1 to train and convert the example again, BEFORE_VOLR (another
# build's volr command, e.g. of main, run in each round too: a change measured against the build before it in one run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
VOLR="${VOLR:-$root/volr}"
PY=/usr/bin/python3
REPEAT="${REPEAT:-3}"; TORCH_BATCH="${TORCH_BATCH:-256}"; LIMIT="${LIMIT:-}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! "$PY" -c "import torch" 2>/dev/null; then
  $SUDO apt-get install -y python3-torch >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y python3-torch >/dev/null; }
fi
work="$here/work/cnn"
mkdir -p "$work"
if [ ! -f "$work/converted.npz" ] || [ "${RETRAIN:-0}" = 1 ]; then
  echo "== training and converting examples/fmnist-cnn (volr run)" >&2
  "$VOLR" run "$root/examples/fmnist-cnn/fmnist-cnn.volr" -o "$work/example" > "$work/example.log" 2>&1 || { cat "$work/example.log" >&2; exit 1; }
  cp "$work/example/converted.npz" "$work/converted.npz"
fi
out="$work/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
limit_clause=""; limit_arg=()
if [ -n "$LIMIT" ]; then limit_clause=" limit $LIMIT"; limit_arg=(--limit "$LIMIT"); fi
# the example's network and neurons with the converted weights used as they are (normalize none)
cat > "$out/lenet.volr" <<VOLREOF
network lenet5 {
    input [1, 28, 28]
    c1: conv2d(6, kernel: 5, padding: same) relu
    s2: avgpool 2
    c3: conv2d(16, kernel: 5) relu
    s4: avgpool 2
    flatten
    f5: dense 120 relu
    f6: dense 84 relu
    out: dense 10 softmax
}
experiment cnn_bench {
    network lenet5
    data idx "/usr/share/datasets/fashion-mnist" test$limit_clause
    weights npz "$work/converted.npz"
    convert { normalize none, reset subtract }
    neuron IF { v_thresh 1.0 }
    simulate { duration 100 steps, input constant, batch 500 }
    seed 1
}
VOLREOF
# the peers' BLAS kernel pinned to what the CPU runs (Debian's OpenBLAS 0.3.21 falls back to a generic kernel on
# some new CPUs); oneDNN, which runs PyTorch's convolutions, picks its own
if grep -q -w avx512f /proc/cpuinfo; then coretype=SkylakeX; else coretype=Haswell; fi
for r in $(seq 1 "$REPEAT"); do  # alternating, so that both meet the same load
  if [ -n "${BEFORE_VOLR:-}" ]; then
    echo "== volr before $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    "$BEFORE_VOLR" simulate "$out/lenet.volr" -o "$out/before-$r" > "$out/before-$r.log" 2>&1 || { cat "$out/before-$r.log" >&2; exit 1; }
  fi
  echo "== volr $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  "$VOLR" simulate "$out/lenet.volr" -o "$out/volr-$r" > "$out/volr-$r.log" 2>&1 || { cat "$out/volr-$r.log" >&2; exit 1; }
  echo "== torch $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  # passive OpenMP waiting: spinning threads take the cores from the work on 2 cores
  OPENBLAS_CORETYPE=$coretype OMP_WAIT_POLICY=PASSIVE "$PY" "$here/peers/cnn_torch.py" "$work/converted.npz" --batch "$TORCH_BATCH" \
    "${limit_arg[@]}" --out "$out/torch-$r.npz" > "$out/torch-$r.log"
done
"$PY" - "$out" "$REPEAT" <<'PYEOF'
import csv, json, re, statistics, sys
import numpy as np
out, repeat = sys.argv[1], int(sys.argv[2])
volr, torch_rates, torch_acc, info = [], [], None, ""
for r in range(1, repeat + 1):
    j = json.load(open(f"{out}/volr-{r}/result.json"))
    volr.append((j["sample_steps_per_second"], j["sample_steps_per_cpu_second"], j["accuracy"], j["samples"]))
    log = open(f"{out}/torch-{r}.log").read()
    m = dict(kv.split("=", 1) for kv in re.search(r"^RESULT (.*)$", log, re.M).group(1).split())
    torch_rates.append(float(m["sample_steps_per_s"])); torch_acc = float(m["accuracy"])
    info = [l for l in log.splitlines() if l.startswith("#")][0][2:]
rows = list(csv.reader(open(f"{out}/volr-1/predictions.csv")))[1:]
volr_counts = np.array([[int(x) for x in row[2:]] for row in rows])
t = np.load(f"{out}/torch-1.npz")
same = int((volr_counts == t["counts"]).all(axis=1).sum())
same_class = int((np.array([int(row[1]) for row in rows]) == t["predictions"]).sum())
v_best, v_med = max(v[0] for v in volr), statistics.median(v[0] for v in volr)
t_best, t_med = max(torch_rates), statistics.median(torch_rates)
cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
print(f"LeNet-5, T = 100, {volr[0][3]} images, CPU {cpu}, {len(open('/proc/cpuinfo').read().split('processor')) - 1} cores")
print(f"{'run':>4} {'volr sample-steps/s':>20} {'(per CPU-s)':>12} {'torch sample-steps/s':>21}")
for r in range(repeat):
    print(f"{r + 1:>4} {volr[r][0]:>20,.0f} {volr[r][1]:>12,.0f} {torch_rates[r]:>21,.0f}")
print(f"best   volr {v_best:,.0f}  torch {t_best:,.0f}  ratio {v_best / t_best:.2f}x")
print(f"median volr {v_med:,.0f}  torch {t_med:,.0f}  ratio {v_med / t_med:.2f}x")
print(f"accuracy: volr {volr[0][2] * 100:.2f} %, torch {torch_acc * 100:.2f} %; same output spike counts on {same}/{len(rows)} samples, "
      f"same class on {same_class}/{len(rows)}")
print(f"torch: {info}")
import os
if os.path.exists(f"{out}/before-1/result.json"):
    before = [json.load(open(f"{out}/before-{r}/result.json")) for r in range(1, repeat + 1)]
    b = [(j["sample_steps_per_second"], j["sample_steps_per_cpu_second"]) for j in before]
    for r in range(repeat):
        print(f"{r + 1:>4} before {b[r][0]:>12,.0f} ({b[r][1]:,.0f} per CPU-s)   after {volr[r][0]:>12,.0f} ({volr[r][1]:,.0f} per CPU-s)")
    b_med, b_cpu = statistics.median(x[0] for x in b), statistics.median(x[1] for x in b)
    a_cpu = statistics.median(v[1] for v in volr)
    print(f"before: median {b_med:,.0f} sample-steps/s ({b_med / t_med:.2f}x torch), per CPU-s {b_cpu:,.0f}; after/before {v_med / b_med:.2f}x, per CPU-s {a_cpu / b_cpu:.2f}x")
    old_rows = list(csv.reader(open(f"{out}/before-1/predictions.csv")))[1:]
    print(f"before and after: {'identical' if old_rows == rows else 'DIFFERENT'} predictions.csv (classes and output spike counts of every sample), "
          f"layers' spikes, synaptic operations and accuracy per step {'identical' if all(before[0][k] == json.load(open(f'{out}/volr-1/result.json'))[k] for k in ('layers', 'accuracy_per_step', 'synaptic_ops')) else 'DIFFERENT'}")
PYEOF
echo "(logs and results in $out; load now $(cut -d' ' -f1-3 /proc/loadavg))"
