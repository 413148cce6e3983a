#!/usr/bin/env bash
# One-time machine set-up for building and testing Volr Studio: a JDK 21+ and the Debian packages the tests use.
# Safe to run again: it installs only what is missing. Prints the JDK home as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the build and the tests need:
#   dataset-fashion-mnist  the full Fashion-MNIST (IDX files under /usr/share/datasets/fashion-mnist)
scripts/apt-install.sh dataset-fashion-mnist

scripts/find-java.sh
