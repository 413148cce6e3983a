#!/bin/bash
# Two builds of Volr Studio side by side in one run, alternating, on the simulator benchmark's MLP (the same
# converted weights, Fashion-MNIST's 10,000 test images, T = 100 steps, constant input): for a change that must
# not cost speed (the architecture issue's "within 5 %"). Prints each run's sample-steps/s, the medians and
# their ratio, and whether the two builds predicted the same classes.
#   bench/paired.sh OLD_VOLR NEW_VOLR CONVERTED.npz [ROUNDS]
# OLD_VOLR / NEW_VOLR: the volr command of each build (./volr of a checkout after ./build.sh);
# CONVERTED.npz: converted.npz of a run of examples/mnist-mlp/mnist-mlp.volr (weights fc1, fc2, fc3).
set -euo pipefail
old="$1"; new="$2"; weights="$(readlink -f "$3")"; rounds="${4:-5}"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
cat > "$out/bench.volr" <<VOLREOF
network mlp {
    input [1, 28, 28]
    flatten
    fc1: dense 500 relu
    fc2: dense 500 relu
    fc3: dense 10 softmax
}
experiment bench {
    network mlp
    data idx "/usr/share/datasets/fashion-mnist" test
    weights npz "$weights"
    convert { normalize none }
    simulate { duration 100 steps, input constant, batch 1000 }
}
VOLREOF
rate() { sed -n 's/.*simulated in [0-9.,]* [mµ]*s: \([0-9,]*\) sample-steps\/s.*/\1/p' | tr -d ,; }
: > "$out/old.txt"; : > "$out/new.txt"
for r in $(seq "$rounds"); do
  for which in old new; do
    cmd="$old"; [ "$which" = new ] && cmd="$new"
    "$cmd" simulate "$out/bench.volr" -o "$out/$which" 2>/dev/null | rate >> "$out/$which.txt"
    echo "round $r $which: $(tail -1 "$out/$which.txt") sample-steps/s"
  done
done
same=$(cmp -s "$out/old/predictions.csv" "$out/new/predictions.csv" && echo yes || echo NO)
python3 - "$out/old.txt" "$out/new.txt" "$same" <<'PY'
import statistics, sys
old = [float(x) for x in open(sys.argv[1]) if x.strip()]
new = [float(x) for x in open(sys.argv[2]) if x.strip()]
mo, mn = statistics.median(old), statistics.median(new)
print(f"median old {mo:,.0f}  new {mn:,.0f} sample-steps/s  new/old {mn / mo:.3f}  (runs {len(old)} each; same predictions: {sys.argv[3]})")
PY
