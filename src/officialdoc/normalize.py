"""Text normalisation of content (GB/T 15834 punctuation in Chinese text).

Half-width punctuation next to Chinese text becomes full-width; every change is reported
so that nothing is altered silently.
"""

from __future__ import annotations

from dataclasses import dataclass

# Half-width marks that have a full-width form in Chinese running text.
FULL_WIDTH = {
    ",": "，",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}


def is_cjk(ch: str) -> bool:
    """A Han character or a full-width (CJK) punctuation mark or symbol."""
    code = ord(ch)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or ch in "“”‘’—…·"
    )


@dataclass(frozen=True)
class Replacement:
    index: int
    old: str
    new: str


def _neighbour(text: str, start: int, step: int) -> str:
    i = start
    while 0 <= i < len(text):
        if not text[i].isspace():
            return text[i]
        i += step
    return ""


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """Index pairs of matching half-width round brackets."""
    stack: list[int] = []
    pairs = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i))
    return pairs


def full_width_punctuation(text: str) -> tuple[str, list[Replacement]]:
    """Replace half-width , : ; ? ! ( ) in Chinese context by their full-width forms.

    A mark is in Chinese context when the nearest non-space character on either side is
    CJK; the two brackets of a pair change together, so "各村(居)设立", "(一)" and
    "(1)加强" all get full-width brackets. Between digits ("10:30", "1,000")
    and inside Latin text nothing changes.
    """
    chinese = [False] * len(text)
    for i, ch in enumerate(text):
        if ch in FULL_WIDTH:
            before, after = _neighbour(text, i - 1, -1), _neighbour(text, i + 1, 1)
            chinese[i] = bool(before and is_cjk(before)) or bool(after and is_cjk(after))
    for left, right in _bracket_pairs(text):
        chinese[left] = chinese[right] = chinese[left] or chinese[right]
    chars = list(text)
    changes: list[Replacement] = []
    for i, ch in enumerate(text):
        if chinese[i]:
            chars[i] = FULL_WIDTH[ch]
            changes.append(Replacement(i, ch, chars[i]))
    return "".join(chars), changes
