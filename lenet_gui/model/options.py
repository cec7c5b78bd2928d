"""The model's options and layers, each written once: every choice of LeNetConfig (the
activation f, S2/S4 sub-sampling, C3's connections, f at F7, the dtype) with its options, the
course's first, and the layers c1 … f7 with the course's names and sizes.

LeNetConfig validates against these tables, and the settings panel, the command line, the
formulas, the presets, the runs' experiments and the stepper list what they list. Code that
branches on one option names it by the constants below (MAX, RELU, …), not by its string.
The labels are plain English for the command line; the GUI keeps its own translated texts,
keyed by the option's key.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Option:
    """One value of a LeNetConfig field."""
    key: str | bool  # the value LeNetConfig holds; the GUI's texts are keyed by it
    label: str  # what it is, for the command line's help
    word: str = ""  # the command line's name for it (--c3 table); the key if empty
    name: str = ""  # a command's output names it so ("Table 1"); the word if empty

    def __post_init__(self) -> None:
        # frozen: the defaults that derive from the key are set through object.__setattr__
        object.__setattr__(self, "word", self.word or str(self.key))
        object.__setattr__(self, "name", self.name or self.word)


@dataclass(frozen=True)
class Choice:
    """A field of LeNetConfig and its options; the first is the default, the course's."""
    field: str  # the LeNetConfig attribute
    cli: str  # compare's NAME=WORD ("" when the command line offers it otherwise)
    what: str  # the command line's help, before the options
    options: tuple[Option, ...]

    @property
    def keys(self) -> tuple:
        return tuple(o.key for o in self.options)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(o.word for o in self.options)

    @property
    def default(self) -> Option:
        return self.options[0]

    def __contains__(self, key) -> bool:
        return any(o.key == key for o in self.options)

    def __getitem__(self, key) -> Option:
        for o in self.options:
            if o.key == key:
                return o
        raise KeyError(key)

    def index(self, key) -> int:
        """The position of the option `key` (a combo box's row)."""
        for i, o in enumerate(self.options):
            if o.key == key:
                return i
        raise KeyError(key)

    def parse(self, word: str):
        """The key of the option the command line calls `word`; KeyError if there is none."""
        for o in self.options:
            if o.word == word:
                return o.key
        raise KeyError(word)

    def help(self) -> str:
        """`what` and every option: "S2/S4 sub-sampling …: max (…), mean (…), …; default max"."""
        listed = ", ".join(f"{o.word} ({o.label})" for o in self.options)
        return f"{self.what}: {listed}; default {self.default.word}"

    def check(self, value) -> None:
        if value not in self:
            raise ValueError(f"unknown {self.field} {value!r}; expected one of "
                             f"{', '.join(str(k) for k in self.keys)}")


ACTIVATION = Choice("activation", "activation", "f of every layer", (
    Option("lecun", "1.7159·tanh(2u/3), LeCun 1998's scaled tanh", name="1.7159·tanh"),
    Option("tanh", "tanh(u), the course's tanh with a = 2"),
    Option("sigmoid", "1/(1+e^-u), the course's sigmoid with a = 1"),
    Option("relu", "max(0, u)", name="ReLU"),
))
LECUN, TANH, SIGMOID, RELU = ACTIVATION.keys

POOLING = Choice("pooling", "pooling", "S2/S4 sub-sampling of each 2×2 window", (
    Option("max", "the maximum, as the course"),
    Option("mean", "¼ of the window sum"),
    Option("trainable", "f(a·Σ + b) with a and b per map, as LeNet 1998"),
))
MAX, MEAN, TRAINABLE = POOLING.keys

C3 = Choice("c3_table", "c3", "which S2 maps each C3 map reads", (
    Option(True, "the course's Table 1, 60 of the 96 pairs", word="table", name="Table 1"),
    Option(False, "all 96 pairs", word="full"),
))

F7 = Choice("f7_activation", "f7", "f at F7 before the softmax", (
    Option(False, "f7 = u_f7, linear into the softmax", word="off", name="linear F7"),
    Option(True, "f7 = f(u_f7), literally as the course writes it", word="on", name="f at F7"),
))

DTYPE = Choice("dtype", "", "the floating-point type of weights and arrays", (
    Option("float32", "single precision"),
    Option("float64", "double precision (the gradient checks)"),
))
FLOAT32, FLOAT64 = DTYPE.keys

CHOICES = (ACTIVATION, POOLING, C3, F7, DTYPE)  # in LeNetConfig's order

# The course's Table 1: rows are S2 maps k, columns C3 maps m; 60 of the 96 pairs connect.
# (The course's written-out set Cbn repeats (5,14) and lacks (5,13); the table is the authority.)
TABLE_C3 = np.array([[c == "X" for c in row] for row in (
    "X...XXX..XXXX.XX",
    "XX...XXX..XXXX.X",
    "XXX...XXX..X.XXX",
    ".XXX..XXXX..X.XX",
    "..XXX..XXXX.XX.X",
    "...XXX..XXXX.XXX",
)]).T  # (16, 6): [m, k] is True when C3 map m reads S2 map k


def c3_connections(c3_table: bool) -> np.ndarray:
    """The C3 option's connections, (16, 6) bool: [m, k] is True when C3 map m reads S2 map k.
    Table 1, or a new all-True array (callers may keep it)."""
    return TABLE_C3 if c3_table else np.ones_like(TABLE_C3)


# ----------------------------------------------------------------------------- the layers

# The kinds of layer, as the course names them: 卷积层, 下采样层, 全连接层
CONVOLUTION, SUBSAMPLING, FULLY_CONNECTED = "convolution", "sub-sampling", "fully connected"


def size_text(maps: int, side: int) -> str:
    """A layer's size as the course writes it: 6@28×28 (maps @ side × side), 32×32 for one
    map, 120 for units (side 0)."""
    if side == 0:
        return str(maps)
    if maps == 1:
        return f"{side}×{side}"
    return f"{maps}@{side}×{side}"


@dataclass(frozen=True)
class Layer:
    key: str  # "c3": the course's name, the key of the layer's entries (layer_counts()["c3"])
    kind: str  # CONVOLUTION, SUBSAMPLING or FULLY_CONNECTED
    maps: int  # feature maps, or units
    side: int  # a map's side in pixels; 0: single units

    @property
    def name(self) -> str:
        """The course's heading: "C3"."""
        return self.key.upper()

    @property
    def size(self) -> str:
        return size_text(self.maps, self.side)


LAYER_TABLE = (
    Layer("c1", CONVOLUTION, 6, 28),
    Layer("s2", SUBSAMPLING, 6, 14),
    Layer("c3", CONVOLUTION, 16, 10),
    Layer("s4", SUBSAMPLING, 16, 5),
    Layer("c5", CONVOLUTION, 120, 0),  # the course's 120@1×1: shown as 120 units
    Layer("f6", FULLY_CONNECTED, 84, 0),
    Layer("f7", FULLY_CONNECTED, 10, 0),
)
LAYERS = tuple(layer.key for layer in LAYER_TABLE)  # c1 s2 c3 s4 c5 f6 f7
