"""The domain core must not import Textual: the CLI's check and search stay
fast, and the core can be reused without a terminal."""

import subprocess
import sys

CORE = [
    "tui.model",
    "tui.load",
    "tui.index",
    "tui.search",
    "tui.text",
    "tui.tomlpos",
    "tui.cli",
    "tui.cache",
    "tui.preload",
    "tui.people",
    "tui.state",
    "tui.export",
]


def test_core_imports_no_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError as exc:\n"
        "        if exc.name != name: raise\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_check_command_does_not_load_textual():
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "rc = main(['check'])\n"
        "assert 'textual' not in sys.modules\n"
        "raise SystemExit(rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
