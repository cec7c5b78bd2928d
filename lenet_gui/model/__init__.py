"""The course's LeNet-5 in NumPy: no Qt here. `training_step(net, x, labels)` is a training
step's J, y and δ(θ) on num_threads() processes (_procs.py; `hand_off(True)` sends whole
steps to the helper process while this one's cores are wanted elsewhere); `tune_allocator()` is called once
at start-up by the entry points (commands, the helper process)."""

from lenet_gui.model._alloc import release_free_memory, tune_allocator
from lenet_gui.model._parallel import num_threads, set_num_threads
from lenet_gui.model._procs import StepResult, hand_off, hands_off
from lenet_gui.model._procs import gradients as training_step
from lenet_gui.model.lenet5 import (
    PARAM_SHAPES,
    PRESETS,
    TRACE_KEYS,
    LayerCount,
    LeNet5,
    LeNetConfig,
    NetworkSnapshot,
    SnapshotNet,
    Trace,
)
from lenet_gui.model.options import LAYERS, TABLE_C3

__all__ = ["LAYERS", "PARAM_SHAPES", "PRESETS", "TABLE_C3", "TRACE_KEYS", "LayerCount", "LeNet5",
           "LeNetConfig", "NetworkSnapshot", "SnapshotNet", "StepResult", "Trace", "hand_off",
           "hands_off", "num_threads", "set_num_threads", "training_step", "release_free_memory", "tune_allocator"]
