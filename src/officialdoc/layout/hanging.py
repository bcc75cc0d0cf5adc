"""Paragraphs with a label and a hanging indent: 附件说明 items and the 版记's 主送/抄送 rows.

The label ("附件：1.", "抄送：") starts at ``label_x``; the text starts at ``text_x`` on the
first line and every wrapped line starts there too (回行时与冒号后/名称首字对齐). Lines are
broken like body lines and justified between ``text_x`` and ``right``, except the last.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..profile import Profile, mm_to_pt, pt_to_mm
from .flow import Typesetter
from .linebreak import break_lines
from .lines import PendingLine, make_runs, set_lines
from .measure import clusters, shape, span_pt


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


def hanging_lines(
    engine: Typesetter, item: HangingItem, label_style: str | None = None, text_style: str | None = None
) -> list[PendingLine]:
    """The item's lines, positioned horizontally; Flow.place gives them their slots. The
    label and the text may have styles of their own (纪要: a 黑体 label), else the item's."""
    p = engine.profile
    label_style, text_style = label_style or item.style, text_style or item.style
    style = p.style(text_style)
    tracking = p.tracking_pt(style)
    color = p.color(style.color)
    label = tuple(engine.shaped(item.label, label_style, item.element))
    width = mm_to_pt(item.right - item.text_x)
    text = engine.shaped(item.text, text_style, item.element)
    # the 版记 is a table in the DOCX, and a mark never hangs past a cell's edge (layout.table)
    rules = replace(p.punctuation, hanging="") if text_style == p.record.style else p.punctuation
    broken = break_lines(clusters(text, rules.inseparable), width, width, p.fit_tracking_pt(style), rules)
    label_runs = make_runs(label, item.label_x, p.tracking_pt(p.style(label_style)), color)
    # justified as body lines are
    return set_lines(broken, item.text_x, item.text_x, tracking, tracking, color, item.element, style, label_runs)
