"""`lenet-gui peak-memory -- COMMAND...`: peak resident memory of a command and every process
it starts (Linux). The sum of VmRSS over the process tree is sampled, so a spike shorter than
the interval can be missed; each process's own high-water mark (VmHWM) cannot."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from lenet_gui.commands._common import UsageError, memory_of, process_tree


def add_parser(sub):
    p = sub.add_parser(
        "peak-memory", help="peak resident memory of a command and its helpers",
        description="Peak resident memory of a command and every process it starts (Linux). "
        "`/usr/bin/time -v` reports the largest single process; training runs a helper "
        "process beside the main one (model/_procs.py), so this samples the whole tree.")
    p.add_argument("--interval", type=float, default=0.02, help="seconds between samples")
    p.add_argument("measured", nargs=argparse.REMAINDER, metavar="COMMAND",
                   help="the command to measure, after --")
    return p


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def run(args) -> int:
    cmd = args.measured[1:] if args.measured[:1] == ["--"] else args.measured
    if not cmd:
        raise UsageError("give the command to measure after --")
    if not os.path.isdir("/proc/self"):
        raise OSError("peak-memory needs Linux's /proc")
    proc = subprocess.Popen(cmd)
    peak_sum, hwm, names = 0, {}, {}
    while True:
        total = 0
        for pid in process_tree(proc.pid):
            st = memory_of(pid)
            if not st:
                continue
            total += st.get("VmRSS", 0)
            hwm[pid] = max(hwm.get(pid, 0), st.get("VmHWM", 0))
            if pid not in names:
                names[pid] = _cmdline(pid)
        peak_sum = max(peak_sum, total)
        if proc.poll() is not None:
            break
        time.sleep(args.interval)
    mb = 1024 * 1024
    print(f"peak resident memory of the process tree: {peak_sum / mb:.0f} MB "
          f"(sum of VmRSS, sampled every {args.interval * 1000:g} ms)", file=sys.stderr)
    for pid, high in sorted(hwm.items()):
        name = names[pid]
        print(f"  pid {pid}: high-water mark {high / mb:.0f} MB  "
              f"{name[:90] + ('…' if len(name) > 90 else '')}", file=sys.stderr)
    return proc.returncode
