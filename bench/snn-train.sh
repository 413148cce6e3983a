#!/bin/bash
# Spiking training speed (issue 23), side by side: the network, loss, steps and batch of
# examples/snn-train/fmnist-fc-snn.volr (784-256-10 LIF, T = 25, fast sigmoid 5, cross-entropy on the output's summed
# input current (loss membrane), Adam 0.001, batch 128) trained for EPOCHS epochs on Fashion-MNIST's 60,000 training images by Volr (volr train:
# BPTT over the simulator's steps, org.volr.ann.snn) and by an snnTorch-style BPTT loop in PyTorch
# (bench/peers/snn_train_torch.py, Debian's python3-torch, 2 threads). Prints each one's training samples/s, their
# ratio, each one's peak memory (/usr/bin/time -v), the BLAS kernel, the CPU and the load.
# Needs ./build.sh first. Environment: VOLR (the volr command, default ./volr), EPOCHS (1), LIMIT (training images).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
VOLR="${VOLR:-$root/volr}"
PY=/usr/bin/python3
EPOCHS="${EPOCHS:-1}"; LIMIT="${LIMIT:-}"
out="$here/work/snn-train/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
limit_clause=""; limit_arg=()
if [ -n "$LIMIT" ]; then limit_clause=" limit $LIMIT"; limit_arg=(--limit "$LIMIT"); fi
# the example with the bench's epochs (and training images)
sed -e "s/epochs 5/epochs $EPOCHS/" \
    -e "s|train { spiking,|train { spiking, data idx \"/usr/share/datasets/fashion-mnist\" train$limit_clause,|" \
    "$root/examples/snn-train/fmnist-fc-snn.volr" > "$out/fc-snn.volr"
# the BLAS kernel pinned to what the CPU runs (Debian's OpenBLAS falls back to a generic kernel on some new CPUs)
if grep -q -w avx512f /proc/cpuinfo; then coretype=SkylakeX; else coretype=Haswell; fi
export OPENBLAS_CORETYPE=$coretype
echo "== volr (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
/usr/bin/time -v "$VOLR" train "$out/fc-snn.volr" -o "$out/volr.npz" > "$out/volr.log" 2> "$out/volr.err" || { cat "$out/volr.err" >&2; exit 1; }
echo "== torch (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
OMP_WAIT_POLICY=PASSIVE /usr/bin/time -v "$PY" "$here/peers/snn_train_torch.py" --epochs "$EPOCHS" --threads 2 "${limit_arg[@]}" \
  > "$out/torch.log" 2> "$out/torch.err" || { cat "$out/torch.err" >&2; exit 1; }
"$PY" - "$out" <<'PYEOF'
import re, sys
out = sys.argv[1]
verr, tlog, terr = open(f"{out}/volr.err").read(), open(f"{out}/torch.log").read(), open(f"{out}/torch.err").read()
rss = lambda text: int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
v_rate = float(re.search(r"trained in [0-9.]+ s \(([0-9,]+) samples/s\)", verr).group(1).replace(",", ""))
v_acc = re.findall(r"epoch \d+: loss ([0-9.]+), training accuracy ([0-9.]+) %", verr)[-1]
m = dict(kv.split("=", 1) for kv in re.search(r"^RESULT (.*)$", tlog, re.M).group(1).split())
t_rate = float(m["samples_per_s"])
cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
print(f"784-256-10 LIF, T = 25, batch 128, {m['samples']} training images x {m['epochs']} epoch(s); CPU {cpu}")
print(f"volr : {v_rate:9,.0f} samples/s  peak RSS {rss(verr):7,.0f} MiB  (last epoch: loss {v_acc[0]}, training accuracy {v_acc[1]} %)")
print(f"torch: {t_rate:9,.0f} samples/s  peak RSS {rss(terr):7,.0f} MiB  (test accuracy {float(m['accuracy']) * 100:.2f} %)")
print(f"ratio volr/torch: {v_rate / t_rate:.2f}x")
print([l for l in tlog.splitlines() if l.startswith("#")][0])
PYEOF
echo "(logs in $out; load now $(cut -d' ' -f1-3 /proc/loadavg))"
