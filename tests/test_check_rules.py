"""The checker's newer rules and the false-finding patterns of issue 11, each on a small PDF
made here with reportlab: text placed on the profile's grid, one fault (or none) per file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as RLFont
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from officialdoc.check import check_file
from officialdoc.check.cli import check
from officialdoc.profile import PT_PER_MM, load_profile, mm_to_pt

P = load_profile()
FONTS = {  # the test's name → a face whose name the profile's font roles recognise
    "ming": (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),  # 仿宋/宋体 fallback
    "hei": (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),  # 黑体
}
TEXT = "认真贯彻中央省委市委关于全面依法治国依法治省依法治市决策部署学习党的全会精神自觉运用法治思维和法治方式深化改革推动发展化解矛盾维护稳定促进社会经济稳步发展提高平安法治建设水平"  # noqa: E501
CELL = P.char_pitch_mm
LEFT, RIGHT = P.page.block_left, P.page.block_left + P.page.block_width_mm


def setup_module() -> None:
    for name, (path, index) in FONTS.items():
        if not path.is_file():
            pytest.skip(f"font missing: {path}", allow_module_level=True)
        pdfmetrics.registerFont(RLFont(f"rules-{name}", str(path), subfontIndex=index))


def body(n: int, offset: int = 0) -> str:
    return (TEXT * 4)[offset : offset + n]


@dataclass
class Line:
    text: str
    slot: float  # grid line of the block (0 = first), or a position in mm when ``y_mm`` is set
    x: float = LEFT
    size: float = P.style("body").size_pt
    font: str = "ming"
    grid: bool = True  # one character per grid cell (Tc); False: the face's own advance
    y_mm: float | None = None


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    rules_mm: list[tuple[float, float]] = field(default_factory=list)  # (y, thickness) block-wide black rules
    size_mm: tuple[float, float] = (P.page.width_mm, P.page.height_mm)


def baseline(slot: float, size: float) -> float:
    em = size / PT_PER_MM
    return P.page.block_top + slot * P.line_pitch_mm + (P.line_pitch_mm - em) / 2 + P.grid.baseline_in_em * em


def make_pdf(path: Path, pages: list[Page]) -> Path:
    canvas = Canvas(str(path))
    for number, page in enumerate(pages, start=1):
        width, height = page.size_mm
        canvas.setPageSize((mm_to_pt(width), mm_to_pt(height)))
        for line in page.lines:
            text = canvas.beginText()
            text.setFont(f"rules-{line.font}", line.size)
            if line.grid:
                text.setCharSpace(P.char_pitch_pt - line.size)
            y = line.y_mm if line.y_mm is not None else baseline(line.slot, line.size)
            text.setTextOrigin(mm_to_pt(line.x), mm_to_pt(height - y))
            text.textOut(line.text)
            canvas.drawText(text)
        for y, thickness in page.rules_mm:
            canvas.setLineWidth(mm_to_pt(thickness))
            canvas.line(mm_to_pt(LEFT), mm_to_pt(height - y), mm_to_pt(RIGHT), mm_to_pt(height - y))
        number_text = f"— {number} —"
        size = P.style("page_number").size_pt
        w = pdfmetrics.stringWidth(number_text, "rules-ming", size) / PT_PER_MM
        indent = P.page_number.side_indent_chars * P.page_number.side_indent_char_pt / PT_PER_MM
        x = RIGHT - indent - w if number % 2 else LEFT + indent
        canvas.setFont("rules-ming", size)
        canvas.drawString(mm_to_pt(x), mm_to_pt(height - P.page.block_bottom - 7 - 3.5), number_text)
        canvas.showPage()
    canvas.save()
    return path


def paragraph(slot: int, lines: int, offset: int = 0) -> list[Line]:
    """A paragraph of full lines (first line indented two characters) and a short last line."""
    out = []
    for i in range(lines):
        indent = 2 if i == 0 else 0
        n = P.grid.chars - indent if i < lines - 1 else 10
        out.append(Line(body(n, offset), slot + i, LEFT + indent * CELL))
        offset += n
    return out


def title(slot: int = 0, text: str = "关于开展法治建设检查的通知") -> Line:
    size = P.style("title").size_pt
    w = len(text) * size / PT_PER_MM
    return Line(text, slot, LEFT + (P.page.block_width_mm - w) / 2, size, "ming", grid=False)


def findings(path: Path) -> dict[str, list]:
    report = check_file(path)
    assert report.readable and report.internal_error is None, (report.error, report.internal_error)
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.rule, []).append(f)
    return out


# -- the missing rules -------------------------------------------------------------------


def test_a_copy_number_in_the_wrong_size(tmp_path):
    page = Page([Line("000123", 0, size=12, grid=False), title(2), *paragraph(4, 3)])
    (found,) = findings(make_pdf(tmp_path / "copy.pdf", [page]))["PDF-COPYNUM-SIZE"]
    assert "份号“000123”字号为12磅，应为3号（16磅）" in found.message


def test_a_label_in_ascii_brackets(tmp_path):
    page = Page([title(), *paragraph(2, 2), Line("(一)工作要求", 4, LEFT + 2 * CELL), *paragraph(5, 2, 60)])
    (found,) = findings(make_pdf(tmp_path / "brackets.pdf", [page]))["PDF-HEADING-BRACKETS"]
    assert "“(一)”用了半角括号，应为全角括号“（一）”" in found.message


def test_a_repeated_level_1_number(tmp_path):
    page = Page(
        [
            title(),
            Line("一、总体要求", 2, LEFT + 2 * CELL, font="hei"),
            *paragraph(3, 2),
            Line("一、工作安排", 5, LEFT + 2 * CELL, font="hei"),
            *paragraph(6, 2, 60),
        ]
    )
    (found,) = findings(make_pdf(tmp_path / "repeat.pdf", [page]))["PDF-HEADING-NUMBER"]
    assert "1级标题序号“一、”重复（上一个是第1个）" in found.message


def test_numbering_starts_again_in_each_article(tmp_path):
    """第一条 … 一、二、 第二条 … 一、二、: items of each article, no finding."""
    lines = [title()]
    slot = 2
    for article in ("第一条", "第二条"):
        lines.append(Line(article + "\u3000" + body(P.grid.chars - 6), slot, LEFT + 2 * CELL))
        lines.append(Line(body(12), slot + 1))
        lines.append(Line("一、" + body(10), slot + 2, LEFT + 2 * CELL))
        lines.append(Line("二、" + body(10), slot + 3, LEFT + 2 * CELL))
        slot += 4
    found = findings(make_pdf(tmp_path / "articles.pdf", [Page(lines)]))
    assert not {"PDF-HEADING-NUMBER", "PDF-FONT-HEADING", "PAGE-GRID-CHARS"} & set(found), found


def test_an_indented_addressee(tmp_path):
    page = Page([title(), Line("各区人民政府：", 2, LEFT + 2 * CELL), *paragraph(3, 3)])
    (found,) = findings(make_pdf(tmp_path / "addressee.pdf", [page]))["PDF-ADDRESSEE-POS"]
    assert "主送机关“各区人民政府：”应顶格编排" in found.message
    flush = Page([title(), Line("各区人民政府：", 2), *paragraph(3, 3)])
    assert "PDF-ADDRESSEE-POS" not in findings(make_pdf(tmp_path / "flush.pdf", [flush]))


def record_page(cc_size: float, cc_x: float) -> Page:
    bottom = P.page.block_bottom
    pitch = P.line_pitch_mm
    return Page(
        [
            *paragraph(0, 3),
            Line("抄送：市委办公室，市人大常委会办公室。", 0, cc_x, cc_size, grid=False, y_mm=bottom - pitch - 2),
            Line("某某市人民政府办公室2021年11月23日印发", 0, LEFT + 4.9, 14, grid=False, y_mm=bottom - 2),
        ],
        rules_mm=[(bottom - 2 * pitch, 0.35), (bottom - pitch, 0.25), (bottom, 0.35)],
    )


def test_a_cc_line_in_the_wrong_size_and_indent(tmp_path):
    indent = P.record.side_indent_chars * P.record.side_indent_char_pt / PT_PER_MM
    good = make_pdf(tmp_path / "cc_ok.pdf", [Page(paragraph(0, 3)), record_page(14, LEFT + indent)])
    assert "PDF-RECORD-CC" not in findings(good)
    bad = make_pdf(tmp_path / "cc.pdf", [Page(paragraph(0, 3)), record_page(16, LEFT)])
    messages = [f.message for f in findings(bad)["PDF-RECORD-CC"]]
    assert any("抄送机关字号为16磅，应为4号（14磅）" in m for m in messages)
    assert any("抄送应左空1字" in m for m in messages)


def test_a_flush_left_signature_is_recognised_and_reported(tmp_path):
    date = "2021年11月23日"
    page = Page(
        [
            title(),
            *paragraph(2, 3),
            Line("某某市人民政府", 6),
            Line(date, 7, RIGHT - (len(date) - 2) * CELL - 4 * CELL + 0.01),
        ]
    )
    found = findings(make_pdf(tmp_path / "sign.pdf", [page]))
    assert "顶格排在左边" in found["PDF-SIGN-POS"][0].message


def test_text_past_the_block_edge_or_the_paper_is_reported(tmp_path):
    """A 20-character 署名 ending at 195 mm (block edge 184 mm), a 26-character one past the paper."""
    long_name = "中华人民共和国国家发展和改革委员会办公厅"
    x = RIGHT - (len(long_name) - 2) * CELL + 11.25 - 2 * CELL
    page = Page([title(), *paragraph(2, 3), Line(long_name, 6, x)])
    (found,) = findings(make_pdf(tmp_path / "wide.pdf", [page]))["PAGE-TEXT-OUTSIDE"]
    assert "超出版心右边缘" in found.message
    past = Page([title(), *paragraph(2, 3), Line(long_name + "机关事务局", 6, 100)])
    (found,) = findings(make_pdf(tmp_path / "past.pdf", [past]))["PAGE-TEXT-OUTSIDE"]
    assert "超出纸张边缘" in found.message


# -- false findings that must not come back ---------------------------------------------


def test_a_closing_mark_hung_past_the_edge_is_not_a_short_or_overflowing_line(tmp_path):
    """Word's overflowPunct: 28 characters fill the line and the "。" hangs in the margin."""
    lines = [title()]
    for slot in range(2, 8):
        lines.append(Line(body(P.grid.chars, slot * 28) + "。", slot, LEFT))
    lines.append(Line(body(6), 8))
    found = findings(make_pdf(tmp_path / "hang.pdf", [Page(lines)]))
    assert not {"PAGE-BLOCK-RIGHT", "PAGE-TEXT-OUTSIDE", "PAGE-GRID-CHARS"} & set(found), found


def test_a_run_of_large_body_text_is_no_title(tmp_path):
    """A news article whose paragraphs are set in 22 pt: no title, no title findings."""
    lines = [Line(body(20, i * 20), i, LEFT, 22, grid=False) for i in range(8)]
    report = check_file(make_pdf(tmp_path / "news.pdf", [Page(lines)]))
    assert not [f for f in report.findings if f.rule.startswith("PDF-TITLE")]
    assert any("没有找到标题" in note for note in report.notes)


def test_a_12pt_document_gets_body_grid_and_line_break_findings(tmp_path):
    """12 pt body, 36 characters a line, a line starting with "，": measured as a body."""
    cell = 12 / PT_PER_MM
    lines = [title()]
    for i in range(10):
        text = body(36, i * 36)
        if i == 4:
            text = "，" + text[1:]
        lines.append(Line(text, 0, LEFT + (2 * cell if i == 0 else 0), 12, grid=False, y_mm=60 + i * 6.5))
    lines.append(Line(body(8), 0, LEFT, 12, grid=False, y_mm=60 + 10 * 6.5))
    found = findings(make_pdf(tmp_path / "small.pdf", [Page(lines)]))
    assert "正文字号为12磅" in found["PDF-FONT-BODY"][0].message
    assert "PAGE-GRID-CHARS" in found and "PDF-KINSOKU-START" in found


def test_one_fault_on_several_pages_is_one_finding_with_its_pages(tmp_path):
    pages = [Page([*paragraph(0, 3, i * 60), Line("，" + body(5), 4, LEFT)]) for i in range(3)]
    (found,) = findings(make_pdf(tmp_path / "pages.pdf", pages))["PDF-KINSOKU-START"]
    assert found.pages == (1, 2, 3) and "同样的问题共3处，见第1–3页" in found.message


# -- isolation and exit status -------------------------------------------------------------


def test_a_fault_of_one_rule_group_is_an_internal_error_and_the_rest_is_reported(tmp_path, monkeypatch):
    from officialdoc.check import pdf as pdf_rules

    path = make_pdf(tmp_path / "one.pdf", [Page([title(), *paragraph(2, 3), Line("(一)要求", 6, LEFT + 2 * CELL)])])

    def broken(self):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pdf_rules._PdfCheck, "title_rules", broken)
    report = check_file(path)
    assert report.internal_error and "“标题”一组检查出错" in report.internal_error
    assert "PDF-HEADING-BRACKETS" in {f.rule for f in report.findings}  # the other groups ran


def test_a_crash_on_one_file_leaves_the_others_reported_and_exits_3(tmp_path, monkeypatch):
    from officialdoc.check import checker

    good = make_pdf(tmp_path / "good.pdf", [Page([title(), *paragraph(2, 3)])])
    bad = tmp_path / "bad.docx"
    from docx import Document

    Document().save(str(bad))

    def crash(document, profile):
        raise AttributeError("'Part' object has no attribute 'element'")

    monkeypatch.setattr(checker, "check_docx", crash)
    app = typer.Typer(add_completion=False)
    app.command()(check)
    result = CliRunner().invoke(app, [str(bad), str(good), "--fail-on", "never"])
    assert result.exit_code == 3
    assert "检查程序内部错误：AttributeError" in result.output and "请把此文件和这条信息报告给维护者" in result.output
    assert "good.pdf（PDF，1页）" in result.output


# -- DOCX, statically ----------------------------------------------------------------------


def test_a_different_first_page_that_hides_page_1s_number(tmp_path):
    """ "首页不同" (w:titlePg) without a PAGE field in the first-page footer: page 1 unnumbered."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.add_paragraph("各单位要高度重视，认真组织实施。")
    section = document.sections[0]
    paragraph = section.footer.paragraphs[0]
    for kind, value in (("begin", None), (None, " PAGE "), ("end", None)):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = value
        run._r.append(element)
    shown = tmp_path / "shown.docx"
    document.save(str(shown))
    assert "DOCX-PAGENUM-HIDDEN" not in findings(shown)
    section.different_first_page_header_footer = True
    hidden = tmp_path / "hidden.docx"
    document.save(str(hidden))
    (found,) = findings(hidden)["DOCX-PAGENUM-HIDDEN"]
    assert "第1页不显示页码" in found.message


def test_every_pdf_and_docx_rule_is_registered_with_exactly_one_group():
    from officialdoc.check import docx, pdf
    from officialdoc.check.rules import RULES

    for reader, prefixes in ((pdf, ("PDF-", "PAGE-")), (docx, ("DOCX-",))):
        registered = [*reader.FILE_RULES, *(rule for group in reader.GROUPS for rule in group.rules)]
        assert sorted(registered) == sorted(r for r in RULES if r.startswith(prefixes))


def test_a_page_number_right_aligned_without_its_one_character_indent(tmp_path):
    """居右空一字: the indent may come from the footer's style; none at all is a finding."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def footer_docx(path: Path, style_indent_pt: float | None) -> Path:
        document = Document()
        document.add_paragraph("各单位要高度重视，认真组织实施。")
        paragraph = document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if style_indent_pt is not None:
            paragraph.style = document.styles["Footer"]
            document.styles["Footer"].paragraph_format.right_indent = Pt(style_indent_pt)
        for text in ("— ", None, " —"):
            run = paragraph.add_run(text or "")
            if text is None:
                field = OxmlElement("w:fldSimple")
                field.set(qn("w:instr"), " PAGE ")
                run._r.addnext(field)
        document.save(str(path))
        return path

    messages = [f.message for f in findings(footer_docx(tmp_path / "flush.docx", None)).get("DOCX-PAGENUM-SIDE", [])]
    assert any("页码居右但未空一字" in m for m in messages)
    assert "DOCX-PAGENUM-SIDE" not in findings(footer_docx(tmp_path / "styled.docx", 14))


def test_docx_heading_labels_in_ascii_brackets_and_repeated_numbers(tmp_path):
    from docx import Document

    document = Document()
    for text in (
        "一、总体要求",
        "各单位要高度重视。",
        "(一)工作安排",
        "一、工作要求",
        "第一条　为了规范管理。",
        "一、适用范围",
    ):
        document.add_paragraph(text)
    path = tmp_path / "numbers.docx"
    document.save(str(path))
    found = findings(path)
    assert "“(一)”用了半角括号" in found["DOCX-HEADING-BRACKETS"][0].message
    (repeat,) = found["DOCX-HEADING-NUMBER"]  # the 一、 after 第一条 starts the article's own count
    assert "第4段1级标题序号“一、”重复" in repeat.message


def test_an_empty_page_field_takes_the_default_styles_font_and_size(tmp_path):
    """A PAGE field without a result shows in its code's formatting: here, through the style
    chain (Footer → Normal), Times New Roman 16 pt — a 4号宋体 number it is not."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"].font  # the default paragraph style, under Footer's
    normal.name, normal.size = "Times New Roman", Pt(16)
    document.add_paragraph("各单位要高度重视，认真组织实施。")
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.right_indent = Pt(14)
    paragraph.add_run("— ")
    for kind, value in (("begin", None), (None, " PAGE "), ("end", None)):  # no result run
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            element.set(qn("w:fldCharType"), kind)
        else:
            element.text = value
        run._r.append(element)
    paragraph.add_run(" —")
    path = tmp_path / "empty_field.docx"
    document.save(str(path))
    found = findings(path)
    assert "页码字号为16磅" in found["DOCX-PAGENUM-SIZE"][0].message
    assert "Times New Roman" in found["DOCX-PAGENUM-FONT"][0].message


def test_docx_indents_are_read_for_addressee_signature_cc_and_text_outside(tmp_path):
    """Static DOCX placement rules read resolved indents: a 主送 set in by leftChars, a 抄送
    whose hanging indent brings its first line back to the edge (in 3号), a 署名 flush left
    above the date, and two paragraphs with negative indents: one finding naming both."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    document.add_paragraph("关于开展检查的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
    addressee = document.add_paragraph("各镇人民政府：")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:leftChars"), "200")  # two 11 pt characters (the template's size) in
    addressee._p.get_or_add_pPr().append(ind)
    for indent in (-20, -30):
        document.add_paragraph("各单位要高度重视，认真组织实施。").paragraph_format.left_indent = Pt(indent)
    document.add_paragraph("台山市大江镇人民政府")
    document.add_paragraph("2021年11月23日")
    cc = document.add_paragraph()
    cc.paragraph_format.left_indent, cc.paragraph_format.first_line_indent = Pt(16), Pt(-16)
    cc.add_run("抄送：台山市司法局。").font.size = Pt(16)
    path = tmp_path / "placement.docx"
    document.save(str(path))
    found = findings(path)
    assert "第2段主送机关“各镇人民政府：”左端缩进22磅，应顶格编排" in found["DOCX-ADDRESSEE-POS"][0].message
    (outside,) = found["DOCX-TEXT-OUTSIDE"]
    assert outside.message.startswith("[DOCX-TEXT-OUTSIDE] 第3、4段设了负缩进，文字超出版心")
    assert "第5段发文机关署名“台山市大江镇人民政府”顶格排在左边" in found["DOCX-SIGN-POS"][0].message
    messages = " ".join(f.message for f in found["DOCX-RECORD-CC"])
    assert "抄送机关字号为16磅，应为4号" in messages and "左缩进0磅" in messages


def test_a_docx_signature_set_right_by_typed_spaces_is_not_flush_left(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("\u3000" * 16 + "台山市大江镇人民政府")
    document.add_paragraph("\u3000" * 17 + "2021年11月23日")
    path = tmp_path / "typed.docx"
    document.save(str(path))
    assert "DOCX-SIGN-POS" not in findings(path)


def test_the_lint_reads_decimals_and_articles(tmp_path):
    """ "1.1 …" is a decimal number, not a typed "1."; typed 一、 items start again in each article."""
    content = tmp_path / "articles.yaml"
    content.write_text(
        "title: 某某市物业管理办法\n"
        "body:\n"
        "  - 第一条　为了规范物业管理活动，制定本办法。\n"
        "  - 一、业主大会的职责。\n"
        "  - 二、物业服务企业的职责。\n"
        "  - 第二条　本办法适用于本市行政区域内的物业管理活动。\n"
        "  - 一、住宅小区的物业管理。\n"
        "  - 1.1 本条所称物业，是指已建成并投入使用的房屋。\n"
        "signature:\n  issuer: 某某市人民政府\n  date: 2024-05-01\n",
        encoding="utf-8",
    )
    rules = {f.rule for f in check_file(content).findings}
    assert "YAML-NUMBER-GAP" not in rules
    typed = [f for f in check_file(content).findings if f.rule == "YAML-HEADING-TYPED"]
    assert all("1." not in f.message for f in typed)


def test_broken_inputs_are_reported_not_crashed_on(tmp_path):
    """An encrypted PDF, a settings part that is not settings, NUL in a content file."""
    import io
    import zipfile

    from docx import Document
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    encrypted = tmp_path / "encrypted.pdf"
    writer.write(str(encrypted))
    report = check_file(encrypted)
    assert report.error == "PDF有密码保护（已加密），无法读取"

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    broken = tmp_path / "settings.docx"
    with zipfile.ZipFile(broken, "w") as out:
        for name in source.namelist():
            out.writestr(name, b"<oops/>" if name == "word/settings.xml" else source.read(name))
    report = check_file(broken)
    assert report.readable and report.internal_error is None, report.internal_error

    nul = tmp_path / "nul.yaml"
    nul.write_bytes("title: 通知\x00\nbody: [正文。]\n".encode())
    report = check_file(nul)
    assert report.internal_error is None and [f.rule for f in report.findings] == ["YAML-CONTENT"]


def test_renamed_ids_are_documented_aliases():
    import re

    from officialdoc.check.rules import ALIASES, RULES

    docs = (Path(__file__).resolve().parents[1] / "docs" / "check.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `(PDF-[A-Z0-9-]+)` \| `(PAGE-[A-Z0-9-]+)` \|$", docs, flags=re.MULTILINE))
    assert documented == ALIASES
    assert set(ALIASES.values()) <= set(RULES) and not set(ALIASES) & set(RULES)
