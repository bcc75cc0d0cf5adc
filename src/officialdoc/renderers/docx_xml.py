"""WordprocessingML that python-docx does not cover, written in schema order.

Word refuses a file ("unreadable content") when the children of ``w:pPr``, ``w:rPr`` or
``w:sectPr`` are out of the order ECMA-376 declares; LibreOffice silently ignores some.
Every raw element the DOCX renderer needs is made here, by a few named helpers that
insert at the schema position (the idea of python-docx's ``oxml/text/parfmt.py``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..profile import mm_to_pt

EMU_PER_MM = 36000
TWIPS_PER_PT = 20
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
SHAPE_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    f'xmlns:wps="{WPS}"'
)
Z_ORDER_BASE = 251659264  # DrawingML relativeHeight / VML z-index of Word's first floating shape

# CT_PPrBase (+ rPr, sectPr, pPrChange of CT_PPr), ECMA-376 Part 1 §17.3.1.26
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip

# EG_RPrBase (+ rStyle first, rPrChange last), ECMA-376 Part 1 §17.3.2.28
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange",
)  # fmt: skip

# CT_SectPr, ECMA-376 Part 1 §17.6.17
SECTPR_ORDER = (
    "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
    "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
    "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
    "w:printerSettings", "w:sectPrChange",
)  # fmt: skip

# CT_DocDefaults and CT_Style (the children python-docx leaves alone), §17.7.5.1 / §17.7.4.17
DOCDEFAULTS_ORDER = ("w:rPrDefault", "w:pPrDefault")
STYLE_ORDER = (
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
    "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal",
    "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr",
    "w:tcPr", "w:tblStylePr",
)  # fmt: skip

_ORDERS = {
    qn("w:pPr"): PPR_ORDER,
    qn("w:rPr"): RPR_ORDER,
    qn("w:sectPr"): SECTPR_ORDER,
    qn("w:docDefaults"): DOCDEFAULTS_ORDER,
    qn("w:rPrDefault"): ("w:rPr",),
    qn("w:pPrDefault"): ("w:pPr",),
    qn("w:style"): STYLE_ORDER,
    qn("w:p"): ("w:pPr",),  # properties come before the content
    qn("w:r"): ("w:rPr",),
}

THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def twips(mm: float) -> int:
    """Millimetres → twentieths of a point, the DOCX length unit."""
    return twips_pt(mm_to_pt(mm))


def twips_pt(pt: float) -> int:
    """Points → twentieths of a point (the only place the factor 20 is written)."""
    return round(pt * TWIPS_PER_PT)


def emu(mm: float) -> int:
    """Millimetres → English Metric Units (drawing sizes and offsets)."""
    return round(mm * EMU_PER_MM)


def child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The ``tag`` child of ``parent``, created at its schema position when missing.

    It goes before the first child that the schema puts later, or that is not a
    property at all (a paragraph's runs, a run's text).
    """
    found = parent.find(qn(tag))
    if found is not None:
        return found
    order = [qn(t) for t in _ORDERS[parent.tag]]
    position = order.index(qn(tag))
    element = OxmlElement(tag)
    for existing in parent:
        if existing.tag not in order or order.index(existing.tag) > position:
            existing.addprevious(element)
            return element
    parent.append(element)
    return element


def set_attrs(element: BaseOxmlElement, **attrs: str | int | None) -> BaseOxmlElement:
    """Set ``w:``-namespaced attributes (``None`` removes one)."""
    for name, value in attrs.items():
        key = qn(f"w:{name}")
        if value is None:
            element.attrib.pop(key, None)
        else:
            element.set(key, str(value))
    return element


def ppr(owner: BaseOxmlElement) -> BaseOxmlElement:
    """The ``w:pPr`` of a paragraph, style or ``w:pPrDefault``."""
    return child(owner, "w:pPr")


def rpr(owner: BaseOxmlElement) -> BaseOxmlElement:
    """The ``w:rPr`` of a run, style or ``w:rPrDefault``."""
    return child(owner, "w:rPr")


def set_flag(props: BaseOxmlElement, tag: str, on: bool) -> None:
    """An on/off property written explicitly (``w:val="1"``/``"0"``) so no default applies."""
    set_attrs(child(props, tag), val="1" if on else "0")


def set_fonts(rpr_: BaseOxmlElement, latin: str, east_asia: str) -> None:
    """ascii/hAnsi/cs = ``latin``, eastAsia = ``east_asia``, ambiguous characters East Asian.

    Theme attributes are removed: they override explicit names in Word and LibreOffice.
    """
    fonts = child(rpr_, "w:rFonts")
    for name in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(name), None)
    set_attrs(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def strip_theme_fonts(root: BaseOxmlElement, east_asia: str) -> None:
    """Every ``w:rFonts`` under ``root`` without theme fonts, and naming an East Asian font.

    An rFonts left naming no font at all is removed (the style then inherits the
    document defaults); one naming only Latin fonts gets ``east_asia``.
    """
    for fonts in list(root.iter(qn("w:rFonts"))):
        for name in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(name), None)
        if not any(fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")):
            fonts.getparent().remove(fonts)
        elif fonts.get(qn("w:eastAsia")) is None:
            set_attrs(fonts, eastAsia=east_asia, hint="eastAsia")


def set_size(rpr_: BaseOxmlElement, size_pt: float) -> None:
    half_points = round(size_pt * 2)
    set_attrs(child(rpr_, "w:sz"), val=half_points)
    set_attrs(child(rpr_, "w:szCs"), val=half_points)


def set_char_spacing(rpr_: BaseOxmlElement, twips: int) -> None:
    """Space added after every character (Word's 字符间距 加宽/紧缩)."""
    set_attrs(child(rpr_, "w:spacing"), val=twips)


def set_color(rpr_: BaseOxmlElement, hex_rgb: str) -> None:
    set_attrs(child(rpr_, "w:color"), val=hex_rgb.lstrip("#").upper())


def set_lang(rpr_: BaseOxmlElement, latin: str, east_asia: str) -> None:
    set_attrs(child(rpr_, "w:lang"), val=latin, eastAsia=east_asia)


def set_line_spacing(ppr_: BaseOxmlElement, twips: int) -> None:
    """Exact line height, no space before or after."""
    set_attrs(
        child(ppr_, "w:spacing"),
        before=0, beforeLines=None, after=0, afterLines=None,
        line=twips, lineRule="exact", beforeAutospacing=None, afterAutospacing=None,
    )  # fmt: skip


def set_space_before(ppr_: BaseOxmlElement, twips: int) -> None:
    """Space above the paragraph; Word and LibreOffice drop it at the top of a page."""
    set_attrs(child(ppr_, "w:spacing"), before=twips, beforeLines=None, beforeAutospacing=None)


def set_indent(
    ppr_: BaseOxmlElement, *, left: int = 0, right: int = 0, first_line: int = 0, first_line_chars: int = 0
) -> None:
    """Indents in twips; ``first_line_chars`` in hundredths of a character (Word's 字符 unit).

    Both units are written for the first line, also when zero (so a style based on 正文
    does not inherit its two characters): Word prefers the character unit, LibreOffice
    7.4 reads only the twips.
    """
    set_attrs(
        child(ppr_, "w:ind"),
        left=left, right=right, firstLine=first_line, firstLineChars=first_line_chars,
        start=None, end=None, hanging=None, hangingChars=None, leftChars=None, rightChars=None,
    )  # fmt: skip


def set_center_tabs(ppr_: BaseOxmlElement, positions: list[int]) -> None:
    """Centre tab stops at these positions (twips from the left indent)."""
    tabs = child(ppr_, "w:tabs")
    for position in positions:
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "center")
        tab.set(qn("w:pos"), str(position))
        tabs.append(tab)


def set_jc(ppr_: BaseOxmlElement, value: str) -> None:
    """Alignment: ``both`` (justified), ``left``, ``right``, ``center``."""
    set_attrs(child(ppr_, "w:jc"), val=value)


def set_outline_level(ppr_: BaseOxmlElement, level: int) -> None:
    """Outline level 0–8 (Word's 大纲级别 1–9), shown in the navigation pane."""
    set_attrs(child(ppr_, "w:outlineLvl"), val=level)


def set_doc_defaults(
    styles: BaseOxmlElement, latin: str, east_asia: str, size_pt: float, lang: str, east_asia_lang: str
) -> None:
    """Document-wide run defaults without theme fonts; no paragraph spacing by default."""
    defaults = child(styles, "w:docDefaults")
    run = rpr(child(defaults, "w:rPrDefault"))
    set_fonts(run, latin, east_asia)
    set_size(run, size_pt)
    set_lang(run, lang, east_asia_lang)
    spacing = child(ppr(child(defaults, "w:pPrDefault")), "w:spacing")
    set_attrs(spacing, before=0, after=0, line=None, lineRule=None)


def set_theme_font_lang(settings: BaseOxmlElement, lang: str, east_asia_lang: str) -> None:
    """The language Word resolves theme fonts for (the template says ja-JP)."""
    element = settings.find(qn("w:themeFontLang"))
    if element is not None:
        set_attrs(element, val=lang, eastAsia=east_asia_lang)


def set_doc_grid(sect_pr: BaseOxmlElement, grid_type: str, line_pitch_twips: int) -> None:
    """The section's document grid (Word's 文档网格: 只指定行网格 = ``lines``)."""
    set_attrs(child(sect_pr, "w:docGrid"), type=grid_type, linePitch=line_pitch_twips, charSpace=None)


def add_complex_field(paragraph: Paragraph, instruction: str, placeholder: str) -> list[Run]:
    """A field (``PAGE``…) as begin / instrText / separate / result / end runs."""

    def run_with(element: BaseOxmlElement) -> Run:
        run = paragraph.add_run()
        run._r.append(element)
        return run

    def fld_char(kind: str) -> BaseOxmlElement:
        return set_attrs(OxmlElement("w:fldChar"), fldCharType=kind)

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    return [
        run_with(fld_char("begin")),
        run_with(instr),
        run_with(fld_char("separate")),
        paragraph.add_run(placeholder),
        run_with(fld_char("end")),
    ]


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """The begin / instrText / separate runs of a field whose result runs follow (a TOC's
    cached entries, over several paragraphs): :func:`end_field` closes it."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            run._r.append(set_attrs(OxmlElement("w:fldChar"), fldCharType=kind))
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)


def end_field(paragraph: Paragraph) -> None:
    paragraph.add_run()._r.append(set_attrs(OxmlElement("w:fldChar"), fldCharType="end"))


def bookmark_start(p: BaseOxmlElement, bookmark_id: int, name: str) -> None:
    """Open bookmark ``name`` at the end of paragraph ``p`` (after its runs)."""
    p.append(set_attrs(OxmlElement("w:bookmarkStart"), id=bookmark_id, name=name))


def bookmark_end(p: BaseOxmlElement, bookmark_id: int) -> None:
    """Close bookmark ``bookmark_id`` at the end of paragraph ``p``."""
    p.append(set_attrs(OxmlElement("w:bookmarkEnd"), id=bookmark_id))


def last_paragraph(body: BaseOxmlElement) -> BaseOxmlElement:
    """The body's last paragraph in reading order (a table's: the one in its last cell)."""
    last = body.xpath("./w:p | ./w:tbl")[-1]
    return last if last.tag == qn("w:p") else last.xpath("./w:tr[last()]/w:tc[last()]/w:p[last()]")[0]


def set_right_tab(ppr_: BaseOxmlElement, position: int, leader: str) -> None:
    """A right tab stop at ``position`` (twips from the left margin) with a ``leader`` (dot …)."""
    tab = OxmlElement("w:tab")
    set_attrs(tab, val="right", leader=leader, pos=position)
    child(ppr_, "w:tabs").append(tab)


def float_behind_text(
    run: Run,
    *,
    x_from_page_mm: float,
    y_from_paragraph_mm: float,
    z_order: int = Z_ORDER_BASE,
) -> None:
    """Turn the run's last inline picture into a floating one behind the text.

    Positioned from the page's left edge and from the top of the anchoring paragraph;
    no text wrapping, overlap allowed (a seal stamped over 署名 and 成文日期).
    """
    inline = run._r.findall(f"{qn('w:drawing')}/{qn('wp:inline')}")[-1]
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{z_order}" behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{emu(x_from_page_mm)}</wp:posOffset>'
        "</wp:positionH>"
        '<wp:positionV relativeFrom="paragraph">'
        f"<wp:posOffset>{emu(y_from_paragraph_mm)}</wp:posOffset></wp:positionV>"
        "</wp:anchor>"
    )
    extent = inline.find(qn("wp:extent"))
    anchor.append(extent)
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f"<wp:wrapNone {nsdecls('wp')}/>"))
    for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        anchor.append(inline.find(qn(tag)))
    inline.getparent().replace(inline, anchor)


def page_text_box(
    paragraphs: list[BaseOxmlElement],
    *,
    x_mm: float,
    y_mm: float,
    width_mm: float,
    height_mm: float,
    shape_id: int,
    name: str,
    vertical: bool = False,
) -> BaseOxmlElement:
    """A run holding a text box with ``paragraphs`` at (x, y) mm from the page's top-left corner.

    No border, fill, insets or wrapping; in front of the text, text anchored at the box's
    top. ``vertical``: the text turned a quarter clockwise (DrawingML ``vert="vert"``, VML
    ``layout-flow:vertical``, Word's 文字方向 "所有文字旋转90°"): lines run down the page and
    the first one lies along the box's right edge. Written as Word writes a text box: an
    ``mc:AlternateContent`` whose choice is the DrawingML shape (``wps:wsp``, Word 2010 and
    later, LibreOffice) and whose fallback is the same box in VML (older readers); both hold
    copies of ``paragraphs``.
    """
    box = {k: emu(v) for k, v in (("x", x_mm), ("y", y_mm), ("w", width_mm), ("h", height_mm))}
    pt = {k: f"{mm_to_pt(v):.2f}pt" for k, v in (("x", x_mm), ("y", y_mm), ("w", width_mm), ("h", height_mm))}
    z_order = Z_ORDER_BASE + shape_id
    label = _attr(name)
    run = parse_xml(
        f"<w:r {SHAPE_NAMESPACES}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{z_order}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{box["x"]}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{box["y"]}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{box["w"]}" cy="{box["h"]}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="{label}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{box["w"]}" cy="{box["h"]}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        "<wps:txbx><w:txbxContent/></wps:txbx>"
        f'<wps:bodyPr rot="0" vert="{"vert" if vertical else "horz"}" wrap="square" lIns="0" tIns="0" rIns="0" '
        'bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        f'<v:rect id="{label}" style="position:absolute;margin-left:{pt["x"]};margin-top:{pt["y"]};'
        f"width:{pt['w']};height:{pt['h']};z-index:{z_order};"
        'mso-position-horizontal-relative:page;mso-position-vertical-relative:page" filled="f" stroked="f">'
        f'<v:textbox style="{"layout-flow:vertical" if vertical else ""}" inset="0,0,0,0">'
        "<w:txbxContent/></v:textbox></v:rect>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    for content in run.iter(qn("w:txbxContent")):
        for paragraph in paragraphs:
            content.append(copy.deepcopy(paragraph))
    return run


def page_line(
    *, x_mm: float, y_mm: float, width_mm: float, weight_mm: float, color: str, shape_id: int, name: str
) -> BaseOxmlElement:
    """A run holding a horizontal rule from (x, y) mm of the page, ``width_mm`` long, in front of the text.

    Written as Word writes a line shape ([MS-ODRAWXML] 2.2.7): an ``mc:AlternateContent``
    whose choice is the DrawingML line (``wps:wsp``) and whose fallback is a VML ``v:line``.
    """
    at = {k: emu(v) for k, v in (("x", x_mm), ("y", y_mm), ("w", width_mm), ("t", weight_mm))}
    x0, x1, y = (f"{mm_to_pt(v):.2f}pt" for v in (x_mm, x_mm + width_mm, y_mm))
    z_order = Z_ORDER_BASE + shape_id
    rgb = color.lstrip("#").upper()
    label = _attr(name)
    return parse_xml(
        f"<w:r {SHAPE_NAMESPACES}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{z_order}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{at["x"]}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{at["y"]}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{at["w"]}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="{label}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp><wps:cNvSpPr/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{at["w"]}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{at["t"]}"><a:solidFill><a:srgbClr val="{rgb}"/></a:solidFill></a:ln></wps:spPr>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:line id="{label}" style="position:absolute;z-index:{z_order};'
        'mso-position-horizontal-relative:page;mso-position-vertical-relative:page" '
        f'from="{x0},{y}" to="{x1},{y}" strokecolor="#{rgb}" strokeweight="{mm_to_pt(weight_mm):.2f}pt"/>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


# -- tables ---------------------------------------------------------------------------------
TABLE_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")  # w:tblBorders order


def eighths(pt: float) -> int:
    """A border width in eighths of a point (w:sz)."""
    return round(pt * 8)


def _border(side: str, size: int) -> str:
    """A black single border ``size`` eighths of a point wide; none for 0."""
    if not size:
        return f'<w:{side} w:val="nil"/>'
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'


def table_properties(
    borders: dict[str, int],
    cell_margin: int,
    *,
    style_id: str | None = None,
    width: int | None = None,
    indent: int | None = None,
    fixed: bool = True,
    header_row: bool | None = None,
) -> BaseOxmlElement:
    """w:tblPr in schema order: style, width, indent, borders (by side, eighths of a point; 0:
    none), fixed layout, left and right cell margins (twips, none above and below), look
    (``header_row``: whether the first row is a header; None: no w:tblLook, as a table style)."""
    xml = f"<w:tblPr {nsdecls('w')}>"
    if style_id is not None:
        xml += f'<w:tblStyle w:val="{style_id}"/>'
    if width is not None:
        xml += f'<w:tblW w:w="{width}" w:type="dxa"/>'
    if indent is not None:
        xml += f'<w:tblInd w:w="{indent}" w:type="dxa"/>'
    xml += "<w:tblBorders>" + "".join(_border(side, borders.get(side, 0)) for side in TABLE_SIDES) + "</w:tblBorders>"
    if fixed:
        xml += '<w:tblLayout w:type="fixed"/>'
    xml += (
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>'
    )
    if header_row is not None:
        xml += (
            f'<w:tblLook w:val="{"0020" if header_row else "0000"}" w:firstRow="{int(header_row)}" w:lastRow="0"'
            ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
    return parse_xml(xml + "</w:tblPr>")


def row_properties(height: int, *, at_least: bool = False, header: bool = False) -> BaseOxmlElement:
    """w:trPr: a row that never splits, exactly ``height`` twips high (``at_least``: that high
    or higher, so a longer text grows it); ``header``: repeated on each page."""
    return parse_xml(
        f"<w:trPr {nsdecls('w')}><w:cantSplit/>"
        f'<w:trHeight w:val="{height}" w:hRule="{"atLeast" if at_least else "exact"}"/>'
        + ("<w:tblHeader/>" if header else "")
        + "</w:trPr>"
    )


def cell_top_border(size: int) -> BaseOxmlElement:
    """w:tcBorders with a top border ``size`` eighths of a point wide."""
    return parse_xml(f'<w:tcBorders {nsdecls("w")}>{_border("top", size)}</w:tcBorders>')


# -- package parts ----------------------------------------------------------------------------
@dataclass(frozen=True)
class FontEntry:
    """A w:font of fontTable.xml (ECMA-376 §17.8.3): what Word writes for an installed face."""

    alt_name: str | None
    panose: str
    charset: str
    family: str
    pitch: str
    sig: tuple[str, str, str, str, str, str] | None = None  # usb0–usb3, csb0, csb1


def _attr(text: str) -> str:
    """``text`` as an XML attribute value between double quotes."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def font_table(fonts: dict[str, FontEntry]) -> BaseOxmlElement:
    """w:fonts with an entry per name, in ECMA-376 order (altName, panose1, charset, family, pitch, sig)."""
    entries = []
    for name, font in fonts.items():
        sig = font.sig
        entries.append(
            f'<w:font w:name="{_attr(name)}">'
            + (f'<w:altName w:val="{_attr(font.alt_name)}"/>' if font.alt_name else "")
            + f'<w:panose1 w:val="{font.panose}"/><w:charset w:val="{font.charset}"/>'
            f'<w:family w:val="{font.family}"/><w:pitch w:val="{font.pitch}"/>'
            + (
                f'<w:sig w:usb0="{sig[0]}" w:usb1="{sig[1]}" w:usb2="{sig[2]}" w:usb3="{sig[3]}" '
                f'w:csb0="{sig[4]}" w:csb1="{sig[5]}"/>'
                if sig
                else ""
            )
            + "</w:font>"
        )
    return parse_xml(f"<w:fonts {nsdecls('w')}>{''.join(entries)}</w:fonts>")


def app_properties(application: str, pages: int) -> bytes:
    """docProps/app.xml: the application that made the file and its page count."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{_attr(application)}</Application><DocSecurity>0</DocSecurity>"
        f"<Pages>{pages}</Pages><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()
