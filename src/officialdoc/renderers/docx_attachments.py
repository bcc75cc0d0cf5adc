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
from ..layout.hanging import HangingItem
from ..layout.title import break_title
from ..model import Attachment, Document, attachment_label
from . import docx_xml as X

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
    """附件说明 under the body (one blank line first); the signature keeps with its last line."""
    profile = builder.profile
    builder._blank_lines(profile.attachments.note_blank_lines_before)
    for item in plan_attachment_note(attachments, profile, builder.fonts):
        paragraph = builder._paragraph("attachment_note")
        write_hanging(builder, paragraph, item, profile.page.block_left, profile.page.block_right)
        builder.last_body = paragraph


def write_pages(builder: _Builder, doc: Document) -> None:
    """Each attachment with a body: a new page with its label, title on line 3 and body."""
    profile = builder.profile
    for number, attachment in enumerate(doc.attachments, start=1):
        if not attachment.body:
            continue
        label = builder._paragraph("attachment_label", attachment_label(number, len(doc.attachments)))
        label.paragraph_format.page_break_before = True
        builder._blank_lines(profile.attachments.title_slot - 1)
        for line in break_title(attachment.title, profile.style("title"), profile, builder.fonts):
            builder._paragraph("title", line)
        builder._blank_lines(profile.title.blank_lines_after)
        builder._blocks(attachment.body, {})
