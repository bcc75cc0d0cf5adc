"""附件说明 (§7.3.4) and attachment pages (§7.3.7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import LayoutError
from ..model import Attachment, Document

if TYPE_CHECKING:
    from .engine import Flow, LayoutEngine


def place_attachment_note(engine: LayoutEngine, flow: Flow, attachments: list[Attachment]) -> None:
    """Not written yet."""
    raise LayoutError("attachments is not supported yet")


def place_attachment_pages(engine: LayoutEngine, flow: Flow, doc: Document) -> None:
    """Attachment pages; not written yet."""
    if any(a.body for a in doc.attachments):
        raise LayoutError("attachment pages are not supported yet")
