"""The domain core must not import Textual: the CLI's check and search stay
fast, and the core can be reused without a terminal. import-linter checks
the same contract statically; this test checks it at run time."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.core

CORE = sorted(f"tui.core.{m.name}" for m in pkgutil.iter_modules([str(Path(tui.core.__file__).parent)]))


def test_every_core_module_is_listed():
    assert "tui.core.reading" in CORE and len(CORE) >= 10


def test_nothing_under_core_imports_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE + ['tui.cli']!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
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
