"""The seed document content/2021.yaml is a complete, faithful transcription of its source.

The source is a copy of the published web page, kept in tests/data/seed-source-2021.txt (a
public report of a town government, with the page's navigation and footer lines). The page
lost its full-width punctuation and the numbers of the first two items of section 六; the
YAML restores both and types no heading numbers. The check regenerates the printed text
from the YAML (title, numbered headings, paragraphs, issuer, date) and compares it
character for character with the source body.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content" / "2021.yaml"
SOURCE = REPO / "tests" / "data" / "seed-source-2021.txt"

# Half-width marks the web page used in place of full-width Chinese punctuation.
FULL_WIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？", "!": "！"})
ASCII_MARKS = re.compile(r"[,():;?!]")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TYPED_NUMBER = re.compile(
    r"^\s*("
    r"[一二三四五六七八九十百]+\s*[、.．,，]"  # 一、
    r"|[（(]\s*[一二三四五六七八九十百\d]*\s*[）)]"  # （一） （1） ()
    r"|\d+\s*[.．、,，)）]"  # 1. 1、 1)
    r"|第[一二三四五六七八九十百\d]+[章节条部分]"  # 第一章
    r"|[①-⑳]"
    r")"
)

# Web-page chrome around the report: navigation before the title, QR code line, copyright
# block, contact line and footer after the signature.
NAV_LINES = ["您访问的链接即将离开“大江镇人民政府”门户网站 是否继续?", "继续访问放弃", "您现在的位置 :"]
TRAILER_FIRST = "扫一扫在手机打开当前页"
TRAILER_LAST = "党务公开 - 台山市人民政府门户网站"
TITLE = "大江镇2021年法治建设工作情况报告"
ISSUER = "台山市大江镇人民政府"
DATE = "2021年11月23日"


def chinese_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    return {1: f"{chinese_numeral(n)}、", 2: f"（{chinese_numeral(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


@pytest.fixture(scope="module")
def doc() -> dict:
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def source_text() -> str:
    """The source report body: web chrome dropped, whitespace removed, punctuation restored."""
    lines = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    # Navigation: exactly the three known lines, then the title.
    assert lines[: len(NAV_LINES)] == NAV_LINES
    assert lines[len(NAV_LINES)] == TITLE
    # Trailer: from the QR-code line to the footer, nothing of the report after it.
    end = lines.index(TRAILER_FIRST)
    trailer = lines[end:]
    assert trailer[1].startswith("版权声明")
    assert trailer[-2].startswith("联系方式")
    assert trailer[-1] == TRAILER_LAST
    assert len(trailer) == 5, trailer
    text = re.sub(r"\s+", "", "".join(lines[len(NAV_LINES) : end]))
    # The page lost the numbers of items (一) and (二) of section 六.
    assert text.count("()") == 2
    text = text.replace("()", "(一)", 1).replace("()", "(二)", 1)
    return text.translate(FULL_WIDTH)


def strings(node: object, where: str = ""):
    """Every scalar value in the loaded YAML, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, f"{where}[{i}]")
    else:
        yield where, node


def headings(body: list, level: int = 1, where: str = "body"):
    for i, item in enumerate(body):
        if isinstance(item, dict):
            yield f"{where}[{i}]", level, item
            yield from headings(item.get("body", []), level + 1, f"{where}[{i}].body")


def printed(body: list, level: int = 1) -> list[str]:
    """The paragraphs as printed: generated numbers, run-in text joined to its heading."""
    out: list[str] = []
    n = 0
    for item in body:
        if isinstance(item, str):
            out.append(item)
            continue
        assert isinstance(item, dict), item
        n += 1
        out.append(heading_number(level, n) + item["heading"] + item.get("text", ""))
        out.extend(printed(item.get("body", []), level + 1))
    return out


def printed_date(value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value)) or re.fullmatch(
        r"(\d{4})年(\d{1,2})月(\d{1,2})日", str(value)
    )
    assert match, f"not a date: {value!r}"
    year, month, day = (int(g) for g in match.groups())
    return f"{year}年{month}月{day}日"


def test_every_value_is_text(doc):
    for where, value in strings(doc):
        if where == "signature.date":
            assert isinstance(value, dt.date | str), (where, value)
        else:
            assert isinstance(value, str), f"{where} loaded as {type(value).__name__}: {value!r}"
            assert value == value.strip() and value, where


def test_top_level(doc):
    assert doc["profile"] == "gbt9704"
    assert doc["title"] == TITLE
    assert doc["signature"]["issuer"] == ISSUER
    assert printed_date(doc["signature"]["date"]) == DATE
    assert doc["signature"]["seal"] == "reserve"


def test_faithful_to_source(doc, source_text):
    parts = [doc["title"], *printed(doc["body"]), doc["signature"]["issuer"], printed_date(doc["signature"]["date"])]
    generated = "".join(parts)
    if generated != source_text:
        i = next((k for k, (a, b) in enumerate(zip(generated, source_text, strict=False)) if a != b), None)
        i = min(len(generated), len(source_text)) if i is None else i
        pytest.fail(
            f"differs at {i} (generated {len(generated)} chars, source {len(source_text)}):\n"
            f"  yaml:   …{generated[max(0, i - 20) : i + 30]}\n"
            f"  source: …{source_text[max(0, i - 20) : i + 30]}"
        )


def test_no_half_width_punctuation_in_chinese_text(doc):
    for where, value in strings(doc):
        if isinstance(value, str) and CJK.search(value):
            assert not ASCII_MARKS.search(value), f"{where}: half-width mark in {value!r}"
            assert not re.search(r"\s", value), f"{where}: whitespace in {value!r}"


def test_no_typed_heading_numbers(doc):
    found = list(headings(doc["body"]))
    assert found
    for where, _level, item in found:
        assert set(item) <= {"heading", "text", "body"}, where
        assert not TYPED_NUMBER.match(item["heading"]), f"{where}.heading starts with a typed number: {item['heading']}"
        if "text" in item:
            assert not TYPED_NUMBER.match(item["text"]), f"{where}.text starts with a typed number: {item['text']}"


def test_structure(doc):
    body = doc["body"]
    # Opening paragraph, sections 一 to 六, closing paragraph back at the top level.
    assert isinstance(body[0], str) and body[0].startswith("2021年，大江镇认真贯彻")
    assert isinstance(body[-1], str) and body[-1].startswith("2021年我镇党员干部和广大群众")
    sections = body[1:-1]
    assert [type(s) for s in sections] == [dict] * 6
    shape = [["p" if isinstance(x, str) else "h" for x in s["body"]] for s in sections]
    assert shape == [["h"] * 2, ["h"] * 3, ["h"] * 2, ["h"] * 3, ["p"], ["p", "h", "h", "h"]]
    for where, level, item in headings(body):
        assert level <= 2, where
        if level == 1:
            assert "text" not in item and not item["heading"].endswith("。"), where
        else:
            # Run-in item: the heading is the first sentence, the rest of the paragraph follows.
            assert "body" not in item and item["text"], where
            assert item["heading"].endswith("。") and item["heading"].count("。") == 1, where
