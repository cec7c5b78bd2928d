"""`lenet-gui lab list|check|verify`: the shipped labs one a line; check a teacher's lab file
(one line: ok, or the first error with its line and field; exit 1 on an error); run every lab's
reference answers in an offscreen window (docs/LABS.md)."""

from __future__ import annotations

from lenet_gui.commands._common import EXIT_ERROR, EXIT_OK

LANGUAGES = ("en", "zh_CN")


def add_parser(sub):
    p = sub.add_parser("lab", help="list, check and verify the labs",
                       description="The labs: list the shipped ones; check a lab file against "
                       "the format (docs/LABS.md); verify that each lab passes with its reference "
                       "answers, and does not pass without them, in an offscreen window.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=type(p))
    ls = actions.add_parser("list", help="the shipped labs, one a line: id, steps, title")
    ls.add_argument("--language", default="en", choices=LANGUAGES, help="title language")
    check = actions.add_parser("check", help="check lab files: ok, or the first error (exit 1)")
    check.add_argument("files", nargs="+", metavar="FILE", help="a lab file (.toml)")
    verify = actions.add_parser("verify", help="run each lab's reference answers offscreen")
    verify.add_argument("files", nargs="*", metavar="FILE",
                        help="lab files (default: every shipped lab)")
    verify.add_argument("--language", default="en", choices=LANGUAGES,
                        help="interface and lab language (default en)")
    return p


def window_names() -> tuple[list[str] | None, list[str] | None]:
    """The panels and perspectives of the window, to check the names a lab uses; (None, None)
    where Qt is not installed (the names are then left unchecked)."""
    try:
        from lenet_gui.gui.panels.registry import names
        from lenet_gui.gui.window.perspectives import PERSPECTIVES
    except ImportError:
        return None, None
    return names(), [p.name for p in PERSPECTIVES]


def run(args) -> int:
    from lenet_gui.labs import LabError, load_lab, shipped_labs

    if args.action == "verify":
        from lenet_gui.gui.labs_verify import verify

        return int(verify([*args.files] or shipped_labs(), args.language))
    panels, perspectives = window_names()
    if args.action == "list":
        labs = [load_lab(p, panels=panels, perspectives=perspectives) for p in shipped_labs()]
        width = max((len(lab.id) for lab in labs), default=0)
        for lab in labs:
            steps = f"{len(lab.steps)} steps"
            print(f"{lab.id:<{width}}  {steps:>8}  {lab.title.get(args.language)}")
        return EXIT_OK
    failed = 0
    for path in args.files:
        try:
            lab = load_lab(path, panels=panels, perspectives=perspectives)
        except LabError as e:
            print(e)
            failed += 1
            continue
        missing = sum(s.task.checked and not s.task.has_reference for s in lab.steps)
        tail = f", {missing} without a reference answer (lab verify cannot pass)" if missing else ""
        name = f"{path}: " if len(args.files) > 1 else ""
        print(f"{name}ok: {len(lab.steps)} steps, {lab.checked_tasks} checked tasks{tail}")
    return EXIT_ERROR if failed else EXIT_OK
