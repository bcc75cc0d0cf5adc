"""§7.3.5.5 facts: how layout kept the signature with the text above it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Keep:
    """§7.3.5.5 facts of the last text before the signature (paragraph, heading, table, 附件说明)."""

    tracking_pt: float | None = None  # set tighter: at this fit tracking instead of the style's
    with_signature: bool = False  # kept on the signature's page (keep with next)
    together: bool = False  # went over whole to start a new page (its lines kept together)
