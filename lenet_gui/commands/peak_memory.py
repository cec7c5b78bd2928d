"""`lenet-gui peak-memory -- COMMAND...`: peak resident memory of a command and every process
it starts. The sum of the resident memory over the process tree is sampled, so a spike shorter
than the interval can be missed; each process's own high-water mark cannot, where the system
keeps one (Linux, Windows; elsewhere it is the largest sample, marked "sampled")."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from lenet_gui.commands._common import UsageError, memory_of, process_tree


def add_parser(sub):
    p = sub.add_parser(
        "peak-memory", help="peak resident memory of a command and its helpers",
        description="Peak resident memory of a command and every process it starts. "
        "`/usr/bin/time -v` reports the largest single process; training runs a helper "
        "process beside the main one (model/_procs.py), so this samples the whole tree.")
    p.add_argument("--interval", type=float, default=0.02, help="seconds between samples")
    p.add_argument("measured", nargs=argparse.REMAINDER, metavar="COMMAND",
                   help="the command to measure, after --")
    return p


def _cmdline(pid: int) -> str:
    import psutil

    try:
        return " ".join(psutil.Process(pid).cmdline()) or "?"
    except psutil.Error:
        return "?"


def run(args) -> int:
    cmd = args.measured[1:] if args.measured[:1] == ["--"] else args.measured
    if not cmd:
        raise UsageError("give the command to measure after --")
    proc = subprocess.Popen(cmd)
    peak_sum, high, kept, names = 0, {}, set(), {}
    while True:
        total = 0
        for pid in process_tree(proc.pid):
            st = memory_of(pid)
            if not st:
                continue
            total += st["rss"]
            if "peak" in st:
                kept.add(pid)
            high[pid] = max(high.get(pid, 0), st.get("peak", st["rss"]))
            if pid not in names:
                names[pid] = _cmdline(pid)
        peak_sum = max(peak_sum, total)
        if proc.poll() is not None:
            break
        time.sleep(args.interval)
    mb = 1024 * 1024
    print(f"peak resident memory of the process tree: {peak_sum / mb:.0f} MB "
          f"(sum of the resident memory, sampled every {args.interval * 1000:g} ms)",
          file=sys.stderr)
    for pid, most in sorted(high.items()):
        name = names[pid]
        print(f"  pid {pid}: high-water mark {most / mb:.0f} MB{'' if pid in kept else ' (sampled)'}  "
              f"{name[:90] + ('…' if len(name) > 90 else '')}", file=sys.stderr)
    return proc.returncode
