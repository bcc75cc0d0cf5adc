"""Page numbers on the landscape pages of a §8 横排表格 in the DOCX.

A landscape table's section (``docx_table``) is an A4 landscape page. It is the portrait
sheet turned so the table reads upright; the PDF draws the same page as the portrait sheet
with the table turned a quarter counter-clockwise. The sheet's left (binding) edge is the
landscape page's top and its bottom edge the landscape page's left: a point (x, y) of the
portrait sheet (mm from its top-left corner) lies at (H − y, x) on the landscape page, H
being the sheet's height (``turned``).

§8 keeps the page number where it is on every other page. So each landscape section gets
odd and even footers of its own, each holding the portrait footer's paragraph (style 页码,
"— PAGE —", alignment and side indent: copied, so font, size and field are the same) in a
text box turned with the page: the portrait footer's one-line box (an exact 页码 line,
``docx.footer_distance_mm`` above the sheet's bottom edge, between the side margins) down
to the sheet's edge, turned a quarter clockwise (``vert="vert"``), the line along the
box's top. LibreOffice 7.4 turns such a box's text (the text of a rotated shape, ``a:xfrm
rot``, it leaves upright: measured) and puts it where the PDF has it, the baseline 0.2 mm
lower (in a turned line it centres the font's ascent and descent instead of the 80 % rule).
The footer paragraph anchoring the box is one point high: the landscape page's bottom
margin (the sheet's right margin) has no room for the number's line, and Word would push
the table up to make some.

A section without footers of its own inherits the previous section's, so the portrait
section after a landscape one gets copies of the portrait footers.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.section import Section, _Footer

from ..profile import Profile, pt_to_mm
from . import docx_xml as X
from .docx_sections import shrink_to_one_point
from .docx_writer import DocxWriter

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument



def write_landscape_footers(builder: DocxWriter) -> None:
    """Footers of the sections after the first, once the first section's footers are written."""
    sections = list(builder.document.sections)
    portrait = sections[0]
    after_landscape = False
    for section in sections[1:]:
        if section.orientation == WD_ORIENT.LANDSCAPE:
            for source, target in _footers(portrait, section):
                _turned_number(builder, source, target)
            after_landscape = True
            continue
        if after_landscape:
            for source, target in _footers(portrait, section):
                if target.is_linked_to_previous:  # not a section with footers of its own (版记)
                    target.is_linked_to_previous = False
                    _copy_content(source, target)
        after_landscape = False


def copy_portrait_footers(builder: DocxWriter, sections: list[Section]) -> None:
    """Give ``sections`` the first section's page-number footers (not the previous one's)."""
    portrait = builder.document.sections[0]
    for section in sections:
        for source, target in _footers(portrait, section):
            target.is_linked_to_previous = False
            _copy_content(source, target)


def _footers(portrait: Section, section: Section) -> tuple[tuple[_Footer, _Footer], ...]:
    """(portrait footer, the section's footer) for odd and even pages."""
    return (portrait.footer, section.footer), (portrait.even_page_footer, section.even_page_footer)


def _copy_content(source: _Footer, target: _Footer) -> None:
    for element in list(target._element):
        target._element.remove(element)
    for element in source._element:
        target._element.append(copy.deepcopy(element))


def turned(profile: Profile, x: float, y: float) -> tuple[float, float]:
    """A point of the portrait sheet on the landscape page (mm from the top-left corners)."""
    return profile.page.height_mm - y, x


def number_box(profile: Profile) -> tuple[float, float, float, float]:
    """(x, y, width, height) mm on the landscape page of the turned page-number box.

    On the portrait sheet the box is the footer paragraph's line (one 页码 em high, its
    bottom ``footer_distance_mm`` above the sheet's bottom edge) and the margin under it,
    between the side margins.
    """
    page = profile.page
    line = pt_to_mm(profile.style(profile.page_number.style).size_pt)  # the 页码 style's exact line
    top = page.height_mm - profile.docx.footer_distance_mm - line
    (x0, y0), (x1, y1) = turned(profile, page.block_left, top), turned(profile, page.block_right, page.height_mm)
    return min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)


def _turned_number(builder: DocxWriter, source: _Footer, target: _Footer) -> None:
    """``target`` (a landscape footer) holds ``source``'s paragraphs in the turned box."""
    target.is_linked_to_previous = False
    anchor = target.paragraphs[0]
    anchor.style = builder.document.styles[builder.styles["page_number"].name]
    shrink_to_one_point(anchor._p)
    x, y, width, height = number_box(builder.profile)
    shape_id = _next_shape_id(builder.document)
    anchor._p.append(
        X.page_text_box(
            source._element.findall(qn("w:p")),
            x_mm=x,
            y_mm=y,
            width_mm=width,
            height_mm=height,
            shape_id=shape_id,
            name=f"page number {shape_id}",
            vertical=True,
        )
    )


def _next_shape_id(document: DocxDocument) -> int:
    """A drawing id unused in the document and in its headers and footers (Word wants them unique)."""
    part = document.part
    stories = [part] + [r.target_part for r in part.rels.values() if r.reltype in (RT.HEADER, RT.FOOTER)]
    ids = [int(v) for story in stories for v in story.element.xpath("//@id") if str(v).isdigit()]
    return max(ids, default=0) + 1
