"""PDF rules of the 版头 (§7.2) and the marks of chapter 10, read as the profile's
``header`` section describes them: standard layout (the 发文机关标志 a distance below the
block top or, 信函, the page top; the red line under the 发文字号; 命令 without a red line)
or the letter layout (信函 §10.1: red double lines, no page number on page 1).

What is recognised on page 1:

- The header's red rules: the red block-wide rules (segments on one height merged), in
  bands of rules whose edges lie within the position tolerance (a double line is one
  band). The *separator* is the band in the page's upper half (§7.2.7's red line, the
  信函's first double line); a 信函's second double line is the band in the lower half.
- The *issuer mark* (发文机关标志): red ink above the separator, whatever draws it — red
  text (pdfium's tight glyph boxes), red filled paths (a mark converted to outlines) or the
  red pixels of an image (a mark pasted as a picture). In a profile without a red line
  (命令: ``header.rule: false``), the red ink in the upper half of the page down to the first
  black text line below the topmost red thing. In a profile with one, a page 1 without it
  still has a mark when that red ink lies above the title (the largest black text): the
  missing line is reported. Otherwise no mark is recognised: a red word or a seal below the
  title is not one.
- The *header lines*: the black text of page 1 above the title (or the separator): 份号,
  密级, 紧急程度, 发文字号 and 签发人. They are not running text (a 信函 sets them off the
  grid), and their own rules place them. 份号, 密级 and 紧急程度 are the first texts of their
  lines, recognised by what they say (digits; 绝密/机密/秘密 with ★ and a period; 特急/加急,
  and a telegram's 特提/平急).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from PIL import ImageMath

from ..load import COPY_NUMBER, ORDER_NUMBER
from ..profile import pt_to_mm
from .common import hex_rgb, size_zh
from .pdfread import RULE_MAX_MM, Glyph, HRule, PdfPage, Picture, TextLine

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (mm from the top-left corner)

DIGITS = re.compile(r"^\d+$")  # a 份号 as found: digits only (its form is the loader's COPY_NUMBER)
DOC_NUMBER_TEXT = re.compile(r"[〔\[(（［【]\s*\d{2,4}\s*[〕\])）］】]\s*第?\s*\d+\s*号")  # 发文字号 as printed
SIGNER_LABEL = re.compile(r"签发人\s*[：:]?")
# 密级和保密期限 as printed (spaces removed): 机密★1年, 秘密★6个月, 绝密★长期, or the level alone
SECRECY_TEXT = re.compile(r"^(?:绝密|机密|秘密)(?:[★☆]?(?:\d+(?:年|个月)|长期)|[★☆])?$")
URGENCY_TEXT = re.compile(r"^(?:特急|加急|特提|平急)$")  # 紧急程度 (特提/平急: telegrams)
FLUSH_KINDS = ("copy_number", "secrecy", "urgency")  # §7.2.1–7.2.3, top to bottom (header.flush_styles)
FLUSH_TEXT = dict(zip(FLUSH_KINDS, (DIGITS, SECRECY_TEXT, URGENCY_TEXT), strict=True))
FLUSH_ZH = {"copy_number": "份号", "secrecy": "密级和保密期限", "urgency": "紧急程度"}
ALPHA_OPAQUE = 128  # an image pixel at least half opaque is ink
PIECE_GAP_CHARS = 0.5  # glyphs further apart than half a character are separate texts on a line


@dataclass
class Mark:
    """The issuer mark's ink, and the text lines it is made of (none for outlines or images)."""

    boxes: list[Box]
    lines: list[TextLine]
    kinds: list[str]  # what draws it: text, outlines, image

    @property
    def top(self) -> float:
        return min(b[1] for b in self.boxes)

    @property
    def bottom(self) -> float:
        return max(b[3] for b in self.boxes)

    @property
    def x0(self) -> float:
        return min(b[0] for b in self.boxes)

    @property
    def x1(self) -> float:
        return max(b[2] for b in self.boxes)

    @property
    def drawn_as(self) -> str:
        return "+".join(dict.fromkeys(self.kinds))


@dataclass
class Head:
    """The 版头 recognised on page 1."""

    separator: list[HRule] = field(default_factory=list)  # the band under the header (red line, 1st double line)
    bottom_band: list[HRule] = field(default_factory=list)  # 信函: the double line near the page bottom
    mark: Mark | None = None
    lines: list[TextLine] = field(default_factory=list)  # header lines (set once the title is known)
    without_rule: bool = False  # a mark found without the separator its profile asks for

    @property
    def present(self) -> bool:
        return self.mark is not None or bool(self.separator)

    @property
    def separator_top(self) -> float | None:
        return self.separator[0].y - self.separator[0].thickness / 2 if self.separator else None

    @property
    def separator_bottom(self) -> float | None:
        return self.separator[-1].y + self.separator[-1].thickness / 2 if self.separator else None


def pieces(line: TextLine, cell: float) -> list[list[Glyph]]:
    """A line's separate texts: runs of glyphs with less than half a character between them."""
    runs: list[list[Glyph]] = []
    for glyph in line.glyphs:
        if runs and glyph.x0 - runs[-1][-1].x1 <= PIECE_GAP_CHARS * cell:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def union(boxes: list[Box]) -> Box:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def text_of(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs)


class HeaderFacts:
    """Recognition of the 版头 (the module's list); a part of :class:`.pdffacts.PdfFacts`."""

    def _bands(self, rules: list[HRule]) -> list[list[HRule]]:
        bands: list[list[HRule]] = []
        for rule in rules:
            last = bands[-1][-1] if bands else None
            if (
                last is not None
                and (rule.y - rule.thickness / 2) - (last.y + last.thickness / 2) <= self.tol.position_mm
            ):
                bands[-1].append(rule)
            else:
                bands.append([rule])
        return bands

    def _red_ink(self, page: PdfPage) -> list[tuple[Box, str, TextLine | None]]:
        """Every red thing on the page that could be a mark: text, filled paths, image pixels."""
        found: list[tuple[Box, str, TextLine | None]] = []
        for line in page.lines:
            if self.is_red_line(line):
                half = (line.em_bottom - line.em_top) / 2  # the line's own glyphs, a scaled mark's too
                ink = [
                    box
                    for box in page.ink_in(line.x0, line.em_top - half, line.x1, line.em_bottom + half)
                    if box.text in line.text
                ]
                box = union([(b.x0, b.top, b.x1, b.bottom) for b in ink]) if ink else None
                found.append((box or (line.x0, line.em_top, line.x1, line.em_bottom), "text", line))
        rule_width = self.p.page.block_width_mm / 2
        for fill in page.fills:
            if self.is_red(fill.color) and not (
                fill.x1 - fill.x0 >= rule_width and fill.bottom - fill.top <= RULE_MAX_MM
            ):
                found.append(((fill.x0, fill.top, fill.x1, fill.bottom), "outlines", None))
        for picture in page.pictures:
            box = self._red_pixels(picture)
            if box is not None:
                found.append((box, "image", None))
        return found

    def _red_pixels(self, picture: Picture) -> Box | None:
        """The box of an image's red, opaque pixels on the page (None: no red in it)."""
        if picture.pixels is None:
            return None
        red = [255 * v for v in hex_rgb(self.p.color("red"))]
        limit = (255 * self.tol.red_distance) ** 2
        r, g, b, a = (band.convert("F") for band in picture.pixels.split())
        mask = ImageMath.lambda_eval(
            lambda x: (
                (limit - (x["r"] - red[0]) * (x["r"] - red[0]) - (x["g"] - red[1]) * (x["g"] - red[1])
                 - (x["b"] - red[2]) * (x["b"] - red[2])) >= 0
            ) * (x["a"] >= ALPHA_OPAQUE),
            r=r, g=g, b=b, a=a,
        )  # fmt: skip
        bbox = mask.convert("L").getbbox()
        return picture.box_of(*bbox) if bbox else None

    def _read_head(self) -> Head:
        head = Head()
        if not self.pages:
            return head
        page = self.pages[0]
        middle = page.height / 2
        bands = self._bands(self.reds[1])
        head.separator = next((band for band in bands if band[0].y < middle), [])
        if self.p.header.layout == "letter":
            head.bottom_band = next((band for band in reversed(bands) if band[0].y >= middle), [])
        red = self._red_ink(page)
        topmost = min((box[1] for box, _, _ in red), default=middle)
        if head.separator:
            limit = head.separator[0].y - self.tol.position_mm
        elif topmost < middle and (not self.p.header.rule or self._above_title(page, topmost)):
            # 命令 (or a 信函 without its lines); or a mark whose red line is missing
            below = [ln.em_top for ln in page.lines if not self.is_red_line(ln) and ln.em_top > topmost]
            limit = min(below, default=middle)
            head.without_rule = self.p.header.rule
        else:
            return head  # red things elsewhere (a red word, a seal) are not a mark
        inside = [(box, kind, line) for box, kind, line in red if (box[1] + box[3]) / 2 < limit]
        if inside:
            head.mark = Mark(
                [box for box, _, _ in inside],
                [line for _, _, line in inside if line is not None],
                [kind for _, kind, _ in inside],
            )
        return head

    def _above_title(self, page: PdfPage, y: float) -> bool:
        """Is ``y`` above the title, the largest black text of the block (before the title is
        read: it is looked for under the separator)? A seal under a short text is not."""
        larger = [
            ln
            for ln in page.lines
            if self.in_block(ln) and not self.is_red_line(ln) and ln.size > self.body_style.size_pt + self.tol.size_pt
        ]
        if not larger:
            return False
        size = max(ln.size for ln in larger)
        return y < next(ln.em_top for ln in larger if ln.size == size)

    def _header_lines(self) -> list[TextLine]:
        """Page 1's black text above the title (or the separator, or the mark): 套打 paper
        (no mark, no red line printed) still has its 份号 and 发文字号 above the title."""
        if not self.pages or not (self.head.present or self.title):
            return []
        if self.title:
            limit = self.title[0].em_top
        elif self.head.separator:
            limit = self.head.separator[0].y
        else:
            limit = self.head.mark.top if self.head.mark else 0.0
        mark = self.head.mark.lines if self.head.mark else []
        return [ln for ln in self.pages[0].lines if ln.em_bottom <= limit and ln not in mark]


class HeaderRules:
    """The rules of the 版头; mixed into the PDF rules, they read the facts (``self.head`` …)."""

    def header_block(self) -> None:
        spec = self.p.header
        if spec.layout == "letter":
            self.letter_lines()
        elif spec.rule:
            self.red_lines()
        self.issuer_mark()
        self.copy_number()
        self.flush_lines()
        self.doc_number_and_signers()
        self.doc_number_line()

    def red_lines(self) -> None:
        """§7.2.7: the red line as wide as the block, centred, 4 mm under the 发文字号."""
        head, spec = self.head, self.p.header
        if head.without_rule and head.mark is not None:
            self.add(
                "PDF-REDLINE-MISSING",
                f"首页有发文机关标志，但没有版头红色分隔线（应在发文字号之下{spec.rule_gap_mm:g}毫米处，"
                f"与版心等宽{spec.rule_width_mm:g}毫米）",
                f"page 1: issuer mark ({head.mark.drawn_as}, ink {head.mark.top:.2f}-{head.mark.bottom:.2f} mm) "
                f"but no red rule of at least half the block width in the page's upper half; expected a "
                f"{spec.rule_width_mm:g} mm red rule {spec.rule_gap_mm:g} mm below the document number",
                page=1,
                y_mm=head.mark.bottom,
                element="red_line",
            )
        for page in self.pages:
            reds = self.reds[page.number]
            if not reds:
                continue
            frame = self.frames[page.number]
            line = reds[0]
            where = {"page": page.number, "y_mm": line.y, "element": "red_line"}
            width = self.p.header.rule_width_mm
            if abs(line.width - width) > self.tol.position_mm:
                self.add(
                    "PDF-REDLINE-WIDTH",
                    f"版头红色分隔线长{line.width:.1f}毫米，应与版心等宽（{width:g}毫米）",
                    f"red separator {line.width:.2f} mm wide, expected {width:g} mm",
                    x_mm=line.x0,
                    **where,
                )
            elif abs(line.x0 - (left := (frame.left + frame.right - width) / 2)) > self.tol.position_mm:
                self.add(
                    "PDF-REDLINE-POS",
                    f"版头红色分隔线未居中：左端在{line.x0:.1f}毫米处，应在{left:.1f}毫米处",
                    f"red separator starts at {line.x0:.2f} mm, expected {left:.2f} mm (centred on the block)",
                    x_mm=line.x0,
                    **where,
                )
            self.red_line_gap(page, line)

    def red_line_gap(self, page: PdfPage, rule: HRule) -> None:
        above = [ln for ln in page.lines if ln.em_bottom < rule.y and "号" in ln.text]
        if not above:
            return
        number = above[-1]
        ink = page.ink_in(number.x0, number.em_top, number.x1, number.em_bottom + 1)
        bottom = max((box.bottom for box in ink), default=number.em_bottom)
        gap, want = rule.y - bottom, self.p.header.rule_gap_mm
        if abs(gap - want) > self.tol.position_mm:
            self.add(
                "PDF-REDLINE-POS",
                f"版头红色分隔线距发文字号{gap:.1f}毫米，应为{want:g}毫米",
                f"red separator {gap:.2f} mm below the document number's glyphs, expected {want:g} mm",
                page=page.number,
                y_mm=rule.y,
                element="red_line",
            )

    def issuer_mark(self) -> None:
        """§7.2.4 (命令 §10.2, 纪要 §10.3, 信函 §10.1): red, its top at the profile's distance, centred."""
        if not self.pages:
            return
        page, head, spec = self.pages[0], self.head, self.p.header
        if head.separator:
            limit = head.separator[0].y
            for line in page.lines:
                if line.em_bottom < limit and not self.is_red_line(line) and line.size > self.p.style("title").size_pt:
                    self.add(
                        "PDF-REDMARK-COLOR",
                        f"发文机关标志“{line.text[:10]}”不是红色",
                        f"issuer mark {line.text[:20]!r} above the red line is not red",
                        page=1,
                        line=line.index,
                        y_mm=line.baseline,
                        element="issuer_mark",
                    )
        mark = head.mark
        if mark is None:
            return
        origin, origin_zh, origin_en = (
            (self.top, "版心上边缘", "the block top")
            if spec.mark_top_from == "block"
            else (0.0, "上页边", "the page top")
        )
        want = origin + spec.mark_top_mm
        where = {"page": 1, "element": "issuer_mark"}
        if abs(mark.top - want) > self.tol.position_mm:
            self.add(
                "PDF-REDMARK-POS",
                f"发文机关标志上边缘距{origin_zh}{mark.top - origin:.1f}毫米，应为{spec.mark_top_mm:g}毫米",
                f"issuer mark ({mark.drawn_as}) ink top at {mark.top:.2f} mm, {mark.top - origin:.2f} mm below "
                f"{origin_en}; expected {spec.mark_top_mm:g} mm ({want:.2f} mm)",
                y_mm=mark.top,
                **where,
            )
        frame = self.frames[1]
        middle, centre = (mark.x0 + mark.x1) / 2, (frame.left + frame.right) / 2
        if abs(middle - centre) > self.tol.position_mm:
            self.add(
                "PDF-REDMARK-POS",
                f"发文机关标志未居中：偏离版心中线{middle - centre:+.1f}毫米",
                f"issuer mark ({mark.drawn_as}) centred at {middle:.2f} mm, block centre {centre:.2f} mm",
                x_mm=middle,
                **where,
            )
        width = mark.x1 - mark.x0
        if width > spec.mark_max_width_mm + self.tol.position_mm:
            self.add(
                "PDF-REDMARK-WIDTH",
                f"发文机关标志宽{width:.1f}毫米，超出版心宽度（{spec.mark_max_width_mm:g}毫米），应缩小或压缩字符",
                f"issuer mark ({mark.drawn_as}) {width:.2f} mm wide ({mark.x0:.2f}-{mark.x1:.2f} mm), "
                f"at most {spec.mark_max_width_mm:g} mm",
                x_mm=mark.x0,
                y_mm=mark.top,
                **where,
            )

    def letter_lines(self) -> None:
        """§10.1 信函: red double lines, 170 mm, centred; the first 4 mm under the mark, thick over
        thin; the second 20 mm above the page bottom, thin over thick."""
        letter = self.p.header.letter
        if letter is None or not self.pages:
            return
        head, page, frame = self.head, self.pages[0], self.frames[1]
        centre = (frame.left + frame.right) / 2
        tol = self.tol.position_mm
        bands = [(head.separator, "标志下", "first"), (head.bottom_band, "页面下方", "second")]
        missing = [zh for band, zh, _ in bands if not band]
        if missing:
            self.add(
                "PDF-LETTER-RULES",
                f"信函首页{'和'.join(missing)}没有红色双线（应在标志下{letter.rule_gap_mm:g}毫米和距下页边"
                f"{letter.bottom_rule_above_page_bottom_mm:g}毫米处各印一条，长{letter.rule_length_mm:g}毫米）",
                f"letter: no red double line {' and '.join(en for band, _, en in bands if not band)} on page 1",
                page=1,
                element="letter_rule",
            )
        for band, zh, en in bands:
            if not band:
                continue
            where = {"page": 1, "y_mm": band[0].y, "element": "letter_rule"}
            if len(band) < 2:
                self.add(
                    "PDF-LETTER-RULES",
                    f"信函{zh}的红色线是单线，应为双线",
                    f"letter: the {en} red rule at {band[0].y:.2f} mm is a single line, expected a double line",
                    **where,
                )
            for rule in band:
                middle = (rule.x0 + rule.x1) / 2
                if abs(rule.width - letter.rule_length_mm) > tol or abs(middle - centre) > tol:
                    self.add(
                        "PDF-LETTER-RULES",
                        f"信函{zh}的红色双线长{rule.width:.1f}毫米（{rule.x0:.1f}–{rule.x1:.1f}），"
                        f"应为{letter.rule_length_mm:g}毫米并居中",
                        f"letter: {en} double line's rule at {rule.y:.2f} mm spans {rule.x0:.2f}-{rule.x1:.2f} mm; "
                        f"expected {letter.rule_length_mm:g} mm centred on {centre:.2f} mm",
                        x_mm=rule.x0,
                        **where,
                    )
                    break
        self.letter_weights(head)
        self.letter_positions(head, page)

    def letter_weights(self, head: Head) -> None:
        tol = self.tol.thickness_mm
        for band, thick_first, zh, en in (
            (head.separator, True, "标志下的红色双线应上粗下细", "thick over thin"),
            (head.bottom_band, False, "页面下方的红色双线应上细下粗", "thin over thick"),
        ):
            if len(band) < 2:
                continue
            upper, lower = band[0].thickness, band[-1].thickness
            if not (upper > lower + tol if thick_first else lower > upper + tol):
                self.add(
                    "PDF-LETTER-WEIGHT",
                    f"信函{zh}（实为上{upper:.2f}毫米、下{lower:.2f}毫米）",
                    f"letter: double line at {band[0].y:.2f} mm: upper rule {upper:.3f} mm, lower {lower:.3f} mm; "
                    f"expected {en}",
                    page=1,
                    y_mm=band[0].y,
                    element="letter_rule",
                )

    def letter_positions(self, head: Head, page: PdfPage) -> None:
        letter = self.p.header.letter
        assert letter is not None
        tol = self.tol.position_mm
        if head.separator and head.mark is not None:
            top = head.separator_top
            assert top is not None
            gap = top - head.mark.bottom
            if abs(gap - letter.rule_gap_mm) > tol:
                self.add(
                    "PDF-LETTER-POS",
                    f"信函标志下的红色双线距标志{gap:.1f}毫米，应为{letter.rule_gap_mm:g}毫米",
                    f"letter: first double line's top edge at {top:.2f} mm, {gap:.2f} mm below the mark's ink "
                    f"({head.mark.bottom:.2f} mm); expected {letter.rule_gap_mm:g} mm",
                    page=1,
                    y_mm=top,
                    element="letter_rule",
                )
        if head.bottom_band:
            last = head.bottom_band[-1]
            edge = last.y + last.thickness / 2
            above = page.height - edge
            if abs(above - letter.bottom_rule_above_page_bottom_mm) > tol:
                self.add(
                    "PDF-LETTER-POS",
                    f"信函页面下方的红色双线距下页边{above:.1f}毫米，应为{letter.bottom_rule_above_page_bottom_mm:g}毫米",
                    f"letter: second double line's bottom edge at {edge:.2f} mm, {above:.2f} mm above the page "
                    f"bottom; expected {letter.bottom_rule_above_page_bottom_mm:g} mm",
                    page=1,
                    y_mm=edge,
                    element="letter_rule",
                )

    def copy_number(self) -> None:
        """§7.2.1 份号: 6 Arabic digits, flush left on the block's first line (信函: the first line
        under the double line, §10.1)."""
        found = next(
            (
                (line, run)
                for line in self.head.lines
                for run in pieces(line, self.cell)[:1]
                if DIGITS.match(text_of(run))
            ),
            None,
        )
        if found is None:
            return
        line, run = found
        text = text_of(run)
        where = {"page": 1, "line": line.index, "x_mm": run[0].x0, "y_mm": line.baseline, "element": "copy_number"}
        if not COPY_NUMBER.match(text):  # the loader's pattern: one definition of §7.2.1's form
            self.add(
                "PDF-COPYNUM-FORM",
                f"份号“{text}”应为6位阿拉伯数字（如000123）",
                f"copy number {text!r} ({len(text)} digits) does not match {COPY_NUMBER.pattern!r}",
                **where,
            )
        size, want_pt = max(g.size for g in run), self.p.style("copy_number").size_pt
        if abs(size - want_pt) > self.tol.size_pt:
            self.add(
                "PDF-COPYNUM-SIZE",
                f"份号“{text}”字号为{size:g}磅，应为{size_zh(want_pt)}",
                f"copy number at {size:g} pt, expected {want_pt:g} pt",
                **where,
            )
        frame, tol = self.frames[1], self.tol.position_mm
        em = pt_to_mm(line.size)
        letter = self.p.header.letter if self.p.header.layout == "letter" else None
        if letter is not None and self.head.separator:
            bottom = self.head.separator_bottom
            assert bottom is not None
            want = bottom + letter.text_gap_em * pt_to_mm(self.body_style.size_pt)
            low, high, line_zh = want - tol, want + tol, "红色双线下第1行"
        else:
            low, high, line_zh = self.top - tol, self.top + self.pitch - em + tol, "版心第1行"
        if abs(run[0].x0 - frame.left) > tol or not low <= line.em_top <= high:
            self.add(
                "PDF-COPYNUM-POS",
                f"份号应在{line_zh}顶格编排（实际左端在{run[0].x0:.1f}毫米、字顶在{line.em_top:.1f}毫米处）",
                f"copy number {text!r} starts at x {run[0].x0:.2f} mm (block left {frame.left:.2f} mm), em top "
                f"{line.em_top:.2f} mm (expected {low:.2f}-{high:.2f} mm)",
                **where,
            )

    def flush_items(self) -> list[tuple[str, TextLine, list[Glyph]]]:
        """份号, 密级和保密期限, 紧急程度 among the header lines, top to bottom: (kind, line, glyphs).
        Each is the first text of its line (a 信函's 文号 shares the first line), or the whole
        line when its words are spaced out (1999's "特  急")."""
        found = []
        for line in self.head.lines:
            runs = pieces(line, self.cell)
            for glyphs in (runs[0], line.glyphs) if runs else ():
                text = re.sub(r"\s", "", text_of(glyphs))
                kind = next((k for k, pattern in FLUSH_TEXT.items() if pattern.match(text)), None)
                if kind is not None:
                    found.append((kind, line, glyphs))
                    break
        return found

    def flush_grid(self) -> tuple[float, str]:
        """(the em top the flush lines' first line starts from, how a clerk calls line n): the
        block top (line 1: glyphs anywhere in its line box), or 7/8 of a 3号 character under a
        信函's double line."""
        letter = self.p.header.letter if self.p.header.layout == "letter" else None
        if letter is not None and self.head.separator:
            bottom = self.head.separator_bottom
            assert bottom is not None
            return bottom + letter.text_gap_em * pt_to_mm(self.body_style.size_pt), "红色双线下第{n}行"
        return self.top, "版心第{n}行"

    def flush_lines(self) -> None:
        """§7.2.2 密级和保密期限, §7.2.3 紧急程度 (信函 §10.1): 3号黑体, flush left, in the order
        份号, 密级, 紧急程度, one a line, each on the line under the one above; the first of them
        on the block's line 1 or its own line of that order (密级 line 2, §7.2.2's 第二行;
        紧急程度 line 3), a 信函's on the first line under the double line."""
        items = self.flush_items()
        if not items:
            return
        spec, frame, tol = self.p.header, self.frames[1], self.tol.position_mm
        styles = dict(zip(FLUSH_KINDS, spec.flush_styles, strict=True))
        first_top, line_zh = self.flush_grid()
        letter = spec.layout == "letter" and bool(self.head.separator)
        previous: tuple[str, TextLine] | None = None  # the item above
        for kind, line, glyphs in items:
            if kind == "copy_number":  # PDF-COPYNUM-POS places it
                previous = (kind, line)
                continue
            text = text_of(glyphs)
            where = {"page": 1, "line": line.index, "x_mm": glyphs[0].x0, "y_mm": line.baseline, "element": kind}
            rule, name = f"PDF-{kind.split('_')[0].upper()}-POS", FLUSH_ZH[kind]
            if previous is not None:  # the next line: one line pitch under the item above
                want = previous[1].baseline + self.pitch
                placed = abs(line.baseline - want) <= tol
                where_zh, expected = f"{FLUSH_ZH[previous[0]]}的下一行", f"baseline {want:.2f} mm"
            else:  # line 1 or its own line (密级 2, 紧急程度 3); its glyphs anywhere in the line box
                slack = 0.0 if letter else self.pitch - pt_to_mm(line.size)
                nominal = FLUSH_KINDS.index(kind)
                lines = [0] if letter or nominal == 0 else [0, nominal]
                boxes = [(first_top + n * self.pitch - tol, first_top + n * self.pitch + slack + tol) for n in lines]
                placed = any(low <= line.em_top <= high for low, high in boxes)
                where_zh = "或".join(line_zh.format(n=n + 1) for n in lines)
                expected = "em top " + " or ".join(f"{low:.2f}-{high:.2f} mm" for low, high in boxes)
            if previous is not None and FLUSH_KINDS.index(previous[0]) > FLUSH_KINDS.index(kind):
                self.add(
                    rule,
                    f"{name}“{text}”排在了{FLUSH_ZH[previous[0]]}之下，应按份号、密级和保密期限、紧急程度的顺序"
                    "自上而下分行排列",
                    f"{kind} {text!r} on line {line.index} comes after the {previous[0]} above it; expected the order "
                    f"{', '.join(FLUSH_KINDS)} top to bottom",
                    **where,
                )
            elif abs(glyphs[0].x0 - frame.left) > tol or not placed:
                self.add(
                    rule,
                    f"{name}“{text}”应在{where_zh}顶格编排（实际左端在{glyphs[0].x0:.1f}毫米、字顶在"
                    f"{line.em_top:.1f}毫米处）",
                    f"{kind} {text!r} starts at x {glyphs[0].x0:.2f} mm (block left {frame.left:.2f} mm), em top "
                    f"{line.em_top:.2f}, baseline {line.baseline:.2f} mm (expected {expected})",
                    **where,
                )
            self.text_font(glyphs, styles[kind], f"PDF-{kind.split('_')[0].upper()}-FONT", f"{name}“{text}”", where)
            previous = (kind, line)

    def text_font(self, glyphs: list[Glyph], style_name: str, rule: str, what_zh: str, where: dict) -> bool:
        """A header text's size and font role (its full-width glyphs) against its style; True
        when it is reported."""
        style = self.p.style(style_name)
        size = Counter(g.size for g in glyphs).most_common(1)[0][0]
        verdict = self.font_verdict(glyphs, style.font)
        got_zh, got = [], []
        if abs(size - style.size_pt) > self.tol.size_pt:
            got_zh.append(f"{size:g}磅")
            got.append(f"{size:g} pt, expected {style.size_pt:g} pt")
        if verdict is not None and not verdict[0]:
            got_zh.append(verdict[1])
            got.append(f"font {verdict[1]!r} does not serve role {style.font!r}")
        if not got:
            return False
        self.add(
            rule,
            f"{what_zh}应为{size_zh(style.size_pt)}{self.role_zh(style.font)}（实为{'、'.join(got_zh)}）",
            f"{text_of(glyphs)!r}: {'; '.join(got)}",
            **where,
        )
        return True

    def doc_number_line(self) -> None:
        """§7.2.5 the 发文字号 (上行文: the 签发人 block's first line; 命令 §10.2: the 令号) on the
        grid line two blank lines (header.blank_lines_after_mark) under the mark: between its em
        top and the mark's ink, 2 to 3 line pitches and the inter-line gap (pitch - 3号) of two
        lines of text. 信函 §10.1: on the first line under the double line, 7/8 of a 3号
        character (header.letter.text_gap_em) below it."""
        if not self.pages:
            return
        spec, head, tol = self.p.header, self.head, self.tol.position_mm
        if spec.layout == "letter":
            if not head.separator:
                return
            number = next(
                ((line, run) for line in head.lines for run in pieces(line, self.cell)
                 if DOC_NUMBER_TEXT.search(text_of(run))),
                None,
            )  # fmt: skip
            if number is None:
                return
            line, run = number
            want, _ = self.flush_grid()
            bottom, letter = head.separator_bottom, spec.letter
            assert bottom is not None and letter is not None
            if abs(line.em_top - want) > tol:
                self.add(
                    "PDF-DOCNUMBER-LINE",
                    f"发文字号“{text_of(run)}”应在红色双线下第1行，字顶距双线{want - bottom:.1f}毫米"
                    f"（3号字高的{letter.text_gap_em:g}），实为{line.em_top - bottom:.1f}毫米",
                    f"document number {text_of(run)!r}: em top {line.em_top:.2f} mm, {line.em_top - bottom:.2f} mm "
                    f"below the double line's lower edge ({bottom:.2f} mm); expected {want:.2f} mm "
                    f"({letter.text_gap_em:g} x the body size)",
                    page=1,
                    line=line.index,
                    x_mm=run[0].x0,
                    y_mm=line.baseline,
                    element="doc_number",
                )
            return
        mark = head.mark
        if mark is None:
            return
        below = [
            ln
            for ln in self.pages[0].lines
            if ln.em_top > mark.bottom and not self.is_red_line(ln) and ln not in mark.lines
        ]
        if not below:
            return
        line = below[0]  # the first text under the mark, if it is the 文号, 令号 or 签发人 line
        if SIGNER_LABEL.search(line.text):
            what_zh, what = "签发人", "签发人 line"
        elif DOC_NUMBER_TEXT.search(line.text):
            what_zh, what = "发文字号", "document number"
        elif ORDER_NUMBER.match(re.sub(r"\s", "", line.text)):
            what_zh, what = "令号", "order number"
        else:
            return
        # N blank lines (行) between: the line box around the text's em box (half the inter-line
        # gap, pitch - 3号, above it) starts N to N+1 pitches (the grid rounds down) below the
        # mark's ink and half a gap more
        blank = spec.blank_lines_after_mark
        gap, lead = line.em_top - mark.bottom, self.pitch - pt_to_mm(self.body_style.size_pt)
        low, high = blank * self.pitch + lead, (blank + 1) * self.pitch + lead
        if not low - tol <= gap <= high + tol:
            self.add(
                "PDF-DOCNUMBER-LINE",
                f"{what_zh}“{line.text[:16]}”应在发文机关标志下空{blank}行（实际约空{(gap - lead) / self.pitch:.1f}行："
                f"字顶距标志下边缘{gap:.1f}毫米，应在{low:.1f}–{high:.1f}毫米之间）",
                f"{what} {line.text[:24]!r}: em top {line.em_top:.2f} mm, {gap:.2f} mm below the mark's ink "
                f"({mark.bottom:.2f} mm), {(gap - lead) / self.pitch:.2f} blank lines; expected {blank} blank lines: "
                f"{blank}-{blank + 1} pitches + the inter-line gap {lead:.2f} mm ({low:.2f}-{high:.2f} mm)",
                page=1,
                line=line.index,
                x_mm=line.x0,
                y_mm=line.baseline,
                element="doc_number",
            )

    def doc_number_and_signers(self) -> None:
        """§7.2.5 发文字号 centred (信函: flush right); §7.2.6 上行文: 文号 居左空一字 on the last
        签发人 line, "签发人：" and the names 居右空一字."""
        if not self.pages:
            return
        spec, frame, tol = self.p.header, self.frames[1], self.tol.position_mm
        indent = spec.side_indent_chars * self.cell
        rows = [(line, pieces(line, self.cell)) for line in self.head.lines]
        number = next(
            ((line, run) for line, runs in rows for run in runs if DOC_NUMBER_TEXT.search(text_of(run))), None
        )
        label_at = next(
            (i for i, (_, runs) in enumerate(rows) if any(SIGNER_LABEL.match(text_of(r)) for r in runs)), None
        )
        if number is not None:
            line, run = number
            x0, x1 = run[0].x0, run[-1].x1
            if spec.layout == "letter":
                want, got, how_zh, how = frame.right, x1, "居右顶格", "flush right"
            elif label_at is not None:
                want, got, how_zh = frame.left + indent, x0, f"居左空{spec.side_indent_chars:g}字"
                how = f"{spec.side_indent_chars:g} character(s) in from the left (上行文)"
            else:
                want, got, how_zh, how = (frame.left + frame.right) / 2, (x0 + x1) / 2, "居中", "centred"
            if abs(got - want) > tol:
                self.add(
                    "PDF-DOCNUMBER-POS",
                    f"发文字号“{text_of(run)}”应{how_zh}（实际在{got:.1f}毫米处，应在{want:.1f}毫米处）",
                    f"document number {text_of(run)!r} at {got:.2f} mm, expected {want:.2f} mm ({how})",
                    page=1,
                    line=line.index,
                    x_mm=got,
                    y_mm=line.baseline,
                    element="doc_number",
                )
        if label_at is not None:
            self.signers(rows[label_at:], number, frame.right - indent)

    def signers(
        self,
        rows: list[tuple[TextLine, list[list[Glyph]]]],
        number: tuple[TextLine, list[Glyph]] | None,
        want: float,
    ) -> None:
        """The 签发人 block: its right edge 居右空一字; the 文号 on the last names' line."""
        names: list[list[list[Glyph]]] = []  # per row, the name runs
        label_glyphs: list[Glyph] = []
        for _, runs in rows:
            row = []
            for run in runs:
                if number is not None and run is number[1]:
                    continue
                label = SIGNER_LABEL.match(text_of(run))
                if label:
                    label_glyphs += run[: label.end()]
                    run = run[label.end() :]
                if run:
                    row.append(run)
            names.append(row)
        while names and not names[-1]:
            names.pop()
        first = rows[0][0]
        where = {"page": 1, "line": first.index, "y_mm": first.baseline, "element": "signer"}
        spec = self.p.header
        if label_glyphs:  # §7.2.6: "签发人：" 3号仿宋, the names 3号楷体
            label_where = {**where, "x_mm": label_glyphs[0].x0}
            self.text_font(label_glyphs, spec.signer_label_style, "PDF-SIGNER-FONT", "“签发人：”", label_where)
        for run in (run for row in names for run in row):  # one finding for the names
            if self.text_font(run, spec.signer_style, "PDF-SIGNER-FONT", f"签发人姓名“{text_of(run)}”", where):
                break
        if not names or not names[0]:
            return
        # Two ways to set it: the label's line flush right (wrapped names under the first name),
        # or the names in columns as wide as the longest name, the last column flush right.
        column = max(run[-1].x1 - run[0].x0 for row in names for run in row)
        right_aligned = names[0][-1][-1].x1
        in_columns = max(row[-1][0].x0 + column for row in names)
        got = min((right_aligned, in_columns), key=lambda x: abs(x - want))
        if abs(got - want) > self.tol.position_mm:
            self.add(
                "PDF-SIGNER-POS",
                f"签发人应居右空{spec.side_indent_chars:g}字（右端在{got:.1f}毫米处，应在{want:.1f}毫米处）",
                f"签发人 block's right edge at {got:.2f} mm (first line flush right: {right_aligned:.2f} mm, "
                f"names in columns: {in_columns:.2f} mm), expected {want:.2f} mm",
                x_mm=got,
                **where,
            )
        last = rows[len(names) - 1][0]
        if number is not None and number[0] is not last:
            self.add(
                "PDF-SIGNER-POS",
                "发文字号应与最后一个签发人姓名处在同一行",
                f"document number on line {number[0].index}, the last signer's names on line {last.index}",
                **where,
            )
