"""纪要 出席/请假/列席 (§10.3): after the body, one blank line below it, two characters in.

Each row is a paragraph: the label ("出席：", 黑体) at the indent, then the units and names
(仿宋) joined by "、"; wrapped lines start after the colon (回行时与冒号后的首字对齐). The
names are broken and justified like body lines between the colon and the block's right edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..fonts import FontSet
from ..model import Attendance
from ..profile import AttendanceSpec, Profile, mm_to_pt, pt_to_mm
from .hanging import advance_mm
from .linebreak import break_lines
from .measure import clusters, span_pt

if TYPE_CHECKING:
    from .engine import Flow, LayoutEngine

ELEMENT = "attendance"


@dataclass(frozen=True)
class AttendanceRow:
    """One row: ``label`` ("出席：") at ``label_x``, ``names`` from ``text_x`` on every line."""

    label: str
    names: str
    label_x: float
    text_x: float


def attendance_spec(profile: Profile) -> AttendanceSpec:
    if profile.attendance is None:
        raise LayoutError(
            f"出席/请假/列席 belong to the 纪要 format (§10.3), which profile {profile.name!r} is not; "
            "hint: profile: gbt9704-minutes"
        )
    return profile.attendance


def plan_attendance(attendance: Attendance, profile: Profile, fonts: FontSet) -> list[AttendanceRow]:
    spec = attendance_spec(profile)
    label_x = profile.page.block_left + spec.indent_chars * profile.char_pitch_mm
    rows = []
    for label, names in attendance.rows():
        text = label + "："
        rows.append(
            AttendanceRow(text, "、".join(names), label_x, label_x + advance_mm(text, spec.label_style, profile, fonts))
        )
    return rows


def place_attendance(engine: LayoutEngine, flow: Flow, attendance: Attendance) -> None:
    from .engine import PendingLine, make_runs  # the engine imports this module

    p = engine.profile
    spec = attendance_spec(p)
    style = p.style(spec.names_style)
    tracking = p.tracking_pt(style)
    color = p.color(style.color)
    flow.skip(spec.blank_lines_before)
    for row in plan_attendance(attendance, p, engine.fonts):
        label = tuple(engine.shaped(row.label, spec.label_style, ELEMENT))
        width = mm_to_pt(p.page.block_right - row.text_x)
        names = engine.shaped(row.names, spec.names_style, ELEMENT)
        broken = break_lines(
            clusters(names, p.punctuation.inseparable), width, width, p.fit_tracking_pt(style), p.punctuation
        )
        for i, line in enumerate(broken):
            runs = make_runs(label, row.label_x, p.tracking_pt(p.style(spec.label_style)), color) if i == 0 else []
            char_space = engine._justify(line, tracking)
            runs += make_runs(line.glyphs, row.text_x, char_space, color)
            if line.hanging:
                end = row.text_x + pt_to_mm(span_pt(line.glyphs, char_space) + char_space)
                runs += make_runs(line.hanging, end, tracking, color)
            flow.place(PendingLine(runs, ELEMENT, not line.last, bool(line.hanging), style))
