#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer (Eclipse 4.39 and Tycho 5 need it), installing one if none is found.
# Looks at $JAVA_HOME, every JDK under /usr/lib/jvm (Temurin 25 is there on our machines) and `java` on the PATH.
set -euo pipefail

java_major() { # $1 = JDK home; prints the major version or nothing
    local v
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
    [ -n "$v" ] && echo "${v%%.*}"
}

pick() {
    local candidates=() best="" best_major=0 home major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for home in /usr/lib/jvm/*; do [ -x "$home/bin/javac" ] && candidates+=("$home"); done
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        major=$(java_major "$home" || true)
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$home"; best_major=$major
        fi
    done
    [ -n "$best" ] && echo "$best"
}

if home=$(pick); then echo "$home"; exit 0; fi

echo "No JDK 21+ found; installing one from Debian." >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >&2
if ! $SUDO apt-get install -y -qq openjdk-21-jdk-headless >&2 2>/dev/null; then
    # Debian 12 has no JDK 21; Debian 13 (trixie) has it. Take only the JDK from there, pinned low.
    echo "Debian 12 has no JDK 21: taking openjdk-21-jdk-headless from Debian 13 (trixie)." >&2
    echo "deb http://deb.debian.org/debian trixie main" | $SUDO tee /etc/apt/sources.list.d/volr-trixie.list >/dev/null
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' | $SUDO tee /etc/apt/preferences.d/volr-trixie >/dev/null
    $SUDO apt-get update -qq >&2
    $SUDO apt-get install -y -qq -t trixie openjdk-21-jdk-headless >&2
fi
if home=$(pick); then echo "$home"; exit 0; fi
echo "error: could not find or install a JDK 21+; set JAVA_HOME to one" >&2
exit 1
