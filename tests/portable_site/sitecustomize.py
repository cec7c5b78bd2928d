"""A child Python of the portable test mode (tests/portable.py): with LENET_PORTABLE=1 it runs
on the same simulated platform as the tests that started it."""

import os

if os.environ.get("LENET_PORTABLE") == "1":
    import importlib.util
    import sys

    _path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "portable.py")
    _spec = importlib.util.spec_from_file_location("lenet_portable", _path)
    _portable = importlib.util.module_from_spec(_spec)
    sys.modules["lenet_portable"] = _portable
    _spec.loader.exec_module(_portable)
    _portable.install()
