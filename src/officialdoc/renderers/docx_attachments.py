"""附件说明 (§7.3.4) and attachment pages (§7.3.7) in the DOCX, placed as the layout engine places them.

附件说明: one paragraph per attachment in the style 附件说明, its label ("附件：1.") hanging
left of the name, so a wrapped name continues under the name's first character (indents
in twips: LibreOffice 7.4 ignores character units). Attachment pages: the 附件标识
paragraph ("附件2", 黑体) starts a new page (w:pageBreakBefore), the title (style 标题) on
line 3, then the body as the main body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.attachments import plan_attachment_note
from ..layout.engine import layout_document
from ..layout.hanging import HangingItem
from ..layout.title import break_title
from ..model import Attachment, Document, attachment_label
from . import docx_xml as X
from .docx_table import no_first_page

if TYPE_CHECKING:
    from .docx import _Builder



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


def write_hanging(builder: _Builder, paragraph: DocxParagraph, item: HangingItem, left: float, right: float) -> None:
    """Label, tab, text, hung as ``hang`` does, with a tab stop on the left indent: the text
    starts on the indent on every line, however wide the client sets the label
    (LibreOffice sets "1." 0.1 mm wider than the PDF, and has no implicit stop there)."""
    hang(paragraph, item, left, right)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(X.twips(item.text_x - left)))
    builder._text(paragraph, item.label, item.style)
    builder._run(paragraph, "\t", item.style)
    builder._text(paragraph, item.text, item.style)


def write_note(builder: _Builder, attachments: list[Attachment]) -> None:
    """附件说明 under the body; the signature keeps with its last line.

    The blank line above it is space before its first line, not an empty paragraph: Word
    and LibreOffice drop that space when 附件说明 starts a page, as the layout engine does.
    """
    profile = builder.profile
    for i, item in enumerate(plan_attachment_note(attachments, profile, builder.fonts)):
        paragraph = builder._paragraph("attachment_note")
        if i == 0:
            blank = profile.attachments.note_blank_lines_before * profile.docx.line_pitch_twips
            X.set_space_before(X.ppr(paragraph._p), blank)
        write_hanging(builder, paragraph, item, profile.page.block_left, profile.page.block_right)
        builder.last_body = paragraph


def write_pages(builder: _Builder, doc: Document, *, separate: bool = False) -> None:
    """Each attachment with a body: a new page with its label, title on line 3 and body.

    ``separate`` (after the 版记): each in a section of its own that starts on an odd page
    and numbers its pages from 1 (Word and LibreOffice add the blank page before it); the
    label is the 发文字号 (its own style) then "附件N" (§7.3.7).
    """
    profile = builder.profile
    pages = layout_document(doc, profile, builder.fonts).pages if separate else []
    starts = iter(page for page in pages[1:] if page.number == 1)  # where the engine starts each
    for number, attachment in doc.attachment_pages(separate=separate):
        label_text = attachment_label(number, len(doc.attachments))
        if separate:
            before = pages[next(starts).index - 2]
            _new_sheet_section(builder, blank_before=not (before.lines or before.rules))
            label = builder._paragraph("attachment_label")
            builder._text(label, doc.attachment_label(number).removesuffix(label_text), profile.header.doc_number_style)
            builder._text(label, label_text, profile.attachments.label_style)
        else:
            label = builder._paragraph("attachment_label", label_text)
            label.paragraph_format.page_break_before = True
        builder._blank_lines(profile.attachments.title_slot - 1)
        for line in break_title(attachment.title, profile.style("title"), profile, builder.fonts):
            builder._paragraph("title", line)
        builder._blank_lines(profile.title.blank_lines_after)
        builder._blocks(attachment.body, {})


def _new_sheet_section(builder: _Builder, *, blank_before: bool) -> None:
    """End the section so far; the next starts a new page, numbered from 1, with the
    portrait page-number footers (copied in once they exist: ``builder.renumbered``).

    ``blank_before``: a blank, unnumbered page first, in a section of its own, so the
    attachment starts a new sheet. (A w:type="oddPage" break would add it too, but
    LibreOffice 7.4 then sets the new page's text 2.3 mm low: measured.)
    """
    from .docx_record import new_section, new_unnumbered_section  # they import this module

    if blank_before:
        new_unnumbered_section(builder)
        builder._paragraph("body")  # the blank page
    section = new_section(builder)
    no_first_page(section._sectPr)  # a 信函's unnumbered first page is the document's only
    X.set_attrs(X.child(section._sectPr, "w:pgNumType"), start=1)
    builder.renumbered.append(section)
