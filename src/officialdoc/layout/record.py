"""版记 (§7.4) at the foot of the last page, which is even; page-number exceptions (§7.5).

Rows, top to bottom: 主送 (moved from under the title), 抄送 ("抄送：" then the names
joined by "，" ending "。", wrapped lines under the first name), the 印数 ("共印60份",
local practice, flush right one character in, a row of its own), then 印发机关 (one
character in on the left) and 印发日期 (one character in on the right) on one line. The
rows take the last lines of the body grid, so the last rule (thick) lies on the block's
bottom edge; the first rule (thick) lies on the top of the first row; a thin rule
separates the 印发 line from the rows above it. 主送 and 抄送 have no rule between them.
A 信函 (§10.1) has neither the 印发 line nor the rules (profile: record.print_line, rules).

The record goes on the last page when that page is even and has room under its text (and
under a seal); otherwise on the next page, or, when that one would be odd, on the page
after a blank page. Then neither page carries a number (§7.5, see engine._page_numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import LayoutError
from ..fonts import FontSet
from ..forms import ADDRESSEES_LABEL, CC_LABEL
from ..model import RecordBlock
from ..profile import Profile, pt_to_mm
from .flow import Flow, Typesetter
from .hanging import HangingItem, advance_mm, hanging_lines
from .lines import PendingLine, make_runs
from .measure import text_span_mm
from .page import Page, Rule

RECORD_ELEMENTS = ("record_addressees", "record_cc", "record_copies", "record_printer")  # its lines (the date is a run)


@dataclass(frozen=True)
class RecordPlan:
    """The record's rows, horizontally: labelled rows, then the 印发 line (if any)."""

    rows: tuple[HangingItem, ...]  # 主送, 抄送
    printer: str | None  # 印发机关
    print_date: str  # "2021年11月23日印发", or ""
    printer_x0: float  # mm from the page's left edge
    date_x0: float
    copies: str = ""  # 共印5份 (local practice): a row of its own, flush right one character in
    copies_x0: float = 0.0


@dataclass(frozen=True)
class RecordPlacement:
    """Where the record went: its rows' heights and grid lines, what stands above it."""

    plan: RecordPlan
    row_lines: tuple[int, ...]  # grid lines of each row (a wrapped 抄送 takes several), top to bottom
    first_slot: int  # grid line of its first row
    text_slots: int  # grid lines the page's text takes above it (0: the page is the record's alone)
    blank_page_before: bool  # an unnumbered blank page stands before its page (§7.5)


def plan_record(record: RecordBlock, profile: Profile, fonts: FontSet) -> RecordPlan:
    spec = profile.record
    style = profile.style(spec.style)
    indent = pt_to_mm(spec.side_indent_chars * spec.side_indent_char_pt)
    left, right = profile.page.block_left + indent, profile.page.block_right - indent
    rows = []
    labelled = ((ADDRESSEES_LABEL, record.addressees, "record_addressees"), (CC_LABEL, record.cc, "record_cc"))
    for label, names, element in labelled:
        if names:
            text_x = left + advance_mm(label, spec.style, profile, fonts) + pt_to_mm(spec.label_gap_pt)
            rows.append(HangingItem(label, "，".join(names) + "。", left, text_x, right, spec.style, element))
    date = record.print_date_text
    if date and not spec.print_line:
        raise LayoutError(
            f"版记：样式 {profile.name} 不印印发机关和印发日期（§10.1 信函）；提示：去掉 record.printer 和 record.date"
        )
    date_x0 = right - text_span_mm(date, style, profile, fonts)
    if record.printer and left + text_span_mm(record.printer, style, profile, fonts) > date_x0 - indent:
        raise LayoutError(f"版记：印发机关 {record.printer!r} 和印发日期在一行内排不下；提示：印发机关用简称")
    copies_x0 = right - text_span_mm(record.copies_text, style, profile, fonts)
    return RecordPlan(tuple(rows), record.printer, date, left, date_x0, record.copies_text, copies_x0)


def place_record(engine: Typesetter, flow: Flow, record: RecordBlock) -> RecordPlacement:
    p = engine.profile
    spec = p.record
    plan = plan_record(record, p, engine.fonts)
    row_lines = [hanging_lines(engine, row) for row in plan.rows]
    lines: list[PendingLine] = [line for row in row_lines for line in row]
    if plan.copies:
        lines.append(_copies_line(engine, plan))
    heights = [len(row) for row in row_lines] + [1] * (bool(plan.copies) + bool(plan.print_date))
    above = len(lines)  # rows above the 印发 line
    if plan.print_date:
        lines.append(_print_line(engine, plan))
    start = p.grid.lines - len(lines)
    if start < 1:
        raise LayoutError(f"版记有 {len(lines)} 行，所在页已无空行；提示：精简抄送机关")
    page = flow.pages[-1]
    if page.index % 2 == 1 or _first_free_slot(page, flow.slot, p) > start:
        if page.index % 2 == 0:
            flow.new_page()  # the blank page before an even record page
        flow.new_page()
    flow.slot = start
    page = flow.pages[-1]
    text_slots = max((line.slot + 1 for line in page.lines), default=0)
    blank_before = len(flow.pages) > 1 and not (flow.pages[-2].lines or flow.pages[-2].rules)
    placement = RecordPlacement(plan, tuple(heights), start, text_slots, blank_before)
    for line in lines:
        flow.place(line)
    if not spec.rules:  # 信函 (§10.1)
        return placement
    top = p.page.block_top + start * p.line_pitch_mm
    black = p.color("black")
    rules = [(top, spec.thick_rule_mm)]
    if plan.print_date and above:
        rules.append((top + above * p.line_pitch_mm, spec.thin_rule_mm))
    rules.append((p.page.block_bottom, spec.thick_rule_mm))
    page.rules += [Rule(p.page.block_left, p.page.block_right, y, t, black, "record_rule") for y, t in rules]
    return placement


def _print_line(engine: Typesetter, plan: RecordPlan) -> PendingLine:
    """印发机关 left, 印发日期 right, one line."""
    p = engine.profile
    style = p.style(p.record.style)
    color, tracking = p.color(style.color), p.tracking_pt(style)
    runs = []
    if plan.printer:
        glyphs = engine.shaped(plan.printer, p.record.style, "record_printer")
        runs += make_runs(tuple(glyphs), plan.printer_x0, tracking, color)
    glyphs = engine.shaped(plan.print_date, p.record.style, "record_date")
    runs += make_runs(tuple(glyphs), plan.date_x0, tracking, color)
    return PendingLine(runs, "record_printer", False, False, style)


def _copies_line(engine: Typesetter, plan: RecordPlan) -> PendingLine:
    """共印5份, flush right one character in."""
    p = engine.profile
    style = p.style(p.record.style)
    glyphs = engine.shaped(plan.copies, p.record.style, "record_copies")
    runs = make_runs(tuple(glyphs), plan.copies_x0, p.tracking_pt(style), p.color(style.color))
    return PendingLine(runs, "record_copies", False, False, style)


def _first_free_slot(page: Page, slot: int, profile: Profile) -> int:
    """The first grid line under the page's text and under every seal on it."""
    bottoms = [seal.cy + seal.height / 2 for seal in page.seals]
    below_seals = [math.ceil((b - profile.page.block_top) / profile.line_pitch_mm - 1e-9) for b in bottoms]
    return max([slot, *below_seals])


def is_record_page(page: Page) -> bool:
    return any(line.element in RECORD_ELEMENTS for line in page.lines)
