"""The command line's output never fails on a character the console cannot show: what its
encoding lacks is spelled in ASCII (δ → "delta", → → "->", xᵢ → "x_i"), anything else escaped
(\\u4e2d), and the rest of the line is printed as it is.

Why not UTF-8: a Windows console window shows any character whatever its code page (Python
writes to it in UTF-16), so the encoding only matters where the output goes to a pipe or a
file (`> out.txt`, `| more`, PowerShell, an editor's output pane). There Python encodes in the
ANSI code page, cp1252 in Western Europe, without Greek, and the program that reads it decodes
in that code page too: UTF-8 bytes would show δ as "Î´". Strict encoding stopped the command at
the first δ; "replace" would print "?(u_c3)". A Chinese Windows (cp936) has Greek, and keeps it.
"""

from __future__ import annotations

import codecs
import itertools
import unicodedata

ERRORS = "lenet-readable"  # the codecs error handler's name
# The course's symbols as they are read aloud; sub- and superscripts are found by Unicode.
NAMES = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "Delta", "ε": "epsilon",
    "η": "eta", "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "Σ": "sum",
    "∂": "d", "∇": "grad", "−": "-", "–": "-", "—": "--", "→": "->", "←": "<-", "⇒": "=>",
    "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "±": "+/-", "×": "x", "·": "*", "⋆": "*",
    "⊙": "*", "√": "sqrt", "∞": "inf", "‖": "||", "…": "...", "⌊": "floor(", "⌋": ")",
    "⌈": "ceil(", "⌉": ")", "∈": " in ", "∉": " not in ", "⟨": "<", "⟩": ">", "′": "'",
    "¼": "1/4", "½": "1/2", "°": " deg", "µ": "u", "²": "^2", "³": "^3", "¹": "^1",
}


def _script(ch: str) -> str:
    tag = unicodedata.decomposition(ch).split(" ", 1)[0]
    return {"<super>": "^", "<sub>": "_"}.get(tag, "")


def spell(text: str) -> str:
    """`text` in ASCII: the course's symbols by name, a run of sub- or superscripts after one
    "_" or "^" (10⁻⁵ → 10^-5), accents dropped, anything else as a \\u escape."""
    out = []
    for mark, run in itertools.groupby(text, _script):
        run = "".join(run)
        if mark:
            out.append(mark + spell(unicodedata.normalize("NFKC", run)))  # now plain letters
            continue
        for ch in run:
            if ch.isascii():
                out.append(ch)
            elif ch in NAMES:
                out.append(NAMES[ch])
            else:
                plain = "".join(c for c in unicodedata.normalize("NFKD", ch)
                                if not unicodedata.combining(c))
                out.append(plain if plain.isascii() and plain
                           else ch.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(out)


def _readable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return spell(exc.object[exc.start:exc.end]), exc.end


codecs.register_error(ERRORS, _readable)


def _shows_everything(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name.startswith("utf")
    except LookupError:
        return False


def make_readable(*streams) -> None:
    """Give every text stream whose encoding is not a UTF one the readable error handler.
    None (pythonw, a windowed app) and streams that cannot be reconfigured are left alone."""
    for stream in streams:
        if stream is None or _shows_everything(getattr(stream, "encoding", None)):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # closed, or not a TextIOWrapper underneath
                pass
