"""纪要 出席/请假/列席 (§10.3): after the body, one blank line below it, two characters in.

Each row is a paragraph: the label ("出席：", 黑体) at the indent, then the units and names
(仿宋) joined by "、"; wrapped lines start after the colon (回行时与冒号后的首字对齐). The
names are broken and justified like body lines between the colon and the block's right edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LayoutError
from ..fonts import FontSet
from ..model import Attendance
from ..profile import AttendanceSpec, Profile
from .flow import Flow, Typesetter
from .hanging import HangingItem, advance_mm, hanging_lines

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
            f"出席、请假、列席人员只用于纪要格式（§10.3），样式 {profile.name!r} 不是纪要；"
            "提示：写 profile: gbt9704-minutes"
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


def place_attendance(engine: Typesetter, flow: Flow, attendance: Attendance) -> tuple[AttendanceRow, ...]:
    p = engine.profile
    spec = attendance_spec(p)
    flow.skip(spec.blank_lines_before)
    rows = tuple(plan_attendance(attendance, p, engine.fonts))
    for row in rows:
        item = HangingItem(row.label, row.names, row.label_x, row.text_x, p.page.block_right, spec.names_style, ELEMENT)
        for line in hanging_lines(engine, item, spec.label_style):
            flow.place(line)
    return rows
