"""What the stepper's formulas alone do not say, as translatable lines (Msg, context
"BackpropWalk"): the course's Cbn and its typo, why F7 has no f by default, the mask matrix's
first-maximum rule against the course's tie-copying msk, δ(s2)'s zero padding, and how training
differs from the course's plain update (weight decay, momentum). No Qt here."""

from __future__ import annotations

from lenet_gui.explain.messages import QT_TRANSLATE_NOOP, Msg


def cbn_notes(c3_table: bool) -> tuple[str, ...]:
    if not c3_table:
        return (Msg(QT_TRANSLATE_NOOP("BackpropWalk", "C3 is full here: every S2 map feeds "
                                      "every C3 map (no Cbn mask).")),)
    return (Msg(QT_TRANSLATE_NOOP(
        "BackpropWalk", "Cbn is the set of the 60 pairs (k, m) marked in the course's Table 1: "
        "S2 map k feeds C3 map m. The course's written-out Cbn list has a typo (it lists (5,14) "
        "twice and lacks (5,13)); Table 1 is the authority, used here.")),)


def f7_note(f7_activation: bool) -> str:
    if f7_activation:
        return Msg(QT_TRANSLATE_NOOP(
            "BackpropWalk", "f at F7, as the course writes it: a bounded f caps the "
            "probabilities (with 1.7159·tanh, y ≤ 0.775, so J ≥ 0.255 even for a perfect "
            "answer) and the gradient never stops pushing."))
    return Msg(QT_TRANSLATE_NOOP(
        "BackpropWalk", "F7 is linear here (the default): with f at F7, a bounded f caps the "
        "probabilities (1.7159·tanh: y ≤ 0.775, so J ≥ 0.255 even for a perfect answer); "
        "without it y can reach 1 and J 0."))


def msk_note(msk: str) -> str:
    return Msg(QT_TRANSLATE_NOOP(
        "BackpropWalk", "{msk} is the course's mask matrix (掩膜矩阵). The model routes each "
        "window's δ to ONE element, the first maximum in row-major order (the smallest 2u+v; "
        "as PyTorch does). The course's msk below is 1 at EVERY element equal to the maximum, "
        "which copies δ to every tied maximum: on the flat background most windows are ties, "
        "and the copies would double-count."), msk=msk)


def padding_note() -> str:
    return Msg(QT_TRANSLATE_NOOP(
        "BackpropWalk", "Zero padding: in δ(s2) the C3 indices i−2+u and j−2+v run over −4…15, "
        "but C3 maps are 0…9; the terms outside are zero (δ(u_c3) padded with 4 zeros on every "
        "side). The course does not say so."))


def decay_note(weight_decay: float, momentum: float) -> str:
    return Msg(QT_TRANSLATE_NOOP(
        "BackpropWalk", "Training adds weight decay λ = {wd:g} (J + λ/2·Σw² on the weights, not "
        "the biases: each step also takes α·λ·w off every w) and momentum μ = {mu:g} over "
        "mini-batches of images; this step is the course's plain θ := θ − α·∂J/∂θ on one "
        "sample."), wd=weight_decay, mu=momentum)
