"""The interface languages: English (the source texts) and Simplified Chinese, with Qt's own
translation system. resources/i18n/lenet_gui_zh_CN.ts is the source (made by pyside6-lupdate
over lenet_gui/**/*.py, translated following the course's terms); the .qm beside it, made by
pyside6-lrelease, is what the app loads.

    python main.py i18n update    # lupdate (keeps existing translations), then lrelease
    python main.py i18n release   # lrelease only
    python main.py i18n check     # exit 1 if a string lacks a finished translation

Qt is imported inside the functions: importing this module does not load PySide6.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from lenet_gui.resources import resource_path

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # code -> the language's own name
DEFAULT_LANGUAGE = "en"
SETTINGS_KEY = "ui/language"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the whole lenet_gui package


def ts_path(language: str = "zh_CN") -> Path:
    return resource_path("i18n", f"lenet_gui_{language}.ts")


def qm_path(language: str = "zh_CN") -> Path:
    return resource_path("i18n", f"lenet_gui_{language}.qm")


def source_files() -> list[Path]:
    """Every Python file lupdate reads: the whole package."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def normalise_language(code: str | None) -> str:
    """'zh_CN', 'zh', 'zh_Hans_CN' … -> 'zh_CN'; anything else -> 'en'."""
    code = (code or "").replace("-", "_")
    return "zh_CN" if code.lower().startswith("zh") else DEFAULT_LANGUAGE


def system_language() -> str:
    from PySide6.QtCore import QLocale

    return normalise_language(QLocale.system().name())


# ----------------------------------------------------------------------------- at run time


class Translators:
    """The QTranslators installed on the application for the current language: the app's own
    and Qt's qtbase (the standard dialogs' buttons). Installing or removing one makes Qt send
    a LanguageChange event to every widget, which retranslates (or rebuilds) it
    (gui/widgets/language.py)."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE
        self._installed: list = []

    def set_language(self, language: str, app=None) -> bool:
        """Switch the application to `language` ('en' or 'zh_CN'). Returns False (and stays
        in English) when the .qm cannot be loaded."""
        from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

        app = app or QCoreApplication.instance()
        language = normalise_language(language)
        if language == self.language and (self._installed or language == DEFAULT_LANGUAGE):
            return True
        new = []
        if language != DEFAULT_LANGUAGE:
            own = QTranslator(app)
            try:
                path = qm_path(language)
            except FileNotFoundError:
                return False
            if not own.load(str(path)):
                return False
            new.append(own)
            qt = QTranslator(app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{language}", qt_dir):
                new.append(qt)
        for t in self._installed:
            app.removeTranslator(t)
            t.deleteLater()
        for t in new:
            app.installTranslator(t)
        self._installed = new
        self.language = language
        return True


_TRANSLATORS = Translators()


def set_language(language: str, app=None) -> bool:
    """Install the translators of `language` on the application (see Translators)."""
    return _TRANSLATORS.set_language(language, app)


def current_language() -> str:
    return _TRANSLATORS.language


# ----------------------------------------------------------------------------- the .ts file


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) -> (translation, type) of a .ts file; type '' means finished."""
    out = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = "".join(tr.itertext()) if tr is not None else ""
            numerus = tr.findall("numerusform") if tr is not None else []
            if numerus:
                text = "|".join(n.text or "" for n in numerus)
            out[(name, msg.findtext("source") or "")] = (
                text, (tr.get("type") or "") if tr is not None else "unfinished")
    return out


def untranslated(path: Path | None = None) -> list[tuple[str, str]]:
    """(context, source) pairs of the .ts with an empty, unfinished or obsolete translation."""
    entries = read_ts(path or ts_path())
    return [key for key, (text, kind) in entries.items()
            if kind in ("unfinished", "vanished", "obsolete") or not text.strip()]


def _tool(name: str) -> str:
    exe = shutil.which(name) or shutil.which(name.replace("pyside6-", ""))
    if exe is None:
        raise FileNotFoundError(f"{name} not found on PATH (it comes with PySide6)")
    return exe


def lupdate(ts: Path, sources: list[Path] | None = None, no_obsolete: bool = True) -> None:
    """Extract the source texts into `ts`, keeping its existing translations."""
    args = [_tool("pyside6-lupdate"), *map(str, sources or source_files())]
    if no_obsolete:
        args.append("-no-obsolete")
    args += ["-locations", "none", "-target-language", ts.stem.split("_", 2)[-1]]
    subprocess.run([*args, "-ts", str(ts)], check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True, text=True)
