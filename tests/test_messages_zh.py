"""Every message a user reads is Chinese (developers' brief): the errors of broken content,
profiles and layouts, the warnings of a render, the command line's help and output, and the
checker's text report.

A message passes when it has Chinese characters and, once the names it cites are taken out
(quoted text, file names and paths, field paths and YAML keys, proper names such as font
families, words a parser reports in its own language after 原文：), no English phrase (two
English words in a row) is left.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from officialdoc.api import render_file
from officialdoc.check.checker import check_file
from officialdoc.check.report import render_text
from officialdoc.cli import app
from officialdoc.errors import OfficialdocError
from officialdoc.load import load_text
from officialdoc.profile import load_profile
from test_hostile import CASES

QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’")
PATH = re.compile(r"(?:[\w.~+-]*/)+[\w.~+-]*|[\w.-]+\.(?:yaml|yml|png|jpe?g|gif|pdf|docx|ttf|otf|ttc|md)\b")
FIELD = re.compile(r"\b[A-Za-z_]\w*(?:\[\d+\])*(?:\.[A-Za-z_]\w*(?:\[\d+\])*)+|\b\w+\[\d+\]")  # body[3].heading
YAML_KEY = re.compile(r"\b[A-Za-z_]+:(?=[\s\[{]|$)")  # "heading_scheme: decimal" in a hint
NAMES = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+|\bofficialdoc \w+")  # Liberation Serif; officialdoc check
PARSER = re.compile(r"原文：[^）\n]*")  # a library's own words, cited
ENGLISH = re.compile(r"[A-Za-z]{4,}[\s,;:]+[A-Za-z]{3,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def english_left(message: str) -> list[str]:
    """The English phrases of ``message`` once the names it cites are taken out."""
    for pattern in (PARSER, QUOTED, PATH, FIELD, YAML_KEY, NAMES):
        message = pattern.sub(" ", message)
    return ENGLISH.findall(message)


def assert_chinese(message: str) -> None:
    assert CJK.search(message), message
    assert not english_left(message), message


def test_the_detector_finds_english_and_passes_names():
    assert english_left("doc.yaml:3: title: the title ends with punctuation")
    assert english_left("LibreOffice did not convert 2 file(s) within 60 s")
    assert english_left("DOCX: the reserved seal area is not outlined")
    for chinese in (
        "doc.yaml:4: body[0].table.rows[1]: 本行有 4 个单元格，表头只有 3 列",
        "fangsong：FandolFang Regular 中没有 '㐀'（U+3400），改用 AR PL UMing CN Light (uming.ttc) 显示",
        "小数点层次（heading_scheme: decimal）中混用了一、（一）式编号：一、总体…",
        "找不到印章图片：/tmp/pytest-of-root/x/missing seal.png",
        "YAML 格式有误：YAML 解析器无法读取（原文：while scanning a block scalar）",
    ):
        assert not english_left(chinese), chinese


HEAD = "title: 关于做好检查工作的通知\n"
SIG = "signature: {issuer: 某局, date: 2021-01-01"
TABLE = HEAD + "body:\n  - table:\n      header: [甲, 乙]\n      rows: "
# one broken input for each error the loader raises (the file, line and field are tested elsewhere)
BROKEN_CONTENT = [
    "",
    "- 甲\n",
    "title: [unclosed\nbody: [a]\n",
    "title: a: b\nbody: [a]\n",
    'title: "abc\nbody: [a]\n',
    "title: x\n\tbody: [a]\n",
    "title: x\n- a\n",
    'title: "a\\qb"\n',
    "title: 通知\nbody: [正文]\nsignatre: {}\n",
    "title: 通知\ntitle: 通知\nbody: [正文]\n",
    "title: {a: 1}\nbody: [正文]\n",
    "title: ''\nbody: [正文]\n",
    "body: [正文]\n",
    "title: 通知\nbody: 正文\n",
    "title: 通知\nbody: []\n",
    "title: 通知。\nbody: [正文]\n",
    HEAD + "body:\n  - [甲]\n",
    HEAD + "body:\n  - heading: 一、总体要求\n",
    HEAD + "body:\n  - heading: 1.1 总体要求\n",
    HEAD + "heading_scheme: decimal\nbody:\n  - heading: （一）总体要求\n",
    HEAD + "heading_scheme: roman\nbody: [正文]\n",
    HEAD
    + "body:\n"
    + "".join("  " * (2 * i) + "- heading: 标题\n" + "  " * (2 * i) + "  body:\n" for i in range(5))
    + "  " * 10
    + "- 正文\n",
    HEAD + "body:\n  - numbered: [一是加强领导]\n",
    HEAD + "body:\n  - numbered: [甲]\n    style: 甲是\n",
    HEAD + "body:\n  - article: 第一条 总则\n",
    HEAD + "body:\n  - heading: 甲\n    body:\n      - chapter: 总则\n        body: [正文]\n",
    TABLE + "[[1]]\n",
    TABLE + "[[1, 2, 3]]\n",
    TABLE + "[1]\n",
    TABLE + "[[1, 2]]\n      widths: [1, x]\n",
    TABLE + "[[1, 2]]\n      unit: 万元\n",
    TABLE + "[[{text: 甲}, 2]]\n",
    TABLE + "[[{text: 甲, cols: 3}]]\n",
    TABLE + "[[1, 2]]\n      landscape: 也许\n",
    HEAD + "header: {issuer: 某局, doc_number: 某发(2021)1号}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, doc_number: 某发〔2021〕第1号}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, doc_number: 某发〔2021〕01号}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, doc_number: 某发1号}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, copy_number: 123}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, secrecy: 机密★一年}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, urgency: 紧急}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, doc_number: 某发〔2021〕1号, order_number: 第1号}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, order_number: 第01号}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, signers: [张三]}\nbody: [正文]\n",
    HEAD + "header: {copy_number: '000001'}\nbody: [正文]\n",
    HEAD + "header: {issuer: 某局, marks: {a: b}}\nbody: [正文]\n",
    HEAD + "body: [正文]\nattachments: [统计表。]\n",
    HEAD + "body: [正文]\nattachments: 统计表\n",
    HEAD + "body: [正文]\nattachments:\n  - {title: 报告, bound_separately: true}\n",
    HEAD + "body: [正文]\nattachments:\n  - {title: 报告, body: [正文], bound_separately: true}\n",
    HEAD + "body: [正文]\nrecord: {printer: 某办}\n",
    HEAD + "body: [正文]\n" + SIG.replace("2021-01-01", "2021-02-30") + "}\n",
    HEAD + "body: [正文]\n" + SIG.replace("2021-01-01", "明天") + "}\n",
    HEAD + "body: [正文]\n" + SIG + ", seal: x.gif}\n",
    HEAD + "body: [正文]\n" + SIG + ", seal: missing.png}\n",
    HEAD + "body: [正文]\nsignature: {issuers: [甲, 乙], date: 2021-01-01, seal: [reserve]}\n",
    HEAD + "body: [正文]\nsignature: {issuer: 甲, signers: [{title: 县长, name: 张三}], date: 2021-01-01}\n",
    HEAD + "body: [正文]\n" + SIG + ", signature_seals: 镇长}\n",
    HEAD + "body: [正文]\nsignature: {issuers: [甲, 乙], date: 2021-01-01, signature_seals: [{title: 镇长}]}\n",
    HEAD + "body: [正文]\nembedded:\n  - title: 办法\n    body: []\n",
    HEAD + "body: [正文]\ncontents: 9\n",
]


@pytest.mark.parametrize("text", BROKEN_CONTENT, ids=range(len(BROKEN_CONTENT)))
def test_content_errors_are_chinese(text: str, tmp_path: Path):
    with pytest.raises(OfficialdocError) as info:
        load_text(text, tmp_path / "doc.yaml")
    assert_chinese(str(info.value))


def test_notices_are_chinese():
    result = load_text(HEAD + "body:\n  - 为做好工作, 现通知如下:\n  - 各村(居)设立\n", Path("doc.yaml"))
    assert len(result.notices) >= 2
    for notice in result.notices:
        assert_chinese(str(notice))


def _render_error(folder: Path, text: str, name: str = "doc.yaml") -> str:
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(OfficialdocError) as info:
        render_file(folder / name, folder / "out", ["pdf"])
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())
    return str(info.value)


@pytest.mark.parametrize("case", [c for c in CASES if c.status], ids=[c.name for c in CASES if c.status])
def test_hostile_input_is_refused_in_chinese(case, tmp_path: Path):
    """tests/test_hostile.py's table, rendered in this process."""
    doc = tmp_path / "doc.yaml"
    doc.write_bytes(case.text if isinstance(case.text, bytes) else case.text.encode("utf-8"))
    if case.extra:
        case.extra(tmp_path)
    with pytest.raises(OfficialdocError) as info:
        render_file(doc, tmp_path / "out", ["pdf"])
    assert_chinese(str(info.value))


LETTER = "profile: gbt9704-letter\ntitle: 关于商请支持的函\n"
LAYOUT_ERRORS = {
    "letter record": LETTER + "header: {issuer: 某局}\nbody: [正文]\nrecord: {printer: 某办, date: 2021-01-01}\n",
    "letter issuers": LETTER + "header: {issuers: [甲局, 乙局]}\nbody: [正文]\n",
    "letter signers": LETTER + "header: {issuer: 某局, doc_number: 某函〔2021〕1号, signers: [张三]}\nbody: [正文]\n",
    "attendance": HEAD + "body: [正文]\nattendance: {present: [张三]}\n",
    "header marks": HEAD
    + "header: {issuer: 某局, copy_number: '000001', secrecy: 机密, urgency: 特急, marks: [甲, 乙, 丙, 丁, 戊]}\n"
    + "body: [正文]\n",
    "tall merged rows": TABLE
    + "[[{text: 合并, rows: 2}, "
    + "很长的单元格文字" * 100
    + "], ["
    + "很长的单元格文字" * 100
    + "]]\n      widths: [1, 30]\n",
}


@pytest.mark.parametrize("name", LAYOUT_ERRORS)
def test_layout_errors_are_chinese(name: str, tmp_path: Path):
    assert_chinese(_render_error(tmp_path, LAYOUT_ERRORS[name]))


def _profile(folder: Path, change) -> str:
    base = (Path(__file__).resolve().parents[1] / "templates" / "gbt9704.yaml").read_text(encoding="utf-8")
    (folder / "bad.yaml").write_text(change(base), encoding="utf-8")
    return str(folder / "bad.yaml")


PROFILE_ERRORS = {
    "unknown key": lambda t: re.sub(r"\ngrid: *(#.*)?\n", "\ngrid:\n  linez: 3\n", t, count=1),
    "missing section": lambda t: re.sub(r"\ngrid: *(#.*)?\n(?:  .*\n|\s*#.*\n)+", "\n", t, count=1),
    "not a mapping": lambda t: "- 甲\n",
    "extends itself": lambda t: "extends: bad.yaml\n" + t,
    "style not a mapping": lambda t: re.sub(r"\n  body: +\{[^\n]*\}", "\n  body: 16", t, count=1),
    "style with a name": lambda t: t.replace(
        "{font: fangsong, size_pt: 16", "{name: 正文, font: fangsong, size_pt: 16", 1
    ),
    "unknown font role": lambda t: t.replace("{font: fangsong, size_pt: 16", "{font: nosuch, size_pt: 16", 1),
    "check key": lambda t: re.sub(r"\ncheck: *(#.*)?\n", "\ncheck:\n  positon_mm: 1\n", t, count=1),
    "check value": lambda t: re.sub(r"(\n  position_mm:) [\d.]+", r"\1 -1", t, count=1),
}


@pytest.mark.parametrize("name", PROFILE_ERRORS)
def test_profile_errors_are_chinese(name: str, tmp_path: Path):
    with pytest.raises(OfficialdocError) as info:
        load_profile(_profile(tmp_path, PROFILE_ERRORS[name]))
    assert_chinese(str(info.value))


def test_render_warnings_are_chinese(tmp_path: Path):
    (tmp_path / "doc.yaml").write_text(HEAD + "body: [正文。]\n" + SIG + ", seal: reserve}\n", encoding="utf-8")
    report = render_file(tmp_path / "doc.yaml", tmp_path / "out", ["pdf", "docx"], draft=True)
    assert report.warnings
    for warning in report.warnings:
        assert_chinese(warning)


@pytest.mark.parametrize(
    "args", [["--help"], ["render", "--help"], ["fonts", "--help"], ["check", "--help"], ["fonts"]], ids=" ".join
)
def test_command_line_help_and_output_are_chinese(args: list[str]):
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert CJK.search(result.output)
    # typer's own frame (Usage:, [default: …]) is not officialdoc's text
    text = re.sub(r"^\s*Usage:.*$|\[default: [^\]]*\]", "", result.output, flags=re.MULTILINE)
    assert not english_left(text), english_left(text)


def test_command_line_errors_are_chinese(tmp_path: Path):
    runner = CliRunner()
    for args in (
        ["render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out")],
        ["render", str(tmp_path), "-f", "pdf"],
        ["render", str(tmp_path / "a.yaml"), "-f", "odt"],
        ["fonts", "--profile", "nosuch"],
        ["check", str(tmp_path / "a.pdf"), "--profile", "nosuch"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code in (2, 3), (args, result.output)
        assert_chinese(result.output)


def test_the_check_text_report_is_chinese(repo_root: Path, shared_dir: Path, tmp_path: Path):
    (tmp_path / "broken.yaml").write_text("title: [unclosed\nbody: [a]\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("甲", encoding="utf-8")
    files = [
        *sorted((repo_root / "tests" / "check_fixtures").glob("*.yaml")),
        *sorted((shared_dir / "corpus" / "foreign").iterdir()),
        tmp_path / "broken.yaml",
        tmp_path / "notes.txt",
        tmp_path / "missing.pdf",
    ]
    text = render_text([check_file(path) for path in files], "gbt9704")
    for line in text.splitlines():
        assert_chinese(line)
