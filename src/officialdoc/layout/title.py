"""Title line breaking (§7.3.1): balanced lines in a trapezoid or diamond shape.

An explicit line break in the content is respected. Otherwise a title too long for one
line is split into as few lines as fit, choosing the breaks that make the lines most
even while keeping a trapezoid (lengths only grow or only shrink) or a diamond (grow,
then shrink) — never an equal-length rectangle or a long-short-long hourglass — and
never inside 《》 or “” (unless the quoted name is longer than a line), a run of
digits/Latin, a word (jieba's segmentation: 配套, 马鬃山村, 秋冬季) or a word of the profile's
list (文种 such as 通知, 意见, and 关于), and never against the line-start and line-end rules.

The search is dynamic programming over break positions: a state is the last break, the
line before it and the shape so far; each state keeps only the partial breakings that no
other one beats on line count, longest line, shortest line and phrase-boundary breaks
(at most ``FRONT`` of them), so the time grows linearly with the title's length.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LayoutError
from ..fonts import FontSet
from ..profile import Profile, TextStyle, mm_to_pt
from .measure import Cluster, clusters, shape, span_pt

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "〔": "〕"}
EQUAL_PT = 2.0  # lines within 2 pt count as the same length
PREFERRED_BONUS_PT = 44.0  # a break at a phrase boundary is worth two characters of imbalance
PLACE_SUFFIXES = frozenset("省市县区镇乡村街州旗盟")  # jieba cuts 马鬃山|村: the suffix stays with its name
FRONT = 12  # partial breakings kept per state of the search


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


@functools.cache
def _word_starts(text: str) -> frozenset[int]:
    """Character offsets where a word starts, by jieba's segmentation.

    A one-character place suffix (马鬃山|村, 大江|镇) stays with the name before it.
    """
    tokens = _segmenter(text).tokenize(text)
    return frozenset(start for word, start, _ in tokens if not (start and word in PLACE_SUFFIXES))


def _segmenter(text: str) -> Any:
    """A jieba tokenizer whose dictionary holds only the words inside ``text`` (and their
    prefixes, as jieba's own prefix dictionary does): the same segmentation of ``text``
    without loading all 350 000 words (0.6 s) for one title."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dictionary, counts, total = _dictionary()
    inside = {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}
    words = {word: int(count) for word, count in zip(dictionary, counts, strict=True) if word in inside}
    for word in list(words):
        for end in range(1, len(word)):
            words.setdefault(word[:end], 0)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = words, total, True
    return tokenizer


@functools.cache
def _dictionary() -> tuple[list[str], list[str], int]:
    """jieba's dictionary (dict.txt: word, frequency, part of speech on each line): its words,
    their frequencies, and the sum of all frequencies."""
    location = importlib.util.find_spec("jieba")
    assert location is not None and location.submodule_search_locations
    fields = (Path(location.submodule_search_locations[0]) / "dict.txt").read_text(encoding="utf-8").split()
    words, counts = fields[0::3], fields[1::3]
    return words, counts, sum(map(int, counts))


def _breakable(items: list[Cluster], profile: Profile, *, inside_pairs: bool, inside_words: bool) -> list[int]:
    """Indices i where a line may end before items[i]."""
    rules = profile.punctuation
    offsets = list(itertools.accumulate(len(c.text) for c in items))
    text = "".join(c.text for c in items)
    protected = _protected(text, profile.title.unbreakable_words)
    words = None if inside_words else _word_starts(text)
    depth = 0
    allowed = []
    for i, cluster in enumerate(items):
        if (
            i
            and (depth == 0 or inside_pairs)
            and offsets[i - 1] not in protected
            and (words is None or offsets[i - 1] in words)
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

    @functools.cache
    def width(a: int, b: int) -> float:
        return span_pt([g for c in items[a:b] for g in c.glyphs], 0.0)

    if width(0, len(items)) <= limit:
        return [text]
    preferred = _preferred(items, profile)
    # a 《name》 longer than a line has to break inside; a word only when nothing else fits
    for inside_pairs, inside_words in ((False, False), (True, False), (True, True)):
        allowed = _breakable(items, profile, inside_pairs=inside_pairs, inside_words=inside_words)
        lines = _balanced(items, allowed, preferred, limit, width)
        if lines:
            return lines
    raise LayoutError(
        f"标题：无法在版心内排成梯形或菱形的几行：{text[:20]}…；"
        "提示：在标题里用换行自行分行（title: |），或缩短标题中不能断开的部分（书名号内的名称、长数字或英文）"
    )


@dataclass(frozen=True, slots=True)
class _Partial:
    """Lines laid so far: their count, longest and shortest width, phrase-boundary breaks."""

    lines: int
    longest: float
    shortest: float
    preferred: int
    cuts: tuple[int, ...]

    def score(self) -> tuple[int, float, tuple[int, ...]]:
        imbalance = self.longest - self.shortest - PREFERRED_BONUS_PT * self.preferred
        return self.lines, imbalance, self.cuts

    def beats(self, other: _Partial) -> bool:
        return (
            self.lines <= other.lines
            and self.longest <= other.longest
            and self.shortest >= other.shortest
            and self.preferred >= other.preferred
        )


def _keep(front: list[_Partial], new: _Partial) -> None:
    """Add ``new`` to a Pareto front unless beaten; bound the front to ``FRONT`` entries."""
    if any(old.beats(new) for old in front):
        return
    front[:] = [old for old in front if not new.beats(old)]
    front.append(new)
    if len(front) > FRONT:
        front.sort(key=_Partial.score)
        del front[FRONT:]


def _balanced(
    items: list[Cluster], allowed: list[int], preferred: set[int], limit: float, width: Callable[[int, int], float]
) -> list[str] | None:
    """The most even breaking into as few lines as fit, in an allowed shape.

    The shape: line widths only grow, only shrink, or grow then shrink (steps under
    ``EQUAL_PT`` count as level), never all level (a rectangle). A state is
    (last break, the break before it, shrinking yet, any step yet).
    """
    bounds = [0, *allowed, len(items)]
    states: list[dict[tuple[int, bool, bool], list[_Partial]]] = [{} for _ in bounds]
    for end in range(1, len(bounds)):
        w = width(0, bounds[end])
        if w > limit:
            break
        states[end][(0, False, False)] = [_Partial(1, w, w, 0, ())]
    done: list[_Partial] = []
    for here in range(1, len(bounds) - 1):
        cut = bounds[here]
        bonus = cut in preferred
        for (start, shrinking, stepped), front in states[here].items():
            before = width(bounds[start], cut)
            for end in range(here + 1, len(bounds)):
                w = width(cut, bounds[end])
                if w > limit:
                    break
                step = 0 if abs(w - before) < EQUAL_PT else (1 if w > before else -1)
                if shrinking and step > 0:
                    continue  # an hourglass
                key = (here, shrinking or step < 0, stepped or step != 0)
                target = done if end == len(bounds) - 1 else states[end].setdefault(key, [])
                if target is done and not key[2]:
                    continue  # a rectangle
                for part in front:
                    _keep(
                        target,
                        _Partial(
                            part.lines + 1,
                            max(part.longest, w),
                            min(part.shortest, w),
                            part.preferred + bonus,
                            (*part.cuts, cut),
                        ),
                    )
        states[here].clear()
    if not done:
        return None
    best = min(done, key=_Partial.score)
    edges = (0, *best.cuts, len(items))
    return ["".join(c.text for c in items[a:b]) for a, b in itertools.pairwise(edges)]
