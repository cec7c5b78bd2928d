"""Build LeNet-5 Studio as a one-folder app with PyInstaller (pip install ".[bundle]"):

    python packaging/bundle.py --out DIR    # DIR/lenet-gui/lenet-gui (.exe on Windows)

The folder holds Python, NumPy, the Qt it needs, MNIST, the shipped weights and the
translations: copy it anywhere and run the executable, with a command or without one (the
window). On macOS DIR also gets "LeNet-5 Studio.app". Runs from any directory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "lenet-gui.spec"
NAME = "lenet-gui"


def folder_size(path: Path) -> tuple[int, int]:
    """(bytes, files) under path, symbolic links not followed (macOS frameworks have many)."""
    total = files = 0
    for dirpath, _, filenames in os.walk(path):
        for f in filenames:
            p = os.path.join(dirpath, f)
            if not os.path.islink(p):
                total += os.path.getsize(p)
                files += 1
    return total, files


def executable(out: Path) -> Path:
    return out / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bundle.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "dist",
                   help="folder to put the app in (default: dist/ in the checkout)")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "bundle",
                   help="PyInstaller's working folder, reused by the next build "
                        "(default: build/bundle/ in the checkout)")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    args = p.parse_args(argv)
    if sys.version_info < (3, 11):
        p.error("needs Python 3.11 or later (the spec reads pyproject.toml with tomllib)")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        p.error('PyInstaller is not installed: pip install ".[bundle]"')
    out, work = args.out.resolve(), args.work.resolve()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(out), "--workpath", str(work), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    # The checkout first on the path: an installed lenet_gui (an editable install of another
    # checkout, say) must not be the one frozen; the spec checks it.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    start = time.monotonic()
    r = subprocess.run(command, cwd=ROOT, env=env)
    if r.returncode != 0:
        print(f"bundle.py: PyInstaller failed (exit {r.returncode})", file=sys.stderr)
        return r.returncode
    exe = executable(out)
    if not exe.is_file():
        print(f"bundle.py: no executable at {exe}", file=sys.stderr)
        return 1
    size, files = folder_size(out / NAME)
    print(f"built in {time.monotonic() - start:.0f} s: {exe}")
    print(f"bundle: {out / NAME}, {size / 1e6:.1f} MB in {files} files")
    app = out / "LeNet-5 Studio.app"
    if app.is_dir():
        size, files = folder_size(app)
        print(f"macOS app: {app}, {size / 1e6:.1f} MB in {files} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
