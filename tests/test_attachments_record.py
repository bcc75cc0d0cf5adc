"""附件说明 (§7.3.4), 附注 (§7.3.6), 附件 pages (§7.3.7), 版记 (§7.4) and its page numbers
(§7.5), measured in our PDF and in LibreOffice's rendering of our DOCX."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from officialdoc.api import render_document
from officialdoc.errors import ContentError, LayoutError
from officialdoc.layout.engine import layout_document
from officialdoc.layout.record import is_record_page
from officialdoc.layout.result import LaidOutDocument
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.model import Document, Seal
from officialdoc.renderers.docx_xml import PPR_ORDER, RPR_ORDER, SECTPR_ORDER
from pdfmeasure import MM, PdfDoc, PdfLine, read_pdf

TOL = 0.2  # mm, our PDF against the standard
LO_TOL = 1.0  # mm, LibreOffice against our PDF
# LibreOffice sets text in an exact line where the PDF does (grid.line_ascent), plus 0.43 pt
# (docx.flow_baseline_extra_pt); its 579-twip lines fall 0.9 twip a line behind the PDF's
# 225/22 mm, so baselines agree within +0.15 mm at a page's top and -0.2 mm at its foot.
LO_BASELINE_SHIFT = 0.0
LO_BASELINE_TOL = 0.25
NAMES = ["attachments_note", "attachments_note_single", "attachments_note_pagetop", "attachments_pages", "note",
         "record", "record_fits", "record_blank_page", "letter_record", "attachments_separate",
         "attachments_separate_blank"]  # fmt: skip
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Rule:
    y: float  # mm from the page top (the stroke's centre)
    x0: float
    x1: float
    width: float  # mm


@dataclass
class Case:
    doc: Document
    layout: LaidOutDocument
    pdf: PdfDoc
    docx: Path
    lo: PdfDoc | None = None


@pytest.fixture(scope="module")
def cases(tmp_path_factory, repo_root, fontset, profile) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("attachments-record")
    made = {}
    for name in NAMES:
        doc = load_document(repo_root / "tests" / "fixtures" / f"{name}.yaml").document
        (pdf, docx_path), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
        made[name] = Case(doc, layout_document(doc, profile, fontset), read_pdf(pdf), docx_path)
    return made


@pytest.fixture(scope="module")
def converted(cases, soffice, fontset, tmp_path_factory) -> dict[str, Case]:
    outdir = tmp_path_factory.mktemp("attachments-record-lo")
    pdfs = docx_to_pdf([case.docx for case in cases.values()], outdir, fontset.fontconfig_xml())
    for case, pdf in zip(cases.values(), pdfs, strict=True):
        case.lo = read_pdf(pdf)
    return cases


def both(case: Case) -> list[PdfDoc]:
    assert case.lo is not None
    return [case.pdf, case.lo]


def rules(pdf: PdfDoc, page: int) -> list[Rule]:
    """Horizontal strokes on a page, top to bottom (the record's rules)."""
    with pdfplumber.open(pdf.path) as opened:
        found = [
            Rule(line["top"] / MM, line["x0"] / MM, line["x1"] / MM, line["linewidth"] / MM)
            for line in opened.pages[page - 1].lines
            if abs(line["top"] - line["bottom"]) < 0.01
        ]
    return sorted(found, key=lambda rule: rule.y)


def find(pdf: PdfDoc, start: str) -> PdfLine:
    return next(line for line in pdf.lines if line.text.startswith(start))


def after(pdf: PdfDoc, line: PdfLine) -> PdfLine:
    return pdf.lines[pdf.lines.index(line) + 1]


def char_x(line: PdfLine, index: int) -> float:
    return line.chars[index]["x0"] / MM


def page_number(pdf: PdfDoc, page: int) -> str | None:
    """The page's number as printed ("—3—"), None when the page has none."""
    numbers = [line.text for line in pdf.page_lines(page) if line.sizes == {14.0} and line.text.startswith("—")]
    return numbers[0] if numbers else None


def grid_line(line: PdfLine, profile) -> float:
    """The PDF line's grid line on its page (0-based; whole when it sits on the grid)."""
    return (line.baseline - profile.grid_baseline_mm(0)) / profile.line_pitch_mm


def page_side(pdf: PdfDoc, page: int) -> str:
    """Which side of the block the page's number is on."""
    (number,) = [line for line in pdf.page_lines(page) if line.text.startswith("—")]
    return "right" if number.x0 > 105 else "left"


def text_lines(pdf: PdfDoc, page: int) -> list[PdfLine]:
    return [line for line in pdf.page_lines(page) if not line.text.startswith("—")]


# --- 附件说明 -----------------------------------------------------------------------------


def test_note_several_attachments(converted, profile):
    cell = profile.char_pitch_mm
    ours, lo = both(converted["attachments_note"])
    for pdf, tol in ((ours, TOL), (lo, LO_TOL)):
        first = find(pdf, "附件：1.")
        second, wrapped, third = after(pdf, first), after(pdf, after(pdf, first)), find(pdf, "3.")
        assert second.text.startswith("2.") and after(pdf, wrapped) is third
        assert first.x0 == pytest.approx(profile.page.block_left + 2 * cell, abs=tol)  # 左空二字
        number_x = char_x(first, len("附件："))
        assert second.x0 == pytest.approx(number_x, abs=TOL)  # "2." under "1."
        assert third.x0 == pytest.approx(number_x, abs=TOL)
        assert wrapped.x0 == pytest.approx(char_x(second, len("2.")), abs=TOL)  # under the name
        assert second.x1 == pytest.approx(profile.page.block_right, abs=0.5)  # justified
        assert first.sizes == {16.0} and "FandolFang-Regular" in first.fonts
        body = [line for line in pdf.lines if line.baseline < first.baseline][-1]
        assert first.baseline - body.baseline == pytest.approx(2 * profile.line_pitch_mm, abs=0.1)  # 空一行
    assert find(lo, "附件：1.").x0 == pytest.approx(find(ours, "附件：1.").x0, abs=LO_TOL)
    assert [line.text for line in lo.lines] == [line.text for line in ours.lines]  # the same breaks


def test_note_blank_line_dropped_at_a_page_top(converted, profile):
    """The body ends on page 1's last line: "附件：" opens page 2 on line 1, in both renderers."""
    ours, lo = both(converted["attachments_note_pagetop"])
    for pdf in (ours, lo):
        assert pdf.pages == 2
        assert text_lines(pdf, 1)[-1].text == "执行中遇到的问题请及。"
        assert len([line for line in text_lines(pdf, 1) if line.sizes == {16.0}]) == profile.grid.lines - 2
        first = text_lines(pdf, 2)[0]
        assert first.text.startswith("附件：1.")
        assert first.baseline == pytest.approx(profile.grid_baseline_mm(0), abs=LO_BASELINE_TOL)
    for a, b in zip(ours.lines, lo.lines, strict=True):
        assert b.text == a.text
        assert b.baseline - a.baseline == pytest.approx(LO_BASELINE_SHIFT, abs=LO_BASELINE_TOL)


def test_note_single_attachment(converted, profile):
    ours, lo = both(converted["attachments_note_single"])
    for pdf in (ours, lo):
        first = find(pdf, "附件：")
        assert first.text[len("附件：")] != "1"
        assert first.x0 == pytest.approx(profile.page.block_left + 2 * profile.char_pitch_mm, abs=LO_TOL)
        assert after(pdf, first).x0 == pytest.approx(char_x(first, len("附件：")), abs=TOL)
    assert [line.text for line in lo.lines] == [line.text for line in ours.lines]


# --- 附注 -------------------------------------------------------------------------------


def test_note_on_the_line_under_the_date(converted, profile):
    for pdf in both(converted["note"]):
        date = find(pdf, "2022年3月25日")
        note = after(pdf, date)
        assert note.text == "（此件公开发布，联系人：李明，电话：0750-5551234）"
        assert note.baseline - date.baseline == pytest.approx(profile.line_pitch_mm, abs=0.1)
        assert note.x0 == pytest.approx(profile.page.block_left + 2 * profile.char_pitch_mm, abs=LO_TOL)


# --- 附件 pages ---------------------------------------------------------------------------


TITLE_2 = "大江镇法治建设工作考核办法"


def test_attachment_pages(converted, profile):
    case = converted["attachments_pages"]
    ours, lo = both(case)
    assert ours.pages == lo.pages == 4
    centre = (profile.page.block_left + profile.page.block_right) / 2
    for pdf in (ours, lo):
        for page, label, title in ((2, "附件1", "大江镇2022年法治建设工作方案"), (4, "附件2", TITLE_2)):
            first, second = text_lines(pdf, page)[:2]
            assert first.text == label and first.fonts == {"FandolHei-Regular"} and first.sizes == {16.0}
            assert first.x0 == pytest.approx(profile.page.block_left, abs=TOL)  # 顶格
            assert second.text == title and second.sizes == {22.0}  # 2号小标宋 stand-in
            assert (second.x0 + second.x1) / 2 == pytest.approx(centre, abs=0.3)
        for page in range(1, pdf.pages + 1):
            assert page_number(pdf, page) == f"—{page}—"  # numbering continues
    for page in (2, 4):
        label, title = text_lines(ours, page)[:2]
        assert grid_line(label, profile) == pytest.approx(0, abs=0.01)  # line 1
        assert grid_line(title, profile) == pytest.approx(2, abs=0.01)  # line 3
        for a, b in zip(text_lines(ours, page)[:3], text_lines(lo, page)[:3], strict=True):
            assert a.text == b.text
            assert (b.x0, b.x1) == (pytest.approx(a.x0, abs=LO_TOL), pytest.approx(a.x1, abs=LO_TOL))
            assert b.baseline - a.baseline == pytest.approx(LO_BASELINE_SHIFT, abs=LO_BASELINE_TOL)


# --- 版记 ---------------------------------------------------------------------------------

RECORDS = ["record", "record_fits", "record_blank_page"]


@pytest.mark.parametrize("name", RECORDS)
def test_record_rules_on_the_last_even_page(converted, name, profile):
    ours = converted[name].pdf
    assert ours.pages % 2 == 0
    found = rules(ours, ours.pages)
    assert [round(rule.width, 2) for rule in found] == [
        pytest.approx(w, abs=0.05) for w in (profile.record.thick_rule_mm, profile.record.thin_rule_mm,
                                             profile.record.thick_rule_mm)
    ]  # fmt: skip
    for rule in found:
        assert rule.x0 == pytest.approx(profile.page.block_left, abs=0.1)
        assert rule.x1 - rule.x0 == pytest.approx(profile.page.block_width_mm, abs=0.1)  # 156 mm
    assert found[-1].y == pytest.approx(profile.page.block_bottom, abs=0.3)  # on the block's bottom edge
    printed = find(ours, "台山市大江镇党政办公室")
    cc = find(ours, "抄送：")
    assert found[1].y < printed.baseline < found[2].y and found[0].y < cc.baseline < found[1].y
    pitch = profile.line_pitch_mm
    assert found[2].y - found[1].y == pytest.approx(pitch, abs=0.05)  # the 印发 row is one grid line
    rows = (found[0].y - profile.page.block_top) / pitch
    assert rows == pytest.approx(round(rows), abs=0.01)  # the first rule on a grid line's top


@pytest.mark.parametrize("name", RECORDS)
def test_record_text(converted, name, profile):
    one = profile.record.side_indent_char_pt / MM  # 一字: one 4号 character
    left, right = profile.page.block_left + one, profile.page.block_right - one
    ours = converted[name].pdf
    record = converted[name].doc.record
    assert record is not None
    cc = find(ours, "抄送：")
    printed = find(ours, "台山市大江镇党政办公室")
    for line in (cc, printed):
        assert line.sizes == {14.0} and "FandolFang-Regular" in line.fonts  # 4号仿宋
        assert line.x0 == pytest.approx(left, abs=TOL)  # 左空一字
    assert printed.x1 == pytest.approx(right, abs=TOL)  # 日期右空一字
    assert printed.text.endswith(f"{record.print_date.year}年{record.print_date.month}月{record.print_date.day}日印发")
    lines = [cc]
    while not lines[-1].text.endswith("。"):
        lines.append(after(ours, lines[-1]))
    assert "".join(line.text for line in lines) == "抄送：" + "，".join(record.cc) + "。"
    for line in lines[1:]:  # wrapped: after the colon
        assert line.x0 == pytest.approx(char_x(cc, len("抄送：")), abs=TOL)
    if len(lines) > 1:
        assert cc.x1 == pytest.approx(right, abs=0.3)  # 右空一字, justified


def test_moved_addressees_above_cc_without_a_rule(converted, profile):
    ours = converted["record_fits"].pdf
    addressees, cc = find(ours, "主送："), find(ours, "抄送：")
    assert addressees.text == "主送：各村（居）民委员会，镇属各单位。"
    assert cc.baseline - addressees.baseline == pytest.approx(profile.line_pitch_mm, abs=0.05)
    found = rules(ours, ours.pages)
    assert found[0].y < addressees.baseline and not any(addressees.baseline < r.y < cc.baseline for r in found)
    assert addressees.x0 == pytest.approx(cc.x0, abs=TOL)


def test_record_pages_and_numbers(converted):
    """record: text ends on page 1, the record has page 2 (numbered). record_fits: it shares
    page 2 with the text. record_blank_page: page 3 is blank, neither 3 nor 4 is numbered."""
    expected = {
        "record": ["—1—", "—2—"],
        "record_fits": ["—1—", "—2—"],
        "record_blank_page": ["—1—", "—2—", None, None],
    }
    for name, numbers in expected.items():
        case = converted[name]
        for pdf in both(case):
            assert [page_number(pdf, page) for page in range(1, pdf.pages + 1)] == numbers, name
        assert [is_record_page(page) for page in case.layout.pages] == [False] * (len(numbers) - 1) + [True]
    assert converted["record"].pdf.page_lines(2)[0].text.startswith("抄送：")  # alone on its page
    shared = converted["record_fits"].layout.pages[-1]
    assert any(line.element == "body" for line in shared.lines)  # shares its page with the text
    blank = converted["record_blank_page"]
    for pdf in both(blank):
        assert pdf.page_lines(3) == []
        assert rules(pdf, 3) == []


@pytest.mark.parametrize("name", RECORDS)
def test_record_in_libreoffice(converted, name):
    ours, lo = both(converted[name])
    assert lo.pages == ours.pages
    ours_rules, lo_rules = rules(ours, ours.pages), rules(lo, lo.pages)
    assert len(lo_rules) == len(ours_rules) == 3
    for a, b in zip(ours_rules, lo_rules, strict=True):
        assert b.y == pytest.approx(a.y, abs=LO_TOL)
        assert (b.x0, b.x1) == (pytest.approx(a.x0, abs=0.1), pytest.approx(a.x1, abs=0.1))
        assert b.width == pytest.approx(a.width, abs=0.05)
    ours_text = [line for line in ours.page_lines(ours.pages) if line.sizes == {14.0} and "—" not in line.text]
    lo_text = [line for line in lo.page_lines(lo.pages) if line.sizes == {14.0} and "—" not in line.text]
    assert [line.text for line in lo_text] == [line.text for line in ours_text]
    for a, b in zip(ours_text, lo_text, strict=True):
        assert (b.x0, b.x1) == (pytest.approx(a.x0, abs=LO_TOL), pytest.approx(a.x1, abs=LO_TOL))
        assert b.baseline - a.baseline == pytest.approx(LO_BASELINE_SHIFT, abs=LO_BASELINE_TOL)


def test_attachment_bound_separately(converted, profile):
    """§7.3.7: after the 版记 (page 2, even), attachment 2 starts a new sheet numbered from 1,
    labelled with the 发文字号 (仿宋) then "附件2" (黑体) flush left on line 1."""
    case = converted["attachments_separate"]
    for pdf in both(case):
        assert pdf.pages == 3
        assert [page_number(pdf, page) for page in (1, 2, 3)] == ["—1—", "—2—", "—1—"]
        assert len(rules(pdf, 2)) == 3  # the 版记 closes the document on page 2
        label, title = text_lines(pdf, 3)[:2]
        assert label.text == "大府发〔2022〕5号附件2" and title.text == "大江镇法治建设工作联系表"
        assert label.x0 == pytest.approx(profile.page.block_left, abs=0.3)  # 顶格
        assert label.baseline == pytest.approx(profile.grid_baseline_mm(0), abs=LO_BASELINE_TOL)  # line 1
        fonts = [c["fontname"].split("+")[-1] for c in label.chars]
        assert fonts[0] == "FandolFang-Regular" and fonts[-3:] == ["FandolHei-Regular"] * 3
        assert page_number(pdf, 3) == "—1—" and page_side(pdf, 3) == "right"  # an odd page again
    assert text_lines(case.pdf, 2)[0].text == "附件1"  # bound with the 正文: as before


def test_attachment_bound_separately_starts_a_new_sheet(converted):
    """The 正文 ends on page 1: page 2 stays blank and unnumbered, the attachment is page 3,
    numbered 1 (the DOCX: a section of its own with empty footers holds the blank page)."""
    for pdf in both(converted["attachments_separate_blank"]):
        assert pdf.pages == 3
        assert pdf.page_lines(2) == [] and rules(pdf, 2) == []
        assert [page_number(pdf, page) for page in (1, 3)] == ["—1—", "—1—"]
        assert text_lines(pdf, 3)[0].text == "大府发〔2022〕5号附件2"


def test_attachment_bound_separately_needs_a_doc_number(tmp_path):
    path = tmp_path / "separate.yaml"
    path.write_text(
        "title: 关于印发方案的通知\nbody: [现将方案印发给你们。]\n"
        "attachments:\n  - title: 联系表\n    bound_separately: true\n    body: [联系人：李明。]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"separate.yaml:4: attachments\[0\].bound_separately: .*发文字号"):
        load_document(path)


def test_attachment_bound_separately_without_a_doc_number_from_the_api(cases, fontset, tmp_path):
    doc = cases["attachments_separate"].doc
    with pytest.raises(LayoutError, match=r"单独装订.*提示：写上 header\.doc_number"):
        render_document(replace(doc, header=None), tmp_path, ["pdf"], fonts=fontset)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_letter_record_has_no_print_line_and_no_rules(converted, profile):
    """§10.1 信函: 版记 without 印发机关和印发日期 and without rules, at the foot of the last
    (even, numbered) page's block, in the PDF and in LibreOffice."""
    case = converted["letter_record"]
    assert case.doc.record is not None and case.doc.record.printer is None
    for pdf in both(case):
        assert pdf.pages == 2
        assert rules(pdf, 2) == []  # the red double lines are on page 1 only
        (cc,) = [line for line in pdf.page_lines(2) if line.sizes == {14.0} and "—" not in line.text]
        assert cc.text == "抄送：台山市人民政府办公室，台山市委政法委。"
        assert cc.x0 == pytest.approx(profile.page.block_left + 14 / MM, abs=0.3)  # 左空一字 (4号)
        last = profile.grid_baseline_mm(profile.grid.lines - 1)
        assert cc.baseline == pytest.approx(last, abs=LO_BASELINE_TOL)  # the block's last line
        assert page_number(pdf, 2) == "—2—"
        assert "印发" not in "".join(line.text for line in pdf.lines)


def test_letter_record_refuses_a_print_line(cases, fontset):
    doc = cases["letter_record"].doc
    assert doc.record is not None
    record = replace(doc.record, printer="台山市大江镇党政办公室", print_date=dt.date(2022, 3, 10))
    with pytest.raises(LayoutError, match=r"不印印发机关和印发日期.*提示：去掉 record\.printer"):
        render_document(replace(doc, record=record), Path("/nonexistent"), ["pdf"], fonts=fontset)


@pytest.mark.parametrize("name", NAMES)
def test_every_character_in_order_in_libreoffice(converted, name, profile):
    case = converted[name]
    assert case.lo is not None
    printed = "".join(line.text for page in range(1, case.lo.pages + 1) for line in text_lines(case.lo, page))
    expected = "".join(ch for ch in case.doc.all_text(profile.headings.labels) if not ch.isspace())
    if case.doc.profile == "gbt9704-letter":  # 份号 and 密级 print under the mark: compare from the title on
        start = case.doc.title[:4]
        printed, expected = printed[printed.index(start) :], expected[expected.index(start) :]
    assert printed == expected


# --- the engine ----------------------------------------------------------------------------


def test_record_keeps_clear_of_a_seal(cases, profile, fontset):
    """A seal hanging below the date pushes the record's first rule below the seal."""
    doc = cases["record_fits"].doc
    assert doc.signature is not None
    sealed = replace(doc, signature=replace(doc.signature, seals=[Seal("reserve")]))
    pages = layout_document(sealed, profile, fontset).pages
    page = pages[-1]
    assert len(pages) % 2 == 0 and is_record_page(page)
    top = min(rule.y for rule in page.rules)
    assert all(top >= seal.cy + seal.height / 2 for seal in page.seals)


# --- the DOCX ------------------------------------------------------------------------------


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_docx_record_table_and_sections(cases):
    body = document_xml(cases["record_blank_page"].docx).find(f"{W}body")
    (table,) = body.findall(f"{W}tbl")
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    assert [(b.tag[len(W) :], b.get(f"{W}sz")) for b in borders if b.get(f"{W}val") == "single"] == [
        ("top", "8"),
        ("bottom", "8"),
    ]
    rows = table.findall(f"{W}tr")
    assert len(rows) == 3 and rows[-1].find(f"{W}tc/{W}tcPr/{W}tcBorders/{W}top").get(f"{W}sz") == "6"
    sections = body.findall(f".//{W}sectPr")
    assert len(sections) == 2  # the text's, then the blank page's and the record page's
    with zipfile.ZipFile(cases["record_blank_page"].docx) as archive:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        last = [targets[ref.get(f"{R}id")] for ref in sections[-1].findall(f"{W}footerReference")]
        assert len(last) == 2
        for target in last:
            assert "".join(etree.fromstring(archive.read(f"word/{target}")).itertext()) == ""


def test_docx_attachment_note_and_pages(cases):
    body = document_xml(cases["attachments_pages"].docx).find(f"{W}body")
    paragraphs = body.findall(f"{W}p")

    def style(p: etree._Element) -> str | None:
        found = p.find(f"{W}pPr/{W}pStyle")
        return None if found is None else found.get(f"{W}val")

    notes = [p for p in paragraphs if style(p) == "附件说明"]
    assert len(notes) == 2
    for p in notes:
        ind = p.find(f"{W}pPr/{W}ind")
        tab = p.find(f"{W}pPr/{W}tabs/{W}tab")
        assert int(ind.get(f"{W}hanging")) > 0 and tab.get(f"{W}pos") == ind.get(f"{W}left")
    labels = [p for p in paragraphs if style(p) == "附件标识"]
    assert ["".join(p.itertext()) for p in labels] == ["附件1", "附件2"]
    assert all(p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in labels)


def test_docx_properties_in_schema_order(cases):
    orders = {f"{W}pPr": PPR_ORDER, f"{W}rPr": RPR_ORDER, f"{W}sectPr": SECTPR_ORDER}
    for case in cases.values():
        for tag, order in orders.items():
            rank = {f"{W}{t.split(':')[1]}": i for i, t in enumerate(order)}
            for props in document_xml(case.docx).iter(tag):
                positions = [rank[child.tag] for child in props]  # KeyError: an unknown child
                assert positions == sorted(positions), [child.tag for child in props]
