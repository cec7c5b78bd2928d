"""Fuzzing the messages between the app and its training helper process (model/_procs.py): the
decoder (`decode`) and the real helper process reading damaged frames.

A frame is a length and a JSON array (no checksum: the pipe is a local socket pair). The
property: a frame decodes to exactly the message it says, or is one MessageError; the helper
answers every frame with "ok" or an error and goes on, and a frame whose length it cannot follow
makes it stop cleanly (exit status 0, the parent then does the work itself); never a traceback,
a hang or an allocation of what a length claims."""

from __future__ import annotations

import json
import os
import socket
import struct

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lenet_gui.model import LeNet5, LeNetConfig, _procs
from lenet_gui.model._messages import MAX_MESSAGE, MessageError, decode, encode
from tests.fuzzing import mutated

pytestmark = pytest.mark.fuzz
HELPER = pytest.mark.posix_only("the helper process (pass_fds)")

CONFIG = LeNetConfig().to_dict()
MESSAGES = (("attach", "/nonexistent/lenet-block", CONFIG, 61706, 256, 9),
            ("step", [(4, 128, 160), (5, 160, 192)]), ("forward", [(0, 64), (64, 128)]),
            ("stop",), ("ok",),
            ("error", "IndexError: index 1000000 is out of bounds"))


def what_the_frame_says(frame: bytes):
    """The frame's JSON, or None when it is not JSON."""
    try:
        return json.loads(frame)
    except (ValueError, RecursionError):
        return None


def check_decode(frame: bytes) -> tuple | None:
    try:
        msg = decode(frame)
    except MessageError:
        return None
    said = what_the_frame_says(frame)
    assert said is not None and json.loads(encode(msg)) == said  # exactly what it says
    assert decode(encode(msg)) == msg
    return msg


@given(data=st.data(), which=st.integers(0, len(MESSAGES) - 1))
def test_a_mutated_frame_decodes_to_what_it_says_or_is_one_error(data, which):
    check_decode(data.draw(mutated(encode(MESSAGES[which]))))


counts = st.integers(0, 2**62 - 1)
messages = st.one_of(
    st.tuples(st.just("attach"), st.text(max_size=20), st.dictionaries(st.text(max_size=5),
                                                                        st.text(max_size=5)),
              counts, counts, counts),
    st.tuples(st.just("step"), st.lists(st.tuples(counts, counts, counts).map(
        lambda t: (t[0], min(t[1], t[2]), max(t[1], t[2]))), max_size=5)),
    st.tuples(st.just("forward"), st.lists(st.tuples(counts, counts).map(
        lambda t: (min(t), max(t))), max_size=5)),
    st.just(("stop",)), st.just(("ok",)), st.tuples(st.just("error"), st.text(max_size=30)))


@given(msg=messages)
def test_every_message_comes_back_as_it_was_sent(msg):
    assert decode(encode(msg)) == msg


@given(frame=st.binary(max_size=64) | st.sampled_from((b"[" * 100_000, b'["step",[[1,2]]]',
                                                       b'["step",[[1,3,2]]]', b'["attach"]')))
@example(frame=b'["step",[[-1,0,32]]]')
def test_any_bytes_decode_or_are_one_error(frame):
    check_decode(frame)


# ----------------------------------------------------------------- the real helper


class Helper:
    def __init__(self, helper, block_path) -> None:
        self.h, self.block_path = helper, block_path

    def __repr__(self) -> str:
        return "<the module's helper process>"


@pytest.fixture(scope="module")
def helper(tmp_path_factory):
    """A real helper process, attached to a block of its own (a file in a temporary folder:
    a fuzzed "attach" names a path near it, never a file of the system)."""
    h = _procs._Helper()
    net = LeNet5()
    n_params = sum(v.size for v in net.params.values())
    path = tmp_path_factory.mktemp("helper") / "block"
    size = _procs._Block.spec(n_params, 64, 3, np.dtype(np.float32))[1]
    path.write_bytes(b"\0" * size)
    h.request(("attach", str(path), net.config.to_dict(), n_params, 64, 3))
    yield Helper(h, path)
    h.close()


def answer(h) -> tuple:
    assert h.conn.poll(60), "the helper did not answer a frame (hung)"
    return _procs._receive(h.conn)


def valid_frames(helper: Helper) -> list[bytes]:
    n_params = sum(v.size for v in LeNet5().params.values())
    return [encode(("attach", str(helper.block_path), CONFIG, n_params, 64, 3)),
            encode(("step", [(0, 0, 32), (1, 32, 64)])), encode(("step", [])),
            encode(("forward", [(0, 32), (32, 64)])), encode(("ok",))]


@HELPER
@given(data=st.data())
def test_the_helper_answers_every_damaged_frame_and_goes_on(helper, data):
    frames = valid_frames(helper)
    frame = data.draw(mutated(frames[data.draw(st.integers(0, len(frames) - 1))]))
    if decode_or_none(frame) == ("stop",):
        return  # a frame that says stop: the helper stops (the next test's subject)
    helper.h.conn.send_bytes(frame)
    reply = answer(helper.h)
    assert reply == ("ok",) or reply[0] == "error"
    if decode_or_none(frame) is None:
        assert reply[0] == "error" and reply[1].startswith("MessageError")
    helper.h.conn.send_bytes(frames[0])  # still there, and in step with the parent: a valid
    assert answer(helper.h) == ("ok",)  # attach (the fuzzed frame may have replaced the block)
    assert helper.h.proc.poll() is None


def decode_or_none(frame: bytes):
    try:
        return decode(frame)
    except MessageError:
        return None


@HELPER
def test_the_helper_answers_a_pickle_with_an_error():
    """Regression (fuzzing): the pipe carried pickles, and the helper died with a traceback on
    a frame that did not unpickle to a tuple (TypeError on msg[0], or pickle's own errors)."""
    h = _procs._Helper()
    try:
        h.conn.send_bytes(b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x07.")  # pickle of 7
        reply = answer(h)
        assert reply[0] == "error" and "MessageError" in reply[1]
        assert h.proc.poll() is None
        _procs._send(h.conn, ("stop",))
        assert h.proc.wait(timeout=60) == 0
    finally:
        h.close()


@HELPER
@pytest.mark.parametrize("raw", [
    struct.pack("!i", MAX_MESSAGE + 1) + b"[",  # longer than any message: refused unread
    struct.pack("!i", 2**31 - 1) + b'["ok"]',  # 2 GB claimed, 6 bytes sent
    struct.pack("!i", -1) + struct.pack("!Q", 2**63) + b"x",  # the 64-bit length form
    b"\x00\x00",  # the length itself cut short
])
def test_a_frame_whose_length_cannot_be_followed_stops_the_helper_cleanly(raw):
    h = _procs._Helper()
    try:
        os.write(h.conn.fileno(), raw)
        with socket.socket(fileno=os.dup(h.conn.fileno())) as ours:
            ours.shutdown(socket.SHUT_WR)  # nothing more comes: the helper reads to the end
        assert h.proc.wait(timeout=60) == 0  # stopped, without a traceback
    finally:
        h.close()
