"""表格 in the DOCX: a real Word table laid out as the PDF's (``layout.table.plan_table``).

- Widths in twips, written twice and consistently: ``w:tblW`` and each ``w:tcW`` (what
  Word reads) and ``w:gridCol`` (what WPS reads); a fixed layout, so no client re-sizes.
- Borders: single black lines of the profile's width, on the table and in its table style.
- Rows are exactly as high as the PDF's: cell lines × the grid pitch (``w:trHeight``
  exact; the header row less the top border's width, which LibreOffice 7.4 sets above it
  on every page, measured), cell paragraphs at the grid's exact line spacing, no cell
  margin above or below. Rows never split (``w:cantSplit``); the header row repeats on
  each page (``w:tblHeader``) and is kept with the first data row, as the caption is kept
  with the table.
- Cell paragraphs (styles 表格文字, 表头; caption 表题) are based on 正文 without its
  first-line indent and tracking, with the table fonts (eastAsia named) and alignments.
- A landscape table (§8) gets a section of its own: A4 with ``w:orient="landscape"``,
  margins turned with the page, so its text block is the portrait block once the page
  lies with its top at the binding edge (as the PDF draws it). Its footers are written
  with the document's (``docx_footer``): the page number in a text box turned with the
  page, where the PDF keeps it. Neither it nor the portrait section after it has a first
  page of its own (``w:titlePg``): only the document's first page may lack a number (信函).
"""

from __future__ import annotations

import copy
import itertools
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.table import RowPlan, plan_table
from ..model import Table
from . import docx_xml as X

if TYPE_CHECKING:
    from .docx import _Builder

CELL_STYLE = "表格文字"
HEADER_STYLE = "表头"
CAPTION_STYLE = "表题"
TABLE_STYLE = "公文表格"
BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")



def add_table(builder: _Builder, table: Table) -> DocxParagraph | None:
    """Append ``table`` (its caption first) at the end of the document body.

    Returns a paragraph of the last row for the signature to keep with (§7.3.5.5: its
    last row then goes over with it, as in the PDF); None after a landscape table.
    """
    profile = builder.profile
    spec = profile.table
    width = profile.page.block_height_mm if table.landscape else profile.page.block_width_mm
    plan = plan_table(table, profile, builder.fonts, width)
    _define_styles(builder)
    portrait = _start_landscape(builder) if table.landscape else None
    if table.caption:
        caption = builder.document.add_paragraph(style=CAPTION_STYLE)
        builder._text(caption, table.caption, spec.caption_style)
        caption.paragraph_format.keep_with_next = True
    edges = [X.twips(e) for e in plan.edges]  # rounded once, so the columns add up to tblW
    columns = [b - a for a, b in itertools.pairwise(edges)]
    grid = builder.document.add_table(rows=0, cols=len(columns))
    tbl = grid._tbl
    tbl.remove(tbl.tblPr)
    tbl.insert(0, _table_properties(builder, edges[-1]))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), columns, strict=True):
        X.set_attrs(col, w=w)
    for planned in (plan.header, *plan.rows):
        _row(builder, grid.add_row(), planned, columns)
    if portrait is None:
        return grid.rows[-1].cells[0].paragraphs[0]
    _end_landscape(builder, portrait)
    return None


def _row(builder: _Builder, row: _Row, planned: RowPlan, columns: list[int]) -> None:
    """One table row: exact height, never split; the header row repeats and keeps with the next."""
    profile = builder.profile
    height = planned.lines * profile.docx.line_pitch_twips
    if planned.header:  # LibreOffice sets the table's top border's width above the (repeated) header row
        height -= round(profile.table.border_width_pt * 20)
    row._tr.insert(
        0,
        parse_xml(
            f"<w:trPr {nsdecls('w')}><w:cantSplit/>"
            f'<w:trHeight w:val="{height}" w:hRule="exact"/>'
            + ("<w:tblHeader/>" if planned.header else "")
            + "</w:trPr>"
        ),
    )
    style, text_style = (
        (HEADER_STYLE, profile.table.header_style) if planned.header else (CELL_STYLE, profile.table.cell_style)
    )
    for cell, plan, w in zip(row.cells, planned.cells, columns, strict=True):
        cell.width = Twips(w)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        paragraph = cell.paragraphs[0]
        paragraph.style = builder.document.styles[style]
        X.set_jc(X.ppr(paragraph._p), plan.align)
        if plan.text:
            builder._text(paragraph, plan.text, text_style)
        if planned.header:
            paragraph.paragraph_format.keep_with_next = True


def _borders_xml(tag: str, size_eighths: int) -> str:
    lines = "".join(f'<w:{b} w:val="single" w:sz="{size_eighths}" w:space="0" w:color="000000"/>' for b in BORDERS)
    return f"<w:{tag}>{lines}</w:{tag}>"


def _margins_xml(pad: int) -> str:
    return (
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
    )


def _table_properties(builder: _Builder, width: int) -> BaseOxmlElement:
    """w:tblPr in schema order: style, width, indent, borders, fixed layout, cell margins."""
    spec = builder.profile.table
    pad = X.twips(spec.cell_padding_mm)
    return parse_xml(
        f"<w:tblPr {nsdecls('w')}>"
        f'<w:tblStyle w:val="{_table_style_id(builder)}"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        # Word 2010 compatibility (the template's mode) sets the first cell's text, not its
        # border, at the indent: indent by the padding to put the border on the margin
        f'<w:tblInd w:w="{pad}" w:type="dxa"/>'
        + _borders_xml("tblBorders", round(spec.border_width_pt * 8))
        + '<w:tblLayout w:type="fixed"/>'
        + _margins_xml(pad)
        + '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr>"
    )


def _table_style_id(builder: _Builder) -> str:
    """公文表格: the borders, cell margins and cell fonts (eastAsia named) as a table style."""
    styles = builder.document.styles
    if TABLE_STYLE in [s.name for s in styles]:
        return styles[TABLE_STYLE].style_id
    spec = builder.profile.table
    style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    builder._run_format(style.element, builder.profile.style(spec.cell_style))
    pad = X.twips(spec.cell_padding_mm)
    style.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            + _borders_xml("tblBorders", round(spec.border_width_pt * 8))
            + _margins_xml(pad)
            + "</w:tblPr>"
        )
    )
    return style.style_id


def _define_styles(builder: _Builder) -> None:
    """表格文字, 表头 and 表题: 正文 without indent or tracking, at the grid's exact pitch."""
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
        builder._run_format(style.element, profile.style(text_style))
        pf = X.ppr(style.element)
        X.set_line_spacing(pf, profile.docx.line_pitch_twips)
        X.set_indent(pf)
        X.set_jc(pf, align)


def _landscape_sect_pr(portrait: BaseOxmlElement, builder: _Builder) -> BaseOxmlElement:
    """The portrait section turned a quarter: A4 landscape, margins turned with the page.

    Laid on the portrait sheet with its top at the binding (left) edge, as the PDF draws
    a landscape table (a quarter turn counter-clockwise), its left edge is the sheet's
    bottom: top = left margin, left = bottom margin, bottom = right margin, right = top.
    """
    page = builder.profile.page
    sect = copy.deepcopy(portrait)
    for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
        sect.remove(ref)  # its own footers come with the document's (docx_footer)
    no_first_page(sect)
    _continue_numbering(sect)
    # no line grid: LibreOffice centres a grid's whole lines in the block, which would set the
    # table 4.4 mm low (the cell paragraphs have exact spacing; the grid adds nothing)
    sect.remove(sect.find(qn("w:docGrid")))
    X.set_attrs(X.child(sect, "w:pgSz"), w=X.twips(page.height_mm), h=X.twips(page.width_mm), orient="landscape")
    X.set_attrs(
        X.child(sect, "w:pgMar"),
        top=X.twips(page.margin_left_mm),
        right=X.twips(page.margin_top_mm),
        bottom=X.twips(page.margin_right_mm),
        left=X.twips(page.margin_bottom_mm),
    )
    return sect


def _put_sect_pr(p: BaseOxmlElement, sect_pr: BaseOxmlElement) -> None:
    """End a section at paragraph ``p`` (Word keeps a section's properties in its last paragraph)."""
    props = X.ppr(p)
    props.replace(X.child(props, "w:sectPr"), copy.deepcopy(sect_pr))


def _continue_numbering(sect: BaseOxmlElement) -> None:
    """Page numbers go on from the section before (a separately bound attachment restarts
    at 1 in its first section only, §7.3.7)."""
    for numbering in sect.findall(qn("w:pgNumType")):
        numbering.attrib.pop(qn("w:start"), None)


def no_first_page(sect: BaseOxmlElement) -> None:
    """No first page of its own (the 信函's first page without a number is the document's only)."""
    for element in sect.findall(qn("w:titlePg")):
        sect.remove(element)
    for ref in sect.findall(qn("w:footerReference")) + sect.findall(qn("w:headerReference")):
        if ref.get(qn("w:type")) == "first":
            sect.remove(ref)


def shrink_to_one_point(p: BaseOxmlElement) -> None:
    """Make a paragraph without text one point high (an exact 1 pt line, a 1 pt mark)."""
    X.set_line_spacing(X.ppr(p), 20)
    X.set_size(X.rpr(X.ppr(p)), 1)


def _tiny_paragraph(builder: _Builder) -> BaseOxmlElement:
    """An empty paragraph one point high, to carry a section break after a table."""
    paragraph = builder.document.add_paragraph(style=CELL_STYLE)
    shrink_to_one_point(paragraph._p)
    return paragraph._p


def _start_landscape(builder: _Builder) -> BaseOxmlElement:
    """End the current section at the last paragraph; what follows is landscape.

    Right after another landscape table (whose section its last paragraph already ends),
    a landscape section of its own follows at once: a new page, as in the PDF.
    Returns the portrait section properties, for ``_end_landscape``.
    """
    body = builder.document.element.body
    portrait = body.sectPr
    last = portrait.getprevious()
    if last is None or last.tag != qn("w:p"):
        last = _tiny_paragraph(builder)
    if last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        _put_sect_pr(last, portrait)
    body.replace(portrait, _landscape_sect_pr(portrait, builder))
    return portrait


def end_on_landscape(builder: _Builder) -> None:
    """When a landscape table ends the document, its section is the last one: no empty
    portrait section (an empty page in Word and LibreOffice) follows it."""
    body = builder.document.element.body
    last = body.sectPr.getprevious()
    carried = None if last is None else last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if carried is None or carried.find(qn("w:pgSz")).get(qn("w:orient")) != "landscape":
        return
    carried.getparent().remove(carried)
    body.replace(body.sectPr, carried)


def _end_landscape(builder: _Builder, portrait: BaseOxmlElement) -> None:
    """Close the landscape section with a one-point paragraph; what follows is portrait again."""
    body = builder.document.element.body
    landscape = body.sectPr
    _put_sect_pr(_tiny_paragraph(builder), landscape)
    no_first_page(portrait)
    _continue_numbering(portrait)
    body.replace(landscape, portrait)
