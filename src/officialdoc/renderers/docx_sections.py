"""Sections of the DOCX: where one ends and the next begins, with its page setup.

Word keeps a section's properties (``w:sectPr``) in its last paragraph and the last
section's in the body. New sections come from: a landscape table (§8, a turned page of
its own), a blank unnumbered page before the 版记 page (§7.5), a separately bound
attachment (§7.3.7: starts a sheet, numbered from 1).
"""

from __future__ import annotations

import copy

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section

from . import docx_xml as X
from .docx_writer import DocxWriter

END_PARAGRAPH_TWIPS = 2


def end_paragraph(builder: DocxWriter) -> BaseOxmlElement:
    """A paragraph that takes (almost) no room: after a table, or to end a section."""
    end = builder.paragraph("body")
    X.set_line_spacing(X.ppr(end._p), END_PARAGRAPH_TWIPS)
    mark = X.rpr(X.ppr(end._p))
    X.set_flag(mark, "w:vanish", True)
    X.set_size(mark, 1)
    return end._p


def new_section(builder: DocxWriter) -> Section:
    """End the current section at its last paragraph (a table's gets an end paragraph);
    the new section, returned, starts a new page with the same properties and the previous
    section's footers (linked: it shares no footer part it could overwrite)."""
    body = builder.document.element.body
    last = body.sectPr.getprevious()
    props = X.ppr(last if last.tag == qn("w:p") else end_paragraph(builder))
    props.replace(X.child(props, "w:sectPr"), copy.deepcopy(body.sectPr))
    for reference in body.sectPr.findall(qn("w:headerReference")) + body.sectPr.findall(qn("w:footerReference")):
        body.sectPr.remove(reference)
    final = builder.document.sections[-1]
    final.start_type = WD_SECTION.NEW_PAGE
    return final


def new_unnumbered_section(builder: DocxWriter) -> None:
    """A new section with empty footers (a blank page, §7.5)."""
    final = new_section(builder)
    for footer in (final.footer, final.even_page_footer):
        footer.is_linked_to_previous = False
        footer.paragraphs[0].style = builder.document.styles[builder.styles["page_number"].name]


def new_sheet_section(builder: DocxWriter, *, blank_before: bool) -> None:
    """End the section so far; the next starts a new page, numbered from 1, with the
    portrait page-number footers (copied in once they exist: ``builder.renumbered``).

    ``blank_before``: a blank, unnumbered page first, in a section of its own, so the
    attachment starts a new sheet. (A w:type="oddPage" break would add it too, but
    LibreOffice 7.4 then sets the new page's text 2.3 mm low: measured.)
    """
    if blank_before:
        new_unnumbered_section(builder)
        builder.paragraph("body")  # the blank page
    section = new_section(builder)
    no_first_page(section._sectPr)  # a 信函's unnumbered first page is the document's only
    X.set_attrs(X.child(section._sectPr, "w:pgNumType"), start=1)
    builder.renumbered.append(section)


def _landscape_sect_pr(portrait: BaseOxmlElement, builder: DocxWriter) -> BaseOxmlElement:
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
    X.set_line_spacing(X.ppr(p), X.twips_pt(1))
    X.set_size(X.rpr(X.ppr(p)), 1)


def _tiny_paragraph(builder: DocxWriter, style: str) -> BaseOxmlElement:
    """An empty paragraph one point high, to carry a section break after a table."""
    paragraph = builder.document.add_paragraph(style=style)
    shrink_to_one_point(paragraph._p)
    return paragraph._p


def start_landscape(builder: DocxWriter, tiny_style: str) -> BaseOxmlElement:
    """End the current section at the last paragraph; what follows is landscape.

    Right after another landscape table (whose section its last paragraph already ends),
    a landscape section of its own follows at once: a new page, as in the PDF.
    Returns the portrait section properties, for ``end_landscape``.
    """
    body = builder.document.element.body
    portrait = body.sectPr
    last = portrait.getprevious()
    if last is None or last.tag != qn("w:p"):
        last = _tiny_paragraph(builder, tiny_style)
    if last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        _put_sect_pr(last, portrait)
    body.replace(portrait, _landscape_sect_pr(portrait, builder))
    return portrait


def end_on_landscape(builder: DocxWriter) -> None:
    """When a landscape table ends the document, its section is the last one: no empty
    portrait section (an empty page in Word and LibreOffice) follows it."""
    body = builder.document.element.body
    last = body.sectPr.getprevious()
    carried = None if last is None else last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    if carried is None or carried.find(qn("w:pgSz")).get(qn("w:orient")) != "landscape":
        return
    carried.getparent().remove(carried)
    body.replace(body.sectPr, carried)


def end_landscape(builder: DocxWriter, portrait: BaseOxmlElement, tiny_style: str) -> None:
    """Close the landscape section with a one-point paragraph; what follows is portrait again."""
    body = builder.document.element.body
    landscape = body.sectPr
    _put_sect_pr(_tiny_paragraph(builder, tiny_style), landscape)
    no_first_page(portrait)
    _continue_numbering(portrait)
    body.replace(landscape, portrait)
