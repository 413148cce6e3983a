#!/usr/bin/env bash
# Builds Volr Studio and runs every test (JUnit 5 inside OSGi through Tycho Surefire), then checks the
# built command on the examples.
set -euo pipefail
cd "$(dirname "$0")"
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
