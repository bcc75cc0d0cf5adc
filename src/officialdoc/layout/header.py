"""版头 (§7.2) and the chapter-10 marks: 份号, 密级, 紧急程度, issuer mark, 发文字号, 签发人, red line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..model import Document

if TYPE_CHECKING:
    from .engine import Flow, LayoutEngine


def place_header(engine: LayoutEngine, flow: Flow, doc: Document) -> None:
    """Not written yet."""
    raise LayoutError("header is not supported yet")
