#!/usr/bin/env bash
# Builds Volr Studio (all bundles, the p2 update site and the products) without running the tests.
# Afterwards ./volr runs the command line.
set -euo pipefail
cd "$(dirname "$0")"
JAVA_HOME=$(scripts/setup.sh | tail -1)
export JAVA_HOME
echo "Building with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) from $JAVA_HOME" >&2
./mvnw -B -q verify -DskipTests "$@"
echo "Built. Try: ./volr --help" >&2
