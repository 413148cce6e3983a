#!/usr/bin/env bash
# What the workbench and diagram tests need on a machine without a display, all from Debian: Xvfb (a virtual
# X server), GTK 3 (SWT cannot load without it), WebKitGTK 4.1 (the SWT Browser that hosts the diagram client;
# without it SWT fails with "No more handles") and Chromium (the served diagram page is tested in it, headless).
# Safe to run again: installs only what is missing.
set -euo pipefail
"$(dirname "$0")/apt-install.sh" --no-install-recommends xvfb xauth libgtk-3-0 libwebkit2gtk-4.1-0 chromium
command -v xvfb-run >/dev/null || { echo "error: xvfb-run missing after installing xvfb" >&2; exit 1; }
