"""Every page of the seed, of every fixture and of the repros it fixes, scanned for what a
clerk rejects (tests/pagescan.py): a heading on a page's last line or without its first body
lines, a page holding only the 版头/title/主送, a page holding only a table's header and one
row. LibreOffice's rendering of the DOCX is scanned in tests/test_docx_matches_pdf.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from officialdoc.fonts import FontSet
from officialdoc.layout.engine import layout_document
from officialdoc.layout.result import Kind, LaidOutDocument
from officialdoc.load import load_document
from officialdoc.profile import load_profile
from pagescan import page_faults
from pending_fixtures import renderable
from seal_images import write_seal_images

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [
    ROOT / "content" / "2021.yaml",
    *(FIXTURES / f"{n}.yaml" for n in renderable(p.stem for p in FIXTURES.glob("*.yaml"))),
]
REPROS = ["heading_foot", "short_qingshi"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    made = tmp_path_factory.mktemp("scan")
    write_seal_images(made)
    return made


@pytest.fixture(scope="module")
def fontsets() -> dict[str, FontSet]:
    return {}


def laid_out(source: Path, folder: Path, fontsets: dict[str, FontSet], **headings) -> LaidOutDocument:
    copy = folder / source.name
    copy.write_bytes(source.read_bytes())
    doc = load_document(copy).document
    profile = load_profile(doc.profile)
    fonts = fontsets.setdefault(profile.name, FontSet(profile))
    if headings:
        profile = dataclasses.replace(profile, headings=dataclasses.replace(profile.headings, **headings))
    return layout_document(doc, profile, fonts)


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_no_page_a_clerk_rejects(source, folder, fontsets):
    assert page_faults(laid_out(source, folder, fontsets)) == []


@pytest.mark.parametrize("name", REPROS)
def test_repro_pages(name, shared_dir, folder, fontsets):
    assert page_faults(laid_out(shared_dir / "repro" / f"{name}.yaml", folder, fontsets)) == []


def test_scan_finds_a_heading_left_at_the_page_foot(shared_dir, folder, fontsets):
    """Without the keep rule the repro's heading is page 1's last line: the scan says so."""
    result = laid_out(shared_dir / "repro" / "heading_foot.yaml", folder, fontsets, keep_body_lines=(0, 0, 0, 0))
    assert page_faults(result) == ["page 1: heading '一、测试标题' is its last line"]


def test_scan_finds_a_page_of_only_the_head(shared_dir, folder, fontsets):
    """The repro's page 1 with its body lines taken away holds only 版头, title and 主送."""
    result = laid_out(shared_dir / "repro" / "short_qingshi.yaml", folder, fontsets)
    first = result.pages[0]
    first.lines = [x for x in first.lines if x.owner < 0 or result.elements[x.owner].kind is not Kind.PARAGRAPH]
    assert page_faults(result) == ["page 1: only the 版头, title and 主送"]
