"""Line material: a line positioned across the block, waiting for its grid slot.

A leaf of the layout package: element modules build lines with these helpers and never
import the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..profile import Profile, TextStyle, pt_to_mm
from .linebreak import BrokenLine
from .measure import Glyph, span_pt
from .page import TextRun


@dataclass
class PendingLine:
    """A line waiting for its slot: positioned horizontally, placed vertically by Flow.place."""

    runs: list[TextRun]  # baselines are set when the line gets its slot
    element: str
    justified: bool
    hanging: bool
    style: TextStyle


def centred_line(profile: Profile, glyphs: list[Glyph], tracking: float, element: str, style: TextStyle) -> PendingLine:
    """One line of ``glyphs`` centred across the block (the tracking after the last glyph is
    not part of its width)."""
    width = pt_to_mm(span_pt(glyphs, tracking))
    x = profile.page.block_left + (profile.page.block_width_mm - width) / 2
    return PendingLine(make_runs(tuple(glyphs), x, tracking, profile.color(style.color)), element, False, False, style)


def make_runs(glyphs: tuple[Glyph, ...], x: float, char_space_pt: float, color: str) -> list[TextRun]:
    """Split a glyph sequence starting at ``x`` into runs of one face, element and size (and at
    a Chinese/Latin gap, which a run's even character spacing cannot carry)."""
    runs: list[TextRun] = []
    current: list[Glyph] = []

    def flush() -> None:
        nonlocal x
        if not current:
            return
        width = pt_to_mm(sum(g.advance_pt + char_space_pt + g.space_after_pt for g in current))
        first = current[0]
        runs.append(
            TextRun(
                "".join(g.ch for g in current),
                x,
                0.0,
                first.face,
                first.style.size_pt,
                char_space_pt,
                color,
                first.element,
                width,
            )
        )
        x += width
        current.clear()

    for glyph in glyphs:
        if current and (
            (glyph.face, glyph.element, glyph.style.size_pt)
            != (current[0].face, current[0].element, current[0].style.size_pt)
            or current[-1].space_after_pt  # a run spaces its glyphs evenly: a new one after a gap
        ):
            flush()
        current.append(glyph)
    flush()
    return runs


def justify(line: BrokenLine, tracking: float) -> float:
    """Char spacing of a line: a non-final line spans the full available width; a final
    line keeps the grid's tracking unless that would overflow (it was filled tighter)."""
    if len(line.glyphs) < 2:
        return tracking
    full = (line.width_pt - tracking - span_pt(line.glyphs, 0.0)) / (len(line.glyphs) - 1)
    return min(tracking, full) if line.last else full


def set_lines(
    broken: list[BrokenLine],
    x_first: float,
    x_rest: float,
    tracking: float,
    last_tracking: float,
    color: str,
    element: str,
    style: TextStyle,
    label: list[TextRun] | None = None,
) -> list[PendingLine]:
    """Justified lines of a broken paragraph (``label``: runs that open its first line); a
    mark hung past the edge keeps the grid's tracking."""
    result = []
    for i, line in enumerate(broken):
        x = x_first if i == 0 else x_rest
        char_space = justify(line, last_tracking if line.last else tracking)
        runs = (list(label) if label and i == 0 else []) + make_runs(line.glyphs, x, char_space, color)
        if line.hanging:
            end = x + pt_to_mm(span_pt(line.glyphs, char_space) + char_space)
            runs += make_runs(line.hanging, end, tracking, color)
        result.append(PendingLine(runs, element, not line.last, bool(line.hanging), style))
    return result
