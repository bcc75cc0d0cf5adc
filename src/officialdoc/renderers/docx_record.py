"""版记 (§7.4) in the DOCX, on the page and grid lines the layout engine gives it; §7.5 numbers.

- The record is a one-column table, 156 mm wide, with one row per row of the record
  (主送, 抄送, 印发), as many grid lines high as in the PDF: at least (a longer name list
  grows it), the last row exact. Its rules are the
  table's thick top and bottom borders and a thin top border on the 印发 row, so they run
  the full width whatever the text's indents; the cell margins are the one-character side
  indents. (Paragraph borders follow the indents and add their width to the page; and
  LibreOffice 7.4 does not make a frame of bordered ``w:framePr`` paragraphs.)
- 主送/抄送 hang their label, so wrapped names continue after the colon; the 印发 row sets
  the organ left and the date at a right tab stop on the cell's right edge; the 印数 row
  (共印5份) is right-aligned in its cell.
- Blank 正文 paragraphs (one grid line each) move the table down to the engine's grid
  line, after a page break when the record has a page of its own.
- LibreOffice 7.4, measured: top borders lie inside their exact-height rows; the table's
  bottom border adds its width below the last row. The last row gives that width back
  (and a little room for the paragraph that must follow a table), so nothing spills onto
  a new page; the last rule then lies 0.4 mm above the block's bottom edge.
- A blank page before the record page (§7.5): the text's section ends at its last
  paragraph; a new section holds the blank page and the record page, with empty footers.
"""

from __future__ import annotations

import math

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Twips

from ..layout.record import RecordPlacement, RecordPlan
from ..layout.result import Placed
from ..profile import mm_to_pt, pt_to_mm
from . import docx_xml as X
from .docx_attachments import write_hanging
from .docx_sections import end_paragraph, new_unnumbered_section
from .docx_writer import DocxWriter

# The paragraph that must follow the table: exactly 0.1 pt high, 1 pt, hidden. LibreOffice 7.4,
# measured: with it, a last row 4 twips shorter than its grid lines less the bottom rule keeps
# the document on its page (exactly 0.6 pt or 1 pt high, it spills onto a new one).
SLACK_TWIPS = 4


def write_record(builder: DocxWriter, placed: Placed) -> None:
    """The record at the end of the document, on the engine's page and grid lines."""
    placement = placed.plan
    assert isinstance(placement, RecordPlacement)
    if placement.blank_page_before:
        new_unnumbered_section(builder)
        builder.paragraph("body")  # the blank page
    blanks = builder.blank_lines(placement.first_slot - placement.text_slots)
    if not placement.text_slots:
        blanks[0].paragraph_format.page_break_before = True
    _table(builder, placement.plan, list(placement.row_lines))
    end_paragraph(builder)


def _table(builder: DocxWriter, plan: RecordPlan, lines: list[int]) -> None:
    profile = builder.profile
    spec, page, pitch = profile.record, profile.page, profile.docx.line_pitch_twips
    pad = X.twips_pt(spec.side_indent_chars * spec.side_indent_char_pt)
    width = X.twips(page.block_width_mm)
    table = builder.document.add_table(rows=len(lines), cols=1)
    tbl = table._tbl
    tbl.remove(tbl.tblPr)
    thick = X.eighths(mm_to_pt(spec.thick_rule_mm)) if spec.rules else 0
    # Word 2013 compatibility (docx_package) puts the table's border at the indent: with none,
    # the rules lie on the block's edges
    properties = X.table_properties({"top": thick, "bottom": thick}, pad, width=width, indent=0, header_row=False)
    tbl.insert(0, properties)
    X.set_attrs(tbl.tblGrid.find(qn("w:gridCol")), w=width)
    style = builder.styles["record"]
    X.set_line_spacing(X.ppr(builder.document.styles[style.name].element), pitch)
    X.set_flag(X.ppr(builder.document.styles[style.name].element), "w:overflowPunct", False)  # a cell: push
    give_back = (X.twips(spec.thick_rule_mm) if spec.rules else 0) + SLACK_TWIPS  # room for the bottom rule
    indent = pt_to_mm(pad / X.TWIPS_PER_PT)  # the cell margin, as written
    cell_left, cell_right = page.block_left + indent, page.block_right - indent
    items = [*plan.rows, *([plan.copies] if plan.copies else []), None]
    for i, (row, item) in enumerate(zip(table.rows, items, strict=False)):
        # 主送/抄送 rows grow if Word wraps a name list once more or a clerk adds to it; the last
        # row stays exact (it gives the bottom rule room), and so does the one-line 共印N份 row
        last = i == len(lines) - 1
        height = lines[i] * pitch - (give_back if last else 0)
        row._tr.insert(0, X.row_properties(height, at_least=not last and not isinstance(item, str)))
        cell = row.cells[0]
        paragraph = cell.paragraphs[0]
        paragraph.style = builder.document.styles[style.name]
        if isinstance(item, str):  # 共印5份, flush right in the cell
            X.set_jc(X.ppr(paragraph._p), "right")
            builder.text(paragraph, item, style.text_style)
            continue
        if item is not None:  # 主送, 抄送
            write_hanging(builder, paragraph, item, cell_left, cell_right)
            # LibreOffice 7.4 grows an at-least row by its top border's width: the lines give it back
            border = X.twips(spec.thick_rule_mm) if i == 0 and spec.rules and not last else 0
            X.set_line_spacing(X.ppr(paragraph._p), pitch - math.ceil(border / lines[i]))
            continue
        X.set_jc(X.ppr(paragraph._p), "left")  # 印发机关 … 印发日期
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(width - 2 * pad), WD_TAB_ALIGNMENT.RIGHT)
        builder.text(paragraph, plan.printer or "", style.text_style)
        builder.run(paragraph, "\t", style.text_style)
        builder.text(paragraph, plan.print_date, style.text_style)
        if i and spec.rules:
            cell._tc.get_or_add_tcPr().append(X.cell_top_border(X.eighths(mm_to_pt(spec.thin_rule_mm))))
