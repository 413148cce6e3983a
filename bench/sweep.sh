#!/usr/bin/env bash
# The sweep benchmark (issue 21): a 12-point sweep of the MLP example (percentile 3 × steps 2 × v_thresh 2) on the
# Fashion-MNIST test images, embedded Spark local[2] against the same 12 points one after another in one JVM without
# Spark (--sequential: each point simulated on both cores). Each prints "12 points in X s", the figure compared; the
# ANN is trained once per command before that (not timed). To keep that untimed part short, the bench's copy of the
# example trains 1 epoch on 6,000 images (TRAIN=full trains as the example does): the points' work, conversion and
# simulation of the same network, does not depend on it. Run after ./build.sh; ROUNDS=2, LIMIT=N test images.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
file=$out/mnist-mlp.volr
if [ "${TRAIN:-short}" = full ]; then
    cp examples/mnist-mlp/mnist-mlp.volr "$file"
else
    sed 's|train { epochs 3, batch 128, optimizer adam 0.001, seed 1 }|train { epochs 1, batch 128, optimizer adam 0.001, seed 1, data idx "/usr/share/datasets/fashion-mnist" train limit 6000 }|' \
        examples/mnist-mlp/mnist-mlp.volr > "$file"
    grep -q "limit 6000" "$file"
fi
grid="percentile=99,99.9,99.99; steps=50,100; v_thresh=0.8,1"
limit=()
[ -n "${LIMIT:-}" ] && limit=(--limit "$LIMIT")
for round in $(seq "${ROUNDS:-2}"); do
    for mode in local2 sequential; do
        if [ $mode = local2 ]; then how=(--master "local[2]"); else how=(--sequential); fi
        ./volr sweep "$file" --experiment fashion_mlp --grid "$grid" "${how[@]}" "${limit[@]}" --out "$out/$round-$mode" > "$out/log" 2>&1 \
            || { cat "$out/log"; exit 1; }
        printf 'round %s  %-10s %s\n' "$round" "$mode" "$(grep " points in " "$out/log")"
    done
    # the same figures both ways but for the time columns (the 10th to 12th: seconds, CPU seconds, the JVM's CPU seconds)
    if cmp -s <(cut -d, -f1-9,13- "$out/$round-local2/sweep.csv") <(cut -d, -f1-9,13- "$out/$round-sequential/sweep.csv"); then
        echo "round $round  tables identical but for the times"
    else
        echo "round $round  TABLES DIFFER (local[2] <, sequential >):"
        diff <(cut -d, -f1-9,13- "$out/$round-local2/sweep.csv") <(cut -d, -f1-9,13- "$out/$round-sequential/sweep.csv") | cut -c1-160 | head -8 || true
    fi
done
grep "^best" "$out/log" || true
