"""The course's LeNet-5 in NumPy: no Qt here."""

from ._alloc import tune_allocator
from ._parallel import num_threads, set_num_threads
from .lenet5 import (LAYERS, PARAM_SHAPES, PRESETS, TABLE_C3, TRACE_KEYS, LayerCount, LeNet5,
                     LeNetConfig, NetworkSnapshot, Trace)

tune_allocator()

__all__ = ["LAYERS", "PARAM_SHAPES", "PRESETS", "TABLE_C3", "TRACE_KEYS", "LayerCount", "LeNet5",
           "LeNetConfig", "NetworkSnapshot", "Trace", "num_threads", "set_num_threads"]
