#!/usr/bin/env bash
# The simulators the cross-simulator tests run generated code on, all from Debian: Brian2 2.5 (python3-brian,
# with cython3 and a C++ compiler for its fast targets), PyNN 0.10 (python3-pynn) and NEURON 8.2 (neuron-dev).
# PyNN's NEURON backend needs its NMODL mechanisms compiled once; Debian's nrnivmodl needs two fixes for that
# (build-notes.md). Safe to run again: installs and compiles only what is missing.
set -euo pipefail
"$(dirname "$0")/apt-install.sh" python3-numpy python3-brian python3-pynn neuron-dev cython3 python3-dev g++
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
NMODL=/usr/lib/python3/dist-packages/pyNN/neuron/nmodl
if [ ! -f "$NMODL/x86_64/.libs/libnrnmech.so" ] && [ ! -f "$NMODL/x86_64/libnrnmech.so" ]; then
    echo "Compiling PyNN's NEURON mechanisms" >&2
    [ -e /usr/bin/nrnmech_makefile ] || $SUDO ln -sf /usr/lib/nrn/nrnmech_makefile /usr/bin/nrnmech_makefile
    # the last step (the 'special' executable) fails on Debian; PyNN needs only the library before it
    (cd "$NMODL" && $SUDO env LIBRARY_PATH=/usr/lib/nrn nrnivmodl >/dev/null 2>&1 || true)
    [ -f "$NMODL/x86_64/.libs/libnrnmech.so" ] || [ -f "$NMODL/x86_64/libnrnmech.so" ] \
        || { echo "error: PyNN's NEURON mechanisms did not compile (see build-notes.md)" >&2; exit 1; }
fi
# one check that everything imports, so a broken install fails here and not in the middle of the tests
/usr/bin/python3 -c "import brian2, pyNN.brian2, pyNN.neuron" >/dev/null 2>&1 \
    || { echo "error: brian2 / pyNN.brian2 / pyNN.neuron do not import with /usr/bin/python3" >&2; exit 1; }
