"""附件说明 (§7.3.4) and attachment pages (§7.3.7).

附件说明: one blank line under the body, two characters in: "附件：名称"; with several
attachments "附件：1.名称" and each following "2.名称" on its own line, its number under
"1."; a wrapped name continues under the name's first character.
Attachment pages: each attachment with a body starts a new page: "附件N" in 黑体 flush
left on line 1, its title centred on line 3, its body laid out like the main body; page
numbers continue.
"""

from __future__ import annotations

from ..fonts import FontSet
from ..forms import ATTACHMENT_LABEL
from ..model import Attachment, Document, attachment_label
from ..profile import Profile, pt_to_mm
from .flow import Flow, Typesetter
from .hanging import HangingItem, advance_mm, hanging_lines
from .lines import PendingLine, make_runs
from .result import Kind, SheetPlan, TextPlan


def plan_attachment_note(attachments: list[Attachment], profile: Profile, fonts: FontSet) -> list[HangingItem]:
    """One labelled paragraph per attachment (the text of model.attachment_note, in order)."""
    style = profile.attachments.note_style
    start = profile.page.block_left + profile.attachments.note_indent_chars * profile.char_pitch_mm
    right = profile.page.block_right
    label_end = start + advance_mm(ATTACHMENT_LABEL, style, profile, fonts)
    gap = pt_to_mm(profile.attachments.label_gap_pt)
    if len(attachments) == 1:
        title = attachments[0].note_name
        return [HangingItem(ATTACHMENT_LABEL, title, start, label_end + gap, right, style, "attachment_note")]
    items = []
    for i, attachment in enumerate(attachments, start=1):
        number = f"{i}."
        name_x = label_end + advance_mm(number, style, profile, fonts) + gap
        label, label_x = (ATTACHMENT_LABEL + number, start) if i == 1 else (number, label_end)
        items.append(HangingItem(label, attachment.note_name, label_x, name_x, right, style, "attachment_note"))
    return items


def place_attachment_note(engine: Typesetter, flow: Flow, attachments: list[Attachment]) -> tuple[HangingItem, ...]:
    flow.skip(engine.profile.attachments.note_blank_lines_before)
    items = tuple(plan_attachment_note(attachments, engine.profile, engine.fonts))
    for item in items:
        lines = hanging_lines(engine, item)
        for line in lines:
            flow.place(line)
        engine.last_lines_form_paragraph(flow, len(lines), item.element, engine.profile.style(item.style))
    return items


def place_attachment_pages(engine: Typesetter, flow: Flow, doc: Document, *, separate: bool = False) -> None:
    """Each attachment with a body on new pages: label, title on line 3, body.

    ``separate``: the attachments bound apart from the 正文 (after the 版记). Each starts a
    new sheet (an odd page; a blank, unnumbered page first when needed), its pages are
    numbered from 1 and its label is the 发文字号 then "附件N" (§7.3.7).
    """
    for number, attachment in doc.attachment_pages(separate=separate):
        label = attachment_label(number, len(doc.attachments))
        number_text = doc.attachment_label(number).removesuffix(label) if separate else ""
        place_sheet(engine, flow, attachment, number, label, number_text)


def place_sheet(
    engine: Typesetter, flow: Flow, attachment: Attachment, number: int, label: str, number_text: str
) -> None:
    """One attachment from a new page: its label on line 1 (after ``number_text``, the
    发文字号 of one bound separately), its title from line 3, then its body — for a whole
    document (``attachment.part``) its 发文字号 and subtitle under the title, its 主送,
    署名, 附注 and own attachments too (:func:`parts.place_part`)."""
    p = engine.profile
    spec = p.attachments
    style = p.style(spec.label_style)
    separate = attachment.bound_separately
    flow.new_page()
    if separate and flow.pages[-1].index % 2 == 0:
        flow.pages[-1].number = None  # the back of the last sheet stays blank
        flow.new_page()
    first = flow.pages[-1].index
    before = flow.pages[first - 2]
    sheet = engine.begin(flow, Kind.ATTACHMENT_SHEET, attachment)
    glyphs = engine.shaped(label, spec.label_style, "attachment_label")
    if number_text:  # the 发文字号 in its own style, then "附件N"
        glyphs = engine.shaped(number_text, p.header.doc_number_style, "attachment_label") + glyphs
    runs = make_runs(tuple(glyphs), p.page.block_left, p.tracking_pt(style), p.color(style.color))
    flow.place(PendingLine(runs, "attachment_label", False, False, style))
    flow.skip(spec.title_slot - flow.slot)
    lines = engine.place_title(flow, attachment.title, blank_after=False)
    under = engine.place_under_title(flow, attachment.part)
    flow.skip(p.title.blank_lines_after)
    title = TextPlan(lines, p.title.blank_lines_after)
    blank_before = separate and not (before.lines or before.rules)
    sheet.plan = SheetPlan(number, number_text, label, title, separate, blank_before, under)
    engine.place_part(flow, attachment.body, attachment.part)
    if separate:
        for page in flow.pages[first - 1 :]:
            page.number = page.index - first + 1
