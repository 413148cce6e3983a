#!/usr/bin/env bash
# How long an editor waits for `volr lsp` to answer initialize (issue 22 asks for under 2 s): the script's start
# (C1 only, serial GC, a class-data archive) against the plain JVM start of every other command, in one run.
# After ./build.sh. RUNS=N sets the runs per kind (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
python3 bench/lsp_start.py ./volr "${RUNS:-5}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
