"""版头 (§7.2) and the marks of chapter 10, planned once for the PDF and the DOCX renderer.

Standard layout (§7.2; 命令 §10.2 and 纪要 §10.3 differ only in numbers of the profile):
份号, 密级和保密期限 and 紧急程度 flush left on grid lines 1–3 (a reply's marks, A类 and
公开, on the lines after them); the red issuer mark with
its glyph top a fixed distance below the block top, centred, condensed to fit the block
(joint issuance: names stacked, distributed to one width, the suffix "文件" to their
right, centred on the stack); the 发文字号 (or 令号) centred on the first grid line two
blank lines below the mark — or, with 签发人, 文号 one character in on the left and
"签发人：" + names one character in on the right, two names a line, the 文号 on the last
line; the red line 4 mm below the 文号's glyphs; the title two blank lines below it.

Letter layout (信函 §10.1): the mark 30 mm from the page top, a red double line (thick over
thin) 4 mm under it and another (thin over thick) 20 mm above the page bottom, both 170 mm;
份号 … flush left and the 发文字号 flush right under the first one, 7/8 of a 3号 character
below it; the title two blank lines below the last of them.

"A blank line" is one grid line (行); a text follows "N blank lines" below something when
its grid line's box starts at least N line pitches below the bottom of that thing's line
box (a text's line box reaches half the body's inter-line gap below its em box). So the
title and the body always sit on the 22-line grid. In 套打 mode (preprinted paper) neither
the mark nor a rule is drawn; the space is reserved as for a one-line mark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..errors import ContentError, LayoutError
from ..fonts import FontSet
from ..forms import SIGNER_LABEL
from ..model import Document, Header
from ..profile import Profile, TextStyle, mm_to_pt, pt_to_mm
from .flow import Flow, Typesetter
from .lines import make_runs
from .measure import Glyph, shape, span_pt
from .page import Line, Rule

FLUSH_ELEMENTS = ("copy_number", "secrecy", "urgency")
MARKS_ELEMENT = "reply_mark"  # 答复件 A类, 公开: flush left under 紧急程度


@dataclass(frozen=True)
class HeaderText:
    """One text of the header block on page 1, positioned."""

    text: str
    style: TextStyle  # as set: the mark's size may be smaller than its style's
    element: str
    x: float  # left edge of the first glyph, mm from the page's left edge
    width: float  # from the first glyph's left edge to the last one's advance end, mm
    baseline: float  # mm from the page top
    slot: int  # grid line on page 1; -1 off the grid
    align: str  # left | center | right: how the text keeps its place when edited (DOCX)
    char_space_pt: float  # after every glyph, after horizontal scaling
    h_scale: float = 1.0  # horizontal scale of the glyphs (字符缩放)


@dataclass(frozen=True)
class HeaderRule:
    """A rule of the header block; ``follows_slot`` is the grid line whose glyphs (the
    发文字号's) the rule keeps its distance to, None when it is placed from the mark."""

    rule: Rule
    follows_slot: int | None = None


@dataclass(frozen=True)
class HeaderPlan:
    texts: tuple[HeaderText, ...]  # in the order of Document.all_text
    rules: tuple[HeaderRule, ...]
    first_slot: int  # the grid line the title (命令: the 正文) starts on


@dataclass(frozen=True)
class _Mark:
    texts: tuple[HeaderText, ...]
    em_bottom: float  # bottom of the last line's em box
    ink_bottom: float  # lowest ink of the last line


class MarksOverflowError(LayoutError):
    """The reply marks reach the 发文机关标志 (content: too many lines above the mark)."""

    def __init__(self, slot: int):
        super().__init__(f"第 {slot + 1} 行的答复标记压到了下方的发文机关标志")
        self.lines = slot  # the lines that fit above the mark


def plan_header(header: Header, profile: Profile, fonts: FontSet) -> HeaderPlan:
    planner = _Planner(header, profile, fonts)
    return planner.letter() if profile.header.layout == "letter" else planner.standard()


def place_header(engine: Typesetter, flow: Flow, doc: Document) -> HeaderPlan:
    """The header block on page 1; the flow continues at the title's grid line."""
    assert doc.header is not None
    p = engine.profile
    try:
        plan = plan_header(doc.header, p, engine.fonts)
    except MarksOverflowError as error:
        ref = doc.sources.get("header.marks")
        raise ContentError(
            ref.file if ref else str(doc.source or ""), ref.line if ref else None, "header.marks",
            f"份号、密级、紧急程度和答复标记每项占一行，发文机关标志上方只放得下{error.lines}行",
            "减少标记（如只留“A类”），或把公开属性写进附注",
        ) from None  # fmt: skip
    page = flow.pages[0]
    for text in plan.texts:
        glyphs = tuple(
            replace(g, advance_pt=g.advance_pt * text.h_scale, space_after_pt=g.space_after_pt * text.h_scale)
            for g in shape(text.text, text.style, text.element, engine.fonts, p.grid.han_latin_space_em)
        )
        runs = make_runs(glyphs, text.x, text.char_space_pt, p.color(text.style.color))
        runs = tuple(replace(run, baseline=text.baseline, h_scale=text.h_scale) for run in runs)
        page.lines.append(Line(runs, text.slot, text.element, False, owner=flow.owner))
    page.rules.extend(rule.rule for rule in plan.rules)
    if not p.header.first_page_number:
        page.number = None  # 信函: no page number on page 1
    if plan.first_slot >= p.grid.lines:
        raise LayoutError(
            "版头：版头占满了第一页，标题已无位置；"
            "提示：减少 header.issuers（联合发文机关）或 header.signers（签发人）的个数，或缩短发文机关名称"
        )
    flow.slot = plan.first_slot
    return plan


class _Planner:
    def __init__(self, header: Header, profile: Profile, fonts: FontSet):
        self.h = header
        self.p = profile
        self.spec = profile.header
        self.fonts = fonts
        self.pitch = profile.line_pitch_mm
        self.left = profile.page.block_left
        self.right = profile.page.block_right
        self.body_em = pt_to_mm(profile.style("body").size_pt)

    # -- measures -------------------------------------------------------------------------
    def glyphs(self, text: str, style: TextStyle) -> list[Glyph]:
        return shape(text, style, style.name, self.fonts, self.p.grid.han_latin_space_em)

    def span(self, text: str, style: TextStyle, tracking_pt: float | None = None) -> float:
        """Width of a one-line text, at the style's grid tracking unless given."""
        tracking = self.p.tracking_pt(style) if tracking_pt is None else tracking_pt
        return pt_to_mm(span_pt(self.glyphs(text, style), tracking))

    def advance(self, text: str, style: TextStyle) -> float:
        """Where the glyph after the text would start (the span plus one tracking)."""
        return self.span(text, style) + pt_to_mm(self.p.tracking_pt(style))

    def ink_em(self, text: str, style: TextStyle) -> tuple[float, float]:
        """(lowest, highest) ink of the text's glyphs, in em above the baseline."""
        extents = [self.fonts.ink_extent_em(g.face, g.ch) for g in self.glyphs(text, style) if not g.ch.isspace()]
        return min(low for low, _ in extents), max(high for _, high in extents)

    def line_bottom(self, em_bottom: float) -> float:
        """The bottom of the line box a body line with this em box bottom would have."""
        return em_bottom + (self.pitch - self.body_em) / 2 - self.p.em_shift_mm(self.p.style("body").size_pt)

    def slot_at_least(self, y: float) -> int:
        """The first grid line whose box starts at ``y`` or below."""
        return max(0, math.ceil((y - self.p.page.block_top) / self.pitch - 1e-9))

    def text(
        self, text: str, style_name: str, element: str, x: float, baseline: float, slot: int, align: str
    ) -> HeaderText:
        style = self.p.style(style_name)
        width = self.span(text, style)
        return HeaderText(text, style, element, x, width, baseline, slot, align, self.p.tracking_pt(style))

    # -- parts ----------------------------------------------------------------------------
    def flush_items(self) -> list[tuple[str, str, str]]:
        """(text, style, element) of 份号, 密级和保密期限, 紧急程度, those given, then the reply
        marks (A类, 公开), top to bottom."""
        values = (self.h.copy_number, self.h.secrecy, self.h.urgency)
        return [
            (text, style, element)
            for text, style, element in zip(values, self.spec.flush_styles, FLUSH_ELEMENTS, strict=True)
            if text
        ] + [(mark, self.spec.marks_style, MARKS_ELEMENT) for mark in self.h.marks]

    def mark_top(self) -> float:
        origin = self.p.page.block_top if self.spec.mark_top_from == "block" else 0.0
        return origin + self.spec.mark_top_mm

    def mark(self) -> _Mark:
        """发文机关标志: glyph top at the profile's distance, centred, condensed to fit."""
        spec, h = self.spec, self.h
        top = self.mark_top()
        style = self.p.style(spec.mark_style)
        if h.preprinted or not h.issuers:  # the paper carries it: reserve one line's em box
            bottom = top + pt_to_mm(style.size_pt)
            return _Mark((), bottom, bottom)
        stacked = len(h.issuers) > 1
        lines = list(h.issuers) if stacked else [h.issuers[0] + h.mark_suffix]
        suffix = h.mark_suffix if stacked else ""

        def total(style: TextStyle) -> float:
            """The mark's natural width: the (widest) names, and the suffix right of a stack."""
            names = max(self.span(line, style, 0.0) for line in lines)
            if not suffix:
                return names
            return names + spec.mark_suffix_gap_em * pt_to_mm(style.size_pt) + self.span(suffix, style, 0.0)

        scale = spec.mark_max_width_mm / total(style)
        if scale < spec.mark_min_scale:  # condensed to the limit, and smaller (half points, as DOCX sizes)
            style = replace(style, size_pt=math.floor(style.size_pt * scale / spec.mark_min_scale * 2) / 2)
        scale = min(1.0, math.floor(spec.mark_max_width_mm / total(style) * 100) / 100)  # whole per cent (w:w)
        em = pt_to_mm(style.size_pt)
        first = top + self.ink_em(lines[0], style)[1] * em
        baselines = [first + i * spec.mark_line_pitch_em * em for i in range(len(lines))]
        natural = [self.span(line, style, 0.0) for line in lines]
        block = max(natural)
        x0 = self.left + (self.p.page.block_width_mm - total(style) * scale) / 2
        align = "left" if stacked else "center"
        texts = []
        for line, width, baseline in zip(lines, natural, baselines, strict=True):
            if stacked and len(line) > 1:  # a stacked name is spread over the stack's width
                x, space = x0, (block - width) * scale / (len(line) - 1)
            else:
                x, space = x0 + (block - width) * scale / 2, 0.0
            texts.append(
                HeaderText(line, style, "issuer_mark", x, block * scale, baseline, -1, align, mm_to_pt(space), scale)
            )
        if suffix:
            texts.append(
                HeaderText(
                    suffix,
                    style,
                    "issuer_mark",
                    x0 + (block + spec.mark_suffix_gap_em * em) * scale,
                    self.span(suffix, style, 0.0) * scale,
                    (baselines[0] + baselines[-1]) / 2,
                    -1,
                    "left",
                    0.0,
                    scale,
                )
            )
        low = self.ink_em(lines[-1], style)[0]
        return _Mark(
            tuple(texts),
            baselines[-1] + (1 - self.p.grid.baseline_in_em) * em,
            baselines[-1] - low * em,
        )

    def number_lines(self, slot: int) -> tuple[list[HeaderText], int]:
        """发文字号 (or 令号) from grid line ``slot``, with the 签发人 if any; returns its last line."""
        h, spec, p = self.h, self.spec, self.p
        number_style = p.style(spec.doc_number_style)
        if not h.signers:
            if not h.doc_number:
                return [], slot
            width = self.span(h.doc_number, number_style)
            x = self.left + (p.page.block_width_mm - width) / 2
            baseline = p.grid_baseline_mm(slot)
            return [self.text(h.doc_number, spec.doc_number_style, "doc_number", x, baseline, slot, "center")], slot
        # 上行文: "签发人：" + names, the names in columns, the block 居右空一字
        label_style, signer_style = p.style(spec.signer_label_style), p.style(spec.signer_style)
        rows = [h.signers[i : i + spec.signers_per_line] for i in range(0, len(h.signers), spec.signers_per_line)]
        column = max(self.span(name, signer_style) for name in h.signers)
        gap = spec.signer_gap_chars * p.char_pitch_mm
        columns = len(rows[0])
        first_name_x = self.right - spec.side_indent_chars * p.char_pitch_mm - columns * column - (columns - 1) * gap
        label_x = first_name_x - self.advance(SIGNER_LABEL, label_style)
        last = slot + len(rows) - 1
        assert h.doc_number is not None  # the loader requires one with 签发人
        number_x = self.left + spec.side_indent_chars * p.char_pitch_mm
        number = self.text(
            h.doc_number,
            spec.doc_number_style,
            "doc_number",
            number_x,
            p.grid_baseline_mm(last),
            last,
            "left",
        )
        if number_x + number.width + p.char_pitch_mm > (label_x if len(rows) == 1 else first_name_x):
            raise LayoutError(f"发文字号 {h.doc_number} 和签发人在一行内排不下；提示：缩短签发人姓名或减少签发人")
        texts = [
            number,
            self.text(
                SIGNER_LABEL,
                spec.signer_label_style,
                "signer_label",
                label_x,
                p.grid_baseline_mm(slot),
                slot,
                "left",
            ),
        ]
        for row, names in enumerate(rows):
            for column_index, name in enumerate(names):
                x = first_name_x + column_index * (column + gap)
                baseline = p.grid_baseline_mm(slot + row)
                texts.append(self.text(name, spec.signer_style, "signer", x, baseline, slot + row, "left"))
        return texts, last

    # -- layouts --------------------------------------------------------------------------
    def standard(self) -> HeaderPlan:
        spec, p = self.spec, self.p
        texts = []
        for slot, (text, style_name, element) in enumerate(self.flush_items()):
            style = p.style(style_name)
            baseline = p.grid_baseline_mm(slot)
            if baseline + (1 - p.grid.baseline_in_em) * pt_to_mm(style.size_pt) > self.mark_top():
                if element == MARKS_ELEMENT:
                    raise MarksOverflowError(slot)
                raise LayoutError(f"第 {slot + 1} 行的 {text!r} 压到了下方的发文机关标志；提示：减少版头上方的标记")
            texts.append(self.text(text, style_name, element, self.left, baseline, slot, "left"))
        mark = self.mark()
        texts += mark.texts
        number_slot = self.slot_at_least(self.line_bottom(mark.em_bottom) + spec.blank_lines_after_mark * self.pitch)
        number_texts, last = self.number_lines(number_slot)
        texts += number_texts
        if not spec.rule:  # 命令: the 正文 two blank lines below the 令号
            return HeaderPlan(tuple(texts), (), last + 1 + spec.blank_lines_after)
        number_style = p.style(spec.doc_number_style)
        baseline = p.grid_baseline_mm(last)
        em = pt_to_mm(number_style.size_pt)
        if self.h.doc_number:
            bottom = baseline - self.ink_em(self.h.doc_number, number_style)[0] * em
        else:  # no 文号: the rule sits where it would under one
            bottom = baseline + (1 - p.grid.baseline_in_em) * em
        y = bottom + spec.rule_gap_mm
        x0 = self.left + (p.page.block_width_mm - spec.rule_width_mm) / 2
        rules = () if self.h.preprinted else (
            HeaderRule(
                Rule(x0, x0 + spec.rule_width_mm, y, spec.rule_thickness_mm, p.color("red"), "red_line"),
                last,
            ),
        )  # fmt: skip
        return HeaderPlan(tuple(texts), rules, self.slot_at_least(y + spec.blank_lines_after * self.pitch))

    def letter(self) -> HeaderPlan:
        spec, p, h = self.spec, self.p, self.h
        letter = spec.letter
        assert letter is not None  # HeaderSpec checks it
        if len(h.issuers) > 1:
            raise LayoutError("信函只印主办机关的标志（§10.1）；提示：header.issuer 只写一个机关")
        if h.signers:
            raise LayoutError("信函不标注签发人（§10.1）；提示：去掉 header.signers")
        mark = self.mark()
        centre = self.left + p.page.block_width_mm / 2
        x0, x1 = centre - letter.rule_length_mm / 2, centre + letter.rule_length_mm / 2
        top = mark.ink_bottom + letter.rule_gap_mm
        below = top + letter.thick_mm + letter.space_mm + letter.thin_mm  # the first double line's lower edge
        bottom = p.page.height_mm - letter.bottom_rule_above_page_bottom_mm
        red = p.color("red")
        rules = () if h.preprinted else tuple(
            HeaderRule(Rule(x0, x1, y, thickness, red, "letter_rule"))
            for y, thickness in (
                (top + letter.thick_mm / 2, letter.thick_mm),  # 上粗下细
                (below - letter.thin_mm / 2, letter.thin_mm),
                (bottom - letter.thick_mm - letter.space_mm - letter.thin_mm / 2, letter.thin_mm),  # 上细下粗
                (bottom - letter.thick_mm / 2, letter.thick_mm),
            )
        )  # fmt: skip
        first_em_top = below + letter.text_gap_em * self.body_em
        items = self.flush_items()
        count = max(len(items), 1 if h.doc_number else 0)
        texts = []
        for i, (text, style_name, element) in enumerate(items):
            baseline = first_em_top + i * self.pitch + p.grid.baseline_in_em * pt_to_mm(p.style(style_name).size_pt)
            texts.append(self.text(text, style_name, element, self.left, baseline, -1, "left"))
        texts += mark.texts  # the text order of Document.all_text
        if h.doc_number:
            style = p.style(spec.doc_number_style)
            width = self.span(h.doc_number, style)
            if items and texts[0].x + texts[0].width + p.char_pitch_mm > self.right - width:
                raise LayoutError(f"发文字号 {h.doc_number} 和 {items[0][0]!r} 在一行内排不下；提示：缩短其中的文字")
            baseline = first_em_top + p.grid.baseline_in_em * pt_to_mm(style.size_pt)
            texts.append(
                self.text(h.doc_number, spec.doc_number_style, "doc_number", self.right - width, baseline, -1, "right")
            )
        last_bottom = self.line_bottom(first_em_top + (count - 1) * self.pitch + self.body_em) if count else below
        return HeaderPlan(tuple(texts), rules, self.slot_at_least(last_bottom + spec.blank_lines_after * self.pitch))
