"""表格 in the DOCX: a real Word table laid out as the PDF's (``layout.table.plan_table``).

- Widths in twips, written twice and consistently: ``w:tblW`` and each ``w:tcW`` (what
  Word reads) and ``w:gridCol`` (what WPS reads); a fixed layout, so no client re-sizes.
- Borders: single black lines of the profile's width, on the table and in its table style.
- Rows are as high as the PDF's: cell lines × the grid pitch, "at least" (``w:trHeight``
  atLeast), so a cell that Word wraps once more, or a clerk types into, grows instead of
  hiding text. The header block is set less the top border's width, which LibreOffice 7.4
  sets above it on every page; and LibreOffice grows an at-least row by its top border's
  width (both measured), so each row's lines give that width back (the first header
  row's twice): cell paragraphs at the grid's exact line spacing less that, no cell
  margin above or below. Rows never split (``w:cantSplit``): a row that layout split
  across pages (``split_rows``, or a row taller than part of a page) is written as one row
  per page part, each exactly as high as its part (``exact``: no give-back) and holding
  its cells' lines of that part, so Word and LibreOffice break where the PDF does (a
  split row of minimum height was moved whole by LibreOffice 7.4, or kept a line fewer at
  a page foot). Rows joined by a merge down the rows are exact too: the merged cell's
  text runs down them at its first row's line spacing, so no row may give a border's
  width back through its spacing (its lines fell a point off the grid). Every row of the
  header block repeats on each page (``w:tblHeader``) and is kept with the first data
  rows, as the caption and the unit line (right-aligned, the cell style) are kept with
  the table; rows layout kept together (to leave no page with fewer than
  ``table.min_rows_per_page`` rows) keep with the next.
- Merged cells: ``w:gridSpan`` across columns, ``w:vMerge`` down rows (python-docx's
  merge), the text in the merged cell's first paragraph.
- Cell paragraphs (styles 表格文字, 表头; caption 表题) are based on 公文正文 without its
  first-line indent and tracking, with the table fonts (eastAsia named) and alignments.
- A landscape table (§8) gets a section of its own: A4 with ``w:orient="landscape"``,
  margins turned with the page, so its text block is the portrait block once the page
  lies with its top at the binding edge (as the PDF draws it). Its footers are written
  with the document's (``docx_footer``): the page number in a text box turned with the
  page, where the PDF keeps it. Neither it nor the portrait section after it has a first
  page of its own (``w:titlePg``): only the document's first page may lack a number (信函).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.result import Placed
from ..layout.table import RowPlan, TablePlacement
from ..model import Table
from . import docx_xml as X
from .docx_sections import end_landscape, start_landscape
from .docx_writer import DocxWriter

CELL_STYLE = "表格文字"
HEADER_STYLE = "表头"
CAPTION_STYLE = "表题"
TABLE_STYLE = "公文表格"


def add_table(builder: DocxWriter, placed: Placed) -> DocxParagraph | None:
    """Append ``table`` (its caption first) at the end of the document body.

    Returns a paragraph of the last row for the signature to keep with (§7.3.5.5: its
    last row then goes over with it, as in the PDF); None after a landscape table.
    """
    table, placement = placed.source, placed.plan
    assert isinstance(table, Table) and isinstance(placement, TablePlacement)
    plan = placement.plan
    spec = builder.profile.table
    _define_styles(builder)
    portrait = start_landscape(builder, CELL_STYLE) if table.landscape else None
    if table.caption:
        caption = builder.document.add_paragraph(style=CAPTION_STYLE)
        builder.text(caption, table.caption, spec.caption_style)
        caption.paragraph_format.keep_with_next = True
    if table.unit:  # 单位：万元, flush with the table's edge
        unit = builder.document.add_paragraph(style=CELL_STYLE)
        builder.text(unit, table.unit, spec.cell_style)
        X.set_jc(X.ppr(unit._p), spec.unit_align)
        unit.paragraph_format.keep_with_next = True
    edges = [X.twips(e) for e in plan.edges]  # rounded once, so the columns add up to tblW
    columns = [b - a for a, b in itertools.pairwise(edges)]
    grid = builder.document.add_table(rows=0, cols=len(columns))
    tbl = grid._tbl
    tbl.remove(tbl.tblPr)
    tbl.insert(0, _table_properties(builder, edges[-1]))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), columns, strict=True):
        X.set_attrs(col, w=w)
    # body rows kept with the next: the first ones (with the header block) unless rows may
    # split, a row span's rows but its last (a group never breaks), the rows layout moved
    # together; of a split row, its last part
    kept = {*range(0 if table.split_rows else spec.min_rows_per_page - 1), *placement.kept}
    kept |= {i for a, b in plan.groups for i in range(a, b - 1)}
    cuts: dict[int, list[int]] = {}
    for body, line in placement.cuts:
        cuts.setdefault(body, []).append(line)
    merged = {r for span in plan.spans if span.rows > 1 for r in range(span.row, span.row + span.rows)}
    parts: list[list[int]] = []  # the DOCX rows of each row of Table.grid
    for index, planned in enumerate((*plan.header_block, *plan.rows)):
        body = index - len(plan.header_block)
        bounds = [0, *cuts.get(body, []), planned.lines]
        parts.append([])
        for first, end in itertools.pairwise(bounds):
            parts[-1].append(len(grid.rows))
            last = end == planned.lines
            part = planned if len(bounds) == 2 else _part(planned, first, end)
            keep = planned.header or (last and body in kept)
            exact = len(bounds) > 2 or index in merged
            _row(builder, grid.add_row(), part, columns, first_header=index == 0, keep=keep, exact=exact)
    for span in plan.spans:  # merged cells: w:gridSpan, w:vMerge (in each part of a split row)
        end = span.row + span.rows - 1
        for top, bottom in zip(parts[span.row], parts[end], strict=True) if span.rows == 1 else [
            (parts[span.row][0], parts[end][-1])
        ]:
            grid.cell(top, span.col).merge(grid.cell(bottom, span.col + span.cols - 1))
    if portrait is None:  # the last row's first cell (python-docx's row.cells gives the top
        # cell of a merge from above, whose keep LibreOffice reads for that row, not this one)
        return _Cell(grid.rows[-1]._tr.tc_lst[0], grid).paragraphs[0]
    end_landscape(builder, portrait, CELL_STYLE)
    return None


def _row(
    builder: DocxWriter,
    row: _Row,
    planned: RowPlan,
    columns: list[int],
    *,
    first_header: bool,
    keep: bool,
    exact: bool = False,
) -> None:
    """One table row, never split: at least its planned height (a longer text grows it, never
    hidden; ``exact``: a part of a split row, exactly its height); header rows repeat;
    ``keep``: kept with the next row."""
    profile = builder.profile
    border = X.twips_pt(profile.table.border_width_pt)
    height = planned.lines * profile.docx.line_pitch_twips
    if first_header:  # LibreOffice sets the table's top border's width above the (repeated) header block
        height -= border
    row._tr.insert(0, X.row_properties(height, at_least=not exact, header=planned.header))
    style, text_style = (
        (HEADER_STYLE, profile.table.header_style) if planned.header else (CELL_STYLE, profile.table.cell_style)
    )
    # LibreOffice 7.4 grows a row "at least" so high by its top border's width (measured): the
    # row's lines give that width back (the first header row's twice: one more border stands
    # above it), so the row is its planned height there and in Word
    give_back = 0 if exact else math.ceil(border * (2 if first_header else 1) / planned.lines)
    line = profile.docx.line_pitch_twips - give_back
    for cell, plan, w in zip(row.cells, planned.cells, columns, strict=True):
        cell.width = Twips(w)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        paragraph = cell.paragraphs[0]
        paragraph.style = builder.document.styles[style]
        X.set_jc(X.ppr(paragraph._p), plan.align)
        X.set_line_spacing(X.ppr(paragraph._p), line)
        if plan.text:
            builder.text(paragraph, plan.text, text_style)
        if keep:
            paragraph.paragraph_format.keep_with_next = True


def _part(planned: RowPlan, first: int, end: int) -> RowPlan:
    """Lines [first, end) of a row that layout split across pages: a row of its own in the
    DOCX, each cell holding the text of those lines (a page holds exactly that part)."""
    cells = tuple(
        replace(cell, text="".join(g.ch for line in lines for g in line.glyphs), lines=lines)
        for cell in planned.cells
        for lines in [cell.lines[first:end]]
    )
    return RowPlan(cells, planned.header, end - first)


def _table_properties(builder: DocxWriter, width: int) -> BaseOxmlElement:
    """w:tblPr: the table style, width, indent, borders, fixed layout, cell margins.

    Word 2013 compatibility (docx_package) sets the table's border at the indent: none, so
    the border lies on the margin.
    """
    spec = builder.profile.table
    pad = X.twips(spec.cell_padding_mm)
    borders = dict.fromkeys(X.TABLE_SIDES, X.eighths(spec.border_width_pt))
    return X.table_properties(borders, pad, style_id=_table_style_id(builder), width=width, indent=0, header_row=True)


def _table_style_id(builder: DocxWriter) -> str:
    """公文表格: the borders, cell margins and cell fonts (eastAsia named) as a table style."""
    styles = builder.document.styles
    if TABLE_STYLE in [s.name for s in styles]:
        return styles[TABLE_STYLE].style_id
    spec = builder.profile.table
    style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    builder.run_format(style.element, builder.profile.style(spec.cell_style))
    borders = dict.fromkeys(X.TABLE_SIDES, X.eighths(spec.border_width_pt))
    style.element.append(X.table_properties(borders, X.twips(spec.cell_padding_mm), fixed=False))
    return style.style_id


def _define_styles(builder: DocxWriter) -> None:
    """表格文字, 表头 and 表题: 公文正文 without indent or tracking, at the grid's exact pitch."""
    styles = builder.document.styles
    if CELL_STYLE in [s.name for s in styles]:
        return
    profile = builder.profile
    spec = profile.table
    body = styles[builder.styles["body"].name]
    for name, text_style, align in (
        (CELL_STYLE, spec.cell_style, "left"),
        (HEADER_STYLE, spec.header_style, spec.header_align),
        (CAPTION_STYLE, spec.caption_style, "center"),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = body
        builder.run_format(style.element, profile.style(text_style))
        pf = X.ppr(style.element)
        X.set_line_spacing(pf, profile.docx.line_pitch_twips)
        X.set_flag(pf, "w:overflowPunct", False)  # Word pushes in a cell, as the PDF (LibreOffice never hangs there)
        X.set_indent(pf)
        X.set_jc(pf, align)
