"""Tables (§8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..model import Table

if TYPE_CHECKING:
    from .engine import Flow, LayoutEngine


def place_table(engine: LayoutEngine, flow: Flow, table: Table) -> None:
    """Not written yet."""
    raise LayoutError("table is not supported yet")
