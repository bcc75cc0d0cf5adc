"""Small helpers shared by the PDF and DOCX rules: heading labels and colours."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

from ..model import chinese_numeral
from ..profile import Profile

T = TypeVar("T")
Color = tuple[float, float, float]

CN_NUMERAL = "[一二三四五六七八九十]+"
HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_END = re.compile("[。；！？]$")  # a paragraph (or its line) that ends a sentence
# dates that §7.3.5.4 rules out: Chinese numerals (二〇二一年十一月) and leading zeros (01月05日)
CN_DATE = re.compile(r"[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?")
ZERO_DATE = re.compile(r"\d{4}年(?:0\d月(?:\d{1,2}日)?|\d{1,2}月0\d日)")
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+[条章节]")  # 第一条: heading numbers start again
ASCII_LABEL = re.compile(r"^\(([一二三四五六七八九十]+|\d+)\)")  # "(一)" typed with ASCII brackets
LEVEL_NUMBER = (re.compile(r"^([一二三四五六七八九十]+)、"), re.compile(r"^（([一二三四五六七八九十]+)）"))
CN_VALUES = {chinese_numeral(i): i for i in range(1, 100)}  # 一 → 1 … 九十九 → 99


# Chinese size names (Word/WPS mapping), written with Arabic digits as GB/T 9704 does
SIZE_NAMES = {42: "初号", 36: "小初", 26: "1号", 24: "小1号", 22: "2号", 18: "小2号", 16: "3号", 15: "小3号",
              14: "4号", 12: "小4号", 10.5: "5号", 9: "小5号", 7.5: "6号"}  # fmt: skip


def size_zh(pt: float) -> str:
    """16 → '3号（16磅）'; a size without a name → '13磅'."""
    name = SIZE_NAMES.get(pt)
    return f"{name}（{pt:g}磅）" if name else f"{pt:g}磅"


def label_patterns(profile: Profile) -> list[tuple[int, re.Pattern[str]]]:
    """Heading label formats of the profile ("（{cn}）") as anchored patterns, by level."""
    patterns = []
    for level, label in enumerate(profile.headings.labels, start=1):
        parts = re.split(r"(\{cn\}|\{n\})", label)
        regex = "".join(CN_NUMERAL if p == "{cn}" else r"\d+" if p == "{n}" else re.escape(p) for p in parts)
        patterns.append((level, re.compile(f"^{regex}(?!\\d)")))  # "3." of "3.5%" is a number, not a label
    return patterns


def hex_rgb(color: str) -> Color:
    """'#FF0000' or 'FF0000' → (1.0, 0.0, 0.0); raises ValueError for other text."""
    value = color.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not an RGB colour: {color!r}")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def distance(a: Color, b: Color) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


def is_red(color: Color | None, profile: Profile) -> bool:
    return color is not None and distance(color, hex_rgb(profile.color("red"))) <= profile.check.red_distance


def is_black(color: Color | None, profile: Profile) -> bool:
    return color is not None and distance(color, hex_rgb(profile.color("black"))) <= profile.check.black_distance


def most_common(weighted: Iterable[tuple[T, float]]) -> T | None:
    """The value with the largest total weight (first seen wins a tie)."""
    totals: Counter[T] = Counter()
    for value, weight in weighted:
        totals[value] += weight
    return totals.most_common(1)[0][0] if totals else None
