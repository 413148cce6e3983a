#!/usr/bin/env bash
# One-time machine set-up for building and testing Volr Studio: a JDK 21+ and the Debian packages the tests use.
# Safe to run again: it installs only what is missing. Prints the JDK home as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the build and the tests need:
#   dataset-fashion-mnist  the full Fashion-MNIST (IDX files under /usr/share/datasets/fashion-mnist)
PACKAGES=(dataset-fashion-mnist)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian packages: ${missing[*]}" >&2
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

scripts/find-java.sh
