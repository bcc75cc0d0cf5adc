"""Paragraphs with a label and a hanging indent: 附件说明 items and the 版记's 主送/抄送 rows.

The label ("附件：1.", "抄送：") starts at ``label_x``; the text starts at ``text_x`` on the
first line and every wrapped line starts there too (回行时与冒号后/名称首字对齐). Lines are
broken like body lines and justified between ``text_x`` and ``right``, except the last.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..fonts import FontSet
from ..profile import Profile, mm_to_pt, pt_to_mm
from .linebreak import break_lines
from .measure import clusters, shape, span_pt

if TYPE_CHECKING:
    from .engine import LayoutEngine, PendingLine


@dataclass(frozen=True)
class HangingItem:
    """One labelled paragraph; x positions in mm from the page's left edge."""

    label: str
    text: str
    label_x: float
    text_x: float
    right: float  # lines end here
    style: str  # key of Profile.styles
    element: str


def advance_mm(text: str, style_name: str, profile: Profile, fonts: FontSet) -> float:
    """Advance of a text set in a style at its grid tracking (where the next glyph starts)."""
    style = profile.style(style_name)
    tracking = profile.tracking_pt(style)
    glyphs = shape(text, style, "", fonts, profile.grid.han_latin_space_em)
    return pt_to_mm(span_pt(glyphs, tracking) + tracking)


def hanging_lines(engine: LayoutEngine, item: HangingItem) -> list[PendingLine]:
    """The item's lines, positioned horizontally; Flow.place gives them their slots."""
    from .engine import PendingLine, make_runs  # the engine imports this module's users

    p = engine.profile
    style = p.style(item.style)
    tracking = p.tracking_pt(style)
    color = p.color(style.color)
    label = tuple(engine.shaped(item.label, item.style, item.element))
    width = mm_to_pt(item.right - item.text_x)
    text = engine.shaped(item.text, item.style, item.element)
    # the 版记 is a table in the DOCX, and a mark never hangs past a cell's edge (layout.table)
    rules = replace(p.punctuation, hanging="") if item.style == p.record.style else p.punctuation
    broken = break_lines(clusters(text, p.punctuation.inseparable), width, width, p.fit_tracking_pt(style), rules)
    result = []
    for i, line in enumerate(broken):
        runs = make_runs(label, item.label_x, tracking, color) if i == 0 else []
        char_space = engine._justify(line, tracking)  # as body lines are justified
        runs += make_runs(line.glyphs, item.text_x, char_space, color)
        if line.hanging:
            end = item.text_x + pt_to_mm(span_pt(line.glyphs, char_space) + char_space)
            runs += make_runs(line.hanging, end, tracking, color)
        result.append(PendingLine(runs, item.element, not line.last, bool(line.hanging), style))
    return result
