"""Document-level shapes of issue #9 measured in our PDF (and LibreOffice's rendering of our
DOCX for the text): a lone 发文字号, reply marks, embedded documents, whole-document
attachments, a 令's 签署, a date alone, the publication note, the 版记's copies row.

Positions are the standard's (digest §3–§6) on the 22-line grid; test_docx_matches_pdf.py
holds LibreOffice's lines to the PDF's for these fixtures.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from officialdoc.api import render_document
from officialdoc.errors import ContentError
from officialdoc.fonts import FontSet
from officialdoc.layout.engine import layout_document
from officialdoc.layout.result import Kind, LaidOutDocument
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.model import Document
from officialdoc.profile import Profile, load_profile, pt_to_mm
from pdfmeasure import MM, PdfDoc, PdfLine, is_full_width, read_pdf

TOL = 0.2  # mm, our PDF against the standard
NAMES = [
    "shape_doc_number", "shape_marks", "shape_publication", "shape_copies", "shape_signers", "shape_date_only",
    "shape_date_only_unsealed", "shape_embedded", "shape_embedded_inline", "shape_attachment_part", "real_dafu_marks",
]  # fmt: skip


@dataclass
class Case:
    doc: Document
    profile: Profile
    layout: LaidOutDocument
    pdf: PdfDoc
    lo: PdfDoc
    docx: Path


@pytest.fixture(scope="module")
def cases(tmp_path_factory, repo_root, soffice) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("shapes")
    fontsets: dict[str, FontSet] = {}
    made = {}
    for name in NAMES:
        source = shutil.copy(repo_root / "tests" / "fixtures" / f"{name}.yaml", folder / f"{name}.yaml")
        doc = load_document(source).document
        profile = load_profile(doc.profile)
        fonts = fontsets.setdefault(profile.name, FontSet(profile))
        outputs, _ = render_document(doc, folder, ["pdf", "docx"], fonts=fonts)
        made[name] = (doc, profile, layout_document(doc, profile, fonts), *outputs)
    fontconfig = next(iter(fontsets.values())).fontconfig_xml()
    converted = docx_to_pdf([docx for *_, docx in made.values()], folder / "lo", fontconfig)
    return {
        name: Case(doc, profile, layout, read_pdf(pdf), read_pdf(lo), docx)
        for (name, (doc, profile, layout, pdf, docx)), lo in zip(made.items(), converted, strict=True)
    }


def line(pdf: PdfDoc, page: int, text: str) -> PdfLine:
    found = [item for item in pdf.page_lines(page) if item.text == text]
    assert len(found) == 1, (page, text, [item.text for item in pdf.page_lines(page)])
    return found[0]


def slot(profile: Profile, item: PdfLine) -> int:
    """The grid line (0-based) a text sits on; asserts its baseline is the grid's."""
    index = round((item.baseline - profile.grid_baseline_mm(0)) / profile.line_pitch_mm)
    assert abs(item.baseline - profile.grid_baseline_mm(index)) <= TOL, (item.text, item.baseline)
    return index


def centred(profile: Profile, item: PdfLine) -> None:
    middle = profile.page.block_left + profile.page.block_width_mm / 2
    assert abs((item.x0 + item.x1) / 2 - middle) <= TOL, (item.text, item.x0, item.x1)


def right_gap(profile: Profile, item: PdfLine) -> float:
    """The gap from the text's end to the block's right edge, in characters of the grid."""
    return (profile.page.block_right - item.x1) / profile.char_pitch_mm


def font(item: PdfLine, role: str) -> None:
    """The Chinese characters of a line are in the role's face (digits are in the Latin one)."""
    names = {"fangsong": "Fang", "heiti": "Hei", "kaiti": "Kai"}
    faces = {c["fontname"].split("+")[-1] for c in item.chars if is_full_width(c["text"])}
    assert faces and all(names[role] in name for name in faces), (item.text, faces)


def printed(pdf: PdfDoc) -> Counter[str]:
    """Every character on every page but the page numbers (the 版头's lines share baselines
    with others in a 信函, so reading order is the layout's, proven by api.verify_text_complete)."""
    return Counter(c["text"] for item in pdf.lines if not item.text.startswith("—") for c in item.chars)


def rules_y(pdf: PdfDoc, page: int) -> list[float]:
    """Centres of the page's horizontal rules (strokes and thin filled boxes), top to bottom."""
    with pdfplumber.open(pdf.path) as opened:
        shapes = [*opened.pages[page - 1].lines, *opened.pages[page - 1].rects]
    return sorted((s["top"] + s["bottom"]) / 2 / MM for s in shapes if (s["bottom"] - s["top"]) / MM < 1.0)


@pytest.mark.parametrize("name", NAMES)
def test_every_character_is_in_the_pdf_and_in_libreoffices_rendering(cases, name):
    case = cases[name]
    text = case.doc.all_text(case.profile.headings.labels, title=case.profile.header.print_title)
    expected = Counter(ch for ch in text if not ch.isspace())
    assert printed(case.pdf) == expected
    # LibreOffice 7.4 may leave out a mark hung at the end of a full line (pdfmeasure.drawn_alike)
    hung = Counter(
        line.text[-1]
        for line in case.pdf.lines
        if line.x1 >= case.profile.page.block_right - 1.0 and line.text[-1:] in case.profile.punctuation.hanging
    )
    missing = expected - printed(case.lo)
    assert printed(case.lo) - expected == Counter() and missing == missing & hung


def test_a_lone_doc_number_is_centred_on_line_1_and_the_title_starts_on_line_3(cases):
    case = cases["shape_doc_number"]
    number = line(case.pdf, 1, "青政办发〔2024〕21号")
    assert slot(case.profile, number) == 0
    centred(case.profile, number)
    font(number, "fangsong")
    assert number.sizes == {16.0}
    title = case.pdf.page_lines(1)[1]
    assert title.text == "青溪县人民政府办公室关于" and slot(case.profile, title) == 2
    with pdfplumber.open(case.pdf.path) as pdf:  # no 版头: no red line
        assert not pdf.pages[0].lines and not pdf.pages[0].rects


def test_reply_marks_follow_the_urgency_flush_left_in_heiti(cases):
    case = cases["shape_marks"]
    for index, text in enumerate(["加急", "B类", "不公开"]):
        mark = line(case.pdf, 1, text)
        assert slot(case.profile, mark) == index
        assert abs(mark.x0 - case.profile.page.block_left) <= TOL
        font(mark, "heiti")


def test_reply_marks_in_a_letter_stand_under_the_double_line_one_pitch_apart(cases):
    case = cases["real_dafu_marks"]
    profile = case.profile
    # §10.1: the 发文字号 flush right on the first line under the double line, the marks flush left
    first, second = line(case.pdf, 1, "A类青交建字〔2024〕12号"), line(case.pdf, 1, "公开")
    assert abs(first.x0 - profile.page.block_left) <= TOL and abs(first.x1 - profile.page.block_right) <= TOL
    assert abs(second.baseline - first.baseline - profile.line_pitch_mm) <= TOL
    assert abs(second.x0 - profile.page.block_left) <= TOL
    font(second, "heiti")


def test_the_publication_note_is_under_the_date_two_characters_in_before_the_note(cases):
    case = cases["shape_publication"]
    profile = case.profile
    date = line(case.pdf, 1, "2024年4月12日")
    publication = line(case.pdf, 1, "（此件公开发布）")
    note = line(case.pdf, 1, "（联系人：县委编办林芳）")
    assert slot(profile, publication) == slot(profile, date) + 1 and slot(profile, note) == slot(profile, date) + 2
    assert abs(publication.x0 - profile.page.block_left - 2 * profile.char_pitch_mm) <= TOL
    font(publication, "fangsong")


def test_the_copies_row_is_flush_right_one_character_in_above_the_print_line(cases):
    case = cases["shape_copies"]
    profile = case.profile
    page = case.pdf.pages  # the 版记 page: the last, even
    assert page % 2 == 0
    copies = line(case.pdf, page, "共印40份")
    printer = case.pdf.page_lines(page)[-2]  # the page number is last
    assert printer.text.endswith("印发") and slot(profile, printer) == profile.grid.lines - 1
    assert slot(profile, copies) == profile.grid.lines - 2
    one = pt_to_mm(profile.record.side_indent_chars * profile.record.side_indent_char_pt)
    assert abs(profile.page.block_right - copies.x1 - one) <= TOL
    assert copies.sizes == {14.0}
    rules = rules_y(case.pdf, page)
    top_of = profile.page.block_top + (profile.grid.lines - 1) * profile.line_pitch_mm  # the 印发 line's top
    assert len(rules) == 3
    assert abs(rules[1] - top_of) <= TOL  # the thin rule: between the copies row and the 印发 line
    assert abs(rules[2] - profile.page.block_bottom) <= TOL  # the last rule on the block's bottom edge


def test_an_order_signed_by_name_sets_it_four_characters_in_and_the_date_a_blank_line_below(cases):
    case = cases["shape_signers"]
    profile = case.profile
    signer = line(case.pdf, 1, "县长王建国")  # the full-width space is no glyph
    date = line(case.pdf, 1, "2024年4月2日")
    body = case.pdf.page_lines(1)[-4]  # last body line (then signer, date, page number)
    assert body.text.endswith("施行。")
    assert slot(profile, signer) == slot(profile, body) + 3  # 正文下空二行
    assert slot(profile, date) == slot(profile, signer) + 2  # 空一行
    assert abs(right_gap(profile, signer) - 4) <= 0.05 and abs(right_gap(profile, date) - 4) <= 0.05
    assert not case.layout.pages[0].seals


def test_a_sealed_date_alone_is_four_characters_in_under_its_seal(cases):
    case = cases["shape_date_only"]
    profile = case.profile
    date = line(case.pdf, 1, "2024年1月26日")
    body = case.pdf.page_lines(1)[-3]
    assert body.text.endswith("贡献。")
    assert abs(right_gap(profile, date) - 4) <= 0.05
    (seal,) = case.layout.pages[0].seals
    assert abs(seal.cx - (date.x0 + date.x1) / 2) <= TOL  # centred on the date
    date_middle = date.baseline - (profile.grid.baseline_in_em - 0.5) * pt_to_mm(16)
    assert 0 < date_middle - seal.cy <= 2 * profile.signature.seal_centre_above_text_mm  # slightly below the centre
    body_bottom = profile.page.block_top + (slot(profile, body) + 1) * profile.line_pitch_mm
    assert 0 <= seal.cy - seal.height / 2 - body_bottom < profile.line_pitch_mm  # top within one line of the body


def test_an_unsealed_date_alone_is_two_characters_in_a_blank_line_below_the_body(cases):
    case = cases["shape_date_only_unsealed"]
    profile = case.profile
    date = line(case.pdf, 1, "2024年1月18日")
    body = case.pdf.page_lines(1)[-3]
    assert slot(profile, date) == slot(profile, body) + 2
    assert abs(right_gap(profile, date) - 2) <= 0.05


def test_an_embedded_document_starts_a_new_page_with_its_title_on_line_1(cases):
    case = cases["shape_embedded"]
    profile, pdf = case.profile, case.pdf
    kinds = [placed.kind for placed in case.layout.elements]
    assert kinds.index(Kind.SIGNATURE) < kinds.index(Kind.EMBEDDED) < kinds.index(Kind.RECORD)
    (page,) = case.layout.elements[kinds.index(Kind.EMBEDDED)].pages
    lines = pdf.page_lines(page)
    title, number, subtitle, addressee = lines[:4]
    assert title.text == "青溪县乡村振兴工作要点" and slot(profile, title) == 0
    assert number.text == "青振兴〔2024〕3号" and slot(profile, number) == 1
    assert subtitle.text == "（县乡村振兴局2024年3月8日印发）" and slot(profile, subtitle) == 2
    assert addressee.text == "县人民政府：" and slot(profile, addressee) == 4  # one blank line
    for item in (title, number, subtitle):
        centred(profile, item)
    font(number, "fangsong")
    font(subtitle, "kaiti")
    assert abs(addressee.x0 - profile.page.block_left) <= TOL
    # its own attachment next, labelled within it; then the notice's attachment; 版记 last
    for label_page, title_text in (
        (page + 1, "青溪县防止返贫监测对象名册"),
        (page + 2, "青溪县乡村振兴重点任务分工表"),
    ):
        label, attachment_title = pdf.page_lines(label_page)[:2]
        assert label.text == "附件" and slot(profile, label) == 0
        assert attachment_title.text == title_text and slot(profile, attachment_title) == 2
    numbers = [page.number for page in case.layout.pages]
    assert numbers == list(range(1, len(numbers) + 1))  # page numbers continue
    assert len(numbers) % 2 == 0 and any(item.text == "共印80份" for item in pdf.page_lines(len(numbers)))


def test_an_embedded_document_on_the_same_page_follows_two_blank_lines(cases):
    case = cases["shape_embedded_inline"]
    profile = case.profile
    date = line(case.pdf, 1, "2024年4月9日")
    title = line(case.pdf, 1, "关于做好校园安全工作的请示")
    assert slot(profile, title) == slot(profile, date) + 3
    centred(profile, title)
    date = line(case.pdf, 1, "2024年4月3日")  # its signature unsealed (§7.3.5.2): the longer date 右空二字
    assert abs(right_gap(profile, date) - 2) <= 0.05


def test_a_whole_document_attachment_carries_its_own_parts_and_attachments(cases):
    case = cases["shape_attachment_part"]
    profile, pdf = case.profile, case.pdf
    lines = [item for item in pdf.page_lines(2) if not item.text.startswith("—")]
    texts = [item.text for item in lines]
    assert texts[:6] == [
        "附件",
        "青溪县自然资源局关于汛期",
        "地质灾害隐患排查情况的报告",
        "青自然资〔2024〕17号",
        "（2024年6月20日）",
        "县人民政府：",
    ]
    assert [slot(profile, item) for item in lines[:6]] == [0, 2, 3, 4, 5, 7]
    assert "附件：新发现地质灾害隐患点情况表" in texts
    assert texts[-3:] == ["青溪县自然资源局", "2024年6月20日", "（联系人：县自然资源局周强）"]
    assert abs(right_gap(profile, lines[-2]) - 2) <= 0.05  # unsealed, the date longer than the 署名: 右空二字
    label, title = pdf.page_lines(3)[:2]
    assert (label.text, slot(profile, label)) == ("附件", 0)
    assert (title.text, slot(profile, title)) == ("新发现地质灾害隐患点情况表", 2)
    assert [page.number for page in case.layout.pages] == [1, 2, 3]
    note = line(pdf, 1, "附件：县自然资源局排查情况报告")  # the 附件说明 names it by its short name
    assert abs(note.x0 - profile.page.block_left - 2 * profile.char_pitch_mm) <= TOL


def test_too_many_marks_above_the_issuer_mark_are_a_content_error(tmp_path, fontset):
    source = tmp_path / "marks.yaml"
    source.write_text(
        "header:\n  copy_number: '000012'\n  secrecy: 秘密\n  urgency: 特急\n  marks: [A类, 公开]\n"
        "  issuer: 青溪县农业农村局\ntitle: 关于某事的答复\nbody: [正文。]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        render_document(load_document(source).document, tmp_path, ["pdf"], fonts=fontset)
    assert (raised.value.line, raised.value.field) == (5, "header.marks")
    assert "3行" in raised.value.message
    assert not list(tmp_path.glob("*.pdf"))


def test_the_docx_carries_the_shapes_as_named_paragraphs(cases):
    embedded = {p.text: p for p in open_docx(str(cases["shape_embedded"].docx)).paragraphs}
    title = embedded["青溪县乡村振兴工作要点"]
    assert title.style.name == "公文标题" and title.paragraph_format.page_break_before
    assert embedded["青振兴〔2024〕3号"].style.name == "发文字号"
    assert embedded["（县乡村振兴局2024年3月8日印发）"].style.name == "副标题"
    paragraphs = open_docx(str(cases["shape_publication"].docx)).paragraphs
    texts = [p.text for p in paragraphs]
    at = texts.index("（此件公开发布）")
    assert paragraphs[at].style.name == "发布说明"
    assert texts[at - 1] == "2024年4月12日" and paragraphs[at - 1].paragraph_format.keep_with_next
    number = open_docx(str(cases["shape_doc_number"].docx)).paragraphs[0]
    assert (number.text, number.style.name) == ("青政办发〔2024〕21号", "发文字号")
