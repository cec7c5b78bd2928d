"""The messages between the app and its training helper process (model/_procs.py, _serve.py):
encoded as JSON, checked when decoded."""

from __future__ import annotations

import json

# The pipe carries JSON arrays, never pickles: a frame that is not one of these messages is a
# MessageError (the helper answers it with an error and goes on), and a frame longer than
# MAX_MESSAGE is refused before it is read (the helper then stops: the stream cannot be
# followed past it). Parent to helper: ["attach", path, config, n_params, capacity, slots],
# ["step", [[i, start, stop], ...]], ["forward", [[start, stop], ...]], ["stop"]; helper to
# parent: ["ok"], ["error", text].
MAX_MESSAGE = 1024 * 1024  # a message is a few hundred bytes


class MessageError(ValueError):
    """A frame between the app and its helper that is not one of their messages."""


def encode(msg: tuple) -> bytes:
    return json.dumps(msg, separators=(",", ":")).encode()


def _count(v) -> bool:
    return type(v) is int and 0 <= v < 2**62


def _triple(v) -> bool:
    return isinstance(v, list) and len(v) == 3 and all(_count(x) for x in v) and v[1] <= v[2]


def _pair(v) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(_count(x) for x in v) and v[0] <= v[1]


_VALID = {
    "attach": lambda m: len(m) == 6 and isinstance(m[1], str) and isinstance(m[2], dict)
    and all(_count(v) for v in m[3:]),
    "step": lambda m: len(m) == 2 and isinstance(m[1], list) and all(_triple(p) for p in m[1]),
    "forward": lambda m: len(m) == 2 and isinstance(m[1], list) and all(_pair(p) for p in m[1]),
    "stop": lambda m: len(m) == 1,
    "ok": lambda m: len(m) == 1,
    "error": lambda m: len(m) == 2 and isinstance(m[1], str),
}


def decode(frame: bytes) -> tuple:
    """The message a frame holds, as the tuple that was encoded (a step's parts as (i, start,
    stop) tuples); MessageError for anything else."""
    try:
        msg = json.loads(frame)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise MessageError(f"not a message ({exc})") from None
    if not isinstance(msg, list) or not msg or not isinstance(msg[0], str) \
            or msg[0] not in _VALID:
        raise MessageError(f"not a message: {str(msg)[:80]}")
    if not _VALID[msg[0]](msg):
        raise MessageError(f"a malformed {msg[0]!r} message: {str(msg)[:80]}")
    if msg[0] in ("step", "forward"):
        return (msg[0], [tuple(p) for p in msg[1]])
    return tuple(msg)


def _send(conn, msg: tuple) -> None:
    conn.send_bytes(encode(msg))


def _receive(conn) -> tuple:
    """The next message; MessageError for a frame that is not one (OSError for one longer
    than MAX_MESSAGE, EOFError when the other side is gone)."""
    return decode(conn.recv_bytes(MAX_MESSAGE))
