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
from officialdoc.load import load_document, load_text
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


def test_a_merged_last_row_group_goes_over_whole_under_the_whole_header_block(tmp_path, profile, fontset, soffice):
    """§7.3.5.5 carries the rows a merged cell joins together, under both header rows, and
    draws no rule through the merged cell on either page; LibreOffice carries them alike."""
    rows = "\n".join(f"        - [{i}, 大江村]" for i in range(1, 16))
    rows += "\n        - [{text: '16', rows: 2}, 大江村]\n        - [联合村]"
    block = "      header:\n        - [{text: 序号, rows: 2}, 村（社区）]\n        - [名称]"
    text = SIGNED.format(rows=rows).replace("      header: [序号, 村（社区）]", block)
    doc = load_text(text, tmp_path / "merged.yaml").document
    laid = layout_document(doc, profile, fontset)
    page1, page2 = ([line.text for line in page.lines if line.slot >= 0] for page in laid.pages)
    assert page1[-2:] == ["15", "大江村"]
    assert page2[:6] == ["序号", "村（社区）", "名称", "16", "大江村", "联合村"]
    assert page2[6:] == ["台山市大江镇人民政府", "2021年11月23日"]
    pitch, top, left = profile.line_pitch_mm, profile.page.block_top, profile.page.block_left
    second = laid.pages[1].segments
    across = {round((s.y0 - top) / pitch) for s in second if s.y0 == s.y1 and s.x0 < left + 1}
    assert across == {0, 2, 4}  # none inside 序号 (rows 0–1) nor inside 16 (rows 2–3)
    first = laid.pages[0].segments
    end = max(x.slot for x in laid.pages[0].lines) + 1
    assert max(round((s.y0 - top) / pitch) for s in first if s.y0 == s.y1) == end
    (pdf, docx_path), _ = render_document(doc, tmp_path, ["pdf", "docx"], fonts=fontset)
    (lo,) = docx_to_pdf([docx_path], tmp_path / "lo", fontset.fontconfig_xml())
    assert [line.text for line in read_pdf(lo).page_lines(2)] == [line.text for line in read_pdf(pdf).page_lines(2)]


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


def test_rows_joined_by_a_merge_taller_than_a_page_are_a_content_error(tmp_path, fontset):
    """A single row that tall splits across pages (issue #9); rows a merged cell joins never
    break, so together they must fit on a page."""
    long = "很长的内容" * 100
    path = tmp_path / "t.yaml"
    rows = f"        - [{{text: 合并, rows: 2}}, {long}]\n        - [{long}]\n"
    path.write_text(f"title: 测试\nbody:\n  - table:\n      header: [甲, 乙]\n      rows:\n{rows}", encoding="utf-8")
    doc = load_document(path).document
    with pytest.raises(ContentError, match="一页排不下"):
        render_document(doc, tmp_path, ["pdf"], fonts=fontset)


# -- merged cells, header blocks, unit lines, split rows, pagination (issue #9) --------------

FORMS = ("table_merged", "table_split", "table_min_rows", "table_split_cells")


@dataclass(frozen=True)
class Rule:
    x0: float
    x1: float
    y0: float
    y1: float


@pytest.fixture(scope="module")
def forms(outdir, fontset) -> dict[str, tuple[Document, Path, Path]]:
    return {name: _render(FIXTURE.parent / f"{name}.yaml", outdir, fontset) for name in FORMS}


def _rules(pdf: Path, page: int) -> list[Rule]:
    with pdfplumber.open(pdf) as opened:
        return [Rule(s["x0"] / MM, s["x1"] / MM, s["top"] / MM, s["bottom"] / MM) for s in opened.pages[page - 1].lines]


def _page_text(pdf: Path, page: int) -> list[str]:
    return [line.text for line in read_pdf(pdf).page_lines(page)]


def _boxes(rules: list[Rule]) -> tuple[list[float], list[float]]:
    """Column edges (x) and row boundaries (y) of a page's part of a table, mm."""
    return (
        _merge([r.x0 for r in rules if r.x1 - r.x0 < 0.1], 0.1),
        _merge([r.y0 for r in rules if r.y1 - r.y0 < 0.1], 0.1),
    )


def test_merged_boxes_have_rules_around_and_none_inside(forms, profile, fontset):
    """A merged cell is the sum of its columns and rows: no rule crosses its box; its text
    starts on the box's first grid line."""
    doc, pdf, _ = forms["table_merged"]
    table = tables(doc)[0]
    heads = len(table.header_rows)
    pitch = profile.line_pitch_mm
    placed = next(e for e in layout_document(doc, profile, fontset).elements if e.source is table)
    assert placed.pages == [2, 3] and len(placed.plan.page_breaks) == 1
    checked = 0
    for page, first_body in zip(placed.pages, (0, *placed.plan.page_breaks), strict=True):
        rules = _rules(pdf, page)
        xs, ys = _boxes(rules)
        assert len(xs) == len(table.widths) + 1
        chars = read_pdf(pdf).page_lines(page)
        for span in table.spans:
            if span.row < heads:
                index = span.row
            elif first_body <= span.row - heads < first_body + len(ys) - 1 - heads:
                index = heads + span.row - heads - first_body
            else:
                continue
            if index + span.rows >= len(ys):
                continue
            x0, x1, y0, y1 = xs[span.col], xs[span.col + span.cols], ys[index], ys[index + span.rows]
            for r in rules:
                across = r.y1 - r.y0 < 0.1 and y0 + 0.1 < r.y0 < y1 - 0.1 and r.x0 < x1 - 0.1 and r.x1 > x0 + 0.1
                down = r.x1 - r.x0 < 0.1 and x0 + 0.1 < r.x0 < x1 - 0.1 and r.y0 < y1 - 0.1 and r.y1 > y0 + 0.1
                assert not across and not down, (page, span, r)
            text = table.grid[span.row][span.col]
            inside = [
                c
                for line in chars
                for c in line.chars
                if x0 <= c["x0"] / MM and c["x1"] / MM <= x1 and y0 < c["top"] / MM < y1
            ]
            assert "".join(c["text"] for c in inside).startswith(text[:2]), (page, span)
            assert min(c["top"] / MM for c in inside) < y0 + pitch, (page, span)
            checked += 1
    assert checked >= 12


def test_a_row_group_of_two_rows_is_enough_to_start_a_table(profile, fontset):
    """The caption, unit, header block and the first groups holding min_rows_per_page rows
    start together: a first group of 3 rows is enough (table_merged a sentence shorter: the
    table starts on page 1, its next group of 2 rows on page 2)."""
    source = FIXTURE.with_name("table_merged.yaml")
    sentence = "对群众反映的问题，要及时核查处理并反馈结果，确保项目建设公开透明。"
    text = source.read_text(encoding="utf-8").replace(sentence, "")
    doc = load_text(text, source).document
    placed = next(e for e in layout_document(doc, profile, fontset).elements if e.source is tables(doc)[0])
    assert placed.pages == [1, 2] and placed.plan.page_breaks == (3,)


def test_header_block_repeated_whole_with_unit_line_and_caption(forms, profile):
    doc, pdf, _ = forms["table_merged"]
    table = tables(doc)[0]
    page2, page3 = _page_text(pdf, 2), _page_text(pdf, 3)
    assert page2[0] == table.caption.replace(" ", "")
    assert page2[1] == table.unit
    for page, start in ((page2, 2), (page3, 0)):  # both header rows open the page's part of the table
        assert page[start : start + 2] == ["序号乡镇村建设任务备注", "新建改造提升小计"]
    unit = next(line for line in read_pdf(pdf).page_lines(2) if line.text == table.unit)
    assert unit.x1 == pytest.approx(profile.page.block_right, abs=TOL)  # flush with the table's right edge
    assert unit.sizes == {profile.style(profile.table.cell_style).size_pt}
    assert unit.baseline == pytest.approx(profile.grid_baseline_mm(1), abs=TOL)
    # caption + unit + header block + first rows went to page 2 together: page 1 holds no table text
    assert not any(word in "".join(_page_text(pdf, 1)) for word in ("表1", "单位", "序号"))


def test_no_page_ends_a_table_with_fewer_than_two_body_rows(forms, profile):
    doc, pdf, _ = forms["table_min_rows"]
    rows = tables(doc)[0].rows
    page2 = _page_text(pdf, 2)
    on_page2 = [row for row in rows if any(line.startswith(row[0] + row[1]) for line in page2)]
    assert len(on_page2) >= profile.table.min_rows_per_page
    assert on_page2[0][0] == "11"  # row 11 fitted on page 1 but went over to join row 12
    last = max(line.baseline for line in read_pdf(pdf).page_lines(1) if line.text[:2].isdigit())
    assert last == pytest.approx(profile.grid_baseline_mm(profile.grid.lines - 2), abs=TOL)
    assert any(line.startswith("序号") for line in page2)  # the repeated header


def test_split_rows_fill_every_page(forms, profile):
    """17 tall rows: with split_rows they take 3 pages of table, not one row a page; a row
    split at a page break continues under the repeated header."""
    _, pdf, _ = forms["table_split"]
    measured = read_pdf(pdf)
    assert measured.pages == 4
    for page in (1, 2):  # the table reaches the last grid line of its full pages
        cells = [line for line in measured.page_lines(page) if line.sizes == {14.0} and "—" not in line.text]
        assert max(line.baseline for line in cells) == pytest.approx(
            profile.grid_baseline_mm(profile.grid.lines - 1), abs=TOL
        )
    page2, page3 = _page_text(pdf, 2), _page_text(pdf, 3)
    assert page2[-3].startswith("10县住房城乡建") and page3[0].startswith("序号")  # [-1]: the page number
    assert page3[1].startswith("登记后方可恢复使用")  # row 10 continues on page 3


def test_a_split_row_continues_every_cell_and_reads_cell_by_cell(forms, profile):
    """Both long cells of a split row go on from the line where page 1 ended; the text is
    complete in the order of Table.grid (the render's text proof)."""
    doc, pdf, _ = forms["table_split_cells"]
    table = tables(doc)[0]
    measured = read_pdf(pdf)
    first = [line for line in measured.page_lines(1) if line.sizes == {14.0} and "—" not in line.text]
    assert first[-1].baseline == pytest.approx(profile.grid_baseline_mm(profile.grid.lines - 1), abs=TOL)
    page2 = [line for line in measured.page_lines(2) if line.sizes == {14.0}]
    assert page2[0].text == "序号反映的问题办理情况"  # the repeated header
    problem, answer = table.rows[0][1], table.rows[0][2]
    body = first[1:] + page2[1:]  # header rows left out
    left = "".join(c["text"] for line in body for c in line.chars if 40 < c["x0"] / MM < 110)
    right = "".join(c["text"] for line in body for c in line.chars if c["x0"] / MM >= 110)
    assert left.startswith(problem) and right.startswith(answer)
    assert page2[1].x0 > 40  # page 2 goes on with the split row's cells (no 序号 there)


def test_docx_merges_header_rows_and_split_rows(forms):
    def body(path: Path):
        with zipfile.ZipFile(path) as z:
            return etree.fromstring(z.read("word/document.xml"))

    merged = body(forms["table_merged"][2])
    rows = merged.findall(".//" + qn("w:tr"))
    assert [r.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for r in rows[:3]] == [True, True, False]
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    spans = [int(e.get(qn("w:val"))) for e in merged.iter(qn("w:gridSpan"))]
    assert sorted(spans) == [3, 3]  # 建设任务, 合计
    restarts = [e for e in merged.iter(qn("w:vMerge")) if e.get(qn("w:val")) == "restart"]
    assert len(restarts) == 4 + 2 * 8  # 序号, 乡镇, 村, 备注 of the header block; each town's 序号 and 乡镇
    unit = [p for p in merged.iter(qn("w:p")) if "".join(t.text for t in p.iter(qn("w:t"))) == "单位：亩"]
    assert unit and unit[0].find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    # a row split across pages is one DOCX row per page part, each of exact height, never split
    split = body(forms["table_split"][2])
    rows = split.findall(".//" + qn("w:tr"))
    assert len(rows) == 1 + 17 + 1 and all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    texts = ["".join(t.text for t in r.iter(qn("w:t"))) for r in rows]
    row10 = forms["table_split"][0].body[1].rows[9]
    assert texts[10].startswith("10县住房城乡建设局两处") and texts[11].startswith("登记后方可恢复使用")
    assert texts[10] + texts[11] == "".join(row10)


def test_rows_taller_than_half_a_page_split_without_split_rows(forms, tmp_path, fontset, profile):
    """Rows of 27 lines fill pages (2 rows: 3 pages), not a page each; a row taller than
    half a page splits at a page break even without split_rows (table_tall_rows), a
    shorter one goes over whole."""
    path = tmp_path / "t.yaml"
    rows = "\n".join(f"        - [{i}, {'很长的内容' * 80}]" for i in range(1, 3))
    path.write_text(f"title: 测试\nbody:\n  - table:\n      header: [甲, 乙]\n      rows:\n{rows}\n", encoding="utf-8")
    (pdf,), _ = render_document(load_document(path).document, tmp_path, ["pdf"], fonts=fontset)
    assert read_pdf(pdf).pages == 3
    doc = load_document(FIXTURE.parent / "table_tall_rows.yaml").document
    placed = next(e for e in layout_document(doc, profile, fontset).elements if e.kind == "table")
    rows = [row.lines for row in placed.plan.plan.rows]
    room = profile.grid.lines - placed.plan.plan.header.lines
    cut, line = placed.plan.cuts[0]
    assert rows[cut] > profile.table.split_rows_taller_than * room and line > 0
    assert not doc.body[1].split_rows and len(doc.body[1].rows) == len(rows)
