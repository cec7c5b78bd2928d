"""`lenet-gui explain (IMAGE | --sample N) --method saliency|occlusion|maximize|fgsm --out FILE.png`:
why the network said k, as a picture. saliency: |∂y_k/∂x| and gradient × input; occlusion: the
drop of y_k under a sliding blank patch; maximize: the input a unit looks for (without --unit,
the whole layer's gallery); fgsm: the ε-step that fools it, or with --class K the smallest
targeted change that makes it say K. Prints the prediction (before and after, where the input
changes); ε is in [0, 1] pixels (×1.275 in the input's scale)."""

from __future__ import annotations

import time

import numpy as np

from lenet_gui.commands._common import UsageError, load_weights

METHODS = ("saliency", "occlusion", "maximize", "fgsm")
CURVE_EPSILONS = (0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3)


def add_parser(sub):
    from lenet_gui.explain import UNIT_LAYERS

    p = sub.add_parser("explain", help="explain a prediction as a picture (saliency, occlusion, "
                       "what a unit looks for, an adversarial change)",
                       description="Explain a prediction of LeNet-5 as a PNG. ε is in pixels of "
                       "the [0, 1] range, as in the FGSM literature: our input maps a pixel p to "
                       "−0.1 + 1.275·p, so ε pixels is 1.275·ε in the input's scale.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("image", nargs="?", default=None, metavar="IMAGE",
                     help="a picture of a digit, prepared as the canvas prepares a drawing")
    src.add_argument("--sample", type=int, default=None, metavar="N", help="test image index")
    p.add_argument("--method", choices=METHODS, required=True)
    p.add_argument("--class", dest="k", type=int, default=None, metavar="K",
                   help="saliency/occlusion: the class k of y_k (default: the prediction); "
                   "fgsm: make it say K (a targeted change)")
    p.add_argument("--epsilon", type=float, default=0.1, metavar="E",
                   help="fgsm: ε in [0, 1] pixels (default 0.1); with --class K, the largest ε "
                   "tried (default 0.3)")
    p.add_argument("--iterative", action="store_true", help="fgsm: 10 projected steps instead of one")
    p.add_argument("--layer", choices=tuple(UNIT_LAYERS), default="c3",
                   help="maximize: the layer (default c3)")
    p.add_argument("--unit", type=int, default=None, metavar="U",
                   help="maximize: the map (c1, c3) or unit; default: all, as a gallery")
    p.add_argument("--steps", type=int, default=100, help="maximize: ascent steps (default 100)")
    p.add_argument("--size", type=int, default=4, help="occlusion: patch side (default 4)")
    p.add_argument("--stride", type=int, default=2, help="occlusion: patch step (default 2)")
    p.add_argument("--weights", default=None, metavar="FILE",
                   help="checkpoint (default: the shipped weights)")
    p.add_argument("--data", default=None, help="directory of the MNIST IDX files")
    p.add_argument("--out", required=True, metavar="FILE.png", help="the picture to write")
    return p


def _input(args):
    """(x (1, 1, 32, 32), a description, the true label or None)."""
    if args.image is not None:
        from lenet_gui.data.images import load_digit

        return load_digit(args.image), args.image, None
    from lenet_gui.data import load_mnist, normalise

    data = load_mnist(args.data)
    n = len(data.test_labels)
    i = 0 if args.sample is None else args.sample
    if not 0 <= i < n:
        raise UsageError(f"--sample must be a test index 0–{n - 1}, got {i}")
    label = int(data.test_labels[i])
    return normalise(data.test_images[i : i + 1]), f"test #{i} (label {label})", label


def _says(net, x) -> tuple[int, float]:
    y = net.predict(np.asarray(x, net.dtype).reshape(1, 1, 32, 32))[0]
    k = int(y.argmax())
    return k, float(y[k])


def run(args) -> int:
    from lenet_gui.data.atomic import write_atomic
    from lenet_gui.explain import figures as figs

    if args.k is not None and not 0 <= args.k <= 9:
        raise UsageError(f"--class must be a digit 0–9, got {args.k}")
    if not args.out.lower().endswith(".png"):
        raise UsageError(f"--out must name a .png file, got {args.out}")
    net = load_weights(args.weights).to_net()
    t0 = time.perf_counter()
    if args.method == "maximize":
        fig = _maximize(net, args, figs)
    else:
        x, source, label = _input(args)
        k0, p0 = _says(net, x)
        print(f"{source}: {k0} ({p0 * 100:.1f}%)")
        heading = f"{source}: the net says {k0} ({p0 * 100:.1f}%)"
        fig = {"saliency": _saliency, "occlusion": _occlusion, "fgsm": _fgsm}[args.method](
            net, args, figs, x, label if label is not None else k0, heading)
    png = figs.png_bytes(fig)
    write_atomic(args.out, lambda fh: fh.write(png))  # all or nothing, never a half PNG
    print(f"wrote {args.out} ({time.perf_counter() - t0:.2f} s)")
    return 0


def _saliency(net, args, figs, x, label, heading):
    from lenet_gui.explain import gradient_times_input, saliency

    k = args.k
    sal = saliency(net, x, k)
    k = _says(net, x)[0] if k is None else k
    return figs.saliency_figure(x[0, 0], sal, gradient_times_input(net, x, k), k,
                                heading + f"; explaining y{figs._sub(k)}")


def _occlusion(net, args, figs, x, label, heading):
    from lenet_gui.explain import occlusion

    if args.size < 1 or args.size > 32 or args.stride < 1:
        raise UsageError("--size must be 1–32 and --stride at least 1")
    k = _says(net, x)[0] if args.k is None else args.k
    occ = occlusion(net, x, k, size=args.size, stride=args.stride)
    return figs.occlusion_figure(x[0, 0], occ, k, args.size, args.stride, heading)


def _fgsm(net, args, figs, x, label, heading):
    from lenet_gui.data.preprocess import PIXEL_RANGE
    from lenet_gui.explain import fgsm, iterative_fgsm, targeted, y_against_epsilon

    if not (0 <= args.epsilon <= 1):
        raise UsageError(f"--epsilon must be in [0, 1] (pixels), got {args.epsilon}")
    if args.k is not None:  # make it a K
        eps_max = 0.3 if args.epsilon == 0.1 else args.epsilon
        x_adv, eps = targeted(net, x, args.k, epsilon_max=eps_max)
        k1, p1 = _says(net, x_adv)
        found = f"ε = {eps:.2f}" if eps is not None else f"not reached within ε = {eps_max:g}"
        print(f"targeted {args.k}: {found}; now {k1} ({p1 * 100:.1f}%)")
        return figs.attack_figure(
            x[0, 0], x_adv[0, 0], (eps or eps_max) * PIXEL_RANGE, None, None, label,
            heading + f" → make it a {args.k}: {found}, now {k1} ({p1 * 100:.1f}%)",
            f"the change (ε = {eps or eps_max:.2f} of the pixel range)")
    attack = iterative_fgsm if args.iterative else fgsm
    x_adv = attack(net, x, label, args.epsilon)
    k1, p1 = _says(net, x_adv)
    print(f"{'iterative ' if args.iterative else ''}FGSM ε = {args.epsilon:g} against label "
          f"{label}: now {k1} ({p1 * 100:.1f}%)")
    curve = y_against_epsilon(net, x, label, CURVE_EPSILONS, iterative=args.iterative)
    name = "iterative FGSM" if args.iterative else "FGSM"
    return figs.attack_figure(
        x[0, 0], x_adv[0, 0], args.epsilon * PIXEL_RANGE, curve, CURVE_EPSILONS, label,
        heading + f" → {name} ε = {args.epsilon:g}: now {k1} ({p1 * 100:.1f}%)",
        f"{name} change (ε = {args.epsilon:g} of the pixel range)")


def _maximize(net, args, figs):
    from lenet_gui.explain import maximize, maximize_all, n_units

    if args.image is not None or args.sample is not None:
        raise UsageError("--method maximize starts from grey: give no IMAGE or --sample")
    if args.steps < 1:
        raise UsageError(f"--steps must be at least 1, got {args.steps}")
    layer, what = args.layer, "map" if args.layer in ("c1", "c3") else "unit"
    meaning = {"c1": "u of the map's centre unit", "c3": "mean u of the map"}.get(layer, "u")
    if args.unit is not None:
        if not 0 <= args.unit < n_units(layer):
            raise UsageError(f"--unit must be 0–{n_units(layer) - 1} for {layer}")
        r = maximize(net, layer, args.unit, steps=args.steps)
        a = r.activations[:, 0]
        print(f"{layer} {what} {args.unit}: {meaning} {a[0]:.3f} → {a[-1]:.3f}")
        return figs.unit_figure(r.x[0, 0], a, f"What {layer.upper()} {what} {args.unit} looks for: "
                                f"{meaning} {a[0]:.2f} → {a[-1]:.2f}")
    r = maximize_all(net, layer, steps=args.steps)
    a = r.activations[-1]
    print(f"{layer}: {len(a)} {what}s, {meaning} from grey {r.activations[0].mean():.3f} → "
          f"{a.mean():.3f} on average")
    label = "class" if layer == "f7" else what
    cols = {"c1": 6, "c3": 8, "c5": 12, "f6": 12, "f7": 5}[layer]
    return figs.gallery_figure(r.x[:, 0], [f"{label} {u}: {v:.2f}" for u, v in zip(r.units, a)],
                               f"What each {layer.upper()} {what} looks for: the input that "
                               f"maximises its {meaning} (value shown), from grey", cols)
