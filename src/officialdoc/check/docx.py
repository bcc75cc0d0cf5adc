"""DOCX rules, read statically: what Word (and LibreOffice) will make of any producer's DOCX.

Properties are resolved the way Word resolves them: direct formatting, then the character
style, the paragraph style and its ``basedOn`` chain (or the default paragraph style),
then ``docDefaults``. On one ``w:rFonts`` a theme attribute (``w:eastAsiaTheme``) wins
over the explicit name, as in ECMA-376.

Elements are found by their text: the title is the largest centred paragraph near the top
(never a table cell or a long paragraph), headings start with a label of the profile
(一、（一）1.（1）) typed or printed by Word's automatic numbering, the rest is body text. The
rules run in the groups of :data:`GROUPS`, each isolated and registered with the catalogue
ids it reports, as the PDF rules do.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.section import Section
from lxml import etree

from ..profile import PT_PER_MM, Profile
from .common import (
    ARTICLE,
    ASCII_LABEL,
    CN_DATE,
    CN_VALUES,
    HANZI,
    LEVEL_NUMBER,
    SENTENCE_END,
    hex_rgb,
    is_red,
    label_patterns,
    most_common,
    size_zh,
)
from .findings import Finding, RuleResult
from .roles import FontRoles
from .rules import Group, finding, merge, registered, run_groups

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
TWIPS_PER_PT = 20
TWIPS_PER_MM = TWIPS_PER_PT * PT_PER_MM
CHARSPACE_UNIT = 4096  # w:docGrid/@w:charSpace is in 1/4096 pt
AUTO_LINE = 240  # w:spacing/@w:line of single spacing (lineRule auto)
GRID_TYPES = ("lines", "linesAndChars", "snapToChars")
PAGE_FIELD = re.compile(r"\bPAGE\b")
RUN_IN_END = re.compile("[。：]")
CC_LINE = re.compile(r"^抄送[：:]")  # the 版记's 抄送 paragraph (§7.4.2)
COPY_DIGITS = re.compile(r"^\d+$")  # a 份号 as found: digits only
DATE_PARA = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|" + CN_DATE.pattern + ")$")  # a 成文日期 paragraph
FLUSH_JC = (None, "left", "start", "both", "distribute")  # alignments that start a line at the left indent
ATTACHMENT_LABEL = re.compile(r"^\S*附件\d*$")  # "附件2", "大府发〔2022〕5号附件2": an attachment begins
FIELD_MARK = "\x00"  # stands for the PAGE field's result in a footer's text
TITLE_SEARCH = 10  # the title is among the first non-empty paragraphs
TITLE_MAX_CHARS = 80  # a longer paragraph is running text, whatever its size
SIDES = {"top": "上", "bottom": "下", "left": "左", "right": "右"}  # w:pgMar attributes, in the profile's order


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _num(value: str | None) -> float | None:
    """An attribute's number; None when absent or not a number (a file we did not write)."""
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _twips(value: str | None) -> float | None:
    number = _num(value)
    return abs(number) if number is not None else None


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")) if not _in_fallback(t))


def _in_fallback(element: etree._Element) -> bool:
    """Inside an mc:Fallback: the VML copy of a shape that Word 2010+ (and we) read as its mc:Choice."""
    return any(a.tag == MC_FALLBACK for a in element.iterancestors())


@dataclass(frozen=True)
class FontChoice:
    name: str | None  # None: nothing set at any level
    theme: bool  # the name is a theme slot (minorEastAsia …), not a font


class _Styles:
    """The styles part: ``basedOn`` chains and ``docDefaults``."""

    def __init__(self, root: etree._Element):
        self.by_id = {s.get(q("styleId")): s for s in root.iter(q("style"))}
        self.default: dict[str, str | None] = {}
        for style in root.iter(q("style")):
            if style.get(q("default")) in ("1", "true"):
                self.default.setdefault(style.get(q("type")) or "", style.get(q("styleId")))
        defaults = root.find(q("docDefaults"))
        self.r_default = defaults.find(f"{q('rPrDefault')}/{q('rPr')}") if defaults is not None else None
        self.p_default = defaults.find(f"{q('pPrDefault')}/{q('pPr')}") if defaults is not None else None

    def chain(self, style_id: str | None) -> list[etree._Element]:
        out: list[etree._Element] = []
        while style_id and style_id in self.by_id and len(out) < 20:
            style = self.by_id[style_id]
            if style in out:
                break
            out.append(style)
            based = style.find(q("basedOn"))
            style_id = based.get(q("val")) if based is not None else None
        return out

    def paragraph_chain(self, p: etree._Element) -> list[etree._Element]:
        ps = p.find(f"{q('pPr')}/{q('pStyle')}")
        return self.chain(ps.get(q("val")) if ps is not None else self.default.get("paragraph"))


class _Resolver:
    """Effective run and paragraph properties."""

    def __init__(self, styles: _Styles):
        self.styles = styles

    def run_levels(self, r: etree._Element | None, p: etree._Element) -> list[etree._Element]:
        levels = []
        if r is not None:
            levels.append(r.find(q("rPr")))
            rs = r.find(f"{q('rPr')}/{q('rStyle')}")
            chain = self.styles.chain(rs.get(q("val")) if rs is not None else self.styles.default.get("character"))
            levels += [s.find(q("rPr")) for s in chain]
        levels += [s.find(q("rPr")) for s in self.styles.paragraph_chain(p)]
        levels.append(self.styles.r_default)
        return [lv for lv in levels if lv is not None]

    def para_levels(self, p: etree._Element) -> list[etree._Element]:
        levels = [p.find(q("pPr"))] + [s.find(q("pPr")) for s in self.styles.paragraph_chain(p)]
        levels.append(self.styles.p_default)
        return [lv for lv in levels if lv is not None]

    @staticmethod
    def attr(levels: list[etree._Element], child: str, name: str) -> str | None:
        for level in levels:
            element = level.find(q(child))
            if element is not None and element.get(q(name)) is not None:
                return element.get(q(name))
        return None

    @staticmethod
    def toggle(levels: list[etree._Element], child: str) -> bool | None:
        """An on/off property (``<w:b/>``, ``<w:widowControl w:val="0"/>``); None if never set."""
        for level in levels:
            element = level.find(q(child))
            if element is not None:
                return element.get(q("val")) not in ("0", "false", "off")
        return None

    def font(self, r: etree._Element | None, p: etree._Element, slot: str) -> FontChoice:
        """The font of a slot (``eastAsia`` or ``ascii``) after inheritance."""
        for level in self.run_levels(r, p):
            fonts = level.find(q("rFonts"))
            if fonts is None:
                continue
            if fonts.get(q(f"{slot}Theme")) is not None:
                return FontChoice(fonts.get(q(f"{slot}Theme")), True)
            if fonts.get(q(slot)) is not None:
                return FontChoice(fonts.get(q(slot)), False)
        return FontChoice(None, False)

    def size(self, r: etree._Element | None, p: etree._Element) -> float | None:
        value = _num(self.attr(self.run_levels(r, p), "sz", "val"))
        return value / 2 if value else None

    def char_spacing(self, r: etree._Element | None, p: etree._Element) -> float:
        value = _num(self.attr(self.run_levels(r, p), "spacing", "val"))
        return value / TWIPS_PER_PT if value else 0.0

    def color(self, r: etree._Element | None, p: etree._Element) -> str | None:
        return self.attr(self.run_levels(r, p), "color", "val")

    def para(self, p: etree._Element, child: str, name: str) -> str | None:
        return self.attr(self.para_levels(p), child, name)


# w:numFmt → a number in that format, to read an automatic label as the profile's ("%1、" → "一、")
NUMBER_SAMPLE = {"decimal": "1", "chineseCounting": "一", "chineseCountingThousand": "一", "ideographTraditional": "一",
                 "japaneseCounting": "一", "chineseLegalSimplified": "一", "taiwaneseCounting": "一"}  # fmt: skip


class _Numbering:
    """Word's automatic numbering (numbering.xml): the label a numbered paragraph shows."""

    def __init__(self, document: DocxDocument, res: _Resolver):
        self.res = res
        self.levels: dict[tuple[str, str], tuple[str, str]] = {}  # (numId, ilvl) → (numFmt, lvlText)
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return  # no numbering part
        abstract = {a.get(q("abstractNumId")): a for a in root.iter(q("abstractNum"))}
        for num in root.iter(q("num")):
            ref = num.find(q("abstractNumId"))
            definition = abstract.get(ref.get(q("val")) if ref is not None else None)
            if definition is None:
                continue
            for lvl in definition.iter(q("lvl")):
                fmt, text = lvl.find(q("numFmt")), lvl.find(q("lvlText"))
                self.levels[(num.get(q("numId")) or "", lvl.get(q("ilvl")) or "0")] = (
                    fmt.get(q("val")) if fmt is not None else "decimal",
                    text.get(q("val")) if text is not None else "",
                )

    def label(self, p: etree._Element) -> str:
        """The label Word prints before the paragraph ("一、", "（一）", "1."), with a sample number."""
        for level in self.res.para_levels(p):  # direct numPr, else the paragraph style's
            pr = level.find(q("numPr"))
            number = pr.find(q("numId")) if pr is not None else None
            if number is not None:
                num_id = number.get(q("val"))
                ilvl = pr.find(q("ilvl"))
                found = self.levels.get((num_id or "", ilvl.get(q("val")) if ilvl is not None else "0"))
                if found is None or num_id == "0":
                    return ""
                fmt, text = found
                return re.sub(r"%\d", NUMBER_SAMPLE.get(fmt, "1"), text)
        return ""


@dataclass(eq=False)
class _Para:
    """A paragraph with text (compared by identity)."""

    index: int  # 1-based among the document's paragraphs
    element: etree._Element
    text: str
    runs: list[tuple[etree._Element, str]]  # runs with text
    in_table: bool
    label: str = ""  # the label Word's automatic numbering prints before the text


FILE_RULES = ("DOCX-PAGE-SIZE",)  # about the file, outside the groups
GROUPS = (
    Group(
        "页边距和行格",
        "page_and_grid",
        True,
        (
            "DOCX-MARGINS",
            "DOCX-GRID-LINES",
            "DOCX-GRID-CHARS",
            "DOCX-GRID-LIBREOFFICE",
            "DOCX-PARA-SPACING",
            "DOCX-WIDOW-CONTROL",
        ),
    ),
    Group(
        "字体字号",
        "fonts",
        False,
        (
            "DOCX-FONT-BODY",
            "DOCX-FONT-EASTASIA",
            "DOCX-FONT-HEADING",
            "DOCX-FONT-THEME",
            "DOCX-TITLE-FONT",
            "DOCX-TITLE-SIZE",
        ),
    ),
    Group("序号", "numbering_rules", False, ("DOCX-HEADING-BRACKETS", "DOCX-HEADING-NUMBER")),
    Group(
        "份号、主送、署名和版记",
        "placement",
        False,
        ("DOCX-COPYNUM-SIZE", "DOCX-ADDRESSEE-POS", "DOCX-SIGN-POS", "DOCX-RECORD-CC", "DOCX-TEXT-OUTSIDE"),
    ),
    Group(
        "页码",
        "footers",
        False,
        (
            "DOCX-PAGENUM-FIELD",
            "DOCX-PAGENUM-FIRST",
            "DOCX-PAGENUM-FONT",
            "DOCX-PAGENUM-FORM",
            "DOCX-PAGENUM-HIDDEN",
            "DOCX-PAGENUM-ODDEVEN",
            "DOCX-PAGENUM-SIDE",
            "DOCX-PAGENUM-SIZE",
        ),
    ),
)


class _DocxCheck:
    """One DOCX: its styles, the elements recognised in it, and the findings they lead to."""

    def __init__(self, document: DocxDocument, profile: Profile):
        self.doc = document
        self.p = profile
        self.tol = profile.check
        self.roles = FontRoles(profile)
        self.styles = _Styles(document.styles.element)
        self.res = _Resolver(self.styles)
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self.failures: list[str] = []  # rule groups that failed (a fault of the checker)
        self.group: Group | None = None  # the group running
        self.sections = list(document.element.body.iter(q("sectPr")))
        self.body_style = profile.style("body")
        self.body_pt = self.body_style.size_pt  # the document's body size, once the fonts are read
        self.labels = label_patterns(profile)
        self.numbering = _Numbering(document, self.res)
        self.paras = list(self._paragraphs())
        self.title = self._title()
        self.headings: dict[_Para, int] = {}
        for para in self.paras:
            if ARTICLE.match(para.text.lstrip(" \u3000\t")):
                break  # a document in articles (第一条 …): 一、 and （一） after it are items, not headings
            if (level := self._level(para)) and not self._numbered_paragraph(para, level):
                self.headings[para] = level
        self.body_paras = [
            para
            for para in self.paras
            if para is not self.title and para not in self.headings and not self._centred(para) and not para.in_table
        ]

    def _numbered_paragraph(self, para: _Para, level: int) -> bool:
        """A paragraph numbered like a heading of ``level``, a sentence wholly in the body font,
        when that level has a font of its own: a numbered paragraph of the body (（一）…。,
        一是…。), not a heading in the wrong font (a heading is no sentence ending in 。)."""
        role = self.p.heading_style(level).font
        if role == self.body_style.font or not SENTENCE_END.search(para.text.rstrip()):
            return False
        fonts = {
            choice.name
            for r, t in para.runs
            if HANZI.search(t) and (choice := self.res.font(r, para.element, "eastAsia")).name and not choice.theme
        }
        return bool(fonts) and all(self.roles.serves(font, self.body_style.font) for font in fonts)

    # -- elements -----------------------------------------------------------------------
    def _paragraphs(self) -> Iterator[_Para]:
        body = self.doc.element.body
        for index, p in enumerate((p for p in body.iter(q("p")) if not _in_fallback(p)), start=1):
            runs = [(r, _text(r)) for r in p.iter(q("r")) if not _in_fallback(r)]
            runs = [(r, t) for r, t in runs if t]
            text = "".join(t for _, t in runs)
            if text.strip():
                in_table = any(a.tag == q("tbl") for a in p.iterancestors())
                yield _Para(index, p, text, runs, in_table, self.numbering.label(p))

    def _centred(self, para: _Para) -> bool:
        return self.res.para(para.element, "jc", "val") == "center"

    def _red(self, para: _Para) -> bool:
        def red(value: str | None) -> bool:
            try:
                return value is not None and is_red(hex_rgb(value), self.p)
            except ValueError:
                return False  # "auto" or a theme colour

        return bool(para.runs) and all(red(self.res.color(r, para.element)) for r, _ in para.runs)

    def para_size(self, para: _Para) -> float:
        sizes = [self.res.size(r, para.element) or 0.0 for r, _ in para.runs]
        return max(sizes, default=0.0)

    def _title(self) -> _Para | None:
        if not self.p.header.print_title:  # 命令 §10.2: the 令号 is centred, no title
            self.notes.append(f"版式{self.p.name}不印标题（第10.2条命令格式），标题未检查")
            return None
        first = [
            p
            for p in self.paras[:TITLE_SEARCH]
            if self._centred(p) and not self._red(p) and not p.in_table and len(p.text) <= TITLE_MAX_CHARS
        ]
        larger = [p for p in first if self.para_size(p) > self.body_style.size_pt + self.tol.size_pt]
        if larger:
            return max(larger, key=self.para_size)
        return first[0] if first else None

    def _level(self, para: _Para) -> int | None:
        if para is self.title or para.in_table:
            return None
        text = para.label + para.text.lstrip(" \u3000\t")
        return next((level for level, pattern in self.labels if pattern.match(text)), None)

    # -- rules --------------------------------------------------------------------------
    def add(self, rule_id: str, text: str, detail: str, **where: object) -> None:
        """A finding of a rule that the running group (or the file, outside groups) owns."""
        registered(self.group, FILE_RULES, rule_id)
        self.findings.append(finding(rule_id, text, detail, **where))

    def run(self) -> None:
        """The file's rule (the paper), then every group of :data:`GROUPS`, each isolated."""
        groups = GROUPS
        if not self.paper(self.sections):
            self.notes.append("纸张不是A4或未设置纸张大小，页边距和行格未检查")
            groups = tuple(group for group in GROUPS if not group.a4)
        run_groups(self, groups)

    def page_and_grid(self) -> None:
        portrait = [sect for sect in self.sections if not self.landscape(sect)]
        for number, sect in enumerate(self.sections, start=1):
            self.page_setup(sect, number, len(self.sections))
        if portrait or self.sections:
            self.grid((portrait or self.sections)[-1])  # a landscape §8 table section may end the document

    def paper(self, sections: list[etree._Element]) -> bool:
        """One finding when a section's paper is not A4 or not set; True when every one is A4."""
        page = self.p.page
        want = sorted((page.width_mm, page.height_mm))
        for number, sect in enumerate(sections or [None], start=1):
            size = sect.find(q("pgSz")) if sect is not None else None
            width = _twips(size.get(q("w"))) if size is not None else None
            height = _twips(size.get(q("h"))) if size is not None else None
            where = {"element": f"section {number}" if len(sections) > 1 else "section"}
            if width is None or height is None:
                self.add(
                    "DOCX-PAGE-SIZE",
                    f"未设置纸张大小（w:pgSz），Word和WPS会按各自的默认纸张排版，应设为A4"
                    f"（{page.width_mm:g}×{page.height_mm:g}毫米）",
                    f"section {number} has no w:pgSz: the application's default paper is used",
                    **where,
                )
                return False
            w_mm, h_mm = sorted((width / TWIPS_PER_MM, height / TWIPS_PER_MM))
            if abs(w_mm - want[0]) > self.tol.page_size_mm or abs(h_mm - want[1]) > self.tol.page_size_mm:
                self.add(
                    "DOCX-PAGE-SIZE",
                    f"纸张为{w_mm:.1f}×{h_mm:.1f}毫米，应为A4（{page.width_mm:g}×{page.height_mm:g}毫米）",
                    f"w:pgSz {width:.0f} x {height:.0f} twips = {w_mm:.1f} x {h_mm:.1f} mm, expected A4",
                    **where,
                )
                return False
        return True

    @staticmethod
    def landscape(sect: etree._Element) -> bool:
        size = sect.find(q("pgSz"))
        width = _twips(size.get(q("w"))) if size is not None else None
        height = _twips(size.get(q("h"))) if size is not None else None
        return width is not None and height is not None and width > height

    def page_setup(self, sect: etree._Element, number: int, count: int) -> None:
        where = {"element": f"section {number}"} if count > 1 else {"element": "section"}
        size = sect.find(q("pgSz"))
        width = _twips(size.get(q("w"))) if size is not None else None
        height = _twips(size.get(q("h"))) if size is not None else None
        page = self.p.page
        margins = sect.find(q("pgMar"))
        if margins is None:
            return
        gutter = (_twips(margins.get(q("gutter"))) or 0) / TWIPS_PER_MM
        got = {
            side: (_twips(margins.get(q(side))) or 0) / TWIPS_PER_MM + (gutter if side == "left" else 0)
            for side in SIDES
        }
        portrait = (page.margin_top_mm, page.margin_bottom_mm, page.margin_left_mm, page.margin_right_mm)
        top, bottom, left, right = portrait
        # a landscape section (§8 横排表格) turns the margins with the page, either way round
        landscape = width is not None and height is not None and width > height
        layouts = [(left, right, bottom, top), (right, left, top, bottom)] if landscape else [portrait]
        errors = [[(side, got[side], want) for side, want in zip(SIDES, layout, strict=True)] for layout in layouts]
        wrong = min(
            ([e for e in layout_errors if abs(e[1] - e[2]) > self.tol.position_mm] for layout_errors in errors),
            key=len,
        )
        if wrong:
            self.add(
                "DOCX-MARGINS",
                "页边距不对："
                + "，".join(f"{SIDES[side]}边距{mm:.1f}毫米（应为{want:g}）" for side, mm, want in wrong),
                "; ".join(f"{side} margin {mm:.2f} mm, expected {want:g} mm" for side, mm, want in wrong),
                **where,
            )

    def grid(self, sect: etree._Element) -> None:
        size, margins = sect.find(q("pgSz")), sect.find(q("pgMar"))
        if size is None or margins is None or not self.body_paras:
            return
        height = (_twips(size.get(q("h"))) or 0) - sum(_twips(margins.get(q(k))) or 0 for k in ("top", "bottom"))
        width = (_twips(size.get(q("w"))) or 0) - sum(
            _twips(margins.get(q(k))) or 0 for k in ("left", "right", "gutter")
        )
        block_h, block_w = height / TWIPS_PER_PT, width / TWIPS_PER_PT
        grid = sect.find(q("docGrid"))
        grid_type = grid.get(q("type")) if grid is not None else None
        line_pitch = _twips(grid.get(q("linePitch"))) if grid is not None else None
        char_space = _num(grid.get(q("charSpace"))) if grid is not None else None
        on_grid = grid_type in GRID_TYPES and line_pitch
        line, rule = most_common(
            (
                (_num(self.res.para(p.element, "spacing", "line")), self.res.para(p.element, "spacing", "lineRule")),
                len(p.text),
            )
            for p in self.body_paras
        ) or (None, None)
        rule = rule or "auto"
        lines_wanted = self.p.grid.lines
        if line is not None and rule in ("exact", "atLeast"):
            pitch = line / TWIPS_PER_PT
            how = f"{'固定值' if rule == 'exact' else '最小值'}行距{pitch:g}磅"
            detail = f"{rule} line spacing {pitch:g} pt"
        elif on_grid:
            multiple = max(1.0, (line or AUTO_LINE) / AUTO_LINE)
            pitch = line_pitch / TWIPS_PER_PT * multiple
            how = f"文档网格行距{line_pitch / TWIPS_PER_PT:g}磅"
            detail = f"document grid linePitch {line_pitch:g} twips x {multiple:g}"
        else:
            self.add(
                "DOCX-GRID-LINES",
                f"正文为多倍行距且未设文档网格，每页行数随字体而变，不能保证每页{lines_wanted}行",
                f"body line spacing is auto ({line or AUTO_LINE}/240) with no document grid "
                f"(docGrid type {grid_type!r}): lines per page depend on font metrics",
                element="line spacing",
            )
            pitch = None
        if pitch:
            lines = math.floor(block_h / pitch + 1e-6)
            empty_mm = (block_h - lines * pitch) / PT_PER_MM
            if lines != lines_wanted:
                self.add(
                    "DOCX-GRID-LINES",
                    f"{how}，版心高{block_h / PT_PER_MM:.1f}毫米只能排{lines}行，应为每页{lines_wanted}行",
                    f"{detail}: floor({block_h:.1f} pt / {pitch:.2f} pt) = {lines} lines, expected {lines_wanted}",
                    element="line spacing",
                )
            elif empty_mm > self.tol.position_mm:
                self.add(
                    "DOCX-GRID-LINES",
                    f"{how}，排{lines}行后版心下方空出{empty_mm:.1f}毫米，未撑满版心",
                    f"{detail}: {lines} lines leave {empty_mm:.1f} mm of the block empty",
                    element="line spacing",
                )
        self.spacing_between()
        self.widow_control()
        self.chars(block_w, grid_type, char_space)

    def spacing_between(self) -> None:
        def space(p: _Para, attr: str) -> float:
            return _num(self.res.para(p.element, "spacing", attr)) or 0.0

        attrs = ("before", "after", "beforeLines", "afterLines")
        spaced = [p for p in self.body_paras if any(space(p, attr) > 0 for attr in attrs)]
        if spaced and len(spaced) * 2 >= len(self.body_paras):
            para = spaced[0]
            before, after = space(para, "before") / TWIPS_PER_PT, space(para, "after") / TWIPS_PER_PT
            self.add(
                "DOCX-PARA-SPACING",
                f"正文段落设有段前/段后间距（段前{before:g}磅、段后{after:g}磅），行会偏离行格",
                f"{len(spaced)} of {len(self.body_paras)} body paragraphs have space before/after "
                f"(first: paragraph {para.index}, before {before:g} pt, after {after:g} pt)",
                element=f"paragraph {para.index}",
            )

    def widow_control(self) -> None:
        levels = self.res.para_levels
        on = [p for p in self.body_paras if self.res.toggle(levels(p.element), "widowControl") is not False]
        if on and len(on) * 2 >= len(self.body_paras):
            self.add(
                "DOCX-WIDOW-CONTROL",
                "正文段落开启了“孤行控制”（未设置时Word、LibreOffice默认开启），段落跨页处的页面只排"
                f"{self.p.grid.lines - 1}行",
                f"{len(on)} of {len(self.body_paras)} body paragraphs have widow/orphan control on (explicitly or by "
                "default): a page where a paragraph breaks may lose a line",
                element="widowControl",
            )

    def chars(self, block_w: float, grid_type: str | None, char_space: float | None) -> None:
        size = most_common(
            (s, len(t)) for p in self.body_paras for r, t in p.runs if (s := self.res.size(r, p.element))
        ) or self.res.size(None, self.body_paras[0].element)
        if size is None:
            self.notes.append("文件中没有设置字号，每行字数未计算")
            return
        chars_wanted = self.p.grid.chars
        if grid_type in ("linesAndChars", "snapToChars") and char_space is not None:
            base = self.res.size(None, etree.Element(q("p"))) or size  # the default paragraph style's size
            pitch = base + char_space / CHARSPACE_UNIT
            how = f"文档网格字距（{base:g}磅{char_space / CHARSPACE_UNIT:+.3f}磅）"
            detail = f"docGrid {grid_type} charSpace {char_space:g}: pitch {pitch:.3f} pt"
            if grid_type == "linesAndChars" and char_space < 0:
                self.add(
                    "DOCX-GRID-LIBREOFFICE",
                    "文档网格为“指定行和字符网格”且字符间距为负，LibreOffice等软件打开时每行只排14字",
                    f"docGrid linesAndChars with charSpace {char_space:g} < 0: LibreOffice 7 puts each 16 pt glyph in "
                    "two grid cells (14 characters per line, measured)",
                    element="docGrid",
                )
        else:
            # each paragraph votes with its own spacing: §7.3.5.5 may set a long last one tighter
            votes = (
                (most_common((self.res.char_spacing(r, p.element), len(t)) for r, t in p.runs), 1.0)
                for p in self.body_paras
                if p.runs
            )
            spacing = most_common(votes) or 0.0
            pitch = size + spacing
            how = f"正文{size:g}磅字、字距{spacing:+g}磅"
            detail = f"body {size:g} pt, character spacing {spacing:+g} pt: pitch {pitch:.3f} pt"
        chars = math.floor(block_w / pitch + 1e-6)
        if chars != chars_wanted:
            self.add(
                "DOCX-GRID-CHARS",
                f"{how}，版心宽{block_w / PT_PER_MM:.1f}毫米每行只能排{chars}字，应为每行{chars_wanted}字",
                f"{detail}: floor({block_w:.1f} / {pitch:.3f}) = {chars} characters, expected {chars_wanted}",
                element="character grid",
            )

    def numbering_rules(self) -> None:
        """Labels typed with ASCII brackets "(一)"; typed 一、 and （一） headings that repeat or skip
        a number (again in each article; Word's automatic numbers count by themselves)."""
        last = [0, 0]
        for para in self.paras:
            if para.in_table:
                continue
            text = para.text.lstrip(" \u3000\t")
            if ARTICLE.match(text) or ATTACHMENT_LABEL.search(text.rstrip()):
                last = [0, 0]  # an article, an attachment: its numbers start again
            elif match := ASCII_LABEL.match(text):
                self.add(
                    "DOCX-HEADING-BRACKETS",
                    f"第{para.index}段序号“{match.group()}”用了半角括号，应为全角括号“（{match.group(1)}）”",
                    f"paragraph {para.index}: label {match.group()!r} in ASCII brackets",
                    element=f"paragraph {para.index}",
                )
            elif (level := self.headings.get(para, 3)) <= 2:
                if level == 1:
                    last[1] = 0  # （一） count again under each 一、, typed or automatic
                if para.label:
                    continue
                match = LEVEL_NUMBER[level - 1].match(text)
                number = CN_VALUES.get(match.group(1), 0) if match else 0
                if number and number != last[level - 1] + 1:
                    self.add(
                        "DOCX-HEADING-NUMBER",
                        f"第{para.index}段{level}级标题序号“{match.group()}”"
                        f"{'重复' if number <= last[level - 1] else '不连续'}（上一个是第{last[level - 1]}个）",
                        f"paragraph {para.index}: level-{level} heading number {number} after {last[level - 1]}",
                        element=f"heading{level}",
                    )
                last[level - 1] = number or last[level - 1]

    def fonts(self) -> None:
        themed: list[tuple[_Para, FontChoice]] = []
        for para in self.paras:
            for run, text in para.runs:
                choice = self.res.font(run, para.element, "eastAsia")
                if HANZI.search(text) and (choice.name is None or choice.theme):
                    themed.append((para, choice))
        if themed:
            para, choice = themed[0]
            source = f"主题字体{choice.name}" if choice.theme else "默认字体"
            self.add(
                "DOCX-FONT-EASTASIA",
                f"第{para.index}段起有{len(themed)}处中文未指定中文字体（缺w:eastAsia），Word将用{source}显示"
                "（python-docx 的 font.name 只设置西文字体）",
                f"{len(themed)} runs with Chinese text resolve w:eastAsia to "
                f"{'theme ' + str(choice.name) if choice.theme else 'nothing'} (first: paragraph {para.index})",
                element=f"paragraph {para.index}",
            )
        explicit = any(
            (choice := self.res.font(r, p.element, "eastAsia")).name and not choice.theme
            for p in self.paras
            for r, _ in p.runs
        )
        defaults = [self.styles.r_default] + [
            s.find(q("rPr")) for s in self.styles.chain(self.styles.default.get("paragraph"))
        ]
        theme_attrs = sorted(
            {
                etree.QName(name).localname
                for level in defaults
                if level is not None and (fonts := level.find(q("rFonts"))) is not None
                for name in fonts.attrib
                if etree.QName(name).localname.endswith("Theme")
            }
        )
        if theme_attrs and explicit and not themed:
            self.add(
                "DOCX-FONT-THEME",
                f"默认样式中有主题字体属性（{'、'.join(theme_attrs)}），"
                "LibreOffice、WPS 可能用主题字体代替指定字体，应删除",
                f"docDefaults/default paragraph style carry theme font attributes {theme_attrs}",
                element="docDefaults",
            )
        self.element_fonts()

    def run_font_size(self, para: _Para, upto: int | None = None) -> tuple[str | None, float | None]:
        """Most common explicit eastAsia font ("-Bold" appended when bold) and size over the
        first ``upto`` characters."""
        names: Counter[str] = Counter()
        sizes: Counter[float] = Counter()
        seen = 0
        for r, t in para.runs:
            if upto is not None and seen >= upto:
                break
            seen += len(t)
            choice = self.res.font(r, para.element, "eastAsia")
            if choice.name and not choice.theme and HANZI.search(t):
                bold = self.res.toggle(self.res.run_levels(r, para.element), "b")
                names[f"{choice.name}-Bold" if bold else choice.name] += len(t)
            if (size := self.res.size(r, para.element)) is not None:
                sizes[size] += len(t)
        return (
            names.most_common(1)[0][0] if names else None,
            sizes.most_common(1)[0][0] if sizes else None,
        )

    def element_fonts(self) -> None:
        if self.title is not None:
            style = self.p.style("title")
            font, size = self.run_font_size(self.title)
            where = {"element": f"title (paragraph {self.title.index})"}
            if size is not None and abs(size - style.size_pt) > self.tol.size_pt:
                self.add(
                    "DOCX-TITLE-SIZE",
                    f"标题字号为{size:g}磅，应为{size_zh(style.size_pt)}",
                    f"title paragraph {self.title.index} at {size:g} pt, expected {style.size_pt:g} pt",
                    **where,
                )
            if font and self.roles.serves(font, style.font) is False:
                self.add(
                    "DOCX-TITLE-FONT",
                    f"标题字体为{font}，应为{self.p.fonts[style.font].docx_name}",
                    f"title font {font!r} does not serve role {style.font!r}",
                    **where,
                )
        weighted_fonts: Counter[str] = Counter()
        weighted_sizes: Counter[float] = Counter()
        for para in self.body_paras:
            font, size = self.run_font_size(para)
            if font:
                weighted_fonts[font] += len(para.text)
            if size:
                weighted_sizes[size] += len(para.text)
        self.body_pt = weighted_sizes.most_common(1)[0][0] if weighted_sizes else self.body_style.size_pt
        for para in self.paras:
            level = self.headings.get(para)
            if level:
                self.heading(para, level)
        if weighted_sizes:
            size = weighted_sizes.most_common(1)[0][0]
            if abs(size - self.body_style.size_pt) > self.tol.size_pt:
                self.add(
                    "DOCX-FONT-BODY",
                    f"正文字号为{size:g}磅，应为{size_zh(self.body_style.size_pt)}",
                    f"most common body size {size:g} pt, expected {self.body_style.size_pt:g} pt",
                    element="body",
                )
        body_chars = sum(len(para.text) for para in self.body_paras)
        if weighted_fonts:
            font, chars = weighted_fonts.most_common(1)[0]
            # the body's font: the one most of the body text has (not a heading without a label)
            if self.roles.serves(font, self.body_style.font) is False and 2 * chars > body_chars:
                self.add(
                    "DOCX-FONT-BODY",
                    f"正文字体为{font}，应为{self.p.fonts[self.body_style.font].docx_name}",
                    f"body font {font!r} does not serve role {self.body_style.font!r}",
                    element="body",
                )

    def in_body_size(self, size: float) -> bool:
        """Is ``size`` the document's own (wrong) body size? DOCX-FONT-BODY says so once."""
        wrong_body = abs(self.body_pt - self.body_style.size_pt) > self.tol.size_pt
        return wrong_body and abs(size - self.body_pt) <= self.tol.size_pt

    def heading(self, para: _Para, level: int) -> None:
        style = self.p.heading_style(level)
        end = RUN_IN_END.search(para.text)  # a run-in heading ends at its 。 or ：, body text follows
        font, size = self.run_font_size(para, end.end() if end else None)
        label = (para.label + para.text).strip()[:8]
        where = {"element": f"heading{level}"}
        if size is not None and abs(size - style.size_pt) > self.tol.size_pt and not self.in_body_size(size):
            self.add(
                "DOCX-FONT-HEADING",
                f"第{para.index}段{level}级标题“{label}…”字号为{size:g}磅，应为{style.size_pt:g}磅",
                f"level-{level} heading at {size:g} pt, expected {style.size_pt:g} pt",
                **where,
            )
        if font and self.roles.serves(font, style.font) is False:
            self.add(
                "DOCX-FONT-HEADING",
                f"第{para.index}段{level}级标题“{label}…”用了{font}，应为{self.p.fonts[style.font].docx_name}",
                f"level-{level} heading font {font!r} does not serve role {style.font!r}",
                **where,
            )

    # -- 份号, 主送, 署名, 版记 and indents ---------------------------------------------------
    def indents(self, para: _Para) -> tuple[float, float, float]:
        """(left, right, first-line offset) in pt after inheritance; a ``…Chars`` value (in
        hundredths of a character of the paragraph's size) wins over twips, as in Word."""
        size = self.para_size(para) or self.body_pt
        levels = self.res.para_levels(para.element)

        def value(names: tuple[str, ...]) -> float:
            for name in names:
                if name.endswith("Chars") and (chars := _num(self.res.attr(levels, "ind", name))):
                    return chars / 100 * size
            twips = next((v for n in names if (v := _num(self.res.attr(levels, "ind", n))) is not None), 0.0)
            return twips / TWIPS_PER_PT

        first = value(("firstLineChars", "firstLine")) - value(("hangingChars", "hanging"))
        return (
            value(("leftChars", "startChars", "left", "start")),
            value(("rightChars", "endChars", "right", "end")),
            first,
        )

    def start_pt(self, para: _Para) -> float:
        """Where the first line's text starts, right of the block's left edge: indents and the
        spaces typed before the text (U+3000 a character, a space half of one)."""
        left, _, first = self.indents(para)
        lead = para.text[: len(para.text) - len(para.text.lstrip(" \u3000\t"))]
        size = self.para_size(para) or self.body_pt
        return left + first + size * (lead.count("\u3000") + lead.count(" ") / 2)

    def placement(self) -> None:
        self.copy_number()
        self.addressee()
        self.issuer()
        self.record_cc()
        self.outside()

    def copy_number(self) -> None:
        """§7.2.1: the 份号, a paragraph of digits above the title, in 3号."""
        above = [p for p in self.paras[:TITLE_SEARCH] if self.title is None or p.index < self.title.index]
        para = next((p for p in above if COPY_DIGITS.match(p.text.strip())), None)
        if para is None:
            return
        want = self.p.style("copy_number").size_pt
        size = self.para_size(para)
        if size and abs(size - want) > self.tol.size_pt:
            self.add(
                "DOCX-COPYNUM-SIZE",
                f"份号“{para.text.strip()}”字号为{size:g}磅，应为{size_zh(want)}",
                f"paragraph {para.index}: copy number at {size:g} pt, expected {want:g} pt",
                element=f"paragraph {para.index}",
            )

    def addressee(self) -> None:
        """§7.3.2: the 主送机关 paragraph right under the title stands flush left (顶格)."""
        if self.title is None:
            return
        below = [p for p in self.paras if p.index > self.title.index and not p.in_table]
        para = below[0] if below else None
        text = para.text.strip() if para else ""
        if para is None or not text.endswith(("：", ":")) or len(text) > self.p.grid.chars:
            return
        jc = self.res.para(para.element, "jc", "val")
        start = self.start_pt(para)
        half = (self.para_size(para) or self.body_pt) / 2
        if jc not in FLUSH_JC or abs(start) > half:
            how = {"center": "居中", "right": "居右", "end": "居右"}.get(jc or "", f"左端缩进{start:g}磅")
            self.add(
                "DOCX-ADDRESSEE-POS",
                f"第{para.index}段主送机关“{text[:12]}”{how}，应顶格编排",
                f"paragraph {para.index}: addressee alignment {jc!r}, first line starts {start:g} pt in",
                element=f"paragraph {para.index}",
            )

    def issuer(self) -> None:
        """§7.3.5: a short paragraph right above the 成文日期 that starts at the block's left
        edge is a 署名 set flush left (it stands over the date, right of the block's middle)."""
        for before, date in zip(self.paras, self.paras[1:], strict=False):
            text = before.text.strip()
            if (
                not DATE_PARA.match(date.text.strip())
                or before.in_table
                or date.index - before.index > 2
                or SENTENCE_END.search(text)
                or len(text) > self.p.grid.chars // 2
                or before is self.title
                or before in self.headings
            ):
                continue
            half = (self.para_size(before) or self.body_pt) / 2
            if self.res.para(before.element, "jc", "val") in FLUSH_JC and self.start_pt(before) <= half:
                self.add(
                    "DOCX-SIGN-POS",
                    f"第{before.index}段发文机关署名“{text[:16]}”顶格排在左边，应在成文日期之上、以成文日期为准居中"
                    f"（不加盖印章时右空{self.p.signature.unsealed_right_indent_chars:g}字）",
                    f"paragraph {before.index}: issuer paragraph starts at the block's left edge, above the date "
                    f"paragraph {date.index}",
                    element=f"paragraph {before.index}",
                )

    def record_cc(self) -> None:
        """§7.4.2: the 抄送 paragraph in 4号, 左右各空一字 (in a table cell: the size only)."""
        style, spec = self.p.style(self.p.record.style), self.p.record
        want = spec.side_indent_chars * spec.side_indent_char_pt
        tol = self.tol.position_mm / PT_PER_MM
        for para in self.paras:
            if not CC_LINE.match(para.text.strip()):
                continue
            where = {"element": f"paragraph {para.index}"}
            size = self.para_size(para)
            if size and abs(size - style.size_pt) > self.tol.size_pt:
                self.add(
                    "DOCX-RECORD-CC",
                    f"第{para.index}段抄送机关字号为{size:g}磅，应为{size_zh(style.size_pt)}",
                    f"paragraph {para.index}: 抄送 at {size:g} pt, expected {style.size_pt:g} pt",
                    **where,
                )
            if para.in_table:
                continue
            start, (_, right, _) = self.start_pt(para), self.indents(para)
            # the right indent shows only on a line long enough to reach it
            reaches = len(para.text.strip()) * (size or style.size_pt) >= self.p.grid.chars * self.body_pt - want
            if abs(start - want) > tol or (reaches and right < want - tol):
                self.add(
                    "DOCX-RECORD-CC",
                    f"第{para.index}段抄送应左右各空{spec.side_indent_chars:g}字（左缩进{start:g}磅、右缩进{right:g}磅，"
                    f"应各为{want:g}磅）",
                    f"paragraph {para.index}: 抄送 starts {start:g} pt in, right indent {right:g} pt, want {want:g}",
                    **where,
                )

    def outside(self) -> None:
        """§5.2.1: negative indents put text past the block's sides (超出版心): one finding
        listing the paragraphs."""
        tol = self.tol.position_mm / PT_PER_MM
        out = []
        for para in self.paras:
            if para.in_table:
                continue
            left, right, first = self.indents(para)
            if min(left, left + first, right) < -tol:
                out.append((para, min(left, left + first), right))
        if out:
            listed = "、".join(str(para.index) for para, _, _ in out[:10]) + ("等" if len(out) > 10 else "")
            para, left, right = out[0]
            self.add(
                "DOCX-TEXT-OUTSIDE",
                f"第{listed}段设了负缩进，文字超出版心（如第{para.index}段左缩进{left:g}磅、右缩进{right:g}磅）",
                f"{len(out)} paragraphs with negative indents (first: paragraph {para.index}, left {left:g} pt, "
                f"right {right:g} pt)",
                element=f"paragraph {para.index}",
            )

    # -- footers ------------------------------------------------------------------------
    def footers(self) -> None:
        section = self.doc.sections[0] if self.doc.sections else None
        settings = self.doc.settings.element.find(q("evenAndOddHeaders"))  # any root: a broken part reads as unset
        odd_even = settings is not None and settings.get(q("val")) not in ("0", "false", "off")
        parts = {}
        if section is not None and not section.footer.is_linked_to_previous:
            parts["default"] = section.footer.part.element
        if section is not None and odd_even and not section.even_page_footer.is_linked_to_previous:
            parts["even"] = section.even_page_footer.part.element
        found = {kind: self.page_field(element) for kind, element in parts.items()}
        if all(p is None for p in found.values()):
            self.add(
                "DOCX-PAGENUM-FIELD",
                "页脚中没有页码域（PAGE），打印出的公文没有页码",
                f"no PAGE field in the first section's footers ({', '.join(parts) or 'no footer'})",
                element="footer",
            )
            return
        if not odd_even or "even" not in parts:
            self.add(
                "DOCX-PAGENUM-ODDEVEN",
                "未设置“奇偶页不同”页脚（w:evenAndOddHeaders），单页页码居右、双页页码居左无法实现",
                "settings lack w:evenAndOddHeaders or the section has no even-page footer",
                element="footer",
            )
        for kind, para in found.items():
            if para is not None:
                self.footer_number(kind, para)
        self.first_page_footer(found.get("default"))

    def first_page_footer(self, default: etree._Element | None) -> None:
        """信函 (§10.1, ``header.first_page_number: false``): page 1 shows no page number. Word
        gives page 1 a footer of its own with w:titlePg; without a first-page footer part the
        first section's page 1 has an empty one."""
        if not self.doc.sections or default is None:
            return
        section = self.doc.sections[0]
        if self.p.header.first_page_number:
            self.first_page_shown(section)
            return
        where = {"element": "footer (first page)"}
        if not section.different_first_page_header_footer:
            self.add(
                "DOCX-PAGENUM-FIRST",
                "信函首页不显示页码，但第一节未设置“首页不同”（w:titlePg），第1页会印出页码",
                f"the first section has no w:titlePg: page 1 shows the default footer's PAGE field; profile "
                f"{self.p.name} shows no page number on page 1",
                **where,
            )
        elif not section.first_page_footer.is_linked_to_previous and (
            self.page_field(section.first_page_footer.part.element) is not None
        ):
            self.add(
                "DOCX-PAGENUM-FIRST",
                "信函首页不显示页码，但首页页脚中有页码域（PAGE）",
                f"the first section's first-page footer holds a PAGE field; profile {self.p.name} shows no page "
                "number on page 1",
                **where,
            )

    def first_page_shown(self, section: Section) -> None:
        """§7.5: page 1 shows its number; "different first page" (w:titlePg) with a first-page
        footer without a PAGE field (or none at all) hides it."""
        if not section.different_first_page_header_footer:
            return
        first = section.first_page_footer
        if first.is_linked_to_previous or self.page_field(first.part.element) is None:
            self.add(
                "DOCX-PAGENUM-HIDDEN",
                "第一节设置了“首页不同”（w:titlePg），首页页脚中没有页码域（PAGE），第1页不显示页码",
                "the first section has w:titlePg and its first-page footer has no PAGE field",
                element="footer (first page)",
            )

    def page_field(self, footer: etree._Element) -> etree._Element | None:
        """The innermost paragraph holding the PAGE field (a text box's paragraph lies inside
        the footer's paragraph; Word's and VML's copies of one text box are one number)."""
        holders = [p for p in footer.iter(q("p")) if self._has_page_field(p)]
        inner = [p for p in holders if not any(other is not p and p in other.iterancestors() for other in holders)]
        return inner[0] if inner else None

    @staticmethod
    def _has_page_field(p: etree._Element) -> bool:
        simple = any(PAGE_FIELD.search(f.get(q("instr")) or "") for f in p.iter(q("fldSimple")))
        return simple or any(PAGE_FIELD.search(t.text or "") for t in p.iter(q("instrText")))

    @staticmethod
    def box_side(p: etree._Element) -> str | None:
        """left/right/center/outside/inside of the text box holding ``p``; None outside a box."""
        for ancestor in p.iterancestors():
            if etree.QName(ancestor).localname == "anchor":
                align = ancestor.find(f"{{{WP}}}positionH/{{{WP}}}align")
                return align.text.strip() if align is not None and align.text else None
            style = ancestor.get("style") or ""
            if match := re.search(r"mso-position-horizontal:\s*(\w+)", style):
                return match.group(1)
        return None

    @staticmethod
    def footer_text(p: etree._Element) -> tuple[str, etree._Element | None]:
        """The footer paragraph's text with the PAGE field as FIELD_MARK, and the run whose
        formatting the number is shown in: the field's result (Word keeps it, \\* MERGEFORMAT),
        or, for a field without a result or with \\* CHARFORMAT, the field code's first run."""
        out: list[str] = []
        state = "text"
        code_run = result_run = None
        charformat = in_page = False
        for element in p.iter(q("r"), q("fldSimple")):
            if element.find(f".//{q('txbxContent')}") is not None:
                continue  # a run holding a text box: its paragraphs are read on their own
            if element.tag == q("fldSimple"):
                if PAGE_FIELD.search(element.get(q("instr")) or ""):
                    out.append(FIELD_MARK)
                    code_run = element.find(q("r"))
                continue
            if element.getparent().tag == q("fldSimple"):
                continue
            char = element.find(q("fldChar"))
            if char is not None:
                kind = char.get(q("fldCharType"))
                state = {"begin": "instr", "separate": "result", "end": "text"}.get(kind, state)
                in_page = in_page and kind != "end"
                continue
            instr = element.find(q("instrText"))
            if instr is not None and PAGE_FIELD.search(instr.text or ""):
                out.append(FIELD_MARK)
                code_run, in_page = element, True
                charformat = "CHARFORMAT" in (instr.text or "").upper()
                continue
            if in_page and state == "result" and result_run is None and _text(element).strip():
                result_run = element
            if state == "text":
                out.append(_text(element) + ("\t" if element.find(q("tab")) is not None else ""))
        shown = result_run if result_run is not None and not charformat else code_run
        return "".join(out), shown

    def side_indent(self, p: etree._Element, text: str, want: str, where: dict[str, str]) -> None:
        """居右（左）空一字: the paragraph's indent on that side (resolved through its style and
        the defaults), or spaces typed beside the number, make at least half a character."""
        spec = self.p.page_number
        char_twips = spec.side_indent_char_pt * TWIPS_PER_PT
        names = ("right", "end") if want == "right" else ("left", "start")
        indent = next((v for n in names if (v := _num(self.res.para(p, "ind", n))) is not None), 0.0)
        typed = text.rstrip() != text if want == "right" else text.lstrip() != text
        if indent < char_twips / 2 and not typed:
            self.add(
                "DOCX-PAGENUM-SIDE",
                f"页码{'居右' if want == 'right' else '居左'}但未空一字（段落{'右' if want == 'right' else '左'}缩进"
                f"{indent / TWIPS_PER_PT:g}磅），应空{spec.side_indent_chars:g}字",
                f"footer paragraph {names[0]} indent {indent:g} twips, expected about {char_twips:g}",
                **where,
            )

    def footer_number(self, kind: str, p: etree._Element) -> None:
        spec = self.p.page_number
        style = self.p.style(spec.style)
        text, run = self.footer_text(p)
        where = {"element": f"footer ({'even' if kind == 'even' else 'odd/default'})"}
        shown = text.replace(FIELD_MARK, "1").strip()
        expected = re.sub(r"\s", "", spec.format.format(n=FIELD_MARK))
        if re.sub(r"\s", "", text) != expected:
            self.add(
                "DOCX-PAGENUM-FORM",
                f"页码样式为“{shown}”，应为“{spec.format.format(n=1)}”（两侧为一字线“—”，不用连字符“-”）",
                f"footer text around the PAGE field is {text.replace(FIELD_MARK, '{PAGE}')!r}, "
                f"expected {spec.format!r}",
                **where,
            )
        jc = self.res.para(p, "jc", "val") or "left"
        want = "left" if kind == "even" else "right"
        side = {"end": "right", "start": "left", "both": "left"}.get(jc, jc)
        if text.startswith("\t"):
            side = "tab"
        box = self.box_side(p)
        if box in ("outside", "inside"):  # a text box on the outer (inner) edge of each page
            side = want if box == "outside" else {"left": "right", "right": "left"}[want]
        elif box in ("left", "right", "center"):
            side = box
        if side != want:
            zh = {"left": "居左", "right": "居右", "center": "居中", "tab": "用制表位定位"}.get(side, side)
            self.add(
                "DOCX-PAGENUM-SIDE",
                f"{'双页' if kind == 'even' else '单页'}页码{zh}，应{'居左' if want == 'left' else '居右'}空一字",
                f"{kind} footer paragraph alignment {jc!r}{' after a tab' if side == 'tab' else ''}, expected {want}",
                **where,
            )
        elif box is None:
            self.side_indent(p, text, want, where)
        if run is None:
            return
        size = self.res.size(run, p)
        if size is not None and abs(size - style.size_pt) > self.tol.size_pt:
            self.add(
                "DOCX-PAGENUM-SIZE",
                f"页码字号为{size:g}磅，应为{size_zh(style.size_pt)}",
                f"PAGE field run at {size:g} pt, expected {style.size_pt:g} pt",
                **where,
            )
        font = self.res.font(run, p, "ascii")
        if font.name and not font.theme and self.roles.serves(font.name, style.latin) is False:
            self.add(
                "DOCX-PAGENUM-FONT",
                f"页码数字字体为{font.name}，应为{self.p.fonts[style.latin].docx_name}",
                f"PAGE field ascii font {font.name!r} does not serve role {style.latin!r}",
                **where,
            )


def check_docx(document: DocxDocument, profile: Profile) -> RuleResult:
    """Findings, notes and failed rule groups of a DOCX opened by :func:`.package.open_package`."""
    check = _DocxCheck(document, profile)
    check.run()
    title = check.title
    automatic = sum(bool(para.label) for para in check.headings)
    evidence = {
        "title": f"第{title.index}段“{title.text[:12]}”：开头几段中居中的最大字号" if title else "没有",
        "headings": f"{len(check.headings)}个（其中Word自动编号{automatic}个）",
    }
    return RuleResult(merge(check.findings), check.notes, check.failures, evidence)
