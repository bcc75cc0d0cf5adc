"""Which font role (仿宋, 黑体, 楷体 …) a font name in a PDF or DOCX can serve.

Names are matched against the profile's ``docx_name``, ``families`` and ``fallbacks`` of
every role, then against a few generic keywords (Hei/黑 → 黑体, Kai/楷 → 楷体 …) so that
fonts the profile does not list (Microsoft YaHei, 方正黑体_GBK …) are still recognised.
"""

from __future__ import annotations

import re
from functools import cache

from ..profile import Profile

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
MIN_CORE = 5  # a shorter name is too generic to be looked up inside a family name

# generic keywords, most specific first (小标宋 and 仿宋 both contain 宋)
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("xiaobiaosong", ("xiaobiaosong", "小标宋", "fzxbs")),
    ("fangsong", ("fangsong", "仿宋")),
    ("kaiti", ("kaiti", "楷", "kai")),
    ("heiti", ("heiti", "黑", "hei")),
    ("songti", ("songti", "宋", "simsun", "song", "ming")),
)


@cache
def clean_font_name(name: str) -> str:
    """Strip a subset prefix (ABCDEF+) and decode GBK names that arrive as Latin-1."""
    name = SUBSET_PREFIX.sub("", name)
    if any(0x80 <= ord(ch) <= 0xFF for ch in name):
        try:
            return name.encode("latin-1").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
    return name


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-,]+", "", text).lower()


def _split(name: str) -> tuple[str, str]:
    """'FandolSong-Bold' → ('fandolsong', 'bold'); 'SimHei,Bold' → ('simhei', 'bold')."""
    match = re.match(r"([^-,]*)(.*)", name)
    assert match is not None  # the pattern matches any string
    return _norm(match.group(1)), _norm(match.group(2))


class FontRoles:
    """Font name → the set of roles it can serve (empty when unrecognised)."""

    def __init__(self, profile: Profile):
        self.entries: list[tuple[str, str, str]] = []  # (role, normalised family, required style)
        for role, spec in profile.fonts.items():
            for family in (spec.docx_name, *spec.families, *spec.fallbacks):
                name, _, style = family.partition(":")
                self.entries.append((role, _norm(name), _norm(style)))
        self.keywords = tuple((role, words) for role, words in KEYWORDS if role in profile.fonts)
        self.lookup = cache(self._lookup)

    def _lookup(self, font_name: str) -> frozenset[str]:
        core, style = _split(clean_font_name(font_name))
        best: dict[str, int] = {}
        for role, family, wanted in self.entries:
            if wanted and wanted not in style:
                continue
            if family and (family in core or (len(core) >= MIN_CORE and core in family)):
                best[role] = max(best.get(role, 0), len(family))
        if best:
            longest = max(best.values())
            return frozenset(role for role, length in best.items() if length == longest)
        lowered = core + style
        for role, words in self.keywords:
            if any(word in lowered for word in words):
                return frozenset({role})
        return frozenset()

    def serves(self, font_name: str, role: str) -> bool | None:
        """True/False when the name is recognised, None when it is not."""
        roles = self.lookup(font_name)
        return None if not roles else role in roles
