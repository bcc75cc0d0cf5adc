"""Documents printed inside another one, and a 发文字号 printed without a 版头 (issue #9).

- A lone 发文字号 (top-level ``doc_number``: letterhead paper, web publication): the 发文字号
  style, centred on the first grid line; the title one blank line below it (line 3).
- An embedded document (印发/转发/发布 notices carry it after their own 署名, date,
  publication note, 附注 and attendance, before their attachment pages and the 版记): a new
  page, its title (2号小标宋, centred) from line 1 — or, with ``new_page: false``, two
  blank lines under the text above; its 发文字号 and the line under the title (3号楷体)
  centred on the next lines; one blank line; then its 目录 (the body from a new page),
  主送, body, 附件说明, 署名 and date (unsealed, §7.3.5.2), 附注, and its own attachment
  pages labelled 附件N within it.
- An attachment that is a whole document: as an attachment (label on line 1, title on
  line 3, §7.3.7), then the same parts as an embedded document.

Page numbers continue through all of them; the 版记 follows the last one.
"""

from __future__ import annotations

from ..model import Block, Document, DocumentPart, attachment_label
from .attachments import place_attachment_note, place_sheet
from .contents import close_contents, place_contents
from .flow import Flow, Typesetter
from .lines import centred_line
from .result import EmbeddedPlan, Kind, NotePlan, TextPlan, UnderTitle


def place_centred(engine: Typesetter, flow: Flow, text: str, style_name: str, element: str) -> None:
    """One centred line of an on-grid style on the flow's next grid line, at the DOCX's run
    spacing (``fit_tracking_pt``, as the 目录 title and chapter line): centred, its glyphs sit on
    no grid column, and LibreOffice centres the DOCX's paragraph at that spacing."""
    p = engine.profile
    style = p.style(style_name)
    glyphs = engine.shaped(text, style_name, element)
    flow.place(centred_line(p, glyphs, p.fit_tracking_pt(style), element, style))


def place_doc_number(engine: Typesetter, flow: Flow, number: str) -> TextPlan:
    """发文字号 without a 版头: centred on the first grid line, the title a blank line below."""
    p = engine.profile
    place_centred(engine, flow, number, p.header.doc_number_style, "doc_number")
    flow.skip(p.embedded.number_blank_lines_after)
    return TextPlan((number,), p.embedded.number_blank_lines_after)


def place_under_title(engine: Typesetter, flow: Flow, part: DocumentPart | None) -> tuple[UnderTitle, ...]:
    """A part's 发文字号 and subtitle, centred, one grid line each, under its title."""
    if part is None:
        return ()
    p = engine.profile
    under = []
    if part.doc_number:
        under.append(UnderTitle(part.doc_number, p.header.doc_number_style, "doc_number"))
    if part.subtitle:
        under.append(UnderTitle(part.subtitle, p.embedded.subtitle_style, "subtitle"))
    for line in under:
        place_centred(engine, flow, line.text, line.style, line.element)
    return tuple(under)


def place_embedded(engine: Typesetter, flow: Flow, doc: Document) -> None:
    """Each document the notice carries: title block, then its parts."""
    p = engine.profile
    spec = p.embedded
    for embedded in doc.embedded:
        if embedded.new_page:
            flow.new_page()
            blank = spec.title_slot
        else:  # the blank lines left on the page (the title never starts a page below blank lines)
            blank = min(spec.blank_lines_before, p.grid.lines - flow.slot)
        flow.skip(blank)
        placed = engine.begin(flow, Kind.EMBEDDED, embedded)
        lines = engine.place_title(flow, embedded.title, blank_after=False)
        under = place_under_title(engine, flow, embedded.part)
        flow.skip(p.title.blank_lines_after)
        title = TextPlan(lines, p.title.blank_lines_after)
        placed.plan = EmbeddedPlan(title, under, embedded.new_page, blank)
        place_part(engine, flow, embedded.body, embedded.part)


def place_part(engine: Typesetter, flow: Flow, body: list[Block], part: DocumentPart | None) -> None:
    """A part's 目录, 主送, body, 附件说明, 署名 and date, 附注, then its attachments' pages."""
    p = engine.profile
    contents = None
    if part is not None and part.contents is not None:  # layout/contents.py; the body from a new page
        contents = engine.begin(flow, Kind.CONTENTS, part.contents)
        contents.plan = place_contents(engine, flow, part.contents, body, engine.contents_pages)
    if part is not None and part.addressees:
        text = "、".join(part.addressees) + "："
        engine.begin(flow, Kind.ADDRESSEE, text).plan = TextPlan((text,))
        engine.place_paragraph(flow, text, "addressee", indent_chars=0)
    engine.place_blocks(flow, body)
    if contents is not None:
        close_contents(contents, engine.elements)
    if part is None:
        return
    if part.attachments:
        placed = engine.begin(flow, Kind.ATTACHMENT_NOTE, part.attachments)
        placed.plan = NotePlan(place_attachment_note(engine, flow, part.attachments))
    if part.signature:
        engine.place_signature(flow, part.signature)
    if part.note:
        text = f"（{part.note}）"
        engine.begin(flow, Kind.NOTE, part.note).plan = TextPlan((text,))
        engine.place_paragraph(flow, text, p.paragraph.note_style, element="note")
    for number, attachment in enumerate(part.attachments, start=1):
        if attachment.body:
            place_sheet(engine, flow, attachment, number, attachment_label(number, len(part.attachments)), "")
