"""Content keys for real documents (issue #9): the loader's keys against docs/content.md,
each new key into the model, each mistake as file:line:field with a hint, and the one gate
that refuses what the layout cannot place yet."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from loading import error, load
from officialdoc.api import render_document
from officialdoc.load import LOADER_KEYS, load_document
from officialdoc.model import Article, CellSpan, Chapter, Heading, NumberedParagraph, Paragraph, Table, label_formats
from officialdoc.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "content.md"
HEAD = "title: 关于印发某办法的通知\nbody: [现印发给你们。]\n"
EMB = HEAD + "embedded:\n  - "
SIG = HEAD + "signature: "
SIGNERS = "signers: [{title: 县长, name: 王某}]"
ATT = HEAD + "attachments:\n  - "


# -- the loader's keys and the document -----------------------------------------------------


def documented_keys() -> dict[str, set[str]]:
    text = DOCS.read_text(encoding="utf-8")
    index = text[text.index("## Key index") :]
    rows = re.findall(r"^\| ([^|`]+?) \| ((?:`[^`]+` ?)+)\|$", index, re.MULTILINE)
    return {where: set(re.findall(r"`([^`]+)`", keys)) for where, keys in rows}


def test_key_index_lists_exactly_the_loaders_keys():
    documented = documented_keys()
    loader = {where: set(keys) for where, keys in LOADER_KEYS.items()}
    assert documented.keys() == loader.keys()
    for where, keys in loader.items():
        assert documented[where] - keys == set(), f"{where}: documented, not accepted"
        assert keys - documented[where] == set(), f"{where}: accepted, not documented"


def test_every_key_is_explained_outside_the_index():
    text = DOCS.read_text(encoding="utf-8")
    prose = text[: text.index("## Key index")]
    for where, keys in LOADER_KEYS.items():
        for key in keys:
            assert re.search(rf"`(?:[\w\[\].]*\.)?{key}`|\b{key}:", prose), f"{where}.{key} is not explained"


# -- each new key into the model ------------------------------------------------------------


def test_doc_number_without_header():
    doc = load("doc_number: 青政发〔2024〕9号\n" + HEAD).document
    assert doc.doc_number == "青政发〔2024〕9号" and doc.header is None


def test_embedded_document_has_its_own_parts():
    doc = load(
        HEAD
        + """embedded:
  - title: 关于开展汛期安全隐患大排查的请示
    subtitle: （县应急管理局 2024年5月22日）
    doc_number: 青应急〔2024〕21号
    addressees: [县人民政府]
    body: [妥否，请批示。]
    signature: {issuer: 青溪县应急管理局, date: 2024-05-22}
    note: （联系人：陈晓明）
    attachments: [排查清单]
"""
    ).document
    (embedded,) = doc.embedded
    part = embedded.part
    assert embedded.title == "关于开展汛期安全隐患大排查的请示" and embedded.new_page
    assert part.subtitle == "（县应急管理局 2024年5月22日）" and part.doc_number == "青应急〔2024〕21号"
    assert part.addressees == ["县人民政府"] and part.note == "联系人：陈晓明"
    assert part.signature is not None and part.signature.issuers == ["青溪县应急管理局"]
    assert not part.signature.sealed  # a copy of a document carries no seal
    assert [a.title for a in part.attachments] == ["排查清单"]
    assert embedded.body == [Paragraph("妥否，请批示。", embedded.body[0].source)]


def test_attachment_that_is_a_whole_document():
    doc = load(
        HEAD
        + """attachments:
  - title: 关于马鬃山村地质灾害调查情况的报告
    name: 马鬃山村地质灾害调查报告
    addressees: [县人民政府]
    body: [特此报告。]
    signature: {issuer: 青溪县自然资源局, date: 2024-07-02}
    attachments:
      - {title: 隐患点统计表, body: [见表。]}
"""
    ).document
    (attachment,) = doc.attachments
    assert attachment.note_name == "马鬃山村地质灾害调查报告"
    assert attachment.part is not None and attachment.part.addressees == ["县人民政府"]
    assert [a.title for a in attachment.part.attachments] == ["隐患点统计表"]


def test_title_line_breaks_stay_title_lines_and_the_note_joins_them():
    result = load(
        "title: |\n  关于某省某县某镇某村\n    地质情况调研的通知\nbody: [正文。]\n"
        "attachments:\n  - title: |\n      关于某村\n      地质情况的报告\n    body: [正文。]\n"
    )
    doc = result.document
    assert doc.title == "关于某省某县某镇某村\n地质情况调研的通知"
    assert doc.attachments[0].title == "关于某村\n地质情况的报告"
    assert doc.attachments[0].note_name == "关于某村地质情况的报告"
    assert any(n.field == "attachments[0].title" and "连成一行" in n.message for n in result.notices)


def test_merged_cells_header_block_and_unit():
    doc = load(
        """title: 通知
body:
  - table:
      unit: 单位：亩
      split_rows: true
      header:
        - [{text: 乡镇, rows: 2}, {text: 建设任务, cols: 2}]
        - [新建, 改造]
      rows:
        - [{text: 城关镇, rows: 2}, '1', '2']
        - ['3', '4']
        - [{text: 合计, cols: 2}, '10']
"""
    ).document
    (table,) = doc.body
    assert isinstance(table, Table)
    assert table.header_rows == [["乡镇", "建设任务", ""], ["", "新建", "改造"]]
    assert table.rows == [["城关镇", "1", "2"], ["", "3", "4"], ["合计", "", "10"]]
    assert [(s.row, s.col, s.rows, s.cols) for s in table.spans] == [
        (0, 0, 2, 1),
        (0, 1, 1, 2),
        (2, 0, 2, 1),
        (4, 0, 1, 2),
    ]
    assert table.unit == "单位：亩" and table.split_rows
    assert all(isinstance(span, CellSpan) for span in table.spans)


def test_numbered_paragraphs_articles_and_chapters():
    doc = load(
        """title: 条例
body:
  - chapter: 总则
    body:
      - article: 为了加强管理，制定本条例。
      - article: 应当遵守下列规定：
        body:
          - 前款所称规定，是指本条例。
          - numbered: [不得占用绿地；, 不得损毁树木。]
            style: （一）
  - chapter: 附则
    body:
      - article: 本条例自公布之日起施行。
  - numbered: [制定计划。, 组织考核。]
"""
    ).document
    kinds = [type(b).__name__ for b in doc.body]
    assert kinds == ["Chapter", "Article", "Article", "Chapter", "Article", "NumberedParagraph", "NumberedParagraph"]
    chapter, _, second, _, third, one, two = doc.body
    assert isinstance(chapter, Chapter) and chapter.label == "第一章"
    assert isinstance(third, Article) and third.label == "第三条"
    assert isinstance(second, Article) and [type(b).__name__ for b in second.body] == [
        "Paragraph",
        "NumberedParagraph",
        "NumberedParagraph",
    ]
    assert [b.label for b in second.body if isinstance(b, NumberedParagraph)] == ["（一）", "（二）"]
    assert isinstance(one, NumberedParagraph) and (one.label, two.label) == ("一是", "二是")


@pytest.mark.parametrize(
    ("style", "labels"),
    [
        ("一是", ["一是", "二是"]),
        ("第一", ["第一，", "第二，"]),
        ("（一）", ["（一）", "（二）"]),
        ("1.", ["1.", "2."]),
        ("（1）", ["（1）", "（2）"]),
    ],
)
def test_numbered_styles(style, labels):
    doc = load(f"title: 通知\nbody:\n  - numbered: [甲。, 乙。]\n    style: '{style}'\n").document
    assert [b.label for b in doc.body if isinstance(b, NumberedParagraph)] == labels


def test_decimal_headings_and_contents():
    doc = load(
        """title: 预案
heading_scheme: decimal
contents: 2
body:
  - heading: 总则
    body:
      - heading: 编制目的
        body:
          - heading: 总体目标
      - heading: 适用范围
  - heading: 附则
"""
    ).document
    headings = [b for b in doc.body if isinstance(b, Heading)]
    spec = load_profile().headings  # the decimal label is the profile's
    formats = label_formats(spec.labels, spec.decimal_label)
    assert [h.label(formats) for h in headings] == ["1　", "1.1　", "1.1.1　", "1.2　", "2　"]
    assert doc.heading_scheme == "decimal" and doc.contents is not None and doc.contents.levels == 2


def test_signature_forms_marks_publication_and_copies():
    doc = load(
        """profile: gbt9704-letter
title: 答复
header: {marks: [A类, 公开], issuer: 青溪县交通运输局, doc_number: 青交建字〔2024〕12号}
body: [正文。]
signature:
  signers: [{title: 县长, name: 王建国}]
  date: 2024-03-08
publication: （此件公开发布）
record: {cc: [县政府办公室], copies: 60}
"""
    ).document
    assert doc.header is not None and doc.header.marks == ["A类", "公开"]
    assert doc.signature is not None and [s.text for s in doc.signature.signers] == ["县长\u3000王建国"]
    assert doc.signature.issuers == [] and doc.signature.seal.mode == "none"
    assert doc.publication == "此件公开发布"
    assert doc.record is not None and doc.record.copies_text == "共印60份"
    dated = load(SIG + "{date: 2024-06-25}\n").document.signature
    assert dated is not None and dated.date_only and dated.date == dt.date(2024, 6, 25)


# -- each mistake: file, line, field and a hint ---------------------------------------------

TABLE = "title: 通知\nbody:\n  - table:\n      header: [甲, 乙, 丙]\n      rows:\n"


@pytest.mark.parametrize(
    ("text", "line", "field", "needle"),
    [
        (HEAD + "embeded: []\n", 3, "embeded", "是不是 embedded"),
        (HEAD + "embedded: {title: 办法}\n", 3, "embedded", "应为文件列表"),
        (EMB + "title: 办法\n", 4, "embedded[0].body", "缺少"),
        (EMB + "{title: 办法, body: [正文], subtile: 甲}\n", 4, "embedded[0].subtile", "subtitle"),
        (EMB + "title: 办法\n    body: [正文]\n    signature: {issuer: 某局, date: 2024-01-01, seal: reserve}\n",
         6, "embedded[0].signature.seal", "不盖印章"),
        (EMB + "{title: 办法。, body: [正文]}\n", 4, "embedded[0].title", "末尾有标点"),
        (EMB + "{title: 办法, body: [正文], new_page: 也许}\n", 4, "embedded[0].new_page", "true 或 false"),
        ("header: {issuer: 某局}\ndoc_number: 某发〔2024〕1号\n" + HEAD, 2, "doc_number", "header.doc_number"),
        ("doc_number: 某发(2024)1号\n" + HEAD, 1, "doc_number", "用错了括号"),
        (ATT + "{title: 报告, addressees: [县政府]}\n", 4, "attachments[0].body", "要有正文"),
        (ATT + "{title: 报告, name: 报告。, body: [正文]}\n", 4, "attachments[0].name", "末尾有标点"),
        (
            ATT + "title: 报告\n    body: [正文]\n    attachments:\n"
            "      - {title: 表, body: [甲], bound_separately: true}\n",
            7, "attachments[0].attachments[0].bound_separately", "不能单独装订",
        ),
        (TABLE + "        - [{text: 甲, cols: 4}]\n", 6, "body[0].table.rows[0][0].cols", "跨出表格右边"),
        (TABLE + "        - [{text: 甲, rows: 3}, 乙, 丙]\n"
        "        - [乙, 丙]\n", 6, "body[0].table.rows[0][0].rows", "跨出表格底边"),
        (
            "title: 通知\nbody:\n  - table:\n      header:\n        - [{text: 甲, rows: 3}, 乙]\n"
            "        - [丙]\n      rows: [[1, 2]]\n",
            5, "body[0].table.header[0][0].rows", "跨出表头底边",
        ),
        (
            TABLE + "        - [甲, {text: 乙, rows: 2}, 丙]\n        - [{text: 丁, cols: 2}, 戊]\n",
            7, "body[0].table.rows[1][0]", "重叠",
        ),
        (TABLE + "        - [{text: 甲, rows: 2}, 乙, 丙]\n"
         "        - [甲, 乙, 丙]\n", 7, "body[0].table.rows[1]", "表头只有 3 列"),
        (TABLE + "        - [{text: 甲, cols: 2}]\n", 6, "body[0].table.rows[0]", "只有 2 个单元格"),
        (TABLE + "        - [{text: 甲}, 乙, 丙]\n", 6, "body[0].table.rows[0][0]", "没有跨行或跨列"),
        (TABLE + "        - [{text: 甲, cols: 零}, 乙]\n", 6, "body[0].table.rows[0][0].cols", "整数"),
        (TABLE + "        - [{txt: 甲, cols: 2}, 乙]\n", 6, "body[0].table.rows[0][0].txt", "是不是 text"),
        (TABLE + "        - [甲, 乙, 丙]\n      unit: 万元\n", 7, "body[0].table.unit", "单位"),
        ("title: 通知\nbody:\n  - numbered: [甲]\n    style: 其一\n", 4, "body[0].style", "可用"),
        ("title: 通知\nbody:\n  - numbered: [一是甲]\n", 3, "body[0].numbered[0]", "手写了编号"),
        ("title: 通知\nbody:\n  - numbered: 甲\n", 3, "body[0].numbered", "段落列表"),
        ("title: 通知\nbody:\n  - article: 第一条 为了管理\n", 3, "body[0].article", "条号"),
        ("title: 通知\nbody:\n  - article: 甲\n    body:\n      - heading: 乙\n", 5, "body[0].body[0]", "只能有段落"),
        ("title: 通知\nbody:\n  - article: 甲\n    bdy: [乙]\n", 4, "body[0].bdy", "是不是 body"),
        ("title: 通知\nbody:\n  - chapter: 总则\n", 3, "body[0].body", "缺少"),
        (
            "title: 通知\nbody:\n  - heading: 甲\n    body:\n      - chapter: 总则\n        body: [乙]\n",
            5, "body[0].body[0]", "最外层",
        ),
        ("title: 通知\nbody:\n  - chapter: 第一章 总则\n    body: [甲]\n", 3, "body[0].chapter", "章号"),
        ("title: 通知\nheading_scheme: decimal\nbody:\n  - heading: 一、总则\n", 4, "body[0].heading", "混用"),
        ("title: 通知\nbody:\n  - heading: 1.1 编制目的\n", 3, "body[0].heading", "heading_scheme: decimal"),
        ("title: 通知\nheading_scheme: decimal\nbody:\n  - heading: 1.1 编制目的\n", 4, "body[0].heading", "自动生成"),
        ("title: 通知\nheading_scheme: roman\nbody: [甲]\n", 2, "heading_scheme", "decimal"),
        (HEAD + "contents: 7\n", 3, "contents", "1到4"),
        (SIG + "{issuer: 某局, " + SIGNERS + ", date: 2024-01-01}\n", 3, "signature", "只能写其中一个"),
        (SIG + "{signers: [{title: 县长}], date: 2024-01-01}\n", 3, "signature.signers[0].name", "缺少"),
        (SIG + "{" + SIGNERS + ", date: 2024-01-01, seal: reserve}\n", 3, "signature.seal", "不带印章"),
        (SIG + "{signers: 王某, date: 2024-01-01}\n", 3, "signature.signers", "签署人列表"),
        (SIG + "{date: 2024-01-01, signature_seals: [{title: 镇长}]}\n", 3, "signature.signature_seals", "署名"),
        (HEAD + "record: {copies: 五}\n", 3, "record.copies", "整数"),
        (HEAD + "record: {copies: 0}\n", 3, "record.copies", "整数"),
        ("header: {issuer: 某局, marks: {a: b}}\n" + HEAD, 1, "header.marks", "应为名称列表"),
    ],
)  # fmt: skip
def test_mistakes_name_file_line_field_and_hint(text, line, field, needle):
    exc = error(text)
    assert (exc.file, exc.line, exc.field) == ("doc.yaml", line, field), str(exc)
    assert needle in str(exc)
    assert exc.hint


def test_attachment_title_with_a_line_break_renders(tmp_path, shared_dir, fontset):
    source = shutil.copy(shared_dir / "repro" / "att_title_newline.yaml", tmp_path / "att.yaml")
    loaded = load_document(source)
    assert any("连成一行" in notice.message for notice in loaded.notices)
    (pdf, _), _ = render_document(loaded.document, tmp_path, ["pdf", "docx"], fonts=fontset)
    with pdfplumber.open(pdf) as document:
        page1 = [line["text"].replace(" ", "") for line in document.pages[0].extract_text_lines()]
        page2 = [line["text"].replace(" ", "") for line in document.pages[1].extract_text_lines()]
    assert "附件：关于某省某县某镇某村地质情况调研情况的报告" in page1
    assert page2[1:3] == ["关于某省某县某镇某村", "地质情况调研情况的报告"]
