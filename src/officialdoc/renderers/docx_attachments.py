"""附件说明 (§7.3.4) and attachment pages (§7.3.7) in the DOCX, placed as the layout engine places them.

附件说明: one paragraph per attachment in the style 附件说明, its label ("附件：1.") hanging
left of the name, so a wrapped name continues under the name's first character (indents
in twips: LibreOffice 7.4 ignores character units). Attachment pages: the 附件标识
paragraph ("附件2", 黑体) starts a new page (w:pageBreakBefore), the title (style 标题) on
line 3, then the body as the main body.
"""

from __future__ import annotations

from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.hanging import HangingItem
from ..layout.result import NotePlan, Placed, SheetPlan
from . import docx_xml as X
from .docx_parts import write_under_title
from .docx_sections import new_sheet_section
from .docx_writer import DocxWriter


def hang(paragraph: DocxParagraph, item: HangingItem, left: float, right: float) -> None:
    """Indents in twips: the left indent at the text, the label hanging out to its own x.

    ``left`` and ``right`` are the edges the indents count from (the block's, a cell's).
    """
    X.set_attrs(
        X.child(X.ppr(paragraph._p), "w:ind"),
        left=X.twips(item.text_x - left), right=X.twips(right - item.right),
        hanging=X.twips(item.text_x - item.label_x), firstLine=None, firstLineChars=0,
        start=None, end=None, hangingChars=None, leftChars=None, rightChars=None,
    )  # fmt: skip


def write_hanging(builder: DocxWriter, paragraph: DocxParagraph, item: HangingItem, left: float, right: float) -> None:
    """Label, tab, text, hung as ``hang`` does, with a tab stop on the left indent: the text
    starts on the indent on every line, however wide the client sets the label
    (LibreOffice sets "1." 0.1 mm wider than the PDF, and has no implicit stop there)."""
    hang(paragraph, item, left, right)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(X.twips(item.text_x - left)))
    builder.text(paragraph, item.label, item.style)
    builder.run(paragraph, "\t", item.style)
    builder.text(paragraph, item.text, item.style)


def write_note(builder: DocxWriter, placed: Placed) -> DocxParagraph:
    """附件说明 under the body; the signature keeps with its last line.

    The blank line above it is space before its first line, not an empty paragraph: Word
    and LibreOffice drop that space when 附件说明 starts a page, as the layout engine does.
    """
    profile = builder.profile
    plan = placed.plan
    assert isinstance(plan, NotePlan)
    for i, item in enumerate(plan.items):
        paragraph = builder.paragraph("attachment_note")
        if i == 0:
            blank = profile.attachments.note_blank_lines_before * profile.docx.line_pitch_twips
            X.set_space_before(X.ppr(paragraph._p), blank)
        write_hanging(builder, paragraph, item, profile.page.block_left, profile.page.block_right)
    return paragraph


def write_sheet(builder: DocxWriter, placed: Placed) -> None:
    """An attachment's first page: a new page with its label and its title on line 3 (its
    body follows as elements of its own).

    A separately bound one (after the 版记) goes in a section of its own that starts on an
    odd page and numbers its pages from 1; its label is the 发文字号 (its own style) then
    "附件N" (§7.3.7).
    """
    profile = builder.profile
    plan = placed.plan
    assert isinstance(plan, SheetPlan)
    if plan.separate:
        new_sheet_section(builder, blank_before=plan.blank_page_before)
        label = builder.paragraph("attachment_label")
        builder.text(label, plan.number_text, profile.header.doc_number_style)
        builder.text(label, plan.label, profile.attachments.label_style)
    else:
        label = builder.paragraph("attachment_label", plan.label)
        label.paragraph_format.page_break_before = True
    builder.blank_lines(profile.attachments.title_slot - 1)
    for line in plan.title.lines:
        builder.paragraph("title", line)
    write_under_title(builder, plan.under_title)
    builder.blank_lines(plan.title.blank_lines_after)


