"""`lenet-gui evaluate`: a checkpoint's test loss, accuracy per class and overall, and the
confusion matrix; on MNIST's test set, or with `--images DIR` on a folder of pictures in the
one-folder-per-class layout (DIR/0/*.png … DIR/9/*.png), whose last line is
`accuracy: 97.40% (487 of 500 images)`."""

from __future__ import annotations

from lenet_gui.commands._common import CliError, default_weights, load_data, load_weights, percent


def add_parser(sub):
    e = sub.add_parser("evaluate", help="accuracy, per-class accuracy, confusion matrix")
    e.add_argument("--weights", default=None, help="checkpoint (default: the shipped weights)")
    e.add_argument("--data", default=None)
    e.add_argument("--images", default=None, metavar="DIR",
                   help="a folder of pictures DIR/0/*.png … DIR/9/*.png (PNG, JPEG, BMP, any "
                   "size or background) instead of MNIST's test set")
    return e


def print_result(r) -> None:
    """Per-class accuracy and the confusion matrix of an EvalResult."""
    print("per-class accuracy:")
    for k in range(10):
        n = int(r.confusion[k].sum())
        acc = f"{r.per_class_accuracy[k] * 100:6.2f}%" if n else "   n/a "
        print(f"  {k}: {acc}  (precision {r.per_class_precision[k] * 100:6.2f}%, {n} images)")
    print("confusion matrix (rows: true, columns: predicted):")
    print("      " + "".join(f"{k:>6}" for k in range(10)))
    for k in range(10):
        print(f"  {k:>2}  " + "".join(f"{v:>6}" for v in r.confusion[k]))


def run(args) -> int:
    from lenet_gui.train import evaluate

    if args.images is not None and args.data is not None:
        raise CliError("--images and --data cannot be combined: evaluate on one or the other")
    ckpt = load_weights(args.weights)
    net = ckpt.to_net()
    if args.images is not None:
        from lenet_gui.data.folders import read_image_folder

        folder = read_image_folder(args.images)  # FolderError → one line (the guard)
        r = evaluate(net, folder.images, folder.labels, processes=True)
        print(f"weights: {args.weights or default_weights()}")
        print(f"images: {len(folder):,} from {folder.root}")
        if folder.skipped:
            print(folder.skipped_message())
        print(f"loss: {r.loss:.4f}")
        print_result(r)
        correct = int(r.confusion.trace())
        print(f"accuracy: {r.accuracy * 100:.2f}% ({correct} of {len(folder)} images)")
        return 0
    data = load_data(args.data)
    r = evaluate(net, data.test_images, data.test_labels, processes=True)
    print(f"weights: {args.weights or default_weights()}  (recorded test accuracy: "
          f"{percent(ckpt.meta.get('test_accuracy'))})")
    print(f"test images: {len(data.test_labels):,} from {data.source}")
    print(f"test loss: {r.loss:.4f}")
    print_result(r)
    print(f"test accuracy: {r.accuracy * 100:.2f}%")
    return 0
