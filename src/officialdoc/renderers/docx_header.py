"""版头 (§7.2) and the chapter-10 marks in the DOCX, placed as the layout engine places them.

Text on a grid line (份号, 密级, 紧急程度, 发文字号, 签发人) is an ordinary paragraph of the
first page, in its own named style; grid lines without header text are blank 正文 lines, so
the title lands on the grid line the layout chose. What is off the grid — the issuer mark
(and "文件" beside a stack of names), the letter's lines under its double line — sits in
text boxes without borders or insets, anchored to the page where the layout puts it; the
rules are line shapes anchored to the page. LibreOffice sets a line of exact height with
its baseline 80 % down (profile ``docx``): boxes are placed so its glyphs land where the PDF's
do, and the red line keeps its 4 mm to the 发文字号 as LibreOffice sets that on its grid.
"""

from __future__ import annotations

from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.header import HeaderPlan, HeaderRule, HeaderText
from ..layout.result import Placed
from ..profile import Profile, pt_to_mm
from . import docx_xml as X
from .docx_writer import DocxWriter, ParaStyle

BOX_LINE_EM = 1.25  # a text box's exact line height: room for the glyphs (LibreOffice clips a fixed line)
BOX_SLACK_MM = 20.0  # boxes are wider than their text, so LibreOffice never wraps it


def write_header(builder: DocxWriter, placed: Placed) -> None:
    """Page 1 down to the grid line before the title: header paragraphs, boxes and rules."""
    profile = builder.profile
    plan = placed.plan
    assert isinstance(plan, HeaderPlan)
    for element, (name, text_style, align) in _styles(profile).items():
        builder.ensure_style(element, ParaStyle(name, text_style, align))
    paragraphs = [
        _grid_paragraph(builder, [t for t in plan.texts if t.slot == slot]) for slot in range(plan.first_slot)
    ]
    anchor = paragraphs[0]
    for text in plan.texts:
        if text.slot < 0:
            _text_box(builder, anchor, text)
    for rule in plan.rules:
        _line(builder, anchor, rule, plan)
    if not profile.header.first_page_number:  # 信函: page 1 has an empty footer of its own
        section = builder.document.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False


def _styles(profile: Profile) -> dict[str, tuple[str, str, str]]:
    """Header paragraph styles by element: (DOCX name, profile text style, alignment)."""
    spec = profile.header
    copy_number, secrecy, urgency = spec.flush_styles
    return {
        "issuer_mark": ("发文机关标志", spec.mark_style, "center"),
        "copy_number": ("份号", copy_number, "left"),
        "secrecy": ("密级", secrecy, "left"),
        "urgency": ("紧急程度", urgency, "left"),
        "reply_mark": ("答复标记", spec.marks_style, "left"),
        "doc_number": ("发文字号", spec.doc_number_style, "center"),
        "signer_label": ("签发人", spec.signer_label_style, "left"),
    }


def _grid_paragraph(builder: DocxWriter, texts: list[HeaderText]) -> DocxParagraph:
    """One grid line: blank, one text, or several (签发人 row) at left tab stops."""
    if not texts:
        return builder.paragraph("body")
    left = builder.profile.page.block_left
    paragraph = builder.paragraph("signer_label" if texts[0].element == "signer" else texts[0].element)
    ppr = X.ppr(paragraph._p)
    placed = sorted(texts, key=lambda t: t.x)
    if len(texts) > 1 or texts[0].align == "left":
        X.set_jc(ppr, "left")
        X.set_indent(ppr, left=X.twips(placed[0].x - left))
        for text in placed[1:]:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(X.twips(text.x - left)))
    for i, text in enumerate(placed):
        if i:
            builder.run(paragraph, "\t", text.style.name)
        builder.text(paragraph, text.text, text.style.name)
    return paragraph


def _text_box(builder: DocxWriter, anchor: DocxParagraph, text: HeaderText) -> None:
    """An off-grid text in a borderless text box placed so its baseline is the PDF's."""
    profile = builder.profile
    paragraph = builder.paragraph(text.element)
    builder.text(paragraph, text.text, text.style.name)
    style = profile.style(_styles(profile)[text.element][1])
    for run in paragraph.runs:
        rpr = X.rpr(run._r)
        if text.h_scale != 1.0:
            X.set_attrs(X.child(rpr, "w:w"), val=round(text.h_scale * 100))
        if text.style.size_pt != style.size_pt:
            X.set_size(rpr, text.style.size_pt)
        if text.char_space_pt != profile.tracking_pt(style):
            X.set_char_spacing(rpr, X.twips_pt(text.char_space_pt))
    line = X.twips_pt(text.style.size_pt * BOX_LINE_EM)
    ppr = X.ppr(paragraph._p)
    X.set_line_spacing(ppr, line)
    X.set_jc(ppr, text.align)
    height = pt_to_mm(line / X.TWIPS_PER_PT)
    width = text.width + BOX_SLACK_MM
    if text.align == "center":
        x = text.x + text.width / 2 - width / 2
    elif text.align == "right":
        x = text.x + text.width - width
    else:
        x = text.x
    top = text.baseline - profile.grid.line_ascent * height
    shape_id = builder.document.part.next_id
    box = X.page_text_box(
        [paragraph._p],
        x_mm=x,
        y_mm=top,
        width_mm=width,
        height_mm=height,
        shape_id=shape_id,
        name=f"{text.element} {text.text}",
    )
    paragraph._p.getparent().remove(paragraph._p)
    anchor._p.append(box)


def _line(builder: DocxWriter, anchor: DocxParagraph, header_rule: HeaderRule, plan: HeaderPlan) -> None:
    """A rule as a line shape; under the 发文字号 it moves with LibreOffice's grid line."""
    rule = header_rule.rule
    y = rule.y
    if header_rule.follows_slot is not None:
        y += _flow_baseline_shift(builder, header_rule.follows_slot)
    shape_id = builder.document.part.next_id
    anchor._p.append(
        X.page_line(
            x_mm=rule.x0,
            y_mm=y,
            width_mm=rule.x1 - rule.x0,
            weight_mm=rule.thickness,
            color=rule.color,
            shape_id=shape_id,
            name=rule.element,
        )
    )


def _flow_baseline_shift(builder: DocxWriter, slot: int) -> float:
    """How far below the PDF's baseline LibreOffice sets a 发文字号 on grid line ``slot`` (mm)."""
    profile = builder.profile
    spec = profile.docx
    line = spec.line_pitch_twips / X.TWIPS_PER_PT
    top = X.twips(profile.page.margin_top_mm) / X.TWIPS_PER_PT + slot * line
    libreoffice = pt_to_mm(top + profile.grid.line_ascent * line + spec.flow_baseline_extra_pt)
    return libreoffice - profile.grid_baseline_mm(slot)
