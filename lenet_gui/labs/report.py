"""The lab report: one self-contained HTML file with a lab's steps, the student's answers with
their times and verdicts, the predictions beside their truths, the figures the app drew (SVG
inline where it has them, PNG as data: URIs otherwise), the formulas of the steps typeset as
inline SVG, and the run's configuration and seed. Everything the student or the lab wrote is
escaped; the page loads nothing from anywhere; the file is written atomically."""

from __future__ import annotations

import base64
import html
import io
import re
from datetime import datetime, timezone
from pathlib import Path

from lenet_gui.labs.lab import Lab, Task
from lenet_gui.labs.progress import Answer, LabProgress, Progress, write_atomic_text

# The report's own words (the lab's texts come from the lab file in both languages).
WORDS = {
    "en": {"report": "Lab report", "course": "Course", "lab": "Lab", "file": "File",
           "started": "Started", "finished": "Finished", "not_finished": "not finished",
           "written": "Report written", "passed": "Steps passed", "answers": "Steps and answers",
           "figures": "Figures", "run": "The run", "seed": "Seed", "setting": "Setting",
           "value": "Value", "answer": "Answer", "time": "Time", "verdict": "Verdict",
           "right": "right", "wrong": "wrong", "truth": "Truth", "hint_seen": "Hint shown",
           "no_answer": "No answer recorded.", "done": "done", "read": "read",
           "step_passed": "passed", "step_open": "not passed", "prediction": "Prediction",
           "action": "(done in the app)", "no_figures": "No figures."},
    "zh": {"report": "实验报告", "course": "课程", "lab": "实验", "file": "文件",
           "started": "开始于", "finished": "完成于", "not_finished": "未完成",
           "written": "报告生成于", "passed": "已通过的步骤", "answers": "步骤与答案",
           "figures": "图", "run": "训练配置", "seed": "随机种子", "setting": "设置",
           "value": "值", "answer": "答案", "time": "时间", "verdict": "判定",
           "right": "正确", "wrong": "错误", "truth": "真实值", "hint_seen": "已显示提示",
           "no_answer": "没有记录答案。", "done": "完成", "read": "阅读",
           "step_passed": "已通过", "step_open": "未通过", "prediction": "预测",
           "action": "（在程序中完成）", "no_figures": "没有图。"},
}

STYLE = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
       max-width: 60em; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #999; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
section.step { margin: 1.2em 0; padding: 0.4em 0.8em; border-left: 4px solid #bbb; }
section.step.passed { border-left-color: #2a7; }
.ok { color: #161; font-weight: bold; } .bad { color: #a11; font-weight: bold; }
.math svg { vertical-align: middle; height: 1.4em; width: auto; }
figure { display: inline-block; margin: 0.5em; vertical-align: top; }
figure svg, figure img { max-width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { font-size: 0.9em; color: #444; }
"""


def _lang(language: str) -> str:
    return "zh" if language.lower().startswith("zh") else "en"


def _e(value) -> str:
    return html.escape(str(value), quote=True)


# ----------------------------------------------------------------------------- SVG, PNG

_DROP = [
    re.compile(r"<\?xml.*?\?>", re.S), re.compile(r"<!DOCTYPE.*?>", re.S | re.I),
    re.compile(r"<metadata\b.*?</metadata>", re.S | re.I),
    re.compile(r"<script\b.*?</script\s*>", re.S | re.I), re.compile(r"<script\b[^>]*/>", re.I),
    re.compile(r"<foreignObject\b.*?</foreignObject\s*>", re.S | re.I),
    re.compile(r"""\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')""", re.I),
]
_EXTERNAL = re.compile(r"""((?:xlink:)?href|src)\s*=\s*(["'])(?!#|data:)[^"']*\2""", re.I)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?!#|data:)[^)]*\)|@import[^;]*;""", re.I)


def clean_svg(svg: str) -> str:
    """An SVG document as an element to inline: no XML prologue, doctype, metadata, scripts
    or event handlers, and no reference to anything outside the file."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    svg = _EXTERNAL.sub(lambda m: f'{m.group(1)}="#"', svg)
    svg = _CSS_URL.sub("none", svg)
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("not an SVG image")
    return svg[start:].strip()


def figure_html(name: str, data: bytes | str) -> str:
    """One figure: inline SVG, or a PNG/JPEG as a data: URI."""
    if isinstance(data, bytes) and data.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()[:5] in (
            b"<?xml", b"<svg ", b"<svg\n", b"<!DOC"):
        data = data.decode("utf-8-sig")
    if isinstance(data, str):
        text = data.lstrip("\ufeff")
        body = clean_svg(text)
    else:
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            mime = "image/png"
        elif data[:3] == b"\xff\xd8\xff":
            mime = "image/jpeg"
        else:
            raise ValueError(f"figure {name!r} is neither SVG, PNG nor JPEG")
        body = (f'<img alt="{_e(name)}" src="data:{mime};base64,'
                f'{base64.b64encode(data).decode("ascii")}">')
    return f"<figure>{body}<figcaption>{_e(name)}</figcaption></figure>"


def math_svg(tex: str) -> str | None:
    """`tex` (mathtext, without the $) typeset as an inline SVG, or None if it does not
    typeset."""
    try:
        from matplotlib import mathtext

        out = io.BytesIO()
        mathtext.math_to_image(f"${tex}$", out, format="svg", dpi=72)
        return clean_svg(out.getvalue().decode("utf-8"))
    except Exception:  # a formula mathtext cannot parse is shown as its source
        return None


def text_html(text: str) -> str:
    """A step's text: escaped, its $…$ formulas typeset as inline SVG."""
    parts = re.split(r"(?<!\\)\$(.+?)(?<!\\)\$", text)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(_e(part.replace("\\$", "$")))
        else:
            svg = math_svg(part)
            out.append(f'<span class="math" title="{_e(part)}">{svg}</span>' if svg
                       else f"<code>{_e(part)}</code>")
    return "".join(out)


# ----------------------------------------------------------------------------- the page


def _value_text(task: Task, value, language: str) -> str:
    if value is None:
        return WORDS[_lang(language)]["action"]
    if isinstance(value, (list, tuple)):
        labels = []
        for i in value:
            try:
                labels.append(task.option_label(int(i), _lang(language)))
            except (ValueError, IndexError, TypeError):
                labels.append(str(i))
        return ", ".join(labels)
    return str(value)


def _answers_table(task: Task, answers: list[Answer], language: str) -> str:
    w = WORDS[_lang(language)]
    if not answers:
        return f"<p>{_e(w['no_answer'])}</p>"
    predict = task.kind == "predict"
    head = [w["time"], w["prediction"] if predict else w["answer"]]
    if predict:
        head.append(w["truth"])
    head.append(w["verdict"])
    rows = ["<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for a in answers:
        cells = [_e(a.time), _e(_value_text(task, a.value, language))]
        if predict:
            cells.append(_e(_value_text(task, a.truth, language)) if a.truth is not None else "")
        verdict = (f'<span class="ok">✓ {_e(w["right"])}</span>' if a.ok
                   else f'<span class="bad">✗ {_e(w["wrong"])}</span>')
        cells.append(verdict)
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "<table class=\"answers\">" + "".join(rows) + "</table>"


def report_html(lab: Lab, progress: Progress | LabProgress, figures: dict, run_config: dict,
                seed, language: str, written: str | None = None) -> str:
    lang = _lang(language)
    w = WORDS[lang]
    p = progress.lab(lab.id) if isinstance(progress, Progress) else progress
    written = written or datetime.now(timezone.utc).isoformat(timespec="seconds")
    title = lab.title.get(lang)
    passed = sum(s.id in p.passed for s in lab.steps)
    meta = [(w["lab"], lab.id), (w["course"], lab.course), (w["started"], p.started or "—"),
            (w["finished"], p.finished or w["not_finished"]), (w["written"], written),
            (w["passed"], f"{passed} / {len(lab.steps)}")]
    if lab.path is not None:
        meta.insert(1, (w["file"], lab.path.name))
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
           f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
           f"<title>{_e(w['report'])}: {_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
           f"<h1>{_e(w['report'])}: {_e(title)}</h1>\n<p>{text_html(lab.summary.get(lang))}</p>\n",
           '<table class="meta">' + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>"
                                           for k, v in meta if v) + "</table>\n",
           f"<h2>{_e(w['answers'])}</h2>\n"]
    for n, step in enumerate(lab.steps, 1):
        done = step.id in p.passed
        state = w["step_passed"] if done else w["step_open"]
        out.append(f'<section class="step{" passed" if done else ""}" id="step-{_e(step.id)}">'
                   f"<h3>{n}. {_e(step.title.get(lang))} <small>({_e(state)})</small></h3>"
                   f"<p>{text_html(step.text.get(lang))}</p>")
        if step.task.checked:
            out.append(_answers_table(step.task, p.answers.get(step.id, []), language))
            if step.id in p.hints and step.hint is not None:
                out.append(f"<p><em>{_e(w['hint_seen'])}:</em> {text_html(step.hint.get(lang))}</p>")
        out.append("</section>\n")
    out.append(f"<h2>{_e(w['figures'])}</h2>\n")
    out.append("".join(figure_html(k, v) for k, v in figures.items())
               or f"<p>{_e(w['no_figures'])}</p>")
    out.append(f"\n<h2>{_e(w['run'])}</h2>\n<table class=\"run\"><tr><th>{_e(w['setting'])}</th>"
               f"<th>{_e(w['value'])}</th></tr>")
    for k, v in [*run_config.items(), (w["seed"], seed)]:
        out.append(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>")
    out.append("</table>\n</body>\n</html>\n")
    return "".join(out)


def write_report(path, lab: Lab, progress: Progress | LabProgress, figures: dict[str, bytes | str],
                 run_config: dict, seed, language: str) -> Path:
    """Write the report of `lab` to `path` (one HTML file, atomically); returns the path.
    figures: caption → SVG text/bytes, PNG or JPEG bytes. ValueError for a figure of
    another kind; OSError (naming `path`) when it cannot be written."""
    page = report_html(lab, progress, figures, run_config, seed, language)
    path = Path(path)
    write_atomic_text(path, page)
    return path
