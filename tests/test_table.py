"""Tables (表格) and a landscape table (§8), measured in our PDF and in LibreOffice's rendering of the DOCX.

The fixture has a short table with wrapping cells and numbers, a 40-row table that
continues on the next page under a repeated header row, and a landscape table on pages
of its own. Borders are read back as PDF line segments, cell text as characters binned
into the cells those borders make.
"""

from __future__ import annotations

import bisect
import itertools
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import etree

from officialdoc.api import render_document
from officialdoc.errors import ContentError
from officialdoc.layout.engine import layout_document
from officialdoc.layout.table import plan_table
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.model import Document, Table
from officialdoc.profile import Profile
from pdfmeasure import MM, read_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "table.yaml"
TOL = 0.3  # mm, our own PDF
LO_TOL = 1.0  # mm, LibreOffice against our PDF


@dataclass
class Part:
    """One page's part of a table in the table's own frame: ``u`` across from the block's
    left (reading) edge, ``v`` down from the block's top, mm."""

    page: int
    cols: list[float]  # column boundaries (u)
    rows: list[float]  # row boundaries (v)
    extent: tuple[float, float]  # u of the row rules' ends
    cells: list[list[str]]  # text by row and column
    boxes: list[tuple[str, float, float, float, float, int, int]]  # char, u0, u1, v0, v1, row, column


def _merge(values: list[float], tol: float = 0.05) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tol:
            out.append(value)
    return out


def _frame(page, profile: Profile, kind: str) -> Callable[[float, float], tuple[float, float]]:
    """Page point (x, y in mm) → table frame (u, v)."""
    block = profile.page
    if kind == "turned":  # our landscape table: drawn a quarter counter-clockwise on the portrait page
        return lambda x, y: (block.block_bottom - y, x - block.block_left)
    if kind == "landscape":  # LibreOffice's landscape section: margins turned with the page
        return lambda x, y: (x - block.margin_bottom_mm, y - block.margin_left_mm)
    return lambda x, y: (x - block.block_left, y - block.block_top)


def table_part(page, number: int, profile: Profile, kind: str) -> Part | None:
    """The table on a page (None without rules): its rules and the text of each cell."""
    to_frame = _frame(page, profile, kind)
    segments = []
    for line in page.lines:
        (u0, v0), (u1, v1) = to_frame(line["x0"] / MM, line["top"] / MM), to_frame(line["x1"] / MM, line["bottom"] / MM)
        segments.append((min(u0, u1), max(u0, u1), min(v0, v1), max(v0, v1)))
    across = [s for s in segments if s[3] - s[2] < 0.1]  # rules along u: row boundaries
    down = [s for s in segments if s[1] - s[0] < 0.1]  # rules along v: column boundaries
    if not across or not down:
        return None
    rows = _merge([s[2] for s in across])
    cols = _merge([s[0] for s in down])
    extent = (min(s[0] for s in across), max(s[1] for s in across))
    cells = [["" for _ in cols[1:]] for _ in rows[1:]]
    boxes = []
    chars = []
    for char in page.chars:
        if not char["text"].strip():
            continue
        (a, b), (c, d) = to_frame(char["x0"] / MM, char["top"] / MM), to_frame(char["x1"] / MM, char["bottom"] / MM)
        u0, u1, v0, v1 = min(a, c), max(a, c), min(b, d), max(b, d)
        i, j = bisect.bisect(rows, (v0 + v1) / 2) - 1, bisect.bisect(cols, (u0 + u1) / 2) - 1
        if 0 <= i < len(rows) - 1 and 0 <= j < len(cols) - 1:
            line = int(((v0 + v1) / 2 - rows[i]) // profile.line_pitch_mm)
            chars.append((i, j, line, u0, char["text"]))
            boxes.append((char["text"], u0, u1, v0, v1, i, j))
    for i, j, _, _, text in sorted(chars):
        cells[i][j] += text
    return Part(number, cols, rows, extent, cells, boxes)


def parts(path: Path, profile: Profile, kinds: Callable[[object], str]) -> list[Part]:
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            part = table_part(page, number, profile, kinds(page))
            if part is not None:
                found.append(part)
    return found


def split_tables(found: list[Part], tables: list[Table]) -> tuple[list[list[list[str]]], list[int]]:
    """Rows of each table in reading order, repeated header rows left out (their pages listed)."""
    rows: list[list[list[str]]] = [[] for _ in tables]
    repeats, current = [], -1
    for part in found:
        for row in part.cells:
            starts = [k for k, t in enumerate(tables) if row == t.header]
            if starts and starts[0] == current:
                repeats.append(part.page)
                continue
            if starts:
                current = starts[0]
            rows[current].append(row)
    return rows, repeats


def _expected(table: Table) -> list[list[str]]:
    return [table.header, *table.rows]


# a table that ends on the last line of page 1, then the signature (§7.3.5.5)
SIGNED = """\
title: 关于法律顾问驻点服务情况的报告
body:
  - 现将驻点服务情况报告如下。
  - table:
      header: [序号, 村（社区）]
      rows:
{rows}
signature:
  issuer: 台山市大江镇人民政府
  date: 2021-11-23
  seal: none
"""


def _render(path: Path, outdir: Path, fontset) -> tuple[Document, Path, Path]:
    doc = load_document(path).document
    (pdf, docx_path), _ = render_document(doc, outdir, ["pdf", "docx"], fonts=fontset)
    return doc, pdf, docx_path


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("table")


@pytest.fixture(scope="module")
def rendered(outdir, fontset) -> tuple[Document, Path, Path]:
    return _render(FIXTURE, outdir, fontset)


@pytest.fixture(scope="module")
def signed(outdir, fontset) -> tuple[Document, Path, Path]:
    path = outdir / "signed.yaml"
    path.write_text(SIGNED.format(rows="\n".join(f"        - [{i}, 大江村]" for i in range(1, 19))), encoding="utf-8")
    return _render(path, outdir, fontset)


@pytest.fixture(scope="module")
def lo_pdfs(rendered, signed, soffice, fontset) -> tuple[Path, Path]:
    """LibreOffice's PDFs of both DOCX files, converted in one run."""
    first, second = docx_to_pdf([rendered[2], signed[2]], rendered[2].parent / "lo", fontset.fontconfig_xml())
    return first, second


@pytest.fixture(scope="module")
def lo_pdf(lo_pdfs) -> Path:
    return lo_pdfs[0]


def _turned(page) -> bool:
    chars = [c for c in page.chars if c["text"].strip()]
    return sum(not c["upright"] for c in chars) > len(chars) / 2


@pytest.fixture(scope="module")
def ours(rendered, profile) -> list[Part]:
    return parts(rendered[1], profile, lambda page: "turned" if _turned(page) else "portrait")


@pytest.fixture(scope="module")
def theirs(lo_pdf, profile) -> list[Part]:
    return parts(lo_pdf, profile, lambda page: "landscape" if page.width > page.height else "portrait")


def tables(doc: Document) -> list[Table]:
    return [block for block in doc.body if isinstance(block, Table)]


# -- our PDF -------------------------------------------------------------------------------


def test_pages_stay_a4_portrait(rendered, profile):
    with pdfplumber.open(rendered[1]) as pdf:
        sizes = {(round(p.width / MM), round(p.height / MM)) for p in pdf.pages}
    assert sizes == {(profile.page.width_mm, profile.page.height_mm)}


def test_table_width_and_column_widths(rendered, ours, profile):
    doc = rendered[0]
    by_header = {tuple(t.header): t for t in tables(doc)}
    for part in ours:
        table = by_header[tuple(part.cells[0])]
        width = profile.page.block_height_mm if table.landscape else profile.page.block_width_mm
        assert part.cols[0] == pytest.approx(0.0, abs=TOL)
        assert part.cols[-1] - part.cols[0] == pytest.approx(width, abs=TOL)
        assert part.extent == pytest.approx((0.0, width), abs=TOL)  # row rules span the table
        total = sum(table.widths)
        for (a, b), w in zip(itertools.pairwise(part.cols), table.widths, strict=True):
            assert b - a == pytest.approx(width * w / total, abs=TOL)


def test_borders_on_the_grid(ours, profile):
    pitch = profile.line_pitch_mm
    for part in ours:
        assert len(part.rows) == len(part.cells) + 1  # a rule above and below every row
        for v in part.rows:
            assert v / pitch == pytest.approx(round(v / pitch), abs=0.01), f"page {part.page}"


def test_every_cell_in_order_and_header_repeated(rendered, ours):
    doc = rendered[0]
    found, repeats = split_tables(ours, tables(doc))
    assert found == [_expected(t) for t in tables(doc)]
    assert len(repeats) == 2  # the long table's and the landscape table's continuation pages
    for page in repeats:
        (part,) = [p for p in ours if p.page == page]
        assert part.rows[0] == pytest.approx(0.0, abs=TOL)  # the repeated header tops the page


def test_cell_text_inside_its_cell(ours, profile):
    pad = profile.table.cell_padding_mm
    for part in ours:
        for ch, u0, u1, v0, v1, i, j in part.boxes:
            assert part.cols[j] + pad - 0.05 <= u0 and u1 <= part.cols[j + 1] - pad + 0.05, (part.page, ch)
            assert part.rows[i] <= v0 and v1 <= part.rows[i + 1], (part.page, ch)


def test_numbers_centred_text_flush_left(rendered, ours, profile):
    table = tables(rendered[0])[0]
    part = ours[0]
    pad = profile.table.cell_padding_mm
    for i, row in enumerate(table.rows, start=1):
        for j, text in enumerate(row):
            boxes = [b for b in part.boxes if (b[5], b[6]) == (i, j)]
            if not text:
                continue
            left, right = part.cols[j] + pad, part.cols[j + 1] - pad
            if j in (0, 3, 4):  # numbers (and "—"): centred
                centre = (min(b[1] for b in boxes) + max(b[2] for b in boxes)) / 2
                assert centre == pytest.approx((left + right) / 2, abs=0.1), text
            else:  # names and activities: flush left
                assert min(b[1] for b in boxes) == pytest.approx(left, abs=0.05), text


def test_text_after_each_table_is_back_on_the_grid(rendered, profile):
    pdf = read_pdf(rendered[1])
    p = profile
    first_baseline = p.grid_baseline_mm(0)
    after = [line for line in pdf.lines if line.text.startswith(("以上活动", "全年驻点", "下一步"))]
    assert len(after) == 3
    body = [
        line
        for line in pdf.lines
        if line.sizes == {16.0} and all(c["upright"] for c in line.chars) and line.baseline < p.page.block_bottom
    ]
    for line in after + body:
        slots = (line.baseline - first_baseline) / p.line_pitch_mm
        assert slots == pytest.approx(round(slots), abs=0.005), line.text


def test_landscape_table_drawn_turned_with_the_page_number_in_place(rendered, profile):
    pdf = read_pdf(rendered[1])
    with pdfplumber.open(rendered[1]) as doc:
        turned = [n for n, page in enumerate(doc.pages, start=1) if _turned(page)]
        for n in turned:
            page = doc.pages[n - 1]
            table_chars = [c for c in page.chars if c["text"].strip() and c["top"] / MM < profile.page.block_bottom]
            assert all(not c["upright"] for c in table_chars)
            header = [c for c in table_chars if c["text"] in "序号"]
            data = [c for c in table_chars if c["text"] in "村"]
            # §8: the head faces the left edge (订口 of an odd page, 切口 of an even one)
            assert max(c["x1"] for c in header) < min(c["x0"] for c in data)
    assert turned == [5, 6]
    numbers = {line.page: line for line in pdf.lines if line.baseline > profile.page.block_bottom}
    assert sorted(numbers) == list(range(1, pdf.pages + 1))
    for n in turned:
        same_side = numbers[n - 2] if n > 2 else numbers[n + 2]  # a portrait page of the same parity
        assert numbers[n].baseline == pytest.approx(same_side.baseline, abs=0.01)
        assert (numbers[n].x0, numbers[n].x1) == pytest.approx((same_side.x0, same_side.x1), abs=0.01)
    assert pdf.page_lines(7)[0].text.startswith("下一步")  # the body goes on on the next page


# -- the DOCX as written and as LibreOffice lays it out ----------------------------------


def _document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_docx_table_widths_header_rows_and_sections(rendered, profile):
    doc, _, docx_path = rendered
    root = _document_xml(docx_path)
    tbls = root.iter(qn("w:tbl"))
    pitch = profile.docx.line_pitch_twips
    border = round(profile.table.border_width_pt * 20)
    for tbl, table in zip(tbls, tables(doc), strict=True):
        width = profile.page.block_height_mm if table.landscape else profile.page.block_width_mm
        tbl_w = int(tbl.find(f"{qn('w:tblPr')}/{qn('w:tblW')}").get(qn("w:w")))
        assert tbl_w == round(width / 25.4 * 1440)
        grid = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
        assert sum(grid) == tbl_w
        rows = tbl.findall(qn("w:tr"))
        assert len(rows) == 1 + len(table.rows)
        for k, tr in enumerate(rows):
            tc_w = [int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) for tc in tr.findall(qn("w:tc"))]
            assert tc_w == grid
            props = tr.find(qn("w:trPr"))
            assert (props.find(qn("w:tblHeader")) is not None) == (k == 0)
            assert props.find(qn("w:cantSplit")) is not None
            height = props.find(qn("w:trHeight"))
            assert height.get(qn("w:hRule")) == "atLeast"  # a row grows with its text
            assert (int(height.get(qn("w:val"))) + (border if k == 0 else 0)) % pitch == 0
    sections = [s for s in root.iter(qn("w:sectPr"))]
    orients = [s.find(qn("w:pgSz")).get(qn("w:orient")) for s in sections]
    assert orients == [None, "landscape", None]


def test_docx_cell_styles(rendered):
    _, _, docx_path = rendered
    with zipfile.ZipFile(docx_path) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
    named = {s.find(qn("w:name")).get(qn("w:val")): s for s in styles.iter(qn("w:style"))}
    for name in ("表格文字", "表头", "表题"):
        ind = named[name].find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert ind.get(qn("w:firstLine")) == "0" and ind.get(qn("w:firstLineChars")) == "0"
    for name, east_asia in (("表格文字", "仿宋_GB2312"), ("表头", "黑体"), ("公文表格", "仿宋_GB2312")):
        fonts = named[name].find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        assert fonts.get(qn("w:eastAsia")) == east_asia


def test_libreoffice_pages_and_cells(rendered, lo_pdf, theirs):
    doc, pdf, _ = rendered
    assert read_pdf(lo_pdf).pages == read_pdf(pdf).pages
    found, repeats = split_tables(theirs, tables(doc))
    assert found == [_expected(t) for t in tables(doc)]  # LibreOffice wraps every cell as we do
    assert len(repeats) == 2


def test_libreoffice_table_edges_within_1mm(ours, theirs):
    assert [p.page for p in theirs] == [p.page for p in ours]
    for a, b in zip(ours, theirs, strict=True):
        assert len(b.cols) == len(a.cols) and len(b.rows) == len(a.rows), f"page {a.page}"
        assert b.cols == pytest.approx(a.cols, abs=LO_TOL)
        assert b.rows == pytest.approx(a.rows, abs=LO_TOL)
        assert b.extent == pytest.approx(a.extent, abs=LO_TOL)


def test_libreoffice_landscape_section(lo_pdf):
    with pdfplumber.open(lo_pdf) as pdf:
        landscape = [n for n, page in enumerate(pdf.pages, start=1) if page.width > page.height]
    assert landscape == [5, 6]


# -- §7.3.5.5: a table's last row goes over with the signature ------------------------------


def _signed_layout(pdf: Path) -> list[list[str]]:
    return [[line.text for line in read_pdf(pdf).page_lines(n)] for n in (1, 2)]


def test_last_row_goes_over_with_the_signature(signed, profile):
    doc, pdf, _ = signed
    page1, page2 = _signed_layout(pdf)
    assert page1[-2:] == ["17大江村", "—1—"]
    assert page2[:3] == ["序号村（社区）", "18大江村", "台山市大江镇人民政府"]
    with pdfplumber.open(pdf) as opened:
        first, second = (table_part(opened.pages[n], n + 1, profile, "portrait") for n in (0, 1))
    assert first is not None and second is not None
    assert first.cells[-1] == ["17", "大江村"] and second.cells == [tables(doc)[0].header, ["18", "大江村"]]
    assert second.rows == pytest.approx([0.0, profile.line_pitch_mm, 2 * profile.line_pitch_mm], abs=TOL)


def test_libreoffice_carries_the_last_row_alike(signed, lo_pdfs):
    assert _signed_layout(lo_pdfs[1]) == _signed_layout(signed[1])


def test_a_part_of_header_and_one_row_goes_over_whole_with_its_caption(tmp_path, profile, fontset):
    filler = "\n".join("  - 一二三四五六七八九十一二三四五六七八九十一二三四五六。" for _ in range(19))
    text = SIGNED.replace("  - 现将驻点服务情况报告如下。\n", filler + "\n  - 短段。\n")
    text = text.replace("  - table:\n", "  - table:\n      caption: 表1 驻点服务\n")
    path = tmp_path / "whole.yaml"
    path.write_text(text.format(rows="        - [1, 大江村]"), encoding="utf-8")
    doc = load_document(path).document
    pages = layout_document(doc, profile, fontset).pages
    last = [line for line in pages[-1].lines if line.element != "page_number"]
    assert (last[0].slot, last[0].element, last[1].element) == (0, "table_caption", "table_header")
    assert not any(line.element.startswith("table") for line in pages[-2].lines)
    assert not any(s.element == "table_border" for s in pages[-2].segments)


# -- planning ------------------------------------------------------------------------------


def test_plan_aligns_numbers_and_text(profile, fontset):
    table = Table(["项目", "数量"], [["一二三四五六七八九十一二三四五六七八九十", "12.5%"], ["甲", "—"]], [1, 1])
    plan = plan_table(table, profile, fontset, profile.page.block_width_mm)
    assert [c.align for c in plan.header.cells] == ["center", "center"]
    assert [c.align for c in plan.rows[0].cells] == ["left", "center"]
    assert plan.rows[1].cells[1].align == "center"
    assert plan.rows[0].lines == 2  # 20 characters wrap in a 78 mm column
    assert plan.rows[1].lines == 1


def test_row_taller_than_a_page_is_a_content_error(tmp_path, fontset):
    long = "很长的内容" * 200
    path = tmp_path / "t.yaml"
    path.write_text(f"title: 测试\nbody:\n  - table:\n      header: [甲, 乙]\n      rows:\n        - [{long}, 1]\n")
    doc = load_document(path).document
    with pytest.raises(ContentError, match="does not fit on a page"):
        render_document(doc, tmp_path, ["pdf"], fonts=fontset)
