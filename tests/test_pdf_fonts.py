"""Every font of every PDF is embedded (archival validators such as PDF/A refuse any other):
``pdffonts`` over the seed and every fixture lists no ``emb no``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from officialdoc.api import render_document
from officialdoc.load import load_document
from pending_fixtures import renderable
from seal_images import write_seal_images

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DOCUMENTS = [
    ROOT / "content" / "2021.yaml",
    *(FIXTURES / f"{name}.yaml" for name in renderable(path.stem for path in FIXTURES.glob("*.yaml"))),
]


@pytest.fixture(scope="module")
def pdffonts() -> str:
    found = shutil.which("pdffonts")
    if found is None and os.environ.get("CI"):
        pytest.fail("pdffonts (poppler-utils) is missing in CI: .ci/run must install it")
    if found is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    return found


@pytest.mark.parametrize("content", DOCUMENTS, ids=lambda p: p.stem)
def test_every_font_is_embedded(content, tmp_path, pdffonts):
    shutil.copy(content, tmp_path / content.name)
    write_seal_images(tmp_path)  # the fixtures that name seal.png and sign.png
    (pdf,), _ = render_document(load_document(tmp_path / content.name).document, tmp_path / "out", ["pdf"])
    listing = subprocess.run([pdffonts, pdf], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = listing[2:]  # after the header and its rule
    assert rows, listing
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == [], "\n".join(listing)
