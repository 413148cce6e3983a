#!/usr/bin/env bash
# The sweep's scaling benchmark (issue 21): a 12-point sweep of the MLP example (percentile 3 × steps 2 × v_thresh 2)
# on a loopback standalone Spark cluster started here (a master and workers on 127.0.0.1, from scale/target/lib, as
# Spark's scripts would start them), first with ONE worker of one core, then with TWO workers of one core each: the
# points per second of each and their ratio. From the measured figures (Spark's start-up, each point's task time, the
# scheduling overhead, the time to write the table and plots) it projects a 1,000-point sweep on 1, 8 and 64 machines
# of two cores. Run after ./build.sh (or a build of scale/); LIMIT=N test images (default 10000, the example's whole test
# set: at 2,000 a point takes under a second and the fixed overhead alone keeps the ratio below 1.8), ROUNDS=N (default 1).
# Per run it also prints the load average, each point's CPU time (the table's cpu_seconds: the point's own threads;
# jvm_cpu_seconds: its executor's whole JVM meanwhile) and, sampled from /proc every half second, each executor JVM's
# threads (most at once) and CPU time: on a loaded machine wall-clock times say little, CPU times and threads still do.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jar=$(ls scale/target/org.volr.scale-*.jar | head -1)
JAVA_HOME=${VOLR_JAVA_HOME:-$(scripts/find-java.sh)}
out=$(mktemp -d)
pids=()
workers=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$out"
}
trap cleanup EXIT
# the bench's copy of the example trains 1 epoch on 6,000 images (untimed; the points' work does not depend on it)
file=$out/mnist-mlp.volr
sed 's|train { epochs 3, batch 128, optimizer adam 0.001, seed 1 }|train { epochs 1, batch 128, optimizer adam 0.001, seed 1, data idx "/usr/share/datasets/fashion-mnist" train limit 6000 }|' \
    examples/mnist-mlp/mnist-mlp.volr > "$file"
grep -q "limit 6000" "$file"
grid="percentile=99,99.9,99.99; steps=50,100; v_thresh=0.8,1"
# SPARK_HOME/jars as a distribution has it: the worker builds its executors' class path from it
mkdir -p "$out/spark-home/jars"
for j in "$root/$jar" "$root"/scale/target/lib/*.jar; do ln -s "$j" "$out/spark-home/jars/"; done
export SPARK_HOME=$out/spark-home SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
master=spark://127.0.0.1:$port
daemon() { # MAIN LOG ARGS...: a Spark daemon in the background
    local main=$1 log=$2; shift 2
    "$JAVA_HOME/bin/java" @scale/jvm.args -Xmx512m -cp "$root/$jar:$root/scale/target/lib/*" "$main" "$@" > "$log" 2>&1 &
    pids+=($!)
}
daemon org.apache.spark.deploy.master.Master "$out/master.log" --host 127.0.0.1 --port "$port" --webui-port 0
sleep 5
worker() { daemon org.apache.spark.deploy.worker.Worker "$out/worker$1.log" --host 127.0.0.1 --cores 1 --memory 2g --webui-port 0 \
    --work-dir "$out/work$1" "$master"; workers+=("${pids[-1]}"); sleep 5; }
sample() { # FILE: every half second, "PID THREADS CPU-SECONDS" of each executor JVM (a worker's child), until killed
    local tick
    tick=$(getconf CLK_TCK)
    while :; do
        for w in "${workers[@]}"; do
            for e in $(pgrep -P "$w" || true); do
                grep -qa CoarseGrainedExecutorBackend "/proc/$e/cmdline" 2>/dev/null || continue
                # fields 14 and 15 of stat: user and system time in ticks (the command, field 2, is "(java)": no spaces)
                awk -v pid="$e" -v tick="$tick" '/^Threads:/ { t = $2 } FILENAME ~ /stat$/ { c = ($14 + $15) / tick }
                    END { if (t) print pid, t, c }' "/proc/$e/status" "/proc/$e/stat" 2>/dev/null || true
            done
        done >> "$1"
        sleep 0.5
    done
}
limit=${LIMIT:-10000}
run() { # NAME: one sweep on the cluster as it is; prints its figures
    echo "$1: load before $(uptime | sed 's/.*load average: //')" >&2
    sample "$out/$1.threads" &
    local sampler=$!
    ./volr sweep "$file" --experiment fashion_mlp --grid "$grid" --master "$master" --limit "$limit" --out "$out/$1" > "$out/$1.log" 2>&1 \
        || { kill "$sampler"; cat "$out/$1.log"; exit 1; }
    kill "$sampler"; wait "$sampler" 2>/dev/null || true
    echo "$1: load after $(uptime | sed 's/.*load average: //')" >&2
    # per executor JVM: the most threads seen at once, and its CPU time when last seen (it ends with the sweep)
    awk '{ if ($2 > t[$1]) t[$1] = $2; c[$1] = $3 } END { for (p in t) printf "%s: executor %s: %d threads at most, %.1f CPU s\n", name, p, t[p], c[p] }' \
        name="$1" "$out/$1.threads" >&2
    local wall start merge
    wall=$(sed -n 's/^12 points in \([0-9.]*\) s.*/\1/p' "$out/$1.log")
    start=$(sed -n 's/^Spark started in \([0-9.]*\) s.*/\1/p' "$out/$1.log")
    merge=$(sed -n 's/^table and plots written in \([0-9.]*\) s.*/\1/p' "$out/$1.log")
    # the task times: the seconds column of the table
    local col
    col=$(head -1 "$out/$1/sweep.csv" | tr , '\n' | grep -n '^seconds$' | cut -d: -f1)
    tasks=$(tail -n +2 "$out/$1/sweep.csv" | cut -d, -f"$col" | awk '{ s += $1 } END { print s }')
    # CPU seconds: the points' own threads, and their executors' JVMs while they ran (the columns after seconds)
    cpu=$(tail -n +2 "$out/$1/sweep.csv" | cut -d, -f"$((col + 1))" | awk '{ s += $1 } END { print s }')
    jvm=$(tail -n +2 "$out/$1/sweep.csv" | cut -d, -f"$((col + 2))" | awk '{ s += $1 } END { print s }')
    echo "$1 $wall $start $merge $tasks $cpu $jvm"
}
for round in $(seq "${ROUNDS:-1}"); do
    [ "$round" = 1 ] && worker 1
    one=$(run "r$round-one-worker")
    [ "$round" = 1 ] && worker 2
    two=$(run "r$round-two-workers")
    read -r _ w1 s1 m1 t1 c1 j1 <<< "$one"
    read -r _ w2 s2 m2 t2 c2 j2 <<< "$two"
    # overhead beyond the tasks themselves: wall time minus the task time per slot (executor start, scheduling, the tail)
    awk -v w1="$w1" -v w2="$w2" -v s1="$s1" -v s2="$s2" -v m1="$m1" -v m2="$m2" -v t1="$t1" -v t2="$t2" -v c1="$c1" -v c2="$c2" \
        -v j1="$j1" -v j2="$j2" -v r="$round" 'BEGIN {
        printf "round %s  1 worker × 1 core:  12 points in %6.1f s  %.4f points/s  (tasks %.1f s, mean %.2f s; Spark start %.1f s; overhead %.1f s; table+plots %.2f s)\n", r, w1, 12/w1, t1, t1/12, s1, w1 - t1, m1
        printf "round %s  2 workers × 1 core: 12 points in %6.1f s  %.4f points/s  (tasks %.1f s, mean %.2f s; Spark start %.1f s; overhead %.1f s; table+plots %.2f s)\n", r, w2, 12/w2, t2, t2/12, s2, w2 - t2/2, m2
        printf "round %s  ratio 2 workers / 1 worker: %.2f x points per second\n", r, w1 / w2
        printf "round %s  per point, 1 worker:  %.2f s, CPU %.2f s own, %.2f s its JVM\n", r, t1 / 12, c1 / 12, j1 / 12
        printf "round %s  per point, 2 workers: %.2f s, CPU %.2f s own, %.2f s its JVM (%.2f x and %.2f x the 1-worker CPU)\n", r, t2 / 12, c2 / 12, j2 / 12, c2 / c1, j2 / j1
        # projection: machines of 2 one-core slots; each point the mean task time with one worker (one task per core, as
        # on a machine of its own), the start-up, the overhead beyond the tasks and the writing of table and plots as
        # measured there (the writing is mostly JFreeChart setting up, taken as not growing with the points)
        task = t1 / 12; over = w1 - t1; start = s1; merge = m1
        for (i = 1; i <= 3; i++) {
            m = (i == 1 ? 1 : i == 2 ? 8 : 64); slots = 2 * m
            waves = int((1000 + slots - 1) / slots)
            printf "round %s  projected 1,000 points on %2d machines (%3d slots): %8.0f s = start %.1f + %d waves × %.2f s + overhead %.1f + table %.1f\n", r, m, slots, start + waves * task + over + merge, start, waves, task, over, merge
        }
    }'
    # the same figures either way but for the time columns (seconds, cpu_seconds, jvm_cpu_seconds)
    col=$(head -1 "$out/r$round-one-worker/sweep.csv" | tr , '\n' | grep -n '^seconds$' | cut -d: -f1)
    if cmp -s <(cut -d, -f"1-$((col-1)),$((col+3))-" "$out/r$round-one-worker/sweep.csv") <(cut -d, -f"1-$((col-1)),$((col+3))-" "$out/r$round-two-workers/sweep.csv"); then
        echo "round $round  tables identical but for the times"
    else
        echo "round $round  TABLES DIFFER between one and two workers:"
        diff <(cut -d, -f"1-$((col-1)),$((col+3))-" "$out/r$round-one-worker/sweep.csv") <(cut -d, -f"1-$((col-1)),$((col+3))-" "$out/r$round-two-workers/sweep.csv") | cut -c1-160 | head -8 || true
    fi
done
