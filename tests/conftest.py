import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A pytest-xdist worker shares the cores with the other workers: the model's own second thread
# and its helper process would only contend with them. Results are the same for any count of
# threads or processes (tests/test_determinism.py), and the tests of the threads and the helper
# set their own.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("LENET_THREADS", "1")

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

from tests import helpers, portable

# Hypothesis's profiles for the fuzz tests (marker `fuzz`, docs/RELIABILITY.md). A fuzz test never
# sets max_examples itself: "suite" (the default) runs a few examples, the same ones every run
# (derandomize), so the whole suite stays deterministic and quick; "long"
# (`python -m pytest -m fuzz --hypothesis-profile long`, minutes) runs thousands, at random, and
# keeps what fails in .hypothesis/ to replay it (LENET_FUZZ_EXAMPLES=n: n a test instead of
# 2,000). No deadline and no "too slow" check: a test never depends on how fast the machine is.
settings.register_profile("suite", max_examples=12, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("LENET_FUZZ_EXAMPLES", 2000)),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          print_blob=True)
settings.load_profile("suite")


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


@pytest.fixture(scope="session")
def mnist():
    """The embedded MNIST, read once for the whole session (read-only arrays)."""
    return helpers.mnist()


# ----------------------------------------------------------------- the portable mode (portable.py)


def pytest_addoption(parser):
    parser.addoption("--portable", action="store_true",
                     help="run as on a system without Linux's extras (no os.fchmod/pread, /proc, "
                     "/dev/shm, glibc, helper process; a cp1252 console); also LENET_PORTABLE=1")


def pytest_configure(config):
    if config.getoption("--portable"):
        os.environ[portable.ENV] = "1"
    if portable.active():
        config._portable_env = {k: os.environ.get(k) for k in (portable.ENV, "PYTHONPATH")}
        os.environ.update(portable.child_env({k: os.environ.get(k, "") for k in
                                              (portable.ENV, "PYTHONPATH")}))
        portable.install()


def pytest_unconfigure(config):
    saved = getattr(config, "_portable_env", None)
    if saved is None:
        return
    portable.uninstall()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def pytest_collection_finish(session):
    """What exists once every test module is imported (Qt, pyqtgraph, NumPy, the package, the
    tests) lives to the end: freeze it out of the cyclic collector. The GUI tests collect twice
    after each test (tests/gui/conftest.py), and each collection then walks only what the tests
    made since: about 50,000 objects instead of 150,000 (0.18 s a collection before, 0.05 s
    after, with a window open). A frozen object is never collected, which only matters for
    garbage made before the first test."""
    import gc

    gc.collect()
    gc.freeze()


def pytest_report_header(config):
    return portable.SUMMARY if portable.active() else None


# The files whose tests save, load, export, keep runs and timelines, train or run the command
# line: where Windows and macOS take their own paths. `-m portable` selects them (CI runs them
# under --portable beside the whole suite). The window's runs and timeline tests, replay, and the
# thread and helper-process tests, the trainer's and the other commands' tests are left out:
# they reach the same writers, readers and console as test_runs, test_timeline, test_export,
# test_faults and test_backprop_cli, and took two thirds of the portable run.
PORTABLE_FILES = frozenset({
    "test_checkpoint.py", "test_runs.py", "test_timeline.py", "test_backprop_cli.py",
    "test_classify.py", "test_platforms.py", "test_bundle.py", "test_export.py", "test_faults.py",
    "test_folders.py",
})


@pytest.hookimpl(tryfirst=True)  # the marks are on before `-m` deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in PORTABLE_FILES:
            item.add_marker("portable")
    if not portable.active() and os.name == "posix":
        return
    for item in items:
        mark = item.get_closest_marker("posix_only")
        if mark is not None:
            what = mark.args[0] if mark.args else "a POSIX system"
            item.add_marker(pytest.mark.skip(reason=f"POSIX only ({what})"))


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item):
    """Inside pytest's capture (trylast: the innermost wrapper), the test's console is cp1252."""
    if not portable.active():
        return (yield)
    with portable.console():
        return (yield)


@pytest.fixture
def two_workers(monkeypatch):
    """The model's two workers with the helper process allowed (the suite's xdist workers run
    one thread); afterwards no helper and the defaults back."""
    from lenet_gui.model import _procs, set_num_threads

    monkeypatch.delenv(_procs.ENV_VAR, raising=False)
    set_num_threads(2)
    monkeypatch.setattr(_procs, "_broken", False)
    yield
    _procs.shutdown()
    set_num_threads(None)
