"""Loader: valid content becomes the model; each kind of bad input is a clear error."""

from __future__ import annotations

import datetime as dt

import pytest

from loading import error, load
from officialdoc.errors import ContentError
from officialdoc.load import load_document
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
    assert any("被 YAML 读成了键" in n.message for n in notes)
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
        ("title: [unclosed\nbody: [a]\n", 2, "", "YAML 格式有误"),
        ("title: 通知\nbody: [正文]\nsignatre: {}\n", 3, "signatre", "是不是 signature"),
        ("title: 通知\nbody: 正文\n", 2, "body", "应为段落和标题的列表"),
        ("title: {a: 1}\nbody: [正文]\n", 1, "title", "应为文字"),
        ("title: ''\nbody: [正文]\n", 1, "title", "内容为空"),
        ("body: [正文]\n", 1, "title", "缺少"),
        (
            "title: 通知\nbody: [正文]\nsignature: {issuer: 某局, date: 2021-02-30}\n",
            3,
            "signature.date",
            "日期不存在",
        ),
        ("title: 通知\nbody: [正文]\nsignature: {issuer: 某局, date: 明天}\n", 3, "signature.date", "不是日期"),
        ("title: 通知\nbody:\n  - heading: 一、总体要求\n", 3, "body[0].heading", "手写了编号"),
        ("title: 通知\nbody:\n  - heading: 甲\n    txt: 乙\n", 4, "body[0].txt", "是不是 text"),
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
            "找不到印章图片",
        ),
        ("title: 通知\nbody: []\n", 2, "body", "正文为空"),
    ],
)
def test_bad_input_names_file_line_field_and_hint(text, line, field, needle):
    exc = error(text)
    assert exc.file == "doc.yaml"
    assert exc.line == line
    assert exc.field == field
    assert needle in str(exc)
    assert "提示：" in str(exc)


def test_too_deep_nesting_is_an_error():
    text = (
        "title: 通知\nbody:\n"
        + "".join("  " * (2 * i) + "- heading: 标题\n" + "  " * (2 * i) + "  body:\n" for i in range(5))
        + "  " * 10
        + "- 正文\n"
    )
    exc = error(text)
    assert "最多四级" in str(exc)


def test_missing_file_and_bad_encoding(tmp_path):
    with pytest.raises(ContentError, match="找不到文件"):
        load_document(tmp_path / "nope.yaml")
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("title: 关于\n".encode("gbk"))
    with pytest.raises(ContentError, match="UTF-8"):
        load_document(bad)


def test_scalars_are_text_not_yaml_types():
    doc = load("title: 'no'\nbody:\n  - 2021\n  - yes\n").document
    assert doc.title == "no"
    assert [b.text for b in doc.body if isinstance(b, Paragraph)] == ["2021", "yes"]


FULL = """\
profile: gbt9704
header:
  copy_number: '000123'
  secrecy: 机密★1年
  urgency: 特急
  issuers: [台山市大江镇人民政府, 中共台山市大江镇委员会]
  suffix: 文件
  doc_number: 大江府〔2021〕12号
  signers: [张三, 李四]
title: 关于报送2021年法治建设工作情况的报告
addressees: 台山市人民政府
body:
  - 现将有关情况报告如下。
  - table:
      header: [项目, 数量]
      rows: [[宣传活动, 68], [资料, '']]
      widths: [3, 1]
attachments:
  - 大江镇2021年法治建设工作统计表
  - title: 大江镇法治宣传活动一览
    body: [活动共68场次。]
signature:
  issuers: [台山市大江镇人民政府, 中共台山市大江镇委员会]
  date: 2021-11-23
  seal: [reserve, reserve]
note: 此件公开发布
record:
  cc: [台山市司法局, 台山市法治办]
  printer: 台山市大江镇党政办公室
  date: 2021-11-24
"""


def test_every_element_of_the_standard_loads():
    doc = load(FULL).document
    h = doc.header
    assert h is not None
    assert (h.copy_number, h.secrecy, h.urgency, h.doc_number) == ("000123", "机密★1年", "特急", "大江府〔2021〕12号")
    assert h.issuers == ["台山市大江镇人民政府", "中共台山市大江镇委员会"] and h.mark_suffix == "文件"
    assert h.signers == ["张三", "李四"]
    table = doc.body[1]
    assert table.header == ["项目", "数量"] and table.rows == [["宣传活动", "68"], ["资料", ""]]
    assert table.widths == [3.0, 1.0]
    assert [a.title for a in doc.attachments] == ["大江镇2021年法治建设工作统计表", "大江镇法治宣传活动一览"]
    assert doc.attachments[1].body[0].text == "活动共68场次。"
    assert doc.signature.issuers[1] == "中共台山市大江镇委员会" and len(doc.signature.seals) == 2
    assert doc.note == "此件公开发布"
    assert doc.record.cc == ["台山市司法局", "台山市法治办"]
    assert doc.record.print_date_text == "2021年11月24日印发"


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("大江府(2021)12号", "用错了括号"),
        ("大江府[2021]12号", "用错了括号"),
        ("大江府【2021】12号", "用错了括号"),
        ("大江府〔2021〕第12号", "第"),
        ("大江府〔2021〕012号", "虚位"),
        ("大江府〔21〕12号", "不是发文字号"),
    ],
)
def test_malformed_document_numbers_are_errors_with_a_hint(value, needle):
    exc = error(f"title: 通知\nheader:\n  issuer: 某局\n  doc_number: {value}\nbody: [正文]\n")
    assert exc.field == "header.doc_number" and exc.line == 4
    assert needle in str(exc) and "〔2021〕12号" in str(exc)


@pytest.mark.parametrize(
    ("yaml_text", "field", "needle"),
    [
        ("header: {issuer: 某局, copy_number: 123}", "header.copy_number", "6 位阿拉伯数字"),
        ("header: {issuer: 某局, secrecy: 机密★一年}", "header.secrecy", "密级"),
        ("header: {issuer: 某局, urgency: 紧急}", "header.urgency", "紧急程度"),
        ("header: {copy_number: '000001'}", "header.issuer", "缺少发文机关标志"),
        ("attachments: [统计表。]", "attachments[0]", "末尾有标点"),
        ("record: {printer: 某办}", "record", "要同时写"),
        ("signature: {issuers: [甲, 乙], date: 2021-01-01, seal: [reserve]}", "signature.seal", "每个发文机关一个印章"),
    ],
)
def test_bad_header_attachment_record_and_signature(yaml_text, field, needle):
    exc = error(f"title: 通知\nbody: [正文]\n{yaml_text}\n")
    assert exc.field == field
    assert needle in str(exc)


def test_title_with_a_full_stop_is_an_error():
    assert "标题末尾有标点" in str(error("title: 关于开展检查的通知。\nbody: [正文]\n"))


def test_table_rows_must_match_the_header():
    exc = error("title: 通知\nbody:\n  - table:\n      header: [甲, 乙]\n      rows: [[1]]\n")
    assert exc.field == "body[0].table.rows[0]" and "2" in str(exc)
