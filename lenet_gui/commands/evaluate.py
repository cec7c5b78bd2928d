"""`lenet-gui evaluate`: a checkpoint's test loss, accuracy per class and overall, and the
confusion matrix."""

from __future__ import annotations

from lenet_gui.commands._common import default_weights, load_data, load_weights, percent


def add_parser(sub):
    e = sub.add_parser("evaluate", help="accuracy, per-class accuracy, confusion matrix")
    e.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    e.add_argument("--data", default=None)
    return e


def run(args) -> int:
    from lenet_gui.train import evaluate

    ckpt = load_weights(args.weights)
    data = load_data(args.data)
    net = ckpt.to_net()
    r = evaluate(net, data.test_images, data.test_labels)
    print(f"weights: {args.weights or default_weights()}  (recorded test accuracy: "
          f"{percent(ckpt.meta.get('test_accuracy'))})")
    print(f"test images: {len(data.test_labels):,} from {data.source}")
    print(f"test loss: {r.loss:.4f}")
    print("per-class accuracy:")
    for k in range(10):
        print(f"  {k}: {r.per_class_accuracy[k] * 100:6.2f}%  (precision "
              f"{r.per_class_precision[k] * 100:6.2f}%, {int(r.confusion[k].sum())} images)")
    print("confusion matrix (rows: true, columns: predicted):")
    print("      " + "".join(f"{k:>6}" for k in range(10)))
    for k in range(10):
        print(f"  {k:>2}  " + "".join(f"{v:>6}" for v in r.confusion[k]))
    print(f"test accuracy: {r.accuracy * 100:.2f}%")
    return 0
