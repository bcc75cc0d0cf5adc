"""纪要 出席/请假/列席 (§10.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..model import Attendance

if TYPE_CHECKING:
    from .engine import Flow, LayoutEngine


def place_attendance(engine: LayoutEngine, flow: Flow, attendance: Attendance) -> None:
    """Not written yet."""
    raise LayoutError("attendance is not supported yet")
