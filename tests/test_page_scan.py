"""Every page of the seed, of every fixture and of the repros it fixes, scanned for what a
clerk rejects (tests/pagescan.py): a heading on a page's last line or without its first body
lines, a page holding only the 版头/title/主送, a page holding only a table's header and one
row. LibreOffice's rendering of the DOCX is scanned in tests/test_docx_matches_pdf.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from officialdoc.layout.result import Kind, LaidOutDocument
from pagescan import page_faults

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [
    ROOT / "content" / "2021.yaml",
    *sorted(FIXTURES.glob("*.yaml")),
]
REPROS = ["heading_foot", "short_qingshi"]


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_no_page_a_clerk_rejects(source, laid_out):
    assert page_faults(laid_out(source)) == []


@pytest.mark.parametrize("name", REPROS)
def test_repro_pages(name, shared_dir, laid_out):
    assert page_faults(laid_out(shared_dir / "repro" / f"{name}.yaml")) == []


def test_scan_finds_a_heading_left_at_the_page_foot(shared_dir, laid_out):
    """Without the keep rule the repro's heading is page 1's last line: the scan says so."""
    result = laid_out(shared_dir / "repro" / "heading_foot.yaml", keep_body_lines=(0, 0, 0, 0))
    assert page_faults(result) == ["page 1: heading '一、测试标题' is its last line"]


def test_scan_finds_a_page_of_only_the_head(shared_dir, laid_out):
    """The repro's page 1 with its body lines taken away holds only 版头, title and 主送."""
    result = laid_out(shared_dir / "repro" / "short_qingshi.yaml")
    first = result.pages[0]
    first.lines = [x for x in first.lines if x.owner < 0 or result.elements[x.owner].kind is not Kind.PARAGRAPH]
    assert page_faults(result) == ["page 1: only the 版头, title and 主送"]


def _headings(result: LaidOutDocument) -> list[tuple[str, int, int, bool]]:
    """Each heading's text, page and grid line, and whether layout moved it to a new page."""
    found = []
    for index, placed in enumerate(result.elements):
        if placed.kind is Kind.HEADING:
            page = result.pages[placed.pages[0] - 1]
            line = next(x for x in page.lines if x.owner == index)
            found.append((line.text, page.index, line.slot, placed.plan.keep.new_page))
    return found


def test_headings_start_a_new_page_with_their_body_lines(laid_out):
    """headings_keep.yaml: a level-1 heading that would keep one body line, a level-2 heading on
    the last grid line and a level-1 + level-2 pair on the last two grid lines each start the
    next page (the pair together: the level-1 heading keeps two body lines under both)."""
    result = laid_out(FIXTURES / "headings_keep.yaml")
    assert _headings(result) == [
        ("一、总体要求", 2, 0, True),
        ("（一）工作目标", 3, 0, True),
        ("二、主要任务", 4, 0, True),
        ("（一）加强组织领导", 4, 1, False),
    ]


def test_signature_carries_the_headings_above_its_paragraph(laid_out):
    """signature_carry_heading.yaml: carrying one or two lines of the paragraph would strip the
    headings above it of their body lines: they go over with the whole paragraph (§7.3.5.5)."""
    result = laid_out(FIXTURES / "signature_carry_heading.yaml")
    assert _headings(result)[-2:] == [("二、主要任务", 4, 0, False), ("（一）加强组织领导", 4, 1, False)]
    paragraph = next(e for e in reversed(result.elements) if e.kind is Kind.PARAGRAPH)
    assert paragraph.plan.keep.together and paragraph.pages == [4]


def test_scan_finds_a_page_of_only_a_table_header_and_one_row(laid_out):
    """table.yaml's page 3 cut down to its repeated header row and first row (and the borders
    around them) is a page a clerk rejects: the scan says so."""
    result = laid_out(FIXTURES / "table.yaml")
    page = result.pages[2]
    page.lines = [x for x in page.lines if x.owner < 0 or x.slot <= 1]
    bottom = result.profile.page.block_top + 2 * result.profile.line_pitch_mm + 0.01
    page.segments = [s for s in page.segments if max(s.y0, s.y1) <= bottom]
    assert page_faults(result) == ["page 3: only a table's header and one row"]
