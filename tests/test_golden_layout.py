"""The layout result of the seed and of every fixture against its golden dump (tests/golden/).

The fast layer under the PDF and LibreOffice tests: layout only, no file rendered. A change
to layout shows here as a readable diff of lines (page, slot, x, width, element, text).
After an intended change, regenerate the dumps and review the diff:

    OFFICIALDOC_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden_layout.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from officialdoc.renderers.text import dump

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [
    ROOT / "content" / "2021.yaml",
    *sorted(FIXTURES.glob("*.yaml")),
]


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_layout_matches_golden_dump(source: Path, laid_out):
    got = dump(laid_out(source))
    golden = GOLDEN / f"{source.stem}.layout.txt"
    if os.environ.get("OFFICIALDOC_UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden dump {golden.name}: run with OFFICIALDOC_UPDATE_GOLDEN=1"
    assert got == golden.read_text(encoding="utf-8")
