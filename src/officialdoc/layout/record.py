"""版记 (§7.4) on the last, even page; page-number exceptions (§7.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..model import RecordBlock

if TYPE_CHECKING:
    from .engine import Flow, LayoutEngine


def place_record(engine: LayoutEngine, flow: Flow, record: RecordBlock) -> None:
    """Not written yet."""
    raise LayoutError("record is not supported yet")
