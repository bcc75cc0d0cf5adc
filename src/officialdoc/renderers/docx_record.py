"""版记 (§7.4) in the DOCX, on the page and grid lines the layout engine gives it; §7.5 numbers.

- The record is a one-column table, 156 mm wide, with one exact-height row per row of
  the record (主送, 抄送, 印发), as many grid lines high as in the PDF. Its rules are the
  table's thick top and bottom borders and a thin top border on the 印发 row, so they run
  the full width whatever the text's indents; the cell margins are the one-character side
  indents. (Paragraph borders follow the indents and add their width to the page; and
  LibreOffice 7.4 does not make a frame of bordered ``w:framePr`` paragraphs.)
- 主送/抄送 hang their label, so wrapped names continue after the colon; the 印发 row sets
  the organ left and the date at a right tab stop on the cell's right edge.
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

import copy
from typing import TYPE_CHECKING

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Twips

from ..layout.engine import layout_document
from ..layout.page import Line, Page
from ..layout.record import RECORD_ELEMENTS, RecordPlan, is_record_page, plan_record
from ..model import Document
from ..profile import mm_to_pt, pt_to_mm
from . import docx_xml as X
from .docx_attachments import write_hanging

if TYPE_CHECKING:
    from .docx import _Builder

# The paragraph that must follow the table: exactly 0.1 pt high, 1 pt, hidden. LibreOffice 7.4,
# measured: with it, a last row 4 twips shorter than its grid lines less the bottom rule keeps
# the document on its page (exactly 0.6 pt or 1 pt high, it spills onto a new one).
END_PARAGRAPH_TWIPS = 2
SLACK_TWIPS = 4


def write_record(builder: _Builder, doc: Document) -> None:
    """The record at the end of the document, on the engine's page and grid lines."""
    assert doc.record is not None
    profile = builder.profile
    pages = layout_document(doc, profile, builder.fonts).pages
    at = next(i for i, page in enumerate(pages) if is_record_page(page))
    page = pages[at]
    rows = [line for line in page.lines if line.element in RECORD_ELEMENTS]
    if not (pages[at - 1].lines or pages[at - 1].rules):  # a blank page stands before it
        new_unnumbered_section(builder)
        builder._paragraph("body")  # the blank page
    used = _text_slots(page)
    blanks = builder._blank_lines(rows[0].slot - used)
    if not used:
        blanks[0].paragraph_format.page_break_before = True
    _table(builder, plan_record(doc.record, profile, builder.fonts), _row_heights(rows))
    _end_paragraph(builder)


def _end_paragraph(builder: _Builder) -> BaseOxmlElement:
    """A paragraph that takes (almost) no room: after a table, or to end a section."""
    end = builder._paragraph("body")
    X.set_line_spacing(X.ppr(end._p), END_PARAGRAPH_TWIPS)
    mark = X.rpr(X.ppr(end._p))
    X.set_flag(mark, "w:vanish", True)
    X.set_size(mark, 1)
    return end._p


def _row_heights(lines: list[Line]) -> list[int]:
    """Grid lines per record row (a wrapped 抄送 takes several), top to bottom."""
    counts: list[int] = []
    for i, line in enumerate(lines):
        if i and line.element == lines[i - 1].element:
            counts[-1] += 1
        else:
            counts.append(1)
    return counts


def _text_slots(page: Page) -> int:
    """Grid lines the page's text takes above the record (0: the record has the page alone)."""
    slots = [line.slot for line in page.lines if line.element not in (*RECORD_ELEMENTS, "page_number")]
    return max(slots) + 1 if slots else 0


def new_section(builder: _Builder) -> Section:
    """End the current section at its last paragraph (a table's gets an end paragraph);
    the new section, returned, starts a new page with the same properties and the previous
    section's footers (linked: it shares no footer part it could overwrite)."""
    body = builder.document.element.body
    last = body.sectPr.getprevious()
    props = X.ppr(last if last.tag == qn("w:p") else _end_paragraph(builder))
    props.replace(X.child(props, "w:sectPr"), copy.deepcopy(body.sectPr))
    for reference in body.sectPr.findall(qn("w:headerReference")) + body.sectPr.findall(qn("w:footerReference")):
        body.sectPr.remove(reference)
    final = builder.document.sections[-1]
    final.start_type = WD_SECTION.NEW_PAGE
    return final


def new_unnumbered_section(builder: _Builder) -> None:
    """A new section with empty footers (a blank page, §7.5)."""
    final = new_section(builder)
    for footer in (final.footer, final.even_page_footer):
        footer.is_linked_to_previous = False
        footer.paragraphs[0].style = builder.document.styles[builder.styles["page_number"].name]


def _table(builder: _Builder, plan: RecordPlan, lines: list[int]) -> None:
    profile = builder.profile
    spec, page, pitch = profile.record, profile.page, profile.docx.line_pitch_twips
    pad = round(spec.side_indent_chars * spec.side_indent_char_pt * 20)
    width = X.twips(page.block_width_mm)
    table = builder.document.add_table(rows=len(lines), cols=1)
    tbl = table._tbl
    tbl.remove(tbl.tblPr)
    tbl.insert(0, _table_properties(width, pad, _eighths(spec.thick_rule_mm) if spec.rules else 0))
    X.set_attrs(tbl.tblGrid.find(qn("w:gridCol")), w=width)
    style = builder.styles["record"]
    X.set_line_spacing(X.ppr(builder.document.styles[style.name].element), pitch)
    give_back = (X.twips(spec.thick_rule_mm) if spec.rules else 0) + SLACK_TWIPS  # room for the bottom rule
    cell_left, cell_right = page.block_left + pt_to_mm(pad / 20), page.block_right - pt_to_mm(pad / 20)
    for i, (row, item) in enumerate(zip(table.rows, [*plan.rows, None], strict=False)):
        height = lines[i] * pitch - (give_back if i == len(lines) - 1 else 0)
        row._tr.insert(
            0,
            parse_xml(
                f'<w:trPr {nsdecls("w")}><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="exact"/></w:trPr>'
            ),
        )
        cell = row.cells[0]
        paragraph = cell.paragraphs[0]
        paragraph.style = builder.document.styles[style.name]
        if item is not None:  # 主送, 抄送
            write_hanging(builder, paragraph, item, cell_left, cell_right)
            continue
        X.set_jc(X.ppr(paragraph._p), "left")  # 印发机关 … 印发日期
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(width - 2 * pad), WD_TAB_ALIGNMENT.RIGHT)
        builder._text(paragraph, plan.printer or "", style.text_style)
        builder._run(paragraph, "\t", style.text_style)
        builder._text(paragraph, plan.print_date, style.text_style)
        if i and spec.rules:
            cell._tc.get_or_add_tcPr().append(
                parse_xml(f'<w:tcBorders {nsdecls("w")}><w:top {_rule(_eighths(spec.thin_rule_mm))}/></w:tcBorders>')
            )


def _eighths(mm: float) -> int:
    """A rule's width in eighths of a point (w:sz): 0.35 mm → 8, 0.25 mm → 6."""
    return round(mm_to_pt(mm) * 8)


def _rule(size: int) -> str:
    """A black single border ``size`` eighths of a point wide; none for 0."""
    return f'w:val="single" w:sz="{size}" w:space="0" w:color="000000"' if size else 'w:val="nil"'


def _table_properties(width: int, pad: int, thick: int) -> BaseOxmlElement:
    """w:tblPr in schema order: width, indent, borders (thick top and bottom), fixed layout, margins.

    Word 2010 compatibility puts the first cell's text, not its border, at the indent:
    indenting by the cell margin puts the rules on the block's edges.
    """
    return parse_xml(
        f"<w:tblPr {nsdecls('w')}>"
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        f'<w:tblInd w:w="{pad}" w:type="dxa"/>'
        f'<w:tblBorders><w:top {_rule(thick)}/><w:left w:val="nil"/><w:bottom {_rule(thick)}/>'
        '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr>"
    )
