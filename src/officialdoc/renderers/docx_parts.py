"""A lone 发文字号, the publication note, embedded documents' title blocks and the lines
under a title in the DOCX, placed as layout/parts.py places them.

Each is a paragraph of a named style on one grid line: 发文字号 (centred, the 版头's style),
副标题 (centred, 3号楷体), 发布说明 (indented two characters, under the date, which keeps
with it). An embedded document's title starts a new page (w:pageBreakBefore) or follows
blank 正文 lines.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.result import EmbeddedPlan, Placed, TextPlan, UnderTitle
from ..profile import Profile
from .docx_writer import DocxWriter, ParaStyle


def _styles(profile: Profile) -> dict[str, ParaStyle]:
    """Paragraph styles by element."""
    indent = profile.paragraph.first_line_indent_chars
    return {
        "doc_number": ParaStyle("发文字号", profile.header.doc_number_style, "center"),
        "subtitle": ParaStyle("副标题", profile.embedded.subtitle_style, "center"),
        "publication": ParaStyle("发布说明", profile.paragraph.note_style, "both", indent),
    }


def _paragraph(builder: DocxWriter, element: str, text: str) -> DocxParagraph:
    """A paragraph of the element's style, the style defined on first use."""
    return builder.paragraph(builder.ensure_style(element, _styles(builder.profile)[element]), text)


def write_doc_number(builder: DocxWriter, placed: Placed) -> None:
    """发文字号 without a 版头, centred on line 1; blank lines down to the title."""
    plan = placed.plan
    assert isinstance(plan, TextPlan)
    _paragraph(builder, "doc_number", plan.lines[0])
    builder.blank_lines(plan.blank_lines_after)


def write_under_title(builder: DocxWriter, under: tuple[UnderTitle, ...]) -> None:
    for line in under:
        _paragraph(builder, line.element, line.text)


def write_publication(builder: DocxWriter, placed: Placed) -> None:
    """（此件公开发布） under the date, two characters in; the date keeps with it."""
    plan = placed.plan
    assert isinstance(plan, TextPlan)
    previous = builder.document.element.body.sectPr.getprevious()
    if previous is not None and previous.tag == qn("w:p"):
        last = DocxParagraph(previous, builder.document._body)
        if last.style is not None and last.style.name == builder.styles["date"].name:  # the signature's date
            last.paragraph_format.keep_with_next = True
    _paragraph(builder, "publication", plan.lines[0])


def write_embedded(builder: DocxWriter, placed: Placed) -> None:
    """An embedded document's title block: a new page (or blank lines), title lines, the
    lines under them, a blank line."""
    plan = placed.plan
    assert isinstance(plan, EmbeddedPlan)
    paragraphs = builder.blank_lines(plan.blank_lines_before)
    paragraphs += [builder.paragraph("title", line) for line in plan.title.lines]
    if plan.new_page:
        paragraphs[0].paragraph_format.page_break_before = True
    write_under_title(builder, plan.under_title)
    builder.blank_lines(plan.title.blank_lines_after)
