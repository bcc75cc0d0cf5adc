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

from typing import TYPE_CHECKING

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.header import HeaderPlan, HeaderRule, HeaderText, plan_header
from ..model import Document
from ..profile import Profile, pt_to_mm
from . import docx_xml as X

if TYPE_CHECKING:
    from .docx import _Builder

BOX_LINE_EM = 1.25  # a text box's exact line height: room for the glyphs (LibreOffice clips a fixed line)
BOX_SLACK_MM = 20.0  # boxes are wider than their text, so LibreOffice never wraps it
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:wps="{WPS}"'
)


def write_header(builder: _Builder, doc: Document) -> None:
    """Page 1 down to the grid line before the title: header paragraphs, boxes and rules."""
    assert doc.header is not None
    profile = builder.profile
    plan = plan_header(doc.header, profile, builder.fonts)
    for element, (name, text_style, align) in _styles(profile).items():
        ensure_style(builder, element, name, text_style, align)
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
        "doc_number": ("发文字号", spec.doc_number_style, "center"),
        "signer_label": ("签发人", spec.signer_label_style, "left"),
    }


def ensure_style(builder: _Builder, key: str, name: str, text_style: str, align: str) -> None:
    """A named paragraph style of the builder, defined on first use."""
    from .docx import _ParaStyle  # docx imports this module

    if key not in builder.styles:
        builder.styles[key] = _ParaStyle(name, text_style, align)
        builder._paragraph_style(builder.styles[key])


def _grid_paragraph(builder: _Builder, texts: list[HeaderText]) -> DocxParagraph:
    """One grid line: blank, one text, or several (签发人 row) at left tab stops."""
    if not texts:
        return builder._paragraph("body")
    left = builder.profile.page.block_left
    paragraph = builder._paragraph("signer_label" if texts[0].element == "signer" else texts[0].element)
    ppr = X.ppr(paragraph._p)
    placed = sorted(texts, key=lambda t: t.x)
    if len(texts) > 1 or texts[0].align == "left":
        X.set_jc(ppr, "left")
        X.set_indent(ppr, left=X.twips(placed[0].x - left))
        for text in placed[1:]:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(X.twips(text.x - left)))
    for i, text in enumerate(placed):
        if i:
            builder._run(paragraph, "\t", text.style.name)
        builder._text(paragraph, text.text, text.style.name)
    return paragraph


def _text_box(builder: _Builder, anchor: DocxParagraph, text: HeaderText) -> None:
    """An off-grid text in a borderless text box placed so its baseline is the PDF's."""
    profile = builder.profile
    paragraph = builder._paragraph(text.element)
    builder._text(paragraph, text.text, text.style.name)
    style = profile.style(_styles(profile)[text.element][1])
    for run in paragraph.runs:
        rpr = X.rpr(run._r)
        if text.h_scale != 1.0:
            X.set_attrs(X.child(rpr, "w:w"), val=round(text.h_scale * 100))
        if text.style.size_pt != style.size_pt:
            X.set_size(rpr, text.style.size_pt)
        if text.char_space_pt != profile.tracking_pt(style):
            X.set_char_spacing(rpr, round(text.char_space_pt * 20))
    line = round(text.style.size_pt * BOX_LINE_EM * 20)
    ppr = X.ppr(paragraph._p)
    X.set_line_spacing(ppr, line)
    X.set_jc(ppr, text.align)
    height = pt_to_mm(line / 20)
    width = text.width + BOX_SLACK_MM
    if text.align == "center":
        x = text.x + text.width / 2 - width / 2
    elif text.align == "right":
        x = text.x + text.width - width
    else:
        x = text.x
    top = text.baseline - profile.grid.line_ascent * height
    body = (
        f'<wps:wsp {NAMESPACES}><wps:cNvSpPr txBox="1"/><wps:spPr>{_xfrm(width, height)}'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        "<wps:txbx><w:txbxContent/></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t">'
        "<a:noAutofit/></wps:bodyPr></wps:wsp>"
    )
    shape = _anchor(builder, anchor, x, top, width, height, body, f"{text.element} {text.text}")
    paragraph._p.getparent().remove(paragraph._p)
    shape.find(f".//{qn('w:txbxContent')}").append(paragraph._p)


def _line(builder: _Builder, anchor: DocxParagraph, header_rule: HeaderRule, plan: HeaderPlan) -> None:
    """A rule as a line shape; under the 发文字号 it moves with LibreOffice's grid line."""
    rule = header_rule.rule
    y = rule.y
    if header_rule.follows_slot is not None:
        y += _flow_baseline_shift(builder, header_rule.follows_slot)
    width = rule.x1 - rule.x0
    body = (
        f"<wps:wsp {NAMESPACES}><wps:cNvSpPr/><wps:spPr>{_xfrm(width, 0.0)}"
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{round(rule.thickness * X.EMU_PER_MM)}"><a:solidFill>'
        f'<a:srgbClr val="{rule.color.lstrip("#").upper()}"/></a:solidFill></a:ln></wps:spPr>'
        "<wps:bodyPr/></wps:wsp>"
    )
    _anchor(builder, anchor, rule.x0, y, width, 0.0, body, rule.element)


def _flow_baseline_shift(builder: _Builder, slot: int) -> float:
    """How far below the PDF's baseline LibreOffice sets a 发文字号 on grid line ``slot`` (mm)."""
    profile = builder.profile
    spec = profile.docx
    line = spec.line_pitch_twips / 20
    top = X.twips(profile.page.margin_top_mm) / 20 + slot * line
    libreoffice = pt_to_mm(top + profile.grid.line_ascent * line + spec.flow_baseline_extra_pt)
    return libreoffice - profile.grid_baseline_mm(slot)


def _xfrm(width: float, height: float) -> str:
    cx, cy = round(width * X.EMU_PER_MM), round(height * X.EMU_PER_MM)
    return f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _anchor(
    builder: _Builder, paragraph: DocxParagraph, x: float, y: float, width: float, height: float, body: str, name: str
) -> BaseOxmlElement:
    """A shape floating in front of the text at (x, y) mm from the page's top-left corner."""
    shape_id = builder.document.part.next_id
    run = paragraph.add_run()
    run._r.append(
        parse_xml(
            f"<w:drawing {NAMESPACES}>"
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{251660000 + shape_id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * X.EMU_PER_MM)}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y * X.EMU_PER_MM)}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{round(width * X.EMU_PER_MM)}" cy="{round(height * X.EMU_PER_MM)}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{shape_id}" name="{_attr(name)}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{WPS}">{body}</a:graphicData></a:graphic>'
            "</wp:anchor></w:drawing>"
        )
    )
    return run._r


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


