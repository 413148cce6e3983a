#!/usr/bin/env bash
# Builds Volr Studio and runs every test (JUnit 5 inside OSGi through Tycho Surefire), then checks the
# built command on the examples.
set -euo pipefail
cd "$(dirname "$0")"
# A full build with its test workspaces takes about 4.5 GB (a fresh clone measured after ./test.sh: both products
# carry nd4j's two native builds, and the tests unpack one); a disk that fills mid-run fails tests in odd places.
free_mb=$(( $(df -Pk . | awk 'NR==2 {print $4}') / 1024 ))
if [ "$free_mb" -lt 5000 ]; then
  echo "test.sh: warning: only $free_mb MB free on this disk; the build and tests need about 4.5 GB" >&2
fi
JAVA_HOME=$(scripts/setup.sh | tail -1)
export JAVA_HOME
scripts/setup-simulators.sh  # Brian2, PyNN and NEURON for the cross-simulator tests of the code generators
scripts/setup-ui.sh          # Xvfb, GTK, WebKitGTK and Chromium for the workbench and diagram tests
echo "Testing with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) from $JAVA_HOME" >&2
xvfb-run -a -s "-screen 0 1600x1000x24" ./mvnw -B verify "$@" 2>&1 | grep -v -E '^\[INFO\] (Download|Resolving|Fetching)' 
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"
echo "--- smoke test of the built command" >&2
./volr check --werror examples
echo "--- volr lsp started as an editor starts it (the script's JVM options; stdout must stay the protocol)" >&2
python3 bench/lsp_start.py ./volr --check
