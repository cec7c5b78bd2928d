"""The helper process's side of model/_procs.py: its loop, which maps the shared block and
computes the micro-batches and inference passes the parent sends. A module of its own so that
_procs, which LeNet5.predict uses, does not import the model back."""

from __future__ import annotations

import numpy as np

from lenet_gui.model import _parallel
from lenet_gui.model._alloc import tune_allocator
from lenet_gui.model._messages import MAX_MESSAGE, MessageError, _send, decode
from lenet_gui.model._procs import HELPER_SPIN, _Block, _infer, _layout_of, _map, _spin, compute_micro
from lenet_gui.model.lenet5 import LeNet5, LeNetConfig


def serve(fd: int) -> None:
    """The helper process's loop (`python -c "...serve(fd)"`): map a block, then compute
    micro-batches on request until told to stop or the parent is gone."""
    from multiprocessing.connection import Connection

    tune_allocator()
    conn = Connection(fd)
    _parallel.set_num_threads(1)
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=1, user_api="blas")
    except ImportError:
        pass
    block = net = layout = None
    while True:
        try:
            _spin(conn, HELPER_SPIN)
            frame = conn.recv_bytes(MAX_MESSAGE)
        except (EOFError, OSError):  # the parent is gone (or sent a frame too long to skip)
            break
        try:
            msg = decode(frame)
            kind = msg[0]
            if kind == "stop":
                break
            if kind == "attach":
                _, path, config, n_params, capacity, slots = msg
                cfg = LeNetConfig.from_dict(config)
                if block is not None:
                    block.release()
                    block = None  # until the new one is mapped: a failed attach leaves none
                net = LeNet5(cfg)
                layout = _layout_of(net)
                if n_params != next(reversed(layout.values()))[1]:
                    raise MessageError(f"{n_params} parameters, the model has another count")
                size = _Block.spec(n_params, capacity, slots, np.dtype(cfg.dtype))[1]
                block = _Block(_map(path, size), n_params, capacity, slots, cfg.dtype)
                for k, (a, b, shape) in layout.items():
                    net.params[k] = block.params[a:b].reshape(shape)  # the parent's weights
            elif kind == "step":
                if block is None:
                    raise MessageError("a step before any attach")
                if not all(i < block.slots and start < stop <= block.capacity
                           for i, start, stop in msg[1]):
                    raise MessageError(f"micro-batches outside the block: {msg[1]}"[:200])
                for i, start, stop in msg[1]:
                    block.losses[i] = compute_micro(
                        net, block.x[start:stop], block.labels[start:stop],
                        block.y[start:stop], block.grads[i], layout)
            elif kind == "forward":
                if block is None:
                    raise MessageError("a forward before any attach")
                if not all(start < stop <= block.capacity for start, stop in msg[1]):
                    raise MessageError(f"passes outside the block: {msg[1]}"[:200])
                for start, stop in msg[1]:
                    block.y[start:stop] = _infer(net, block.x[start:stop])
            else:  # a message only the helper sends
                raise MessageError(f"a {kind!r} message sent to the helper")
            reply = ("ok",)
        except Exception as e:  # reported to the parent, which then does the work itself
            reply = ("error", f"{type(e).__name__}: {e}")
        try:
            _send(conn, reply)
        except OSError:  # the parent is gone
            break
    conn.close()
