#!/usr/bin/env python3
"""Starts `volr lsp` as an editor does and times its answer to `initialize` (wall clock and the process' CPU time),
then ends it with shutdown/exit. Every byte the server writes to stdout must be a protocol frame.

  bench/lsp_start.py VOLR [RUNS]     prints figures for the script's start (VOLR_LSP_FAST=1) and a plain JVM (=0)
  bench/lsp_start.py VOLR --check    one start (and a second, which maps the class-data archive the first wrote):
                                     exits 1 unless both answer initialize and exit 0 (test.sh's smoke test)
"""
import json, os, subprocess, sys, tempfile, time


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read(out):
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        c = out.read(1)
        if not c:
            return None
        header += c
    lengths = [l for l in header.decode("ascii", "replace").split("\r\n") if l.lower().startswith("content-length:")]
    if not lengths:
        raise SystemExit("volr lsp wrote something that is not a protocol frame: %r" % header[:200])
    return json.loads(out.read(int(lengths[0].split(":")[1])))


def start(volr, fast, cache):
    env = dict(os.environ, VOLR_LSP_FAST="1" if fast else "0", XDG_CACHE_HOME=cache)
    t0 = time.monotonic()
    err = tempfile.TemporaryFile()  # a file, not a pipe: a pipe nobody reads would stop the JVM once full
    p = subprocess.Popen([volr, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env)
    p.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                         "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
    p.stdin.flush()
    while True:
        m = read(p.stdout)
        if m is None:
            raise SystemExit("volr lsp ended before answering initialize: " + errors(err))
        if m.get("id") == 1:
            break
    wall = time.monotonic() - t0
    stat = open("/proc/%d/stat" % p.pid).read().rsplit(")", 1)[1].split()
    cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    p.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    p.stdin.flush()
    while (m := read(p.stdout)) is not None and m.get("id") != 2:
        pass
    p.stdin.write(frame({"jsonrpc": "2.0", "method": "exit"}))
    p.stdin.flush()
    code = p.wait(120)
    if code != 0:
        raise SystemExit("volr lsp exited with %d: %s" % (code, errors(err)))
    if os.environ.get("VOLR_LSP_STDERR"):
        print(errors(err))
    return wall, cpu


def errors(err):
    err.seek(0)
    return err.read().decode(errors="replace")[-4000:]


def main():
    volr = sys.argv[1]
    with tempfile.TemporaryDirectory() as cache:
        if sys.argv[2:] == ["--check"]:
            for what in ("first start (writes the class-data archive)", "second start"):
                wall, cpu = start(volr, True, cache)
                print("volr lsp, %s: initialize answered in %.2f s (%.2f s of CPU); exited 0" % (what, wall, cpu))
            return
        runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
        start(volr, True, cache)  # writes the archive, as an editor's first start does
        for fast in (True, False):
            figures = sorted(start(volr, fast, cache) for _ in range(runs))
            walls = [w for w, _ in figures]
            cpus = sorted(c for _, c in figures)
            print("%-34s median %.2f s to initialize (min %.2f), median %.2f s of CPU  [%d runs]" % (
                "volr lsp (C1, serial GC, CDS):" if fast else "volr lsp as other commands start:",
                walls[len(walls) // 2], walls[0], cpus[len(cpus) // 2], runs))


if __name__ == "__main__":
    main()
