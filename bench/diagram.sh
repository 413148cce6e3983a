#!/usr/bin/env bash
# How long an edit in the diagram editor costs: synthesis + ELK layout + Sprotty JSON of a 50-layer network
# (24 × conv2d + batchnorm, flatten, dense), the median of 50 runs after 30 warm-up runs
# (org.volr.diagram.DiagramTiming). Run after ./build.sh; the target is under 200 ms.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
plugins="$root/releng/org.volr.product/target/products/org.volr.cli.product/linux/gtk/x86_64/plugins"
if ! ls "$plugins"/org.volr.diagram_*.jar >/dev/null 2>&1; then
    echo "bench/diagram.sh: not built yet; run $root/build.sh first" >&2
    exit 2
fi
JAVA_HOME=${VOLR_JAVA_HOME:-$("$root/scripts/find-java.sh")}
# the diagram bundle is plain Java: its jar, the model, EMF, ELK and what ELK needs run on a plain class path
classpath=$(ls "$plugins"/org.volr.diagram_*.jar "$plugins"/org.volr.model_*.jar "$plugins"/org.eclipse.emf.ecore_*.jar \
    "$plugins"/org.eclipse.emf.common_*.jar "$plugins"/org.eclipse.elk.*.jar "$plugins"/org.eclipse.xtext.xbase.lib_*.jar \
    "$plugins"/com.google.guava*.jar | tr '\n' ':')
exec "$JAVA_HOME/bin/java" -cp "$classpath" org.volr.diagram.DiagramTiming
