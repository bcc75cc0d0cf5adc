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

from officialdoc.fonts import FontSet
from officialdoc.layout.engine import layout_document
from officialdoc.load import load_document
from officialdoc.profile import load_profile
from officialdoc.renderers.text import dump
from pending_fixtures import renderable
from seal_images import write_seal_images

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
# fixtures the gate refuses (pending_fixtures.PENDING_LAYOUT) have no layout to compare yet
SOURCES = [
    ROOT / "content" / "2021.yaml",
    *(FIXTURES / f"{name}.yaml" for name in renderable(p.stem for p in FIXTURES.glob("*.yaml"))),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The fixtures that name seal.png and sign.png find the stand-in images here."""
    made = tmp_path_factory.mktemp("golden")
    write_seal_images(made)
    return made


@pytest.fixture(scope="module")
def fontsets() -> dict[str, FontSet]:
    """One font set per profile, shared by the fixtures of that profile."""
    return {}


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_layout_matches_golden_dump(source: Path, folder: Path, fontsets: dict[str, FontSet]):
    copy = folder / source.name
    copy.write_bytes(source.read_bytes())
    doc = load_document(copy).document
    profile = load_profile(doc.profile)
    fonts = fontsets.setdefault(profile.name, FontSet(profile))
    got = dump(layout_document(doc, profile, fonts))
    golden = GOLDEN / f"{source.stem}.layout.txt"
    if os.environ.get("OFFICIALDOC_UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden dump {golden.name}: run with OFFICIALDOC_UPDATE_GOLDEN=1"
    assert got == golden.read_text(encoding="utf-8")
