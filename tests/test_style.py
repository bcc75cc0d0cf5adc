"""The code base is ruff clean (part of the suite, so CI enforces it)."""

from __future__ import annotations

import subprocess
import sys


def test_ruff_clean(repo_root):
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "bench"],
                            cwd=repo_root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
