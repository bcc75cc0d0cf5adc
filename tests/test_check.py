"""The conformance checker (officialdoc check): every rule fires on a document broken on
purpose, and well-made documents from other producers check clean.

Inputs are generated into tmp_path: PDFs drawn with reportlab straight from the profile's
numbers (the "producer" is not officialdoc), DOCX files made with python-docx, content
YAML from tests/check_fixtures/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import typer
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTCollection, TTFont
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as RLFont
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from officialdoc.check import Report, check_file
from officialdoc.check.cli import check
from officialdoc.check.report import JSON_SCHEMA, SCHEMA
from officialdoc.check.rules import RULES
from officialdoc.profile import PT_PER_MM, load_profile, mm_to_pt
from seal_images import write_seal_images

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "check_fixtures"
P = load_profile()
LETTER, ORDER, MINUTES = "gbt9704-letter", "gbt9704-order", "gbt9704-minutes"
SIGNERS = ("李明华", "张伟", "陈志强")  # 上行文: three signers, two a line

ARPHIC = Path("/usr/share/fonts/truetype/arphic")
FONT_FILES = {  # reportlab name → (file, subfont); all TrueType outlines
    "ming": (ARPHIC / "uming.ttc", 0),  # AR PL UMing CN: a 仿宋/宋体/小标宋 fallback of the profile
    "kai": (ARPHIC / "ukai.ttc", 0),  # AR PL UKai CN: 楷体
    "hei": (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),  # WenQuanYi Zen Hei: 黑体
    "times": (Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"), 0),
}
HANZI = "认真贯彻中央省委市委关于全面依法治国依法治省依法治市决策部署学习党的全会精神自觉运用法治思维和法治方式深化改革推动发展化解矛盾维护稳定促进社会经济稳步发展提高平安法治建设水平"  # noqa: E501
MARK_PT = 36.0  # issuer mark size: the standard leaves it to the issuer


def setup_module() -> None:
    missing = [str(path) for path, _ in FONT_FILES.values() if not path.is_file()]
    if missing and os.environ.get("CI"):
        pytest.fail(f"fonts missing in CI: {missing}; .ci/run must install them (scripts/setup-debian.sh)")
    if missing:
        pytest.skip(f"fonts missing: {missing}", allow_module_level=True)
    for name, (path, index) in FONT_FILES.items():
        pdfmetrics.registerFont(RLFont(rl(name), str(path), subfontIndex=index))


def rl(font: str) -> str:
    """reportlab's (process-wide) name of a test font; other names (Helvetica) pass through."""
    return f"check-{font}" if font in FONT_FILES else font


@cache
def _face(name: str) -> TTFont:
    path, index = FONT_FILES[name]
    return TTCollection(str(path)).fonts[index] if path.suffix == ".ttc" else TTFont(str(path))


def ink(name: str, text: str, size_pt: float) -> tuple[float, float]:
    """(top above, bottom below) the baseline of the glyphs' ink, mm."""
    face = _face(name)
    cmap, glyf, upm = face.getBestCmap(), face["glyf"], face["head"].unitsPerEm
    boxes = [glyf[cmap[ord(ch)]] for ch in text if ord(ch) in cmap and hasattr(glyf[cmap[ord(ch)]], "yMax")]
    scale = size_pt / upm / PT_PER_MM
    return max(g.yMax for g in boxes) * scale, -min(g.yMin for g in boxes) * scale


class _CanvasPen(BasePen):
    """fontTools pen drawing a glyph into a reportlab path at (x, y) pt, scaled per axis."""

    def __init__(self, glyphs, path, x: float, y: float, sx: float, sy: float):
        super().__init__(glyphs)
        self.path, self.x, self.y, self.sx, self.sy = path, x, y, sx, sy

    def _xy(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] * self.sx, self.y + point[1] * self.sy

    def _moveTo(self, point):
        self.path.moveTo(*self._xy(point))

    def _lineTo(self, point):
        self.path.lineTo(*self._xy(point))

    def _curveToOne(self, a, b, c):
        self.path.curveTo(*self._xy(a), *self._xy(b), *self._xy(c))

    def _closePath(self):
        self.path.close()


def text(length: int, offset: int = 0) -> str:
    return "".join(HANZI[(offset + i) % len(HANZI)] for i in range(length))


# -- PDF producer -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pdf:
    """A 4-page 公文 drawn with reportlab from the profile; each field can break one rule."""

    page_mm: tuple[float, float] = (P.page.width_mm, P.page.height_mm)
    chars: int = P.grid.chars  # characters on a full line
    tracking: float | None = None  # PDF Tc; None: fill one grid cell per glyph
    lines: int = P.grid.lines  # lines on a full page
    page_format: str = P.page_number.format
    page_font: str = "ming"
    page_centred: bool = False
    kinsoku: bool = False  # a line starting with "，" and one ending with "（"
    title_pt: float = P.style("title").size_pt
    heading1_font: str = "hei"
    red_line_mm: float = P.page.block_width_mm
    record_thin: bool = False  # every record rule 0.25 mm
    pages: int = 4
    date: str = "2021年11月23日"
    date_gap_chars: float = P.signature.date_right_indent_chars
    latin_font: str = "ming"  # a "Helvetica" here leaves a font unembedded
    shift_mm: tuple[float, float] = (0.0, 0.0)  # everything moved right/down
    pitch_pt: float | None = None  # line pitch; None: the profile's
    gap_after_slot: int | None = None  # half a line of extra space after this slot (段后距)
    body_pt: float = P.style("body").size_pt
    body_font: str = "ming"
    title_font: str = "ming"
    title_shift_mm: float = 0.0
    unnumbered_page: int | None = None
    page_pt: float = P.style("page_number").size_pt
    mark_red: bool = True
    red_gap_mm: float = P.header.rule_gap_mm  # red line below the 发文字号's ink
    record_width_mm: float = P.page.block_width_mm
    extra_page: bool = False  # a page after the record block's
    anonymous_kai: bool = False  # the 楷体 face's name replaced by a meaningless one
    record_rules: bool | None = None  # None: as the profile says (信函: none)
    joint_unsealed: bool = False  # two issuers, no seal: §7.3.5.2 layout
    profile: str = P.name  # the profile the header is drawn from and the PDF is checked with
    keywords: str = ""  # PDF /Keywords ("officialdoc-profile:<name>" as our renderers write it)
    mark_as: str = "text"  # the issuer mark as text, red glyph "outlines" (filled paths) or an "image"
    mark_shift_mm: float = 0.0  # the mark moved down
    mark_width_mm: float | None = None  # the mark stretched to this width (None: its natural width)
    copy_number: str | None = None  # 份号, flush left on line 1 …
    copy_at: tuple[float, int] = (0.0, 0)  # … moved right (mm) / to another grid line
    signers: tuple[str, ...] = ()  # 上行文: "签发人：" and the names, two a line, 居右空一字 …
    signer_indent_chars: float = P.header.side_indent_chars
    number_indent_chars: float = P.header.side_indent_chars  # … the 文号 居左空一字 on the last names' line …
    number_own_line: bool = False  # … or (broken) on a line of its own under them
    number_shift_mm: float = 0.0  # the 发文字号 moved right
    letter_rule_mm: float | None = None  # 信函: length of the double lines (None: the profile's)
    letter_single: bool = False  # 信函: the first double line a single line
    letter_swap: bool = False  # 信函: the first double line thin over thick
    letter_gap_mm: float = 0.0  # 信函: the first double line moved down
    letter_bottom_shift_mm: float = 0.0  # 信函: the second double line moved up
    first_page_number: bool | None = None  # None: as the profile says
    secrecy: str | None = None  # 密级和保密期限 (3号黑体), flush left on grid line 2 …
    secrecy_at: tuple[float, int] = (0.0, 1)  # … moved right (mm) / to another grid line (信函: lines under the 份号's)
    secrecy_font: str = "hei"
    urgency: str | None = None  # 紧急程度 (3号黑体), flush left on grid line 3 …
    urgency_at: tuple[float, int] = (0.0, 2)
    urgency_font: str = "hei"
    flush_pt: float = P.style("secrecy").size_pt  # size of 密级 and 紧急程度
    number_line_shift: int = 0  # the 发文字号 (and the 签发人, the 令号) this many grid lines lower
    letter_number_drop_mm: float = 0.0  # 信函: the 发文字号 moved down from the first line under the double line
    signer_label_font: str = "ming"  # "签发人：" (3号仿宋) …
    signer_font: str = "kai"  # … and the names (3号楷体)
    red_line: bool = True  # the 版头's red separator drawn
    header: bool = True  # False: no 版头 at all (a plain report: title on line 1)
    seal_top_mm: float | None = None  # a red seal (filled disc) on page 1 with its top here

    def build(self, path: Path) -> Path:
        _PdfDrawer(self, path).draw()
        if self.anonymous_kai:  # same length: the cross-reference offsets stay valid
            path.write_bytes(path.read_bytes().replace(b"UKaiCN", b"Fnt001"))
        return path


class _PdfDrawer:
    def __init__(self, spec: Pdf, path: Path):
        self.s = spec
        self.c = Canvas(str(path), pagesize=tuple(mm_to_pt(v) for v in spec.page_mm))
        self.height = spec.page_mm[1]
        self.body_pt = spec.body_pt
        self.pitch = spec.pitch_pt / PT_PER_MM if spec.pitch_pt else P.line_pitch_mm
        self.tc = P.char_pitch_pt - self.body_pt if spec.tracking is None else spec.tracking
        self.cell = (self.body_pt + self.tc) / PT_PER_MM
        self.left = P.page.block_left
        self.right = self.left + P.page.block_width_mm
        self.offset = 0
        self.prof = load_profile(spec.profile)
        if spec.keywords:
            self.c.setKeywords(spec.keywords)

    def baseline(self, slot: float, size_pt: float) -> float:
        em = size_pt / PT_PER_MM
        if self.s.gap_after_slot is not None and slot > self.s.gap_after_slot and self.c.getPageNumber() > 1:
            slot += 0.5
        return P.page.block_top + slot * self.pitch + (self.pitch - em) / 2 + P.grid.baseline_in_em * em

    def put(self, string: str, x: float, y: float, font: str = "ming", size: float | None = None, tc: float = 0.0):
        t = self.c.beginText()
        t.setFont(rl(font), size or self.body_pt)
        t.setCharSpace(tc)
        t.setTextOrigin(mm_to_pt(x), mm_to_pt(self.height - y))
        t.textOut(string)
        self.c.drawText(t)

    def width(self, string: str, font: str, size: float, tc: float = 0.0) -> float:
        return (pdfmetrics.stringWidth(string, rl(font), size) + tc * len(string)) / PT_PER_MM

    def line(self, slot: int, string: str, indent: int = 0, font: str | None = None) -> None:
        font = font or self.s.body_font
        self.put(string, self.left + indent * self.cell, self.baseline(slot, self.body_pt), font, tc=self.tc)

    def rule(self, y: float, thickness: float, width: float, red: bool = False) -> None:
        self.c.saveState()
        self.c.setStrokeColorRGB(1, 0, 0) if red else self.c.setStrokeColorRGB(0, 0, 0)
        self.c.setLineWidth(mm_to_pt(thickness))
        x0 = self.left + (P.page.block_width_mm - width) / 2
        self.c.line(mm_to_pt(x0), mm_to_pt(self.height - y), mm_to_pt(x0 + width), mm_to_pt(self.height - y))
        self.c.restoreState()

    def paragraph_lines(self, slots: range, first_indent: bool) -> None:
        for i, slot in enumerate(slots):
            indent = P.paragraph.first_line_indent_chars if first_indent and i == 0 else 0
            string = text(self.s.chars - int(indent), self.offset)
            if self.s.kinsoku and slot == 3:
                string = "，" + string[1:-1] + "（"
            self.offset += len(string)
            self.line(slot, string, int(indent))

    def page_number(self, number: int) -> None:
        first = self.prof.header.first_page_number if self.s.first_page_number is None else self.s.first_page_number
        if number == self.s.unnumbered_page or (number == 1 and not first):
            return
        string = self.s.page_format.format(n=number)
        size = self.s.page_pt
        font = self.s.page_font
        w = self.width(string, font, size)
        indent = P.page_number.side_indent_chars * P.page_number.side_indent_char_pt / PT_PER_MM
        if self.s.page_centred:
            x = self.left + (P.page.block_width_mm - w) / 2
        else:
            x = self.right - indent - w if number % 2 else self.left + indent
        top, _ = ink(font, "—", size)
        self.put(string, x, P.page.block_bottom + P.page_number.dash_top_below_block_mm + top, font, size)

    def header(self) -> int:
        """The 版头 of the spec's profile, and the title; returns the first free slot."""
        spec = self.prof.header
        if not self.s.header:  # a plain report: the title on line 1, the text two lines under it
            self.title(0)
            return 2
        if spec.layout == "letter":
            return self.letter_header()
        origin = P.page.block_top if spec.mark_top_from == "block" else 0.0
        self.issuer_mark("大江镇人民政府文件" if spec.print_title else "大江镇人民政府令", origin + spec.mark_top_mm)
        # the first grid line two blank lines under the mark (36 pt, 35 mm below the block top; 命令 20 mm)
        first = (6 if not spec.rule else 7) + self.s.number_line_shift
        if not spec.rule:  # 命令: the 令号 centred, the 正文 under it, no title
            self.centred("第3号", first)
            return 9
        if self.s.copy_number:
            dx, slot = self.s.copy_at
            self.put(self.s.copy_number, self.left + dx, self.baseline(slot, self.body_pt))
        for string, (dx, slot), font in (
            (self.s.secrecy, self.s.secrecy_at, self.s.secrecy_font),
            (self.s.urgency, self.s.urgency_at, self.s.urgency_font),
        ):
            if string:
                self.put(string, self.left + dx, self.baseline(slot, self.s.flush_pt), font, self.s.flush_pt)
        number = "台江府〔2021〕12号"
        number_slot = self.signer_block(first) if self.s.signers else first
        number_y = self.baseline(number_slot, self.body_pt)
        if self.s.signers:
            self.put(number, self.left + self.s.number_indent_chars * self.cell, number_y, tc=self.tc)
        else:
            self.centred(number, number_slot, self.s.number_shift_mm)
        _, below = ink("ming", number, self.body_pt)
        if self.s.red_line:
            self.rule(number_y + below + self.s.red_gap_mm, P.header.rule_thickness_mm, self.s.red_line_mm, red=True)
        self.title(11)
        self.line(13, "一、深入学习贯彻法治思想", P.paragraph.first_line_indent_chars, self.s.heading1_font)
        self.line(14, "（一）强化思想理论学习。", P.paragraph.first_line_indent_chars, "kai")
        return 15

    def title(self, slot: int) -> None:
        title = "大江镇法治建设工作情况报告"
        size, font = self.s.title_pt, self.s.title_font
        x = self.left + (P.page.block_width_mm - self.width(title, font, size)) / 2 + self.s.title_shift_mm
        self.put(title, x, self.baseline(slot, size), font, size)

    def centred(self, string: str, slot: int, shift_mm: float = 0.0) -> None:
        width = self.width(string, "ming", self.body_pt)
        self.put(string, self.left + (P.page.block_width_mm - width) / 2 + shift_mm, self.baseline(slot, self.body_pt))

    def signer_block(self, slot: int) -> int:
        """上行文: "签发人：" and the names (楷体), two a line in columns of the longest name, the
        block 居右空一字; returns the grid line of the 文号 (the last names' line)."""
        names = self.s.signers
        rows = [names[i : i + P.header.signers_per_line] for i in range(0, len(names), P.header.signers_per_line)]
        column = max(len(name) for name in names) * self.cell
        gap = P.header.signer_gap_chars * self.cell
        first_x = self.right - self.s.signer_indent_chars * self.cell - len(rows[0]) * column - (len(rows[0]) - 1) * gap
        label = "签发人："
        label_y = self.baseline(slot, self.body_pt)
        self.put(label, first_x - len(label) * self.cell, label_y, self.s.signer_label_font, tc=self.tc)
        for row, row_names in enumerate(rows):
            for i, name in enumerate(row_names):
                y = self.baseline(slot + row, self.body_pt)
                self.put(name, first_x + i * (column + gap), y, self.s.signer_font, tc=self.tc)
        return slot + len(rows) - 1 + self.s.number_own_line

    def issuer_mark(self, mark: str, top: float) -> None:
        """The mark's ink top at ``top`` (plus the spec's shift), centred, as text, outlines or an image."""
        top += self.s.mark_shift_mm
        natural = self.width(mark, "ming", MARK_PT)
        width = self.s.mark_width_mm or natural
        centre = self.left + P.page.block_width_mm / 2
        if self.s.mark_as == "image":
            self.mark_image(mark, top, centre, width)
            return
        ascent, _ = ink("ming", mark, MARK_PT)
        x, baseline = centre - width / 2, top + ascent
        if self.s.mark_as == "outlines":
            self.mark_outlines(mark, x, baseline, width / natural)
            return
        self.c.saveState()  # the horizontal scale (Tz) is graphics state: it must not reach later text
        self.c.setFillColorRGB(1 if self.s.mark_red else 0, 0, 0)
        t = self.c.beginText()
        t.setFont(rl("ming"), MARK_PT)
        t.setHorizScale(100 * width / natural)
        t.setTextOrigin(mm_to_pt(x), mm_to_pt(self.height - baseline))
        t.textOut(mark)
        self.c.drawText(t)
        self.c.restoreState()

    def mark_outlines(self, mark: str, x: float, baseline: float, h_scale: float) -> None:
        """The mark converted to curves: each glyph's outline a red filled path, no text."""
        face = _face("ming")
        glyphs, cmap = face.getGlyphSet(), face.getBestCmap()
        unit = MARK_PT / face["head"].unitsPerEm  # pt per font unit
        pen_x = mm_to_pt(x)
        self.c.saveState()
        self.c.setFillColorRGB(1, 0, 0)
        for ch in mark:
            glyph = glyphs[cmap[ord(ch)]]
            path = self.c.beginPath()
            glyph.draw(_CanvasPen(glyphs, path, pen_x, mm_to_pt(self.height - baseline), unit * h_scale, unit))
            self.c.drawPath(path, stroke=0, fill=1)
            pen_x += glyph.width * unit * h_scale
        self.c.restoreState()

    def mark_image(self, mark: str, top: float, centre: float, width: float) -> None:
        """The mark pasted as a picture: red glyphs on a transparent ground with a margin and a
        black frame (not ink of the mark), scaled so the red ink spans ``width`` from ``top``."""
        font = ImageFont.truetype(str(FONT_FILES["ming"][0]), 200, index=FONT_FILES["ming"][1])
        layer = Image.new("RGBA", (font.getbbox(mark)[2] + 160, 400), (255, 255, 255, 0))
        ImageDraw.Draw(layer).text((80, 80), mark, font=font, fill=(255, 0, 0, 255))
        left, upper, right, _ = layer.getbbox()
        ImageDraw.Draw(layer).rectangle((0, 0, layer.width - 1, layer.height - 1), outline=(0, 0, 0, 255), width=3)
        scale = width / (right - left)  # mm per pixel
        x0, y0 = centre - (left + right) / 2 * scale, top - upper * scale
        w, h = layer.width * scale, layer.height * scale
        self.c.drawImage(
            ImageReader(layer), mm_to_pt(x0), mm_to_pt(self.height - y0 - h), mm_to_pt(w), mm_to_pt(h), mask="auto"
        )

    def letter_header(self) -> int:
        """信函 (§10.1): mark from the page top, red double lines, 份号 and 文号 under the first."""
        spec, letter = self.prof.header, self.prof.header.letter
        assert letter is not None
        mark = "大江镇人民政府"
        self.issuer_mark(mark, spec.mark_top_mm)
        mark_bottom = spec.mark_top_mm + self.s.mark_shift_mm + sum(ink("ming", mark, MARK_PT))
        top = mark_bottom + letter.rule_gap_mm + self.s.letter_gap_mm
        length = self.s.letter_rule_mm or letter.rule_length_mm
        thick, thin = (letter.thin_mm, letter.thick_mm) if self.s.letter_swap else (letter.thick_mm, letter.thin_mm)
        below = top + thick + letter.space_mm + thin
        self.rule(top + thick / 2, thick, length, red=True)
        if not self.s.letter_single:
            self.rule(below - thin / 2, thin, length, red=True)
        bottom = self.height - letter.bottom_rule_above_page_bottom_mm - self.s.letter_bottom_shift_mm
        self.rule(bottom - letter.thick_mm - letter.space_mm - letter.thin_mm / 2, letter.thin_mm, length, red=True)
        self.rule(bottom - letter.thick_mm / 2, letter.thick_mm, length, red=True)
        baseline = self.em_top_baseline(below + letter.text_gap_em * self.body_pt / PT_PER_MM, self.body_pt)
        self.put(self.s.copy_number or "000021", self.left + self.s.copy_at[0], baseline)
        for string, (dx, slot), font in (
            (self.s.secrecy, self.s.secrecy_at, self.s.secrecy_font),
            (self.s.urgency, self.s.urgency_at, self.s.urgency_font),
        ):
            if string:  # slot 1: the line under the 份号's
                self.put(string, self.left + dx, baseline + slot * self.pitch, font, self.s.flush_pt)
        number = "台江府函〔2021〕7号"
        number_y = baseline + self.s.letter_number_drop_mm
        self.put(number, self.right - self.width(number, "ming", self.body_pt), number_y)
        lines = max((at[1] for string, at in ((self.s.secrecy, self.s.secrecy_at), (self.s.urgency, self.s.urgency_at))
                     if string), default=0)  # fmt: skip
        self.title(3 + lines)  # two blank lines under the last line under the double line
        return 5 + lines

    def em_top_baseline(self, em_top: float, size_pt: float) -> float:
        """The baseline of text whose em box starts at ``em_top`` (the checker's glyph model)."""
        return em_top + P.grid.baseline_in_em * size_pt / PT_PER_MM

    def last_page(self, first_slot: int) -> None:
        self.line(first_slot, text(10, self.offset) + "。")
        if self.s.latin_font != "ming":
            self.put("ABC", self.left, self.baseline(first_slot + 1, self.body_pt), self.s.latin_font)
        date_y, issuer_y = self.baseline(first_slot + 5, self.body_pt), self.baseline(first_slot + 4, self.body_pt)
        date_w = self.width(self.s.date, "ming", self.body_pt)
        issuer = "台山市大江镇人民政府"
        issuer_w = len(issuer) * self.cell
        if self.s.joint_unsealed:  # 署名右空二字, stacked; the date 2 characters right of the first one's start
            sig = P.signature
            first = "中共台山市大江镇委员会"
            first_x = self.right - sig.unsealed_right_indent_chars * self.cell - len(first) * self.cell
            self.put(first, first_x, self.baseline(first_slot + 3, self.body_pt), tc=self.tc)
            self.put(issuer, self.right - sig.unsealed_right_indent_chars * self.cell - issuer_w, issuer_y, tc=self.tc)
            self.put(self.s.date, first_x + sig.unsealed_date_offset_chars * self.cell, date_y)
        else:
            date_x = self.right - self.s.date_gap_chars * self.cell - date_w
            self.put(self.s.date, date_x, date_y)
            self.put(issuer, date_x + (date_w - issuer_w) / 2, issuer_y, tc=self.tc)
        bottom, pitch = P.page.block_bottom, P.line_pitch_mm
        thin = P.record.thin_rule_mm
        thick = thin if self.s.record_thin else P.record.thick_rule_mm
        for y, thickness in ((bottom - 2 * pitch, thick), (bottom - pitch, thin), (bottom, thick)):
            if self.prof.record.rules if self.s.record_rules is None else self.s.record_rules:
                self.rule(y, thickness, self.s.record_width_mm)
        small = P.style("page_number").size_pt
        one = small / PT_PER_MM
        row = bottom - pitch / 2 + (P.grid.baseline_in_em - 0.5) * one
        if not self.prof.record.print_line:  # 信函: 抄送 only, on the block's last line
            self.put("抄送：台山市人民政府办公室。", self.left + one, row, size=small)
            return
        self.put("抄送：台山市人民政府办公室。", self.left + one, row - pitch, size=small)
        self.put("台山市大江镇人民政府办公室", self.left + one, row, size=small)
        issued = "2021年11月23日印发"
        self.put(issued, self.right - one - self.width(issued, "ming", small), row, size=small)

    def draw(self) -> None:
        self.c.translate(mm_to_pt(self.s.shift_mm[0]), -mm_to_pt(self.s.shift_mm[1]))
        first = self.header()
        self.paragraph_lines(range(first, self.s.lines), first_indent=False)
        if self.s.seal_top_mm is not None:  # a round red seal over the text (a filled disc)
            radius = P.signature.seal_diameter_mm / 2
            centre = self.left + P.page.block_width_mm / 2, self.s.seal_top_mm + radius
            self.c.saveState()
            self.c.setFillColorRGB(1, 0, 0)
            self.c.circle(mm_to_pt(centre[0]), mm_to_pt(self.height - centre[1]), mm_to_pt(radius), stroke=0, fill=1)
            self.c.restoreState()
        self.page_number(1)
        for number in range(2, self.s.pages + 1 + self.s.extra_page):
            self.c.showPage()
            self.c.translate(mm_to_pt(self.s.shift_mm[0]), -mm_to_pt(self.s.shift_mm[1]))
            if number < self.s.pages:
                self.paragraph_lines(range(self.s.lines), first_indent=False)
            elif number == self.s.pages:
                self.last_page(0)
            else:
                self.line(0, "附件")
            self.page_number(number)
        self.c.save()


def rules_of(report, severity: str | None = None) -> set[str]:
    return {f.rule for f in report.findings if severity is None or f.severity == severity}


class Pdfs:
    """Each Pdf spec built once and checked once with the profile (several tests share them)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.paths: dict[Pdf, Path] = {}
        self.reports: dict[Pdf, Report] = {}

    def build(self, spec: Pdf, name: str = "") -> Path:
        if spec not in self.paths:
            self.paths[spec] = spec.build(self.folder / f"{name or len(self.paths)}.pdf")
        return self.paths[spec]

    def report(self, spec: Pdf) -> Report:
        if spec not in self.reports:
            self.reports[spec] = check_file(self.build(spec), spec.profile)
            assert self.reports[spec].internal_error is None, self.reports[spec].internal_error
        return self.reports[spec]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Pdfs:
    return Pdfs(tmp_path_factory.mktemp("pdfs"))


@pytest.fixture(scope="module")
def clean_pdf(pdfs) -> Path:
    return pdfs.build(Pdf(), "clean")


def test_a_well_made_pdf_from_another_producer_checks_clean(pdfs, clean_pdf):
    report = pdfs.report(Pdf())
    assert report.readable and report.pages == 4
    assert report.findings == [], [f.message for f in report.findings]


def test_the_clean_pdf_of_the_brief_has_no_required_findings(tmp_path):
    """Body text only: 16 pt glyphs on 156/28 mm cells, Tc -0.207 pt, 225/22 mm pitch."""
    path = tmp_path / "plain.pdf"
    c = Canvas(str(path), pagesize=(mm_to_pt(P.page.width_mm), mm_to_pt(P.page.height_mm)))
    pitch, size = P.line_pitch_mm, P.style("body").size_pt
    first = P.page.block_top + (pitch - size / PT_PER_MM) / 2 + P.grid.baseline_in_em * size / PT_PER_MM
    for page in (1, 2):
        for slot in range(P.grid.lines if page == 1 else 5):
            t = c.beginText()
            t.setFont(rl("ming"), size)
            t.setCharSpace(-0.207)
            t.setTextOrigin(mm_to_pt(P.page.block_left), mm_to_pt(P.page.height_mm - first - slot * pitch))
            t.textOut(text(P.grid.chars, slot * P.grid.chars + page))
            c.drawText(t)
        number = f"— {page} —"
        width = pdfmetrics.stringWidth(number, rl("ming"), 14) / PT_PER_MM
        x = P.page.block_right - 14 / PT_PER_MM - width if page == 1 else P.page.block_left + 14 / PT_PER_MM
        c.setFont(rl("ming"), 14)
        c.drawString(
            mm_to_pt(x), mm_to_pt(P.page.height_mm - P.page.block_bottom - 7 - ink("ming", "—", 14)[0]), number
        )
        c.showPage()
    c.save()
    report = check_file(path, P)
    assert rules_of(report, "required") == set(), [f.message for f in report.findings]


PDF_BROKEN = [
    (Pdf(chars=27, tracking=0.0), {"PAGE-GRID-CHARS", "PAGE-BLOCK-RIGHT"}),
    (Pdf(lines=21), {"PAGE-GRID-LINES"}),
    (Pdf(page_mm=(215.9, 279.4)), {"PAGE-SIZE"}),
    (Pdf(shift_mm=(3, 0)), {"PAGE-BLOCK-LEFT"}),
    (
        Pdf(shift_mm=(0, 5)),
        {"PAGE-BLOCK-TOP", "PAGE-BLOCK-BOTTOM", "PAGE-NUMBER-POS", "PDF-REDMARK-POS", "PDF-RECORD-BOTTOM"},
    ),
    (Pdf(pitch_pt=28), {"PAGE-GRID-PITCH"}),
    (Pdf(gap_after_slot=10), {"PAGE-GRID-BASELINE"}),
    (Pdf(body_pt=15), {"PDF-FONT-BODY"}),
    (Pdf(body_font="hei"), {"PDF-FONT-BODY"}),
    (Pdf(heading1_font="kai"), {"PDF-FONT-HEADING"}),
    (Pdf(anonymous_kai=True), {"PDF-FONT-UNKNOWN"}),
    (Pdf(latin_font="Helvetica"), {"PDF-FONT-EMBED"}),
    (Pdf(title_pt=18), {"PDF-TITLE-SIZE"}),
    (Pdf(title_font="kai"), {"PDF-TITLE-FONT"}),
    (Pdf(title_shift_mm=5), {"PDF-TITLE-CENTRE"}),
    (Pdf(unnumbered_page=2), {"PAGE-NUMBER-MISSING"}),
    (Pdf(page_format="-{n}-"), {"PAGE-NUMBER-FORM"}),
    (Pdf(page_pt=16), {"PAGE-NUMBER-SIZE"}),
    (Pdf(page_font="times"), {"PAGE-NUMBER-FONT"}),
    (Pdf(page_centred=True), {"PAGE-NUMBER-SIDE"}),
    (Pdf(mark_red=False), {"PDF-REDMARK-COLOR"}),
    (Pdf(red_line_mm=150), {"PDF-REDLINE-WIDTH"}),
    (Pdf(red_gap_mm=8), {"PDF-REDLINE-POS"}),
    (Pdf(record_width_mm=150), {"PDF-RECORD-WIDTH"}),
    (Pdf(record_thin=True), {"PDF-RECORD-THICKNESS"}),
    (Pdf(record_rules=False), {"PDF-RECORD-RULES"}),
    (Pdf(extra_page=True), {"PDF-RECORD-PAGE"}),
    (Pdf(pages=3), {"PDF-RECORD-EVEN"}),
    (Pdf(kinsoku=True), {"PDF-KINSOKU-START", "PDF-KINSOKU-END"}),
    (Pdf(date="二〇二一年十一月二十三日"), {"PDF-DATE-FORM"}),
    (Pdf(date_gap_chars=0), {"PDF-SIGN-DATE"}),
]
# 版头 (§7.2) and chapter 10: each breaks exactly the rules named (no other finding)
HEADER_BROKEN = [
    # a mark moved down or grown taller takes the 文号 down with it (空二行 under it, PDF-DOCNUMBER-LINE)
    (Pdf(mark_as="image", mark_width_mm=170, number_line_shift=1), {"PDF-REDMARK-WIDTH"}),
    (Pdf(mark_as="outlines", mark_shift_mm=5, number_line_shift=1), {"PDF-REDMARK-POS"}),
    (Pdf(copy_number="123"), {"PDF-COPYNUM-FORM"}),
    (Pdf(copy_number="000123", copy_at=(5.0, 0)), {"PDF-COPYNUM-POS"}),
    (Pdf(copy_number="000123", copy_at=(0.0, 1)), {"PDF-COPYNUM-POS"}),  # on line 2
    (Pdf(number_shift_mm=5), {"PDF-DOCNUMBER-POS"}),
    (Pdf(signers=SIGNERS, number_indent_chars=3), {"PDF-DOCNUMBER-POS"}),
    (Pdf(signers=SIGNERS, signer_indent_chars=3), {"PDF-SIGNER-POS"}),
    (Pdf(signers=SIGNERS, number_own_line=True), {"PDF-SIGNER-POS"}),
    (Pdf(profile=LETTER, pages=2, letter_rule_mm=P.page.block_width_mm), {"PDF-LETTER-RULES"}),
    (Pdf(profile=LETTER, pages=2, letter_single=True), {"PDF-LETTER-RULES"}),
    (Pdf(profile=LETTER, pages=2, letter_swap=True), {"PDF-LETTER-WEIGHT"}),
    (Pdf(profile=LETTER, pages=2, letter_gap_mm=4), {"PDF-LETTER-POS"}),
    (Pdf(profile=LETTER, pages=2, letter_bottom_shift_mm=5), {"PDF-LETTER-POS"}),
    (Pdf(profile=LETTER, pages=2, first_page_number=True), {"PAGE-NUMBER-FIRST"}),
    (Pdf(profile=LETTER, pages=2, record_rules=True), {"PDF-RECORD-RULES"}),  # §10.1: 版记 without rules
    (Pdf(profile=LETTER, pages=2, copy_at=(4.0, 0)), {"PDF-COPYNUM-POS"}),
    (Pdf(profile=LETTER, pages=2, mark_shift_mm=5), {"PDF-REDMARK-POS"}),
    (Pdf(profile=ORDER, mark_shift_mm=5), {"PDF-REDMARK-POS"}),
    # §7.2.2/7.2.3 密级和保密期限, 紧急程度: 3号黑体, flush left, one a line in the order 份号, 密级, 紧急程度
    (Pdf(copy_number="000123", secrecy="机密★1年", secrecy_at=(5.0, 1)), {"PDF-SECRECY-POS"}),
    (Pdf(copy_number="000123", secrecy="机密★1年", secrecy_at=(0.0, 2)), {"PDF-SECRECY-POS"}),  # a line left empty
    (
        Pdf(copy_number="000123", secrecy="机密", urgency="特急", secrecy_at=(0.0, 2), urgency_at=(0.0, 1)),
        {"PDF-SECRECY-POS"},
    ),  # 紧急程度 above 密级
    (Pdf(copy_number="000123", urgency="加急", urgency_at=(0.0, 3)), {"PDF-URGENCY-POS"}),
    (Pdf(urgency="特急", urgency_at=(0.0, 3)), {"PDF-URGENCY-POS"}),  # alone on line 4
    (Pdf(copy_number="000123", secrecy="秘密★6个月", secrecy_font="ming"), {"PDF-SECRECY-FONT"}),
    (Pdf(secrecy="绝密★长期", flush_pt=P.style("body").size_pt - 2), {"PDF-SECRECY-FONT"}),
    (Pdf(copy_number="000123", secrecy="机密★1年", urgency="特急", urgency_font="kai"), {"PDF-URGENCY-FONT"}),
    (Pdf(profile=LETTER, pages=2, secrecy="秘密", secrecy_at=(4.0, 1)), {"PDF-SECRECY-POS"}),
    # §7.2.5 空二行 under the mark (信函: the first line under the double line)
    (Pdf(number_line_shift=1), {"PDF-DOCNUMBER-LINE"}),
    (Pdf(number_line_shift=-1), {"PDF-DOCNUMBER-LINE"}),
    (Pdf(signers=SIGNERS, number_line_shift=1), {"PDF-DOCNUMBER-LINE"}),  # the 签发人 block one line low
    (Pdf(profile=ORDER, number_line_shift=1), {"PDF-DOCNUMBER-LINE"}),  # the 令号
    (Pdf(profile=LETTER, pages=2, letter_number_drop_mm=3), {"PDF-DOCNUMBER-LINE"}),
    # §7.2.6 "签发人：" 3号仿宋, the names 3号楷体
    (Pdf(signers=SIGNERS, signer_label_font="kai"), {"PDF-SIGNER-FONT"}),
    (Pdf(signers=SIGNERS, signer_font="ming"), {"PDF-SIGNER-FONT"}),
    # §7.2.7 a mark without its red line
    (Pdf(red_line=False), {"PDF-REDLINE-MISSING"}),
    (Pdf(red_line=False, number_shift_mm=5, mark_as="outlines"), {"PDF-REDLINE-MISSING", "PDF-DOCNUMBER-POS"}),
]
PDF_BROKEN += HEADER_BROKEN


@pytest.mark.parametrize(("spec", "rules"), PDF_BROKEN, ids=[" ".join(sorted(r)) for _, r in PDF_BROKEN])
def test_each_pdf_rule_fires_on_a_pdf_broken_for_it(pdfs, spec, rules):
    report = pdfs.report(spec)
    assert rules <= rules_of(report), [f.message for f in report.findings]
    for rule in rules:
        found = next(f for f in report.findings if f.rule == rule)
        assert found.message.startswith(f"[{rule}] ")
        assert found.message.endswith(f"（{RULES[rule].basis_zh}）")


def test_every_pdf_rule_has_a_broken_pdf():
    tested = set().union(*(rules for _, rules in PDF_BROKEN)) | {"PDF-TEXT-NONE"}
    # made by tests/test_check_rules.py (its own small PDFs)
    tested |= {"PDF-COPYNUM-SIZE", "PDF-HEADING-BRACKETS", "PDF-HEADING-NUMBER", "PDF-ADDRESSEE-POS"}
    tested |= {"PDF-RECORD-CC", "PDF-SIGN-POS", "PAGE-TEXT-OUTSIDE"}
    assert tested == {rule for rule in RULES if rule.startswith(("PDF-", "PAGE-"))}


def test_an_unsealed_joint_signature_follows_the_first_issuer(pdfs):
    """§7.3.5.2: 署名 右空二字, stacked; the date starts two characters right of the 主办机关's."""
    report = pdfs.report(Pdf(joint_unsealed=True))
    assert report.findings == [], [f.message for f in report.findings]


def test_27_characters_per_line_are_reported_in_the_clerks_words(pdfs):
    report = pdfs.report(Pdf(chars=27, tracking=0.0))
    (found,) = [f for f in report.findings if f.rule == "PAGE-GRID-CHARS"]  # one finding for the fault
    assert 2 in found.pages and len(found.pages) > 1
    assert "排了27个字，应为每行28字" in found.message and "同样的问题共" in found.message
    assert found.message.endswith("（GB/T 9704 第5.2.3条）")


def test_21_line_pages_name_the_pages(pdfs):
    report = pdfs.report(Pdf(lines=21))
    (found,) = [f for f in report.findings if f.rule == "PAGE-GRID-LINES"]
    assert found.pages == (2, 3) and "第2、3页" in found.message


def test_a_landscape_a4_table_page_is_the_right_size(tmp_path):
    path = tmp_path / "table.pdf"
    c = Canvas(str(path), pagesize=(mm_to_pt(P.page.height_mm), mm_to_pt(P.page.width_mm)))
    c.setFont(rl("ming"), 12)
    c.drawString(100, 100, "表格")
    c.save()
    report = check_file(path, P)
    assert rules_of(report, "required") == set() and any("横向页" in note for note in report.notes)


def test_a_scan_without_text_is_reported_not_measured(tmp_path):
    path = tmp_path / "scan.pdf"
    c = Canvas(str(path), pagesize=(mm_to_pt(210), mm_to_pt(297)))
    c.rect(100, 100, 200, 200, fill=1)
    c.save()
    assert rules_of(check_file(path, P)) == {"PDF-TEXT-NONE"}


# -- DOCX producer ------------------------------------------------------------------------


@dataclass(frozen=True)
class Docx:
    """A python-docx document set up like a Word 公文 template; fields break one rule each."""

    page_mm: tuple[float, float] = (P.page.width_mm, P.page.height_mm)
    exact_pt: float | None = None  # fixed line spacing instead of the grid
    grid: tuple[str, int, int | None] = ("lines", P.docx.line_pitch_twips, None)  # type, linePitch, charSpace
    char_spacing_twips: int = round(P.grid.fit_tracking_pt * 20)  # the DOCX renderer's run tracking
    footer: str = "— {} —"
    odd_even: bool = True
    odd_align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.RIGHT
    east_asia: bool = True  # False: fonts set like python-docx's font.name (ascii/hAnsi only)
    theme_defaults: bool = False  # keep the template's theme font attributes in docDefaults
    heading1_font: str = "WenQuanYi Zen Hei"
    widow_control: bool = False
    margins_mm: tuple[float, float, float, float] = (  # top, bottom, left, right
        P.page.margin_top_mm,
        P.page.margin_bottom_mm,
        P.page.margin_left_mm,
        P.page.margin_right_mm,
    )
    body_pt: float = P.style("body").size_pt
    body_font: str = "AR PL UMing CN"
    title_pt: float = P.style("title").size_pt
    title_font: str = "AR PL UMing CN"
    footer_pt: float = P.style("page_number").size_pt
    footer_digits_font: str = "AR PL UMing CN"
    space_after_pt: float = 0
    first_page: str = "same"  # page 1's footer: "same" (no w:titlePg), "blank" or "numbered" (titlePg, own footer)
    profile: str = P.name  # the profile it is checked with (信函: no page number on page 1)
    copy_number_pt: float = P.style("copy_number").size_pt  # 份号 above the title
    addressee_indent_pt: float = 0  # 主送 under the title, 顶格
    signature_right: bool = True  # 署名 right-aligned over the date (False: flush left)
    cc_pt: float | None = P.style(P.record.style).size_pt  # 版记's 抄送 (None: none; it has no rules)
    cc_indent_pt: float = P.record.side_indent_chars * P.record.side_indent_char_pt  # 左右各空一字
    body_left_indent_pt: float = 0  # negative: the last body paragraph runs past the block's left edge

    def build(self, path: Path) -> Path:
        d = Document()
        defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        if not self.theme_defaults:
            defaults.find(qn("w:rFonts")).attrib.clear()
        normal = d.styles["Normal"]
        normal.font.size = Pt(self.body_pt)
        self.fonts(normal.element.get_or_add_rPr(), self.body_font, ascii_font="Liberation Serif")
        pf = normal.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(self.space_after_pt)
        if self.exact_pt:
            pf.line_spacing, pf.line_spacing_rule = Pt(self.exact_pt), WD_LINE_SPACING.EXACTLY
        else:
            pf.line_spacing = 1.0
        pf.widow_control = self.widow_control
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(self.char_spacing_twips))
        normal.element.get_or_add_rPr().find(qn("w:sz")).addprevious(spacing)  # schema order: spacing before sz
        section = d.sections[0]
        section.page_width, section.page_height = (Mm(v) for v in self.page_mm)
        top, bottom, left, right = (Mm(v) for v in self.margins_mm)
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = top, bottom, left, right
        section.footer_distance = Mm(P.docx.footer_distance_mm)
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), self.grid[0])
        grid.set(qn("w:linePitch"), str(self.grid[1]))
        if self.grid[2] is not None:
            grid.set(qn("w:charSpace"), str(self.grid[2]))
        d.add_paragraph().add_run("000123").font.size = Pt(self.copy_number_pt)
        title = d.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run("大江镇法治建设工作情况报告")
        run.font.size = Pt(self.title_pt)
        self.fonts(run._r.get_or_add_rPr(), self.title_font)
        d.add_paragraph()
        d.add_paragraph("台山市人民政府：").paragraph_format.left_indent = Pt(self.addressee_indent_pt)
        self.paragraph(d, "", "一、深入学习贯彻法治思想", self.heading1_font)
        self.paragraph(d, text(60), "（一）强化思想理论学习。", "AR PL UKai CN")
        for i in range(5):
            self.paragraph(d, text(150, i * 7) + "。")
        d.paragraphs[-1].paragraph_format.left_indent = Pt(self.body_left_indent_pt)
        gap = Pt(P.signature.unsealed_right_indent_chars * self.body_pt)
        for line in ("台山市大江镇人民政府", "2021年11月23日"):
            p = d.add_paragraph(line)
            if self.signature_right:
                p.alignment, p.paragraph_format.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, gap
        if self.cc_pt is not None:
            cc = d.add_paragraph()
            cc.paragraph_format.left_indent = cc.paragraph_format.right_indent = Pt(self.cc_indent_pt)
            cc.add_run("抄送：台山市司法局。").font.size = Pt(self.cc_pt)
        d.settings.odd_and_even_pages_header_footer = self.odd_even
        self.page_footer(section.footer.paragraphs[0], self.odd_align)
        if self.odd_even:
            self.page_footer(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
        if self.first_page != "same":  # 首页不同: page 1 has a footer of its own
            section.different_first_page_header_footer = True
            section.first_page_footer.is_linked_to_previous = False
            if self.first_page == "numbered":
                self.page_footer(section.first_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        d.save(str(path))
        return path

    def fonts(self, rpr, east_asia: str, ascii_font: str | None = None) -> None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        if self.east_asia:
            fonts.set(qn("w:eastAsia"), east_asia)
        fonts.set(qn("w:ascii"), ascii_font or east_asia)
        fonts.set(qn("w:hAnsi"), ascii_font or east_asia)

    def paragraph(self, d, body: str, heading: str = "", font: str = "") -> None:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Pt(2 * P.style("body").size_pt)
        if heading:
            self.fonts(p.add_run(heading)._r.get_or_add_rPr(), font)
        if body:
            p.add_run(body)

    def page_footer(self, p, align: WD_ALIGN_PARAGRAPH) -> None:
        p.alignment = align
        before, after = self.footer.split("{}")
        size = Pt(self.footer_pt)

        def run(string: str = "", field: str | None = None, instr: str | None = None) -> None:
            r = p.add_run(string)
            r.font.size = size
            self.fonts(r._r.get_or_add_rPr(), "AR PL UMing CN", ascii_font=self.footer_digits_font)
            if field:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), field)
                r._r.append(element)
            if instr:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = instr
                r._r.append(element)

        run(before)
        run(field="begin")
        run(instr=" PAGE ")
        run(field="separate")
        run("1")
        run(field="end")
        run(after)
        indent = Pt(P.page_number.side_indent_char_pt)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = indent
        else:
            p.paragraph_format.left_indent = indent


def test_a_well_made_docx_checks_clean(tmp_path):
    report = check_file(Docx().build(tmp_path / "good.docx"), P)
    assert report.findings == [], [f.message for f in report.findings]


DOCX_BROKEN = [
    (Docx(exact_pt=29), {"DOCX-GRID-LINES"}),
    (Docx(grid=("lines", 580, None)), {"DOCX-GRID-LINES"}),
    (Docx(exact_pt=28), {"DOCX-GRID-LINES"}),  # 22 lines, but 7.7 mm of the block stays empty
    (Docx(char_spacing_twips=0), {"DOCX-GRID-CHARS"}),
    (Docx(grid=("linesAndChars", 579, -848), char_spacing_twips=0), {"DOCX-GRID-LIBREOFFICE"}),
    (Docx(widow_control=True), {"DOCX-WIDOW-CONTROL"}),
    (Docx(space_after_pt=10), {"DOCX-PARA-SPACING"}),
    (Docx(page_mm=(215.9, 279.4)), {"DOCX-PAGE-SIZE"}),
    (Docx(margins_mm=(25.4, 25.4, 31.8, 31.8)), {"DOCX-MARGINS"}),
    (Docx(east_asia=False), {"DOCX-FONT-EASTASIA"}),
    (Docx(theme_defaults=True), {"DOCX-FONT-THEME"}),
    (Docx(body_font="黑体"), {"DOCX-FONT-BODY"}),
    (Docx(body_pt=14), {"DOCX-FONT-BODY"}),
    (Docx(heading1_font="仿宋_GB2312"), {"DOCX-FONT-HEADING"}),
    (Docx(title_pt=18), {"DOCX-TITLE-SIZE"}),
    (Docx(title_font="黑体"), {"DOCX-TITLE-FONT"}),
    (Docx(footer="-{}-"), {"DOCX-PAGENUM-FORM"}),
    (Docx(odd_even=False), {"DOCX-PAGENUM-ODDEVEN"}),
    (Docx(odd_align=WD_ALIGN_PARAGRAPH.CENTER), {"DOCX-PAGENUM-SIDE"}),
    (Docx(footer_pt=16), {"DOCX-PAGENUM-SIZE"}),
    (Docx(footer_digits_font="Times New Roman"), {"DOCX-PAGENUM-FONT"}),
    (Docx(profile=LETTER), {"DOCX-PAGENUM-FIRST"}),  # 信函 §10.1: no w:titlePg, page 1 shows the number
    (Docx(profile=LETTER, first_page="numbered"), {"DOCX-PAGENUM-FIRST"}),  # its own footer, with PAGE
    (Docx(copy_number_pt=12), {"DOCX-COPYNUM-SIZE"}),
    (Docx(addressee_indent_pt=32), {"DOCX-ADDRESSEE-POS"}),  # set in two characters, not 顶格
    (Docx(signature_right=False), {"DOCX-SIGN-POS"}),
    (Docx(cc_pt=16), {"DOCX-RECORD-CC"}),
    (Docx(cc_indent_pt=0), {"DOCX-RECORD-CC"}),
    (Docx(body_left_indent_pt=-20), {"DOCX-TEXT-OUTSIDE"}),
]


@pytest.mark.parametrize(("spec", "rules"), DOCX_BROKEN, ids=[" ".join(sorted(r)) for _, r in DOCX_BROKEN])
def test_each_docx_rule_fires_on_a_docx_broken_for_it(tmp_path, spec, rules):
    report = check_file(spec.build(tmp_path / "broken.docx"), spec.profile)
    assert rules <= rules_of(report), [f.message for f in report.findings]


def test_a_letters_docx_with_an_empty_first_page_footer_checks_clean(tmp_path):
    """§10.1: w:titlePg and a first-page footer without PAGE (as our renderer writes it), and a
    letter's other pages keep their numbers. The standard profile numbers page 1 (§7.5): there
    the same footer hides a number (DOCX-PAGENUM-HIDDEN)."""
    letter = Docx(profile=LETTER, first_page="blank").build(tmp_path / "letter.docx")
    report = check_file(letter, LETTER)
    assert report.findings == [], [f.message for f in report.findings]
    plain = check_file(Docx(first_page="blank").build(tmp_path / "plain.docx"), P).findings
    assert [f.rule for f in plain] == ["DOCX-PAGENUM-HIDDEN"]
    (found,) = check_file(Docx(profile=LETTER).build(tmp_path / "same.docx"), LETTER).findings
    assert found.message == (
        "[DOCX-PAGENUM-FIRST] 信函首页不显示页码，但第一节未设置“首页不同”（w:titlePg），第1页会印出页码"
        "（GB/T 9704 第10.1条）"
    )


def test_every_docx_rule_has_a_broken_docx():
    tested = set().union(*(rules for _, rules in DOCX_BROKEN)) | {"DOCX-PAGENUM-FIELD"}  # plain python-docx
    tested |= {"DOCX-PAGENUM-HIDDEN", "DOCX-HEADING-BRACKETS", "DOCX-HEADING-NUMBER"}  # test_check_rules.py
    assert tested == {rule for rule in RULES if rule.startswith("DOCX-")}


def test_29pt_exact_spacing_gives_21_lines(tmp_path):
    report = check_file(Docx(exact_pt=29).build(tmp_path / "29.docx"), P)
    (found,) = [f for f in report.findings if f.rule == "DOCX-GRID-LINES"]
    assert "固定值行距29磅" in found.message and "只能排21行" in found.message


def test_python_docx_defaults_another_generator_is_checked_without_a_crash(tmp_path):
    d = Document()
    d.add_heading("关于开展检查的通知", level=0)
    d.add_heading("一、总体要求", level=1)
    run = d.add_paragraph().add_run("各单位要高度重视，认真组织实施。")
    run.font.name = "仿宋_GB2312"  # python-docx sets ascii/hAnsi only: the eastAsia trap
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "单位"
    d.add_page_break()
    d.add_section()
    d.add_paragraph("附件：检查表")
    d.save(str(tmp_path / "plain.docx"))
    report = check_file(tmp_path / "plain.docx", P)
    assert report.readable
    assert {"DOCX-PAGE-SIZE", "DOCX-FONT-EASTASIA", "DOCX-PAGENUM-FIELD"} <= rules_of(report)
    # a Letter page is one finding; margins and grid are not measured against A4 (a note says so)
    assert "DOCX-MARGINS" not in rules_of(report) and any("不是A4" in note for note in report.notes)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_render_runs_the_pdf_rules_on_libreoffices_rendering(tmp_path):
    # a 抄送 without the 版记's rules and place would be reported by the PDF rules: none here
    report = check_file(Docx(footer="-{}-", cc_pt=None).build(tmp_path / "lo.docx"), P, render=True)
    rendered = {f.rule for f in report.findings if f.via == "libreoffice"}
    assert report.pages and report.pages >= 2
    assert rendered == {"PAGE-NUMBER-FORM"}, [f.message for f in report.findings]


# -- content YAML -------------------------------------------------------------------------


def findings_by_line(path: Path) -> set[tuple[str, int | None]]:
    return {(f.rule, f.line) for f in check_file(path, P).findings}


def test_our_seed_content_lints_clean():
    assert check_file(ROOT / "content" / "2021.yaml", P).findings == []


def test_each_lint_rule_fires_on_the_line_that_breaks_it():
    found = findings_by_line(FIXTURES / "lint_text.yaml")
    assert {
        ("YAML-PUNCT-HALFWIDTH", 2),
        ("YAML-DATE-FORM", 4),
        ("YAML-PUNCT-QUOTES", 4),
        ("YAML-DOCNUMBER-FORM", 5),
        ("YAML-DATE-FORM", 6),
        ("YAML-HEADING-TYPED", 7),
        ("YAML-NUMBER-GAP", 8),
        ("YAML-NUMBER-GAP", 9),
        ("YAML-ATTACH-PUNCT", 10),
        ("YAML-CC-PERIOD", 11),
        ("YAML-NOTICE", 12),  # "通知如下:" read by YAML as a key; the loader takes it back as text
    } <= found
    assert "YAML-CONTENT" not in {rule for rule, _ in found}


def test_every_yaml_rule_has_a_broken_file():
    tested = {rule for path in FIXTURES.glob("*.yaml") for rule, _ in findings_by_line(path)}
    assert tested == {rule for rule in RULES if rule.startswith("YAML-")}


def test_lint_reads_every_value_of_a_file_the_loader_rejects():
    found = findings_by_line(FIXTURES / "lint_rejected.yaml")
    assert {
        ("YAML-TITLE-PUNCT", 1),
        ("YAML-DOCNUMBER-FORM", 2),
        ("YAML-CONTENT", 1),  # the loader stops at the title (a top-level doc_number is valid: no 版头)
        ("YAML-HEADING-NUMBER", 4),
        ("YAML-ATTACH-PUNCT", 6),
        ("YAML-ATTACH-PUNCT", 7),
    } <= found


def test_numbers_in_tables_and_attachment_bodies_are_not_headings_or_names(tmp_path):
    path = tmp_path / "table.yaml"
    path.write_text(
        "title: 统计表\n"
        "body:\n"
        "  - table:\n"
        "      widths: [1.2, 2.4, 6]\n"
        "      rows:\n"
        "        - [3, 3.5%, 联兴村]\n"
        "attachments:\n"
        "  - title: 工作方案\n"
        "    body:\n"
        "      - 为全面推进依法治镇，制定本方案。\n",
        encoding="utf-8",
    )
    assert not {f.rule for f in check_file(path, P).findings} & {
        "YAML-HEADING-TYPED",
        "YAML-NUMBER-GAP",
        "YAML-ATTACH-PUNCT",
    }


def test_a_content_error_is_a_required_finding_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "title: 通知\nbody:\n  - 正文。\nsignature:\n  issuer: 某镇\n  date: 2021-02-30\n", encoding="utf-8"
    )
    (found,) = check_file(path, P).findings
    assert (found.rule, found.severity, found.line) == ("YAML-CONTENT", "required", 6)
    assert found.message.startswith("[YAML-CONTENT] 第6行（signature.date）")


# -- CLI, JSON, catalogue -----------------------------------------------------------------


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer(add_completion=False)
    app.command()(check)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def test_exit_status_0_clean_1_findings_2_unreadable(cli, pdfs, clean_pdf, tmp_path):
    broken = pdfs.build(Pdf(page_format="-{n}-"))
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\nnot really\n")
    assert cli(clean_pdf).exit_code == 0
    result = cli(clean_pdf, broken)
    assert result.exit_code == 1 and "[PAGE-NUMBER-FORM]" in result.output
    assert cli(broken, "--fail-on", "never").exit_code == 0
    assert cli(clean_pdf, garbage).exit_code == 2
    assert cli(tmp_path / "missing.docx").exit_code == 2
    assert cli(clean_pdf, "--fail-on", "sometimes").exit_code == 2


def test_fail_on_recommended_counts_recommended_findings(cli, pdfs):
    thin = pdfs.build(Pdf(record_thin=True))
    assert cli(thin).exit_code == 0  # PDF-RECORD-THICKNESS is only recommended
    assert cli(thin, "--fail-on", "recommended").exit_code == 1


def test_json_report_has_the_documented_versioned_shape(cli, pdfs, clean_pdf, tmp_path):
    broken = pdfs.build(Pdf(kinsoku=True))
    result = cli(clean_pdf, broken, FIXTURES / "lint_text.yaml", tmp_path / "missing.pdf", "--json")
    data = json.loads(result.output)
    jsonschema.validate(data, JSON_SCHEMA)
    assert data["schema"] == SCHEMA == "officialdoc.check/1"
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["clean.pdf"]["findings"] == [] and files["clean.pdf"]["pages"] == 4
    assert not files["missing.pdf"]["readable"] and files["missing.pdf"]["error"]
    kinsoku = next(f for f in files[broken.name]["findings"] if f["rule"] == "PDF-KINSOKU-START")
    assert kinsoku["page"] == 2 and kinsoku["line"] == 4 and kinsoku["position"]["x_mm"] == pytest.approx(28, abs=0.1)
    assert data["counts"]["required"] == sum(f["counts"]["required"] for f in data["files"])


def test_every_rule_is_documented_and_every_documented_rule_exists():
    catalogue = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `((?:PAGE|PDF|DOCX|YAML)-[A-Z0-9-]+)` \| (?!`)", catalogue, flags=re.MULTILINE))
    assert documented == set(RULES)
    for rule in RULES.values():
        assert rule.severity in ("required", "recommended", "practice")
        assert rule.clause or rule.ref, rule.id


def test_profile_numbers_drive_the_checker(pdfs):
    """A profile asking for 27 characters per line accepts the 27-character PDF."""
    profile = replace(P, grid=replace(P.grid, chars=27))
    report = check_file(pdfs.build(Pdf(chars=27, tracking=0.0)), profile)
    assert "PAGE-GRID-CHARS" not in rules_of(report)


# -- 版头 (§7.2) and the formats of chapter 10 -------------------------------------------

HEADER_CLEAN = [
    Pdf(mark_as="outlines"),  # the mark converted to curves: red filled paths, no text
    Pdf(mark_as="image"),  # the mark pasted as a picture (transparent ground, black frame)
    Pdf(copy_number="000123"),
    Pdf(copy_number="000008", signers=SIGNERS),
    Pdf(signers=SIGNERS[:2]),  # one line: "签发人：" and two names, the 文号 on it
    Pdf(profile=LETTER, pages=2),
    Pdf(profile=LETTER, pages=2, mark_as="image"),
    Pdf(profile=ORDER),
    Pdf(profile=MINUTES),
    Pdf(copy_number="000123", secrecy="机密★1年", urgency="特急"),  # lines 1–3
    Pdf(secrecy="秘密★6个月"),  # no 份号: the 密级 on line 2 (§7.2.2) …
    Pdf(secrecy="秘密★6个月", secrecy_at=(0.0, 0)),  # … or on line 1, as officialdoc sets it
    Pdf(urgency="加急", urgency_at=(0.0, 0)),
    Pdf(copy_number="000008", secrecy="机密", urgency="特急", signers=SIGNERS),
    Pdf(profile=LETTER, pages=2, secrecy="秘密★1年", urgency="特急"),  # under the 份号, flush left
    Pdf(header=False),  # a plain report: no 版头 to check
    Pdf(header=False, seal_top_mm=100),  # … with a red seal in the upper half, under the title
]


@pytest.mark.parametrize(
    "spec",
    HEADER_CLEAN,
    ids=[f"{i} {s.profile} {s.mark_as} {s.copy_number} {len(s.signers)}" for i, s in enumerate(HEADER_CLEAN)],
)
def test_headers_of_every_profile_and_mark_drawn_any_way_check_clean(pdfs, spec):
    report = pdfs.report(spec)
    assert report.profile == spec.profile
    assert report.findings == [], [f.message for f in report.findings]


@pytest.mark.parametrize(("spec", "rules"), HEADER_BROKEN, ids=[" ".join(sorted(r)) for _, r in HEADER_BROKEN])
def test_each_header_break_fires_only_its_rule(pdfs, spec, rules):
    assert rules_of(pdfs.report(spec)) == rules, [f.message for f in pdfs.report(spec).findings]


@pytest.mark.parametrize("kind", ["text", "outlines", "image"])
def test_the_mark_is_measured_whatever_draws_it(pdfs, kind):
    """Its ink top is read from glyph boxes, path boxes or the image's red pixels (not the
    image's box, which has a margin): moved 5 mm down (the 文号 a line lower with it, 空二行
    under it), the finding says where it is."""
    report = pdfs.report(Pdf(mark_as=kind, mark_shift_mm=5, number_line_shift=1))
    (found,) = report.findings
    assert found.rule == "PDF-REDMARK-POS" and f"({kind})" in found.detail
    assert found.y_mm == pytest.approx(P.page.block_top + P.header.mark_top_mm + 5, abs=0.2)
    assert found.message.startswith(
        f"[PDF-REDMARK-POS] 发文机关标志上边缘距版心上边缘{P.header.mark_top_mm + 5:.1f}毫米"
    )


@pytest.mark.parametrize(("name", "origin_zh"), [(LETTER, "上页边"), (ORDER, "版心上边缘")])
def test_the_mark_position_is_the_profiles(pdfs, name, origin_zh):
    """信函: 30 mm from the page top; 命令: 20 mm below the block top (profile.header)."""
    spec = load_profile(name).header
    origin = P.page.block_top if spec.mark_top_from == "block" else 0.0
    (found,) = [f for f in pdfs.report(Pdf(profile=name, pages=2, mark_shift_mm=5)).findings]
    assert found.y_mm == pytest.approx(origin + spec.mark_top_mm + 5, abs=0.2)
    assert f"距{origin_zh}{spec.mark_top_mm + 5:.1f}毫米，应为{spec.mark_top_mm:g}毫米" in found.message


def test_the_doc_number_line_counts_blank_lines_from_the_marks_ink(pdfs):
    """§7.2.5 空二行: between the mark's ink and the 文号's em top, two to three line pitches
    and the inter-line gap (pitch minus 3号), as our renderer and LibreOffice set it; one
    line lower is three blank lines."""
    (found,) = pdfs.report(Pdf(number_line_shift=1)).findings
    pitch, lead = P.line_pitch_mm, P.line_pitch_mm - P.style("body").size_pt / PT_PER_MM
    low, high = 2 * pitch + lead, 3 * pitch + lead
    assert found.rule == "PDF-DOCNUMBER-LINE" and found.element == "doc_number"
    assert found.message.startswith(
        "[PDF-DOCNUMBER-LINE] 发文字号“台江府〔2021〕12号”应在发文机关标志下空2行（实际约空3."
    )
    assert f"应在{low:.1f}–{high:.1f}毫米之间" in found.message and f"({low:.2f}-{high:.2f} mm)" in found.detail
    (upward,) = pdfs.report(Pdf(signers=SIGNERS, number_line_shift=-1)).findings
    assert upward.message.startswith("[PDF-DOCNUMBER-LINE] 签发人“签发人：")


def test_secrecy_and_urgency_are_read_in_order_under_the_copy_number(pdfs):
    report = pdfs.report(
        Pdf(copy_number="000123", secrecy="机密", urgency="特急", secrecy_at=(0.0, 2), urgency_at=(0.0, 1))
    )
    (found,) = report.findings
    assert found.message == (
        "[PDF-SECRECY-POS] 密级和保密期限“机密”排在了紧急程度之下，应按份号、密级和保密期限、紧急程度的顺序"
        "自上而下分行排列（GB/T 9704 第7.2.2条）"
    )
    (found,) = pdfs.report(Pdf(copy_number="000123", secrecy="秘密★6个月", secrecy_font="ming")).findings
    assert found.message.startswith("[PDF-SECRECY-FONT] 密级和保密期限“秘密★6个月”应为3号（16磅）黑体（实为")
    (found,) = pdfs.report(Pdf(copy_number="000123", urgency="加急", urgency_at=(0.0, 3))).findings
    assert found.message.startswith("[PDF-URGENCY-POS] 紧急程度“加急”应在份号的下一行顶格编排")


def test_a_mark_without_its_red_line_is_reported_and_the_header_still_checked(pdfs):
    report = pdfs.report(Pdf(red_line=False, number_shift_mm=5, mark_as="outlines"))
    missing = next(f for f in report.findings if f.rule == "PDF-REDLINE-MISSING")
    assert missing.message.startswith("[PDF-REDLINE-MISSING] 首页有发文机关标志，但没有版头红色分隔线")
    assert missing.page == 1 and "(outlines" in missing.detail
    assert rules_of(pdfs.report(Pdf(header=False, seal_top_mm=100))) == set()  # a seal under the title: no mark


def test_our_seed_report_without_a_header_checks_clean(tmp_path, fontset):
    """content/2021.yaml: no 版头 (no mark, no 文号, no red line), a plain report."""
    from officialdoc.api import render_document
    from officialdoc.load import load_document

    doc = load_document(ROOT / "content" / "2021.yaml").document
    assert doc.header is None
    (pdf, docx_path), _ = render_document(doc, tmp_path, ["pdf", "docx"], fonts=fontset)
    for path in (pdf, docx_path):
        report = check_file(path)
        assert report.findings == [], [f.message for f in report.findings]


def test_a_letter_checked_as_an_ordinary_document_gets_the_old_false_findings(pdfs):
    report = check_file(pdfs.build(Pdf(profile=LETTER, pages=2)), "gbt9704")
    assert report.profile == "gbt9704"
    assert {"PAGE-NUMBER-MISSING", "PDF-REDLINE-WIDTH", "PDF-REDMARK-POS"} <= rules_of(report)


# -- which profile a file is checked against ---------------------------------------------

FIXTURE_DOCS = tuple(sorted(path.stem for path in (ROOT / "tests" / "fixtures").glob("*.yaml")))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, fontset) -> dict[str, tuple[str, Path, Path]]:
    """Our fixtures rendered by officialdoc: name → (profile, PDF, DOCX)."""
    from officialdoc.api import render_document
    from officialdoc.load import load_document

    folder = tmp_path_factory.mktemp("rendered")
    write_seal_images(folder)  # the fixtures that name seal.png and sign.png
    outputs = {}
    for name in FIXTURE_DOCS:
        source = shutil.copy(ROOT / "tests" / "fixtures" / f"{name}.yaml", folder / f"{name}.yaml")
        doc = load_document(source).document
        (pdf, docx_path), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
        outputs[name] = (doc.profile, pdf, docx_path)
    return outputs


@pytest.mark.parametrize("name", FIXTURE_DOCS)
def test_our_outputs_record_their_profile_and_check_clean_with_it(rendered, name):
    from docx import Document as open_docx
    from pypdf import PdfReader

    profile, pdf, docx_path = rendered[name]
    keywords = f"officialdoc-profile:{profile}"
    assert PdfReader(str(pdf)).metadata["/Keywords"] == keywords
    assert open_docx(str(docx_path)).core_properties.keywords == keywords
    for path in (pdf, docx_path, pdf.with_suffix(".yaml")):
        report = check_file(path)  # no profile given: the file's own
        assert report.profile == profile, path
        assert report.findings == [], [f.message for f in report.findings]


def test_libreoffices_rendering_of_our_docx_keeps_the_profile_and_checks_clean(rendered, fontset, soffice, tmp_path):
    """LibreOffice exports the DOCX keywords as "officialdoc-profile, gbt9704-letter"."""
    from officialdoc.libreoffice import docx_to_pdf

    names = ("letter", "order", "header_upward", "header")
    converted = docx_to_pdf([rendered[n][2] for n in names], tmp_path, fontconfig_xml=fontset.fontconfig_xml())
    for name, pdf in zip(names, converted, strict=True):
        report = check_file(pdf)
        assert report.profile == rendered[name][0]
        assert report.findings == [], [f.message for f in report.findings]


def test_an_explicit_profile_wins_over_the_recorded_one(rendered, cli):
    _, pdf, _ = rendered["letter"]
    assert check_file(pdf, LETTER).findings == []
    assert "PDF-REDLINE-WIDTH" in rules_of(check_file(pdf, "gbt9704"))
    result = cli(pdf)
    assert result.exit_code == 0 and f"版式{LETTER}" in result.output
    assert cli(pdf, "--profile", "gbt9704").exit_code == 1
    data = json.loads(cli(pdf, "--json").output)
    assert data["profile"] == P.name and data["files"][0]["profile"] == LETTER


def test_another_producers_pdf_may_name_the_profile_too(pdfs):
    path = pdfs.build(Pdf(profile=LETTER, pages=2, keywords=f"Brief, officialdoc-profile:{LETTER}"))
    report = check_file(path)
    assert report.profile == LETTER and report.findings == [], [f.message for f in report.findings]


def test_an_unknown_recorded_profile_falls_back_to_the_default_with_a_note(pdfs, tmp_path):
    report = check_file(pdfs.build(Pdf(keywords="officialdoc-profile:gbt9704-memo")))
    assert report.profile == P.name and report.findings == []
    assert any("gbt9704-memo" in note for note in report.notes)


def test_a_content_files_unknown_profile_is_the_error_render_gives(tmp_path):
    """A content file is checked as render loads it: a profile: that render cannot load is a
    YAML-CONTENT finding (exit 1), not a silent fallback."""
    content = tmp_path / "memo.yaml"
    content.write_text("profile: gbt9704-memo\ntitle: 通知\nbody: [正文。]\n", encoding="utf-8")
    report = check_file(content)
    (found,) = report.findings
    assert report.readable and found.rule == "YAML-CONTENT" and "gbt9704-memo" in found.message
    itself = tmp_path / "self.yaml"
    itself.write_text("profile: self.yaml\ntitle: 通知\nbody: [正文。]\n", encoding="utf-8")
    (found,) = check_file(itself).findings
    assert found.rule == "YAML-CONTENT" and "内容文件本身" in found.message


# -- the profile is the one source of the checker's numbers -------------------------------


def test_the_tolerances_are_a_typed_section_of_the_profile_inherited_by_every_format():
    from dataclasses import fields

    from officialdoc.profile import CheckSpec

    assert not (ROOT / "src" / "officialdoc" / "check" / "limits.py").exists()
    for name in (LETTER, ORDER, MINUTES):
        assert load_profile(name).check == P.check
    assert isinstance(P.check, CheckSpec)
    section = (ROOT / "templates" / "gbt9704.yaml").read_text(encoding="utf-8").split("\ncheck:", 1)[1]
    for field in fields(CheckSpec):  # every tolerance is set and says why in a comment
        (line,) = [ln for ln in section.splitlines() if ln.strip().startswith(f"{field.name}:")]
        assert "#" in line, line


def test_the_standards_numbers_come_from_the_profiles_sections(pdfs):
    clean = pdfs.build(Pdf())

    def rules_with(**sections) -> set[str]:
        return rules_of(check_file(clean, replace(P, **sections)))

    assert "PDF-REDMARK-POS" in rules_with(header=replace(P.header, mark_top_mm=P.header.mark_top_mm + 5))
    assert "PDF-REDLINE-POS" in rules_with(header=replace(P.header, rule_gap_mm=P.header.rule_gap_mm + 5))
    assert "PDF-RECORD-THICKNESS" in rules_with(record=replace(P.record, thick_rule_mm=P.record.thin_rule_mm))
    thin = pdfs.build(Pdf(record_thin=True))
    record = replace(P.record, thick_rule_mm=P.record.thin_rule_mm)
    assert "PDF-RECORD-THICKNESS" not in rules_of(check_file(thin, replace(P, record=record)))
    letter = load_profile(LETTER)
    longer = replace(letter.header, letter=replace(letter.header.letter, rule_length_mm=180))
    assert "PDF-LETTER-RULES" in rules_of(
        check_file(pdfs.build(Pdf(profile=LETTER, pages=2)), replace(letter, header=longer))
    )
    shifted = pdfs.build(Pdf(shift_mm=(3, 0)))
    assert "PAGE-BLOCK-LEFT" not in rules_of(check_file(shifted, replace(P, check=replace(P.check, position_mm=4))))

    # 版头: the 空二行 of §7.2.5, the styles of 密级, 紧急程度 and 签发人, a 信函's 7/8 gap
    assert rules_with(header=replace(P.header, blank_lines_after_mark=3)) == {"PDF-DOCNUMBER-LINE"}
    flush = pdfs.build(Pdf(copy_number="000123", secrecy="机密★1年", urgency="特急", signers=SIGNERS))
    styles = dict(P.styles)
    for name in ("secrecy", "urgency", "signer"):
        styles[name] = replace(styles[name], font="fangsong")  # the 黑体 and 楷体 of the PDF become wrong
    assert rules_of(check_file(flush, replace(P, styles=styles))) == {
        "PDF-SECRECY-FONT",
        "PDF-URGENCY-FONT",
        "PDF-SIGNER-FONT",
    }
    gap = replace(letter.header.letter, text_gap_em=letter.header.letter.text_gap_em + 0.5)
    assert {"PDF-DOCNUMBER-LINE", "PDF-COPYNUM-POS"} <= rules_of(
        check_file(pdfs.build(Pdf(profile=LETTER, pages=2)), replace(letter, header=replace(letter.header, letter=gap)))
    )


def _profile_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "custom.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("check_section", "says"),
    [
        ("check:\n  position_mm: abc\n", "check.position_mm: 'abc' 不是 ≥ 0 的数字"),
        ("check:\n  position_mm: -1\n", "check.position_mm: -1 不是 ≥ 0 的数字"),
        ("check:\n  positon_mm: 1\n", "check.positon_mm 不是检查器的容差"),
        ("check: 1\n", "缺少 check 一节，或它不是"),
    ],
)
def test_a_bad_check_section_names_the_file_the_key_and_a_hint(tmp_path, cli, check_section, says):
    from officialdoc.errors import ProfileError

    path = _profile_with(tmp_path, "extends: gbt9704\nname: custom\n" + check_section)
    with pytest.raises(ProfileError) as error:
        load_profile(path)
    assert str(error.value).startswith(str(path)) and says in str(error.value)
    assert "提示：" in str(error.value)
    result = cli(ROOT / "tests" / "check_fixtures" / "lint_text.yaml", "--profile", path)
    assert result.exit_code == 2 and says in result.output


def test_a_standalone_profile_must_give_every_tolerance(tmp_path):
    from officialdoc.errors import ProfileError

    standard = (ROOT / "templates" / "gbt9704.yaml").read_text(encoding="utf-8")
    without_edge = "\n".join(ln for ln in standard.splitlines() if not ln.strip().startswith("edge_mm:"))
    with pytest.raises(ProfileError, match=r"缺少 check\.edge_mm；提示：可用的键有 position_mm"):
        load_profile(_profile_with(tmp_path, without_edge))


def test_one_pattern_set_serves_the_loader_and_the_lint_for_typed_numbers():
    from officialdoc import load
    from officialdoc.check import content

    assert content.TYPED_LABELS is load.TYPED_LABELS and not hasattr(content, "LABEL_KINDS")
    for level, label in enumerate(("十二、", "（三）", "4.", "（5）")):
        assert [i for i, pattern in enumerate(load.TYPED_LABELS) if pattern.match(label)] == [level]
        assert load.TYPED_NUMBER.match(f"  {label}正文").group(1) == label
