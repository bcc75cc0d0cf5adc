"""Pagination facts of a plan: how layout kept text together (§7.3.5.5, headings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Keep:
    """How layout kept a block with what follows it.

    §7.3.5.5 facts of the last text before the signature (paragraph, heading, table, 附件说明),
    and a heading's start on a new page to keep its first body lines.
    """

    tracking_pt: float | None = None  # set tighter: at this fit tracking instead of the style's
    with_signature: bool = False  # kept on the signature's page (keep with next)
    together: bool = False  # went over whole to start a new page (its lines kept together)
    carry_from: int | None = None  # its lines from this character on went over with the signature
    new_page: bool = False  # a heading that starts a new page so its body lines stay with it
