"""Title line breaking (§7.3.1): balanced lines in a trapezoid or diamond shape.

An explicit line break in the content is respected. Otherwise a title too long for one
line is split into as few lines as fit, choosing the breaks that make the lines most
even while keeping a trapezoid (lengths only grow or only shrink) or a diamond (grow,
then shrink) — never an equal-length rectangle or a long-short-long hourglass — and
never inside 《》 or “” (unless the quoted name is longer than a line), a run of
digits/Latin, or a word of the profile's list (文种 such as 通知, 意见, and 关于), and never
against the line-start and line-end rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from ..errors import LayoutError
from ..fonts import FontSet
from ..profile import Profile, TextStyle, mm_to_pt
from .measure import Cluster, clusters, shape, span_pt

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〔": "〕"}
EQUAL_PT = 2.0  # lines within 2 pt count as the same length
PREFERRED_BONUS_PT = 44.0  # a break at a phrase boundary is worth two characters of imbalance


def _preferred(items: list[Cluster], profile: Profile) -> set[int]:
    """Break positions at phrase boundaries: before 关于, after a book title or a pause mark."""
    text = "".join(c.text for c in items)
    offsets = [0, *itertools.accumulate(len(c.text) for c in items)]
    good = set()
    for i in range(1, len(items)):
        before, after = text[: offsets[i]], text[offsets[i] :]
        if any(after.startswith(w) for w in profile.title.break_before) or any(
            before.endswith(w) for w in profile.title.break_after
        ):
            good.add(i)
    return good


def _protected(text: str, words: tuple[str, ...]) -> set[int]:
    """Character offsets a line may not start at: inside one of the given words."""
    inside: set[int] = set()
    for word in words:
        start = text.find(word)
        while start >= 0:
            inside.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    return inside


def _breakable(items: list[Cluster], profile: Profile, *, inside_pairs: bool = False) -> list[int]:
    """Indices i where a line may end before items[i]."""
    rules = profile.punctuation
    offsets = list(itertools.accumulate(len(c.text) for c in items))
    protected = _protected("".join(c.text for c in items), profile.title.unbreakable_words)
    depth = 0
    allowed = []
    for i, cluster in enumerate(items):
        if (
            i
            and (depth == 0 or inside_pairs)
            and offsets[i - 1] not in protected
            and cluster.first not in rules.cannot_start
            and items[i - 1].last not in rules.cannot_end
        ):
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
    for inside_pairs in (False, True):  # a 《name》 longer than a line has to break inside
        allowed = _breakable(items, profile, inside_pairs=inside_pairs)
        lines = _balanced(items, allowed, _preferred(items, profile), limit, width)
        if lines:
            return lines
    raise LayoutError(f"title cannot be broken into lines within the block: {text}")


def _balanced(
    items: list[Cluster], allowed: list[int], preferred: set[int], limit: float, width: Callable[[int, int], float]
) -> list[str] | None:
    """The most even breaking into as few lines as fit, in an allowed shape."""
    for count in range(2, len(allowed) + 2):
        best: tuple[float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(allowed, count - 1):
            bounds = (0, *cuts, len(items))
            widths = [width(a, b) for a, b in itertools.pairwise(bounds)]
            if max(widths) > limit or not _shape_ok(widths):
                continue
            score = max(widths) - min(widths) - PREFERRED_BONUS_PT * sum(cut in preferred for cut in cuts)
            if best is None or score < best[0]:
                best = (score, cuts)
        if best is not None:
            bounds = (0, *best[1], len(items))
            return ["".join(c.text for c in items[a:b]) for a, b in itertools.pairwise(bounds)]
    return None
