"""Where the shipped data, weights and translations are: resources/ beside the package in a
checkout, or lenet_gui/_resources inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_root() -> Path:
    for candidate in (_PACKAGE / "_resources", _PACKAGE.parent / "resources"):
        if (candidate / "mnist").is_dir():
            return candidate
    raise FileNotFoundError(f"lenet_gui resources not found beside {_PACKAGE}")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
