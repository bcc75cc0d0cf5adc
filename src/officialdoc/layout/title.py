"""Title line breaking (§7.3.1): balanced lines in a trapezoid or diamond shape.

An explicit line break in the content is respected. Otherwise a title too long for one
line is split into as few lines as fit, choosing the breaks that make the lines most
even while keeping a trapezoid (lengths only grow or only shrink) or a diamond (grow,
then shrink) — never an equal-length rectangle or a long-short-long hourglass — and
never inside 《》 or “” or a run of digits/Latin, and never against the line-start and
line-end rules.
"""

from __future__ import annotations

import itertools

from ..fonts import FontSet
from ..profile import Profile, TextStyle, mm_to_pt
from .measure import Cluster, clusters, shape, span_pt

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〔": "〕"}
EQUAL_PT = 2.0  # lines within 2 pt count as the same length


def _breakable(items: list[Cluster], profile: Profile) -> list[int]:
    """Indices i where a line may end before items[i]."""
    rules = profile.punctuation
    depth = 0
    allowed = []
    for i, cluster in enumerate(items):
        if i and depth == 0 and cluster.first not in rules.cannot_start and items[i - 1].last not in rules.cannot_end:
            allowed.append(i)
        for ch in cluster.text:
            if ch in PAIRS:
                depth += 1
            elif ch in PAIRS.values():
                depth = max(0, depth - 1)
    return allowed


def _shape_ok(widths: list[float]) -> bool:
    if len(widths) < 2:
        return True
    steps = [b - a for a, b in itertools.pairwise(widths)]
    signs = [0 if abs(s) < EQUAL_PT else (1 if s > 0 else -1) for s in steps]
    if all(s == 0 for s in signs):
        return False  # rectangle
    if all(s >= 0 for s in signs) or all(s <= 0 for s in signs):
        return True  # trapezoid
    peak = signs.index(-1) if -1 in signs else len(signs)
    return all(s >= 0 for s in signs[:peak]) and all(s <= 0 for s in signs[peak:])  # diamond


def break_title(title: str, style: TextStyle, profile: Profile, fonts: FontSet) -> list[str]:
    """The title's lines, each within the block width."""
    lines: list[str] = []
    for part in title.splitlines():
        if part.strip():
            lines.extend(_break_part(part.strip(), style, profile, fonts))
    return lines


def _break_part(text: str, style: TextStyle, profile: Profile, fonts: FontSet) -> list[str]:
    limit = mm_to_pt(profile.page.block_width_mm)
    items = clusters(
        shape(text, style, "title", fonts, profile.grid.han_latin_space_em), profile.punctuation.inseparable
    )

    def width(a: int, b: int) -> float:
        return span_pt([g for c in items[a:b] for g in c.glyphs], 0.0)

    if width(0, len(items)) <= limit:
        return [text]
    allowed = _breakable(items, profile)
    for count in range(2, len(items) + 1):
        best: tuple[float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(allowed, count - 1):
            bounds = (0, *cuts, len(items))
            widths = [width(a, b) for a, b in itertools.pairwise(bounds)]
            if max(widths) > limit or not _shape_ok(widths):
                continue
            score = max(widths) - min(widths)
            if best is None or score < best[0]:
                best = (score, cuts)
        if best is not None:
            bounds = (0, *best[1], len(items))
            return ["".join(c.text for c in items[a:b]) for a, b in itertools.pairwise(bounds)]
    raise ValueError(f"title cannot be broken into lines within the block: {text}")
