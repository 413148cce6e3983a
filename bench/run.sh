#!/bin/bash
# The simulator benchmark of the issue, end to end and side by side in one run:
#   1. Volr Studio trains the 784-500-500-10 ReLU MLP on Fashion-MNIST and converts it
#      (examples/mnist-mlp/mnist-mlp.volr), writing the converted weights;
#   2. the same converted weights, the same 10,000 test images and T = 100 steps run on Volr Studio's
#      simulator, a plain numpy INIsim loop, the smartest numpy we could write, and Brian2 (cython).
# Prints one table with sample-steps/s, accuracy, GFLOP/s-equivalent and peak memory, and the ratios.
# Needs ./build.sh first. Environment as in run-peers.sh (STEPS, LIMIT, BRIAN_SAMPLES, ...).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/work/mlp"
if [ ! -f "$work/converted.npz" ] || [ "${RETRAIN:-0}" = 1 ]; then
  "$root/volr" run "$root/examples/mnist-mlp/mnist-mlp.volr" -o "$work"
fi
VOLR="$root/volr" "$here/run-peers.sh" "$work/converted.npz" fc1 fc2 fc3
