"""Document model (公文的结构): plain dataclasses, no YAML, no reportlab, no docx.

The loader builds it from a content file; the layout engine and every renderer read it.
Heading numbers (一、（一）1.（1）) are not stored as text: a heading knows its level and
its ordinal among its siblings, and the profile's label formats turn those into text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading ordinals)."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading ordinal {n} outside 1..99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def format_date(date: dt.date) -> str:
    """成文日期: Arabic digits, full year, no leading zeros (§7.3.5.4): 2021年11月23日."""
    return f"{date.year}年{date.month}月{date.day}日"


@dataclass(frozen=True)
class SourceRef:
    """Where a model element came from in the content file (for messages and lint)."""

    file: str
    line: int
    field: str


@dataclass
class Paragraph:
    """A body paragraph (自然段): indented two characters, wrapped lines flush left."""

    text: str
    source: SourceRef | None = None


@dataclass
class Heading:
    """A numbered heading (结构层次序数) of level 1–4.

    ``text`` is the heading itself; ``run_in`` is body text that continues in the same
    paragraph after it (level-2 headings ending in 。 are commonly run in).
    """

    level: int
    ordinal: int
    text: str
    run_in: str | None = None
    source: SourceRef | None = None

    def label(self, formats: tuple[str, ...]) -> str:
        """The number as printed, e.g. ``（二）`` for level 2, ordinal 2."""
        return formats[self.level - 1].format(cn=chinese_numeral(self.ordinal), n=self.ordinal)


Block = Paragraph | Heading

SealMode = Literal["reserve", "image", "none"]


@dataclass
class Seal:
    """印章: a reserved area (stamped by hand after printing) or the organ's seal image."""

    mode: SealMode = "reserve"
    image: Path | None = None


@dataclass
class Signature:
    """发文机关署名 + 成文日期 + 印章 (§7.3.5)."""

    issuers: list[str]
    date: dt.date
    seal: Seal = field(default_factory=Seal)

    @property
    def date_text(self) -> str:
        return format_date(self.date)


@dataclass
class Document:
    """One 公文 as the user wrote it, validated and normalised."""

    title: str
    body: list[Block]
    profile: str = "gbt9704"
    addressees: list[str] = field(default_factory=list)
    signature: Signature | None = None
    author: str = ""
    source: Path | None = None

    def all_text(self, heading_formats: tuple[str, ...]) -> str:
        """Every character the document prints, in reading order (for completeness checks)."""
        parts = [self.title]
        if self.addressees:
            parts.append("、".join(self.addressees) + "：")
        for block in self.body:
            if isinstance(block, Heading):
                parts.append(block.label(heading_formats) + block.text + (block.run_in or ""))
            else:
                parts.append(block.text)
        if self.signature:
            parts.extend(self.signature.issuers)
            parts.append(self.signature.date_text)
        return "".join(parts)
