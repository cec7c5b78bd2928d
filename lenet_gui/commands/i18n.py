"""`lenet-gui i18n update|release|check [--language zh_CN]`: regenerate the interface
translations with pyside6-lupdate and pyside6-lrelease (lenet_gui.gui.i18n), or check that every
string has a finished translation (exit 1 if not)."""

from __future__ import annotations

import sys


def add_parser(sub):
    p = sub.add_parser("i18n", help="regenerate or check the interface translations",
                       description="Regenerate or check the interface translations: update = "
                       "lupdate (keeps existing translations), then lrelease; release = "
                       "lrelease only; check = exit 1 if a string lacks a finished translation.")
    p.add_argument("action", choices=("update", "release", "check"))
    p.add_argument("--language", default="zh_CN")
    return p


def run(args) -> int:
    from lenet_gui.gui.i18n import lrelease, lupdate, qm_path, read_ts, ts_path, untranslated

    ts, qm = ts_path(args.language), qm_path(args.language)
    if args.action == "update":
        lupdate(ts)
        print(f"updated {ts}")
    if args.action in ("update", "release"):
        lrelease(ts, qm)
        print(f"compiled {qm}")
    missing = untranslated(ts)
    for ctx, src in missing:
        print(f"untranslated: [{ctx}] {src!r}", file=sys.stderr)
    print(f"{len(read_ts(ts)) - len(missing)} translated, {len(missing)} untranslated")
    return 1 if (missing and args.action == "check") else 0
