#!/bin/bash
# Runs the benchmark peers side by side on the same converted network and the same inputs, and
# prints one summary table. Usage:
#   bench/run-peers.sh WEIGHTS.npz [LABELS...]
# Environment: STEPS (100), LIMIT (10000 test images for the numpy peers),
#              BRIAN_SAMPLES (200), BRIAN_CHUNK (20), BRIAN_TARGET (cython), SMART_BATCH (500), TORCH_BATCH (1000),
#              BRIAN=0 to leave Brian2 out
# Brian2 runs twice, on BRIAN_SAMPLES and on BRIAN_CHUNK samples: its throughput falls as its synapse arrays
# outgrow the cache (bench/README.md), so the ratios to Brian2 are taken against the faster of the two runs.
# OPENBLAS_L2_SIZE is unset and OPENBLAS_CORETYPE pinned to the CPU's (SkylakeX with AVX-512, else Haswell) for the
# peers only (Debian's OpenBLAS 0.3.21 falls back to a generic kernel on some new CPUs; measure_sgemm.py and the
# PyTorch peer print the kernel in use); OMP_WAIT_POLICY=PASSIVE (PyTorch's spinning OpenMP threads otherwise take
# the cores from OpenBLAS'). Peak RSS comes from /usr/bin/time -v.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 WEIGHTS.npz [LABELS...]" >&2; exit 2; }
weights="$1"; shift
STEPS="${STEPS:-100}"; LIMIT="${LIMIT:-10000}"
BRIAN_SAMPLES="${BRIAN_SAMPLES:-200}"; BRIAN_CHUNK="${BRIAN_CHUNK:-20}"; BRIAN_TARGET="${BRIAN_TARGET:-cython}"
SMART_BATCH="${SMART_BATCH:-500}"; TORCH_BATCH="${TORCH_BATCH:-1000}"; BRIAN="${BRIAN:-1}"
PY=/usr/bin/python3
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=""
[ -x /usr/bin/time ] || need="$need time"
[ -x "$PY" ] || need="$need python3"
"$PY" -c "import torch" 2>/dev/null || need="$need python3-torch"
if [ -n "$need" ]; then
  $SUDO apt-get install -y $need >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y $need >/dev/null; }
fi
out="$here/work/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
if grep -q -w avx512f /proc/cpuinfo; then coretype=SkylakeX; else coretype=Haswell; fi
run() {  # name, command...
  local name="$1"; shift
  echo "== $name: $*" >&2
  env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=$coretype OMP_WAIT_POLICY=PASSIVE /usr/bin/time -v "$@" >"$out/$name.log" 2>"$out/$name.time" \
    || { echo "!! $name failed, see $out/$name.time" >&2; tail -5 "$out/$name.time" >&2; return 0; }
  grep -v '^RESULT' "$out/$name.log" >&2 || true
}
run sgemm  "$PY" "$here/measure_sgemm.py"
run naive  "$PY" "$here/peers/numpy_inisim.py" "$weights" "$@" --steps "$STEPS" --limit "$LIMIT" --dump-counts "$out/naive-counts.npy"
run smart  "$PY" "$here/peers/numpy_smart.py"  "$weights" "$@" --steps "$STEPS" --limit "$LIMIT" --batch "$SMART_BATCH"
run torch  "$PY" "$here/peers/mlp_torch.py"    "$weights" "$@" --steps "$STEPS" --limit "$LIMIT" --batch "$TORCH_BATCH" \
  --dump-counts "$out/torch-counts.npy"
[ "$BRIAN" = 0 ] || run brian2 "$PY" "$here/peers/brian2_inisim.py" "$weights" "$@" --steps "$STEPS" --samples "$BRIAN_SAMPLES" --target "$BRIAN_TARGET"
[ "$BRIAN" = 0 ] || run brian2_chunk "$PY" "$here/peers/brian2_inisim.py" "$weights" "$@" --steps "$STEPS" --samples "$BRIAN_CHUNK" --target "$BRIAN_TARGET" \
  --check "$BRIAN_CHUNK"
# Volr Studio itself (VOLR=path to the volr command): the same weights, data and steps, as an experiment
# whose weights are used as they are (already converted).
if [ -n "${VOLR:-}" ]; then
  labels=("$@"); [ ${#labels[@]} -ge 3 ] || labels=(fc1 fc2 fc3)
  cat > "$out/bench.volr" <<VOLREOF
network mlp {
    input [1, 28, 28]
    flatten
    ${labels[0]}: dense 500 relu
    ${labels[1]}: dense 500 relu
    ${labels[2]}: dense 10 softmax
}
experiment bench {
    network mlp
    data idx "/usr/share/datasets/fashion-mnist" test limit $LIMIT
    weights npz "$(readlink -f "$weights")"
    convert { normalize none }
    simulate { duration $STEPS steps, input constant, batch 1000 }
}
VOLREOF
  run volr "$VOLR" simulate "$out/bench.volr" -o "$out/volr-results"
fi

"$PY" - "$out" <<'PYEOF'
import os, re, sys
out = sys.argv[1]
def kv(line):
    return dict(re.findall(r"(\w+)=(\S+)", line))
def rss(name):
    try:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(os.path.join(out, name + ".time")).read())
        return int(m.group(1)) / 1024 if m else float("nan")
    except OSError:
        return float("nan")
def wall(name):  # the whole command, process start to exit
    try:
        m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", open(os.path.join(out, name + ".time")).read())
        return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else float("nan")
    except OSError:
        return float("nan")
res = {}
for name in ("sgemm", "naive", "smart", "torch", "brian2", "brian2_chunk"):
    try:
        for line in open(os.path.join(out, name + ".log")):
            if line.startswith("RESULT"):
                res[name] = kv(line)
    except OSError:
        pass
peak = float(res.get("sgemm", {}).get("gflops", "nan"))
import json
try:  # Volr Studio writes result.json; turn it into the peers' RESULT fields
    j = json.load(open(os.path.join(out, "volr-results", "result.json")))
    flops = 2 * (784 * 500 + 500 * 500 + 500 * 10)
    res["volr"] = {"name": "volr-studio", "samples": str(j["samples"]), "steps": str(j["steps"]), "seconds": str(j["seconds"]),
                   "sample_steps_per_s": str(j["sample_steps_per_second"]), "accuracy": str(j["accuracy"]),
                   "gflops_equiv": str(flops * j["sample_steps_per_second"] / 1e9),
                   "cpu_seconds": str(j.get("cpu_seconds", "nan")), "per_cpu_second": str(j.get("sample_steps_per_cpu_second", "nan"))}
except (OSError, KeyError, ValueError):
    pass
print()
print(f"sgemm peak (numpy, OpenBLAS kernel {res.get('sgemm', {}).get('corename', '?')}): {peak:.1f} GFLOP/s")
print(f"{'name':<16}{'samples':>8}{'steps':>6}{'seconds':>10}{'sample-steps/s':>16}{'accuracy %':>12}"
      f"{'GFLOP/s-eq':>12}{'% of peak':>10}{'peak RSS MiB':>14}")
dense = None
rows = []
for name in ("volr", "naive", "smart", "torch", "brian2", "brian2_chunk"):
    r = res.get(name)
    if not r:
        if os.path.exists(os.path.join(out, name + ".time")):
            print(f"{name:<16} (failed)")
        continue
    sps = float(r["sample_steps_per_s"])
    g = r.get("gflops_equiv")
    # the two Brian2 runs differ only in their number of samples, which their names then carry
    rows.append((r["name"] + (f"({r['samples']})" if name.startswith("brian2") else ""), sps))
    geq = float(g) if g else float("nan")
    if name == "brian2" and dense is None:
        pass
    print(f"{r['name']:<16}{r['samples']:>8}{r['steps']:>6}{float(r['seconds']):>10.2f}{sps:>16.0f}"
          f"{float(r['accuracy']) * 100:>12.2f}{geq:>12.1f}{geq / peak * 100:>10.1f}{rss(name):>14.0f}")
if "volr" in res:
    v = res["volr"]
    print(f"(volr-studio: its simulating threads used {float(v['cpu_seconds']):.2f} CPU-seconds, "
          f"{float(v['per_cpu_second']):,.0f} sample-steps per CPU-second; a fresh JVM, its simulator code compiled while the ANN "
          f"was evaluated (WarmUp), not in the run time)")
print("(whole commands, process start to exit: " + ", ".join(f"{res[n]['name']} {wall(n):.1f} s" for n in ("volr", "naive", "smart", "torch", "brian2", "brian2_chunk")
      if n in res) + "; Volr's includes the JVM's start, reading the model, the ANN's accuracy and writing the results folder)")
for n in ("brian2", "brian2_chunk"):
    if n in res:
        b = res[n]
        print(f"(brian2: {b['samples']} samples only; compile+first step {b.get('compile_s')} s, build {b.get('build_s')} s, "
              f"not in the run time; output counts identical to numpy-naive for {b.get('check_identical_neurons')} neurons)")
base = dict(rows)
if rows:
    print("ratios (sample-steps/s): " + ", ".join(
        f"{a}/{b} = {base[a] / base[b]:.2f}" for a, b in
        [("volr-studio", "numpy-naive"), ("volr-studio", "numpy-smart"), ("volr-studio", "torch-steps"),
         ("numpy-smart", "numpy-naive"), ("torch-steps", "numpy-naive"), ("torch-steps", "numpy-smart")]
        + [(n, p) for n in base for p in base if p.startswith("brian2") and (n.startswith("numpy") or n.startswith("volr"))]
        if a in base and b in base))
try:  # the PyTorch peer against the plain numpy loop: the same output spike counts?
    import numpy as np
    a, b = np.load(os.path.join(out, "naive-counts.npy")), np.load(os.path.join(out, "torch-counts.npy"))
    print(f"torch-steps and numpy-naive: the same output spike counts on {int((a == b).all(axis=1).sum())}/{len(a)} samples")
except (OSError, ValueError):
    pass
try:
    torch_log = open(os.path.join(out, "torch.log")).read()
    print("torch peer: " + [l for l in torch_log.splitlines() if l.startswith("#")][0][2:])
except (OSError, IndexError):
    pass
brians = [(sps, n) for n, sps in rows if n.startswith("brian2")]
if brians and "volr-studio" in base:
    best, which = max(brians)
    print(f"volr-studio against Brian2's fastest run here ({which}, {best:.0f} sample-steps/s): {base['volr-studio'] / best:.1f}x")
print(f"logs: {out}")
PYEOF
