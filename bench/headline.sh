#!/bin/bash
# The headline of issue 20, side by side in one run: images classified per second by Volr's spiking network at the
# smallest T whose accuracy is within 0.5 pt of the ANN, against the same ANN's inference in PyTorch (and numpy for
# the MLP) on the same cores and the same 10,000 Fashion-MNIST test images, with the energy estimates of both.
# Models: the MLP of examples/mnist-mlp/mnist-mlp-fast.volr and LeNet-5 of examples/fmnist-cnn/fmnist-cnn-fast.volr,
# each as shipped (init half, thresholds calibrated for 4 steps, readout integrated).
#
# Per model, once (kept in bench/work/headline/<model>/; RETRAIN=1 redoes it):
#   1. `volr train` of the example: the ANN's weights (trained.npz; the same seed gives the example's weights);
#   2. `volr run` of the example with those weights instead of its train block (curve.volr): the conversion
#      (converted.npz) and the accuracy against steps, T = 1..16; report.json's within_half_point_from_step is T*;
# then REPEAT times (default 3), alternating so that all meet the same load:
#   3. `volr simulate` of the converted network at T* steps (bench.volr: the example's network, neuron, input and
#      readout, the converted weights as they are, membranes from θ/2); images/s = samples / result.json's seconds
#      (the simulation from the first batch to the last, the images read and layer 1's currents computed beside it);
#      its accuracy must be the curve's at T*;
#   3b. unless WARM=0: bench/peers/SimulateWarm.java, the same simulation 7 times in one JVM (the jars of the Spark
#      module beside VOLR, scale/target/lib): the best of runs 3..7, measured as the ANN peers are (best of 5 after a
#      warm-up), where `volr simulate`'s one run in a fresh JVM starts on code the JIT has not compiled yet;
#   4. bench/peers/ann_infer.py: the trained ANN in PyTorch (2 threads; eager and frozen TorchScript, batch sizes
#      64..10000, the fastest kept) and, for the MLP, numpy; its accuracy must be the ANN's in report.json.
# Prints per model: T*, accuracies, each run's images/s, medians, ratios SNN / ANN, the energy estimates of result.json
# at T* (SNN) and of the ANN, the BLAS kernel of the peers, the load. Needs ./build.sh first.
# Environment: VOLR (default ./volr), REPEAT (3), MODELS ("mlp cnn"), RETRAIN=1, ANN_BATCHES (64,256,1000,10000), WARM (1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
VOLR="${VOLR:-$root/volr}"
PY=/usr/bin/python3
REPEAT="${REPEAT:-3}"; MODELS="${MODELS:-mlp cnn}"; ANN_BATCHES="${ANN_BATCHES:-64,256,1000,10000}"; WARM="${WARM:-1}"
jars="$(cd "$(dirname "$VOLR")" && pwd)/scale/target/lib"
if [ "$WARM" = 1 ] && ! ls "$jars"/org.volr.sim-*.jar >/dev/null 2>&1; then
  echo "headline.sh: $jars has no bundles (run ./build.sh, or WARM=0)" >&2; exit 1
fi
java="$("$root/scripts/find-java.sh" | tail -1)/bin/java"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! "$PY" -c "import torch" 2>/dev/null; then
  $SUDO apt-get install -y python3-torch >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y python3-torch >/dev/null; }
fi
# the peers' BLAS kernel pinned to what the CPU runs (Debian's OpenBLAS 0.3.21 falls back to a generic kernel on
# some new CPUs); passive OpenMP waiting (spinning threads take the cores from the work); for the peers only
if grep -q -w avx512f /proc/cpuinfo; then coretype=SkylakeX; else coretype=Haswell; fi
peer() { OPENBLAS_CORETYPE=$coretype OMP_WAIT_POLICY=PASSIVE "$PY" "$@"; }
stamp="$(date +%Y%m%d-%H%M%S)"
for model in $MODELS; do
  case "$model" in
    mlp) example="$root/examples/mnist-mlp/mnist-mlp-fast.volr"; ann_model=mlp; backends="torch numpy" ;;
    cnn) example="$root/examples/fmnist-cnn/fmnist-cnn-fast.volr"; ann_model=lenet; backends="torch" ;;
    *) echo "headline.sh: unknown model '$model' (mlp, cnn)" >&2; exit 2 ;;
  esac
  work="$here/work/headline/$model"
  mkdir -p "$work"
  if [ ! -f "$work/trained.npz" ] || [ "${RETRAIN:-0}" = 1 ]; then
    echo "== $model: training (volr train $(basename "$example"))" >&2
    "$VOLR" train "$example" -o "$work/trained.npz" > "$work/train.log" 2>&1 || { tail -20 "$work/train.log" >&2; exit 1; }
  fi
  if [ ! -f "$work/curve/report.json" ] || [ "${RETRAIN:-0}" = 1 ]; then
    echo "== $model: converting, accuracy against steps (volr run)" >&2
    sed -e "s|^\(\s*\)train {.*}|\1weights npz \"$work/trained.npz\"|" "$example" > "$work/curve.volr"
    "$VOLR" run "$work/curve.volr" -o "$work/curve" > "$work/curve.log" 2>&1 || { tail -20 "$work/curve.log" >&2; exit 1; }
  fi
  steps=$("$PY" -c "import json, sys; t = json.load(open(sys.argv[1]))['accuracy_against_steps']['within_half_point_from_step']; print(t if t else '')" "$work/curve/report.json")
  [ -n "$steps" ] || { echo "headline.sh: $model is never within 0.5 pt of its ANN in $work/curve/report.json" >&2; exit 1; }
  out="$work/run-$stamp"
  mkdir -p "$out"
  sed -e "s|^\(\s*\)train {.*}|\1weights npz \"$work/curve/converted.npz\"|" \
      -e "s|^\(\s*\)convert {.*}|\1convert { normalize none, reset subtract, init half }|" \
      -e "s|duration [0-9]* steps|duration $steps steps|" "$example" > "$out/bench.volr"
  grep -q "duration $steps steps" "$out/bench.volr" && grep -q "init half" "$out/bench.volr" \
    || { echo "headline.sh: could not derive the benchmark experiment from $example" >&2; exit 1; }
  echo "$steps" > "$out/steps"
  for r in $(seq 1 "$REPEAT"); do
    echo "== $model: volr at T = $steps, run $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    "$VOLR" simulate "$out/bench.volr" -o "$out/volr-$r" > "$out/volr-$r.log" 2>&1 || { tail -20 "$out/volr-$r.log" >&2; exit 1; }
    if [ "$WARM" = 1 ]; then
      echo "== $model: volr at T = $steps in one JVM, run $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
      "$java" --enable-native-access=ALL-UNNAMED -cp "$jars/*" "$here/peers/SimulateWarm.java" "$out/bench.volr" "$out/volr-$r/converted.npz" 7 \
        > "$out/volr-warm-$r.log" 2>&1 || { tail -20 "$out/volr-warm-$r.log" >&2; exit 1; }
    fi
    for b in $backends; do
      echo "== $model: ANN in $b, run $r (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
      peer "$here/peers/ann_infer.py" "$work/trained.npz" --model "$ann_model" --backend "$b" --batches "$ANN_BATCHES" \
        > "$out/ann-$b-$r.log"
    done
  done
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/load-after"
done
"$PY" - "$here/work/headline" "$stamp" "$REPEAT" "$MODELS" <<'PYEOF'
import json, re, statistics, sys
base, stamp, repeat, models = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split()
cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
cores = sum(1 for l in open("/proc/cpuinfo") if l.startswith("processor"))
print(f"CPU {cpu}, {cores} cores; Fashion-MNIST, 10,000 test images")
def kv(line):
    return dict(re.findall(r"(\w+)=(\S+)", line))
for model in models:
    work = f"{base}/{model}"; out = f"{work}/run-{stamp}"
    T = int(open(f"{out}/steps").read())
    curve = json.load(open(f"{work}/curve/report.json"))
    curve_result = json.load(open(f"{work}/curve/result.json"))
    ann_acc = curve["ann_accuracy"]
    snn = [json.load(open(f"{out}/volr-{r}/result.json")) for r in range(1, repeat + 1)]
    snn_rate = [s["samples"] / s["seconds"] for s in snn]
    snn_cpu = [s["samples"] / s["cpu_seconds"] for s in snn]
    peers = {}
    import glob
    for r in range(1, repeat + 1):
        for f in sorted(glob.glob(f"{out}/ann-*-{r}.log")):
            log = open(f).read()
            res = kv(re.search(r"^RESULT (.*)$", log, re.M).group(1))
            info = [l for l in log.splitlines() if l.startswith("#")][0][2:]
            peers.setdefault(res["name"], []).append((float(res["images_per_s"]), float(res["accuracy"]), res["form"], res["batch"], info))
    curve_at_T = curve_result["accuracy_per_step"][T - 1]
    print(f"\n== {model}: T* = {T} (smallest T within 0.5 pt of the ANN, {work}/curve/report.json)")
    print(f"accuracy: ANN {ann_acc * 100:.2f} %, SNN at T = {T} {snn[0]['accuracy'] * 100:.2f} % "
          f"(curve at T = {T}: {curve_at_T * 100:.2f} %{'' if abs(curve_at_T - snn[0]['accuracy']) < 1e-9 else ' -- DIFFERENT'}); "
          + ", ".join(f"{n} {v[0][1] * 100:.2f} %{'' if abs(v[0][1] - ann_acc) < 1e-9 else ' -- DIFFERENT'}" for n, v in peers.items()))
    print(f"{'run':>4} {'SNN images/s':>14} {'(per CPU-s of its sim. threads)':>32} " + " ".join(f"{n + ' images/s':>20}" for n in peers))
    for r in range(repeat):
        print(f"{r + 1:>4} {snn_rate[r]:>14,.0f} {snn_cpu[r]:>32,.0f} " + " ".join(f"{v[r][0]:>20,.0f}" for v in peers.values()))
    warm = []
    for r in range(1, repeat + 1):
        try:
            warm.append(float(kv(re.search(r"^RESULT (.*)$", open(f"{out}/volr-warm-{r}.log").read(), re.M).group(1))["best_images_per_s"]))
        except (OSError, AttributeError):
            pass
    if warm:
        print("SNN in one JVM (SimulateWarm.java, best of runs 3..7), images/s: " + " / ".join(f"{w:,.0f}" for w in warm)
              + f"; median {statistics.median(warm):,.0f}: " + "; ".join(
              f"SNN warm / {n} = {statistics.median(warm) / statistics.median(x[0] for x in v):.2f}" for n, v in peers.items()))
    med = statistics.median(snn_rate)
    print(f"median SNN {med:,.0f} images/s ({med * T:,.0f} sample-steps/s); " + "; ".join(
        f"{n} {statistics.median(x[0] for x in v):,.0f} (fastest form {v[0][2]}, batch {v[0][3]}): SNN / {n} = {med / statistics.median(x[0] for x in v):.2f}"
        for n, v in peers.items()))
    e = snn[0]["energy_uj_per_sample"]
    print(f"energy estimate per image (45 nm arithmetic, Volr's report): SNN at T = {T} {e['snn']:.2f} µJ "
          f"({snn[0]['synaptic_ops_per_sample']:,.0f} synaptic ops + layer 1's MACs once), ANN {e['ann']:.2f} µJ "
          f"({snn[0]['ann_macs_per_sample']:,} MACs): SNN / ANN = {e['snn'] / e['ann']:.2f}")
    for n, v in peers.items():
        print(f"{n}: {v[0][4]}")
    print(f"load after: {open(f'{out}/load-after').read().strip()}; logs in {out}")
PYEOF
