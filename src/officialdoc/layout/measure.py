"""Shaping for the grid: text → glyphs with a face and an advance, grouped into clusters.

A cluster is the smallest unit a line may not be broken inside: one Chinese character,
a run of digits/Latin letters ("12000", "2021"), or an inseparable pair ("——", "……").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..profile import Profile, TextStyle, pt_to_mm


@dataclass(frozen=True)
class Glyph:
    ch: str
    face: str  # FontSet face key
    advance_pt: float  # natural advance, without tracking
    element: str
    style: TextStyle
    space_after_pt: float = 0.0  # Chinese/Latin spacing when the next glyph is of the other kind


@dataclass(frozen=True)
class Cluster:
    glyphs: tuple[Glyph, ...]

    @property
    def first(self) -> str:
        return self.glyphs[0].ch

    @property
    def last(self) -> str:
        return self.glyphs[-1].ch

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


def is_half_width(ch: str) -> bool:
    """Set in the style's Latin font: ASCII and Latin letters, half-width digits, spaces."""
    return ord(ch) < 0x2000 and ch not in "·"


def shape(text: str, style: TextStyle, element: str, fonts: FontSet, han_latin_space_em: float = 0.0) -> list[Glyph]:
    """One glyph per character, each in the face that can draw it (fallbacks are warned).

    Where a Chinese character meets a half-width digit or Latin letter (either way round),
    the glyph before the boundary gets ``han_latin_space_em`` of extra space after it.
    """
    glyphs = []
    for ch in text:
        role = style.latin if is_half_width(ch) else style.font
        face = fonts.face_for(role, ch)
        glyphs.append(Glyph(ch, face.key, fonts.advance_em(face.key, ch) * style.size_pt, element, style))
    if han_latin_space_em:
        gap = han_latin_space_em * style.size_pt
        for i, (a, b) in enumerate(itertools.pairwise(glyphs)):
            if _script_boundary(a.ch, b.ch):
                glyphs[i] = replace(a, space_after_pt=gap)
    return glyphs


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified or compatibility ideograph), not punctuation."""
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3134F


def _script_boundary(a: str, b: str) -> bool:
    """Han next to a half-width letter or digit (punctuation takes no extra space)."""
    return (is_han(a) and b.isalnum() and is_half_width(b)) or (is_han(b) and a.isalnum() and is_half_width(a))


def _joins(a: Glyph, b: Glyph, inseparable: tuple[str, ...]) -> bool:
    if a.ch + b.ch in inseparable:
        return True
    return is_half_width(a.ch) and is_half_width(b.ch) and not a.ch.isspace() and not b.ch.isspace()


def clusters(glyphs: list[Glyph], inseparable: tuple[str, ...]) -> list[Cluster]:
    groups: list[list[Glyph]] = []
    for glyph in glyphs:
        if groups and _joins(groups[-1][-1], glyph, inseparable):
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    return [Cluster(tuple(group)) for group in groups]


def span_pt(glyphs: list[Glyph] | tuple[Glyph, ...], tracking_pt: float) -> float:
    """Width from the first glyph's left edge to the last glyph's advance end."""
    if not glyphs:
        return 0.0
    gaps = sum(g.space_after_pt for g in glyphs[:-1])
    return sum(g.advance_pt for g in glyphs) + gaps + tracking_pt * (len(glyphs) - 1)


def text_span_mm(text: str, style: TextStyle, profile: Profile, fonts: FontSet) -> float:
    """Natural width of a one-line text in a style, tracked as the style sits on the grid."""
    glyphs = shape(text, style, "", fonts, profile.grid.han_latin_space_em)
    return pt_to_mm(span_pt(glyphs, profile.tracking_pt(style)))
