"""Loader: valid content becomes the model; each kind of bad input is a clear error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from officialdoc.errors import ContentError
from officialdoc.load import load_document, load_text
from officialdoc.model import Heading, Paragraph, chinese_numeral

GOOD = """\
title: 关于做好2022年法治建设工作的通知
addressees: [各村（居）委会, 镇属各单位]
body:
  - 为做好法治建设工作,现通知如下:
  - heading: 总体要求
    body:
      - heading: 强化学习。
        text: 各单位要认真学习(每月一次)。
      - heading: 依法行政。
  - heading: 工作措施
signature:
  issuer: 台山市大江镇人民政府
  date: 2022年1月5日
  seal: reserve
"""


def load(text: str):
    return load_text(text, Path("doc.yaml"))


def error(text: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        load(text)
    return info.value


def test_good_document_builds_the_model():
    result = load(GOOD)
    doc = result.document
    assert doc.title == "关于做好2022年法治建设工作的通知"
    assert doc.addressees == ["各村（居）委会", "镇属各单位"]
    kinds = [(type(b).__name__, getattr(b, "level", 0), getattr(b, "ordinal", 0)) for b in doc.body]
    assert kinds == [("Paragraph", 0, 0), ("Heading", 1, 1), ("Heading", 2, 1), ("Heading", 2, 2), ("Heading", 1, 2)]
    assert doc.signature is not None
    assert doc.signature.date == dt.date(2022, 1, 5)
    assert doc.signature.date_text == "2022年1月5日"
    assert doc.author == "台山市大江镇人民政府"


def test_headings_are_numbered_from_nesting():
    doc = load(GOOD).document
    labels = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")
    headings = [b for b in doc.body if isinstance(b, Heading)]
    assert [h.label(labels) for h in headings] == ["一、", "（一）", "（二）", "二、"]
    assert headings[1].run_in == "各单位要认真学习（每月一次）。"


def test_half_width_punctuation_is_normalised_and_reported():
    result = load(GOOD)
    first = result.document.body[0]
    assert isinstance(first, Paragraph)
    assert first.text == "为做好法治建设工作，现通知如下："
    fields = {n.field for n in result.notices}
    assert {"body[0]", "body[1].body[0].text"} <= fields
    notes = [n for n in result.notices if n.field == "body[0]"]
    assert all(n.line == 4 for n in notes)
    assert any("read by YAML as a key" in n.message for n in notes)
    assert any(",→，" in n.message and ":→：" in n.message for n in notes)


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]


@pytest.mark.parametrize(
    ("text", "line", "field", "needle"),
    [
        ("title: [unclosed\nbody: [a]\n", 2, "", "malformed YAML"),
        ("title: 通知\nbody: [正文]\nsignatre: {}\n", 3, "signatre", "did you mean 'signature'"),
        ("title: 通知\nbody: 正文\n", 2, "body", "expected a list"),
        ("title: {a: 1}\nbody: [正文]\n", 1, "title", "expected text"),
        ("title: ''\nbody: [正文]\n", 1, "title", "is empty"),
        ("body: [正文]\n", 1, "title", "missing"),
        (
            "title: 通知\nbody: [正文]\nsignature: {issuer: 某局, date: 2021-02-30}\n",
            3,
            "signature.date",
            "impossible date",
        ),
        ("title: 通知\nbody: [正文]\nsignature: {issuer: 某局, date: 明天}\n", 3, "signature.date", "not a date"),
        ("title: 通知\nbody:\n  - heading: 一、总体要求\n", 3, "body[0].heading", "typed number"),
        ("title: 通知\nbody:\n  - heading: 甲\n    txt: 乙\n", 4, "body[0].txt", "did you mean 'text'"),
        (
            "title: 通知\nbody: [正文]\nsignature: {issuer: 某局, date: 2021-01-01, seal: x.gif}\n",
            3,
            "signature.seal",
            "PNG/JPEG",
        ),
        (
            "title: 通知\nbody: [正文]\nsignature: {issuer: 某局, date: 2021-01-01, seal: missing.png}\n",
            3,
            "signature.seal",
            "not found",
        ),
        ("title: 通知\nbody: []\n", 2, "body", "is empty"),
    ],
)
def test_bad_input_names_file_line_field_and_hint(text, line, field, needle):
    exc = error(text)
    assert exc.file == "doc.yaml"
    assert exc.line == line
    assert exc.field == field
    assert needle in str(exc)
    assert "hint:" in str(exc)


def test_too_deep_nesting_is_an_error():
    text = (
        "title: 通知\nbody:\n"
        + "".join("  " * (2 * i) + "- heading: 标题\n" + "  " * (2 * i) + "  body:\n" for i in range(5))
        + "  " * 10
        + "- 正文\n"
    )
    exc = error(text)
    assert "four levels" in str(exc)


def test_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        load_document(tmp_path / "nope.yaml")
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("title: 关于\n".encode("gbk"))
    with pytest.raises(ContentError, match="UTF-8"):
        load_document(bad)


def test_scalars_are_text_not_yaml_types():
    doc = load("title: 'no'\nbody:\n  - 2021\n  - yes\n").document
    assert doc.title == "no"
    assert [b.text for b in doc.body if isinstance(b, Paragraph)] == ["2021", "yes"]
