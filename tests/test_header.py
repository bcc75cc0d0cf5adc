"""版头 (§7.2), 套打, and the formats of chapter 10 (信函, 命令, 纪要), measured.

Every fixture is rendered to PDF and to DOCX; the DOCX files are converted by LibreOffice
in one call. Both PDFs are read back (pdfplumber for text and rules, pypdfium2 for ink)
and measured against the standard's numbers and against each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from PIL import ImageChops

from officialdoc.api import render_document
from officialdoc.errors import LayoutError
from officialdoc.fonts import FontSet
from officialdoc.layout.header import plan_header
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document, load_text
from officialdoc.model import Document
from officialdoc.profile import Profile, load_profile
from pdfmeasure import MM, PdfDoc, PdfLine, read_pdf

FIXTURES = ("header", "header_joint", "header_upward", "header_preprinted", "letter", "order", "minutes")
WITH_RED_LINE = ("header", "header_joint", "header_upward", "minutes")
SCALE = 600 / 72  # pixels per point when measuring ink
TOL = 0.3  # mm
RED = (1.0, 0.0, 0.0)


@dataclass
class Rendered:
    doc: Document
    profile: Profile
    ours: PdfDoc
    libreoffice: PdfDoc


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, repo_root: Path, fontset: FontSet, soffice: str) -> dict[str, Rendered]:
    folder = tmp_path_factory.mktemp("header")
    made = {}
    for name in FIXTURES:
        doc = load_document(repo_root / "tests" / "fixtures" / f"{name}.yaml").document
        (pdf, docx_path), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
        made[name] = (doc, pdf, docx_path)
    converted = docx_to_pdf([docx_path for _, _, docx_path in made.values()], folder / "lo", fontset.fontconfig_xml())
    return {
        name: Rendered(doc, load_profile(doc.profile), read_pdf(pdf), read_pdf(lo))
        for (name, (doc, pdf, _)), lo in zip(made.items(), converted, strict=True)
    }


def both(rendered: dict[str, Rendered], name: str) -> list[tuple[str, PdfDoc]]:
    case = rendered[name]
    return [("PDF", case.ours), ("LibreOffice", case.libreoffice)]


# --- measuring -------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float


def ink(pdf: PdfDoc, page: int, area: Box, colour: str) -> Box | None:
    """The box of the red or dark pixels inside ``area`` (mm) of a page, rendered at 600 dpi."""
    width, height = pdf.page_sizes[page - 1]
    crop = (area.x0 * MM, height - area.bottom * MM, width - area.x1 * MM, area.top * MM)
    image = pypdfium2.PdfDocument(pdf.path)[page - 1].render(scale=SCALE, crop=crop).to_pil().convert("RGB")
    r, g, b = image.split()
    if colour == "red":
        mask = ImageChops.multiply(r.point(lambda v: 255 * (v > 160)), g.point(lambda v: 255 * (v < 110)))
    else:
        mask = ImageChops.multiply(r.point(lambda v: 255 * (v < 128)), g.point(lambda v: 255 * (v < 128)))
    mask = ImageChops.multiply(mask, b.point(lambda v: 255 * (v < 110)))
    found = mask.getbbox()
    if found is None:
        return None
    px = 1 / SCALE / MM
    return Box(area.x0 + found[0] * px, area.top + found[1] * px, area.x0 + found[2] * px, area.top + found[3] * px)


def red_lines(pdf: PdfDoc, page: int = 1) -> list[tuple[float, float, float, float]]:
    """(x0, x1, y, thickness) of the red rules on a page, top to bottom, in mm."""
    with pdfplumber.open(pdf.path) as opened:
        lines = opened.pages[page - 1].lines
    found = [
        (line["x0"] / MM, line["x1"] / MM, (line["top"] + line["bottom"]) / 2 / MM, line["linewidth"] / MM)
        for line in lines
        if tuple(line["stroking_color"] or ()) == RED
    ]
    return sorted(found, key=lambda rule: rule[2])


def mark_lines(pdf: PdfDoc) -> list[PdfLine]:
    return [line for line in pdf.page_lines(1) if all(c["non_stroking_color"] == RED for c in line.chars)]


def mark_ink(pdf: PdfDoc) -> Box:
    lines = mark_lines(pdf)
    top = min(line.baseline for line in lines) - 14  # a 36 pt glyph's ink reaches 0.77 em (9.8 mm) up …
    bottom = max(line.baseline for line in lines) + 4  # … and 0.16 em (2 mm) down
    box = ink(pdf, 1, Box(10, top, 200, bottom), "red")
    assert box is not None
    return box


def line_with(pdf: PdfDoc, text: str) -> PdfLine:
    (line,) = [line for line in pdf.page_lines(1) if text in line.text]
    return line


def text_ink(pdf: PdfDoc, line: PdfLine, start: int = 0, end: int | None = None) -> Box:
    """Dark ink of some characters of a line."""
    chars = line.chars[start:end]
    area = Box(chars[0]["x0"] / MM - 0.5, line.baseline - 7, chars[-1]["x1"] / MM + 0.5, line.baseline + 3)
    box = ink(pdf, line.page, area, "dark")
    assert box is not None
    return box


# --- both renderers alike --------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_libreoffice_shows_the_pdfs_pages_and_lines(rendered, name):
    case = rendered[name]
    assert case.libreoffice.pages == case.ours.pages
    assert [(line.page, line.text) for line in case.libreoffice.lines] == [
        (line.page, line.text) for line in case.ours.lines
    ]


@pytest.mark.parametrize("name", FIXTURES)
def test_header_lines_where_libreoffice_sets_them(rendered, name, fontset):
    """Off the grid (mark, letter lines) LibreOffice's baselines are the PDF's; on the grid
    they are where LibreOffice sets every grid line, the body's too (exact line height:
    baseline 80 % down, profile ``docx``), ~1 mm below the PDF's centred em box."""
    case = rendered[name]
    p = case.profile
    pitch_pt = p.docx.line_pitch_twips / 20
    top_pt = round(p.page.margin_top_mm * MM * 20) / 20
    plan = plan_header(case.doc.header, p, fontset)
    end = p.page.block_top + plan.first_slot * p.line_pitch_mm
    header = [line for line in case.ours.page_lines(1) if line.baseline < end]
    assert header, name
    for ours, lo in zip(header, case.libreoffice.page_lines(1), strict=False):
        assert lo.text == ours.text
        assert lo.x0 == pytest.approx(ours.x0, abs=TOL), ours.text
        if any(text.slot >= 0 and text.text in ours.text for text in plan.texts):
            slot = round((ours.baseline - p.page.block_top) / p.line_pitch_mm - 0.5)
            lo_pt = top_pt + slot * pitch_pt + p.grid.line_ascent * pitch_pt + p.docx.flow_baseline_extra_pt
            assert lo.baseline == pytest.approx(lo_pt / MM, abs=0.1), ours.text
            assert lo.baseline - ours.baseline == pytest.approx(0.1, abs=0.1), ours.text
        else:
            assert lo.baseline == pytest.approx(ours.baseline, abs=0.1), ours.text


# --- 发文机关标志 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "top"),
    [("header", 72), ("header_joint", 72), ("header_upward", 72), ("minutes", 72), ("order", 57), ("letter", 30)],
)
def test_mark_glyph_top_red_and_centred(rendered, name, top, profile):
    centre = profile.page.block_left + profile.page.block_width_mm / 2
    for where, pdf in both(rendered, name):
        box = mark_ink(pdf)
        assert box.top == pytest.approx(top, abs=TOL), where
        assert (box.x0 + box.x1) / 2 == pytest.approx(centre, abs=0.5), where
        assert box.x1 - box.x0 <= profile.page.block_width_mm, where
        fonts = {font for line in mark_lines(pdf) for font in line.fonts}
        assert fonts == {"FandolSong-Bold"}, where  # the 小标宋 stand-in


def test_joint_names_stacked_and_suffix_centred_on_them(rendered):
    """Names stacked at one width (主办机关 first), "文件" to their right, centred on the stack."""
    for where, pdf in both(rendered, "header_joint"):
        first, suffix, second = mark_lines(pdf)
        assert (first.text, suffix.text, second.text) == ("台山市大江镇人民政府", "文件", "台山市应急管理局")
        assert first.x0 == pytest.approx(second.x0, abs=TOL), where
        assert first.x1 == pytest.approx(second.x1, abs=TOL), where
        assert second.baseline > first.baseline and suffix.x0 > first.x1, where
        top = ink(pdf, 1, Box(first.x0, first.baseline - 12, first.x1, first.baseline + 3), "red")
        bottom = ink(pdf, 1, Box(second.x0, second.baseline - 12, second.x1, second.baseline + 4), "red")
        beside = ink(pdf, 1, Box(suffix.x0 - 0.5, top.top - 2, suffix.x1 + 0.5, bottom.bottom + 2), "red")
        assert top and bottom and beside
        assert (beside.top + beside.bottom) / 2 == pytest.approx((top.top + bottom.bottom) / 2, abs=TOL), where


# --- 发文字号, 签发人, 版头分隔线, title ---------------------------------------------------


def grid_slot(line: PdfLine, profile: Profile) -> int:
    return round((line.baseline - profile.page.block_top) / profile.line_pitch_mm - 0.5)


def number_ink(pdf: PdfDoc, number: str) -> Box:
    line = line_with(pdf, number)
    start = line.text.index(number)
    return text_ink(pdf, line, start, start + len(number))


@pytest.mark.parametrize("name", WITH_RED_LINE)
def test_red_line_4mm_below_the_doc_number_156mm_centred(rendered, name, profile):
    spec = profile.header
    number = rendered[name].doc.header.doc_number
    found = {}
    for where, pdf in both(rendered, name):
        ((x0, x1, y, thickness),) = red_lines(pdf)
        assert x0 == pytest.approx(profile.page.block_left, abs=TOL), where
        assert x1 - x0 == pytest.approx(spec.rule_width_mm, abs=TOL), where
        assert thickness == pytest.approx(spec.rule_thickness_mm, abs=0.05), where
        assert y - number_ink(pdf, number).bottom == pytest.approx(spec.rule_gap_mm, abs=TOL), where
        found[where] = y
    # LibreOffice sets the 文号's grid line 0.43 pt lower than the PDF (as every body line); the rule follows it
    assert found["LibreOffice"] - found["PDF"] == pytest.approx(0.1, abs=0.1)


def test_doc_number_two_blank_lines_below_the_mark_title_two_below_the_red_line(rendered, profile):
    pitch = profile.line_pitch_mm
    for where, pdf in both(rendered, "header"):
        mark = mark_ink(pdf)
        number = line_with(pdf, "大府〔2022〕12号")
        assert number.x0 + number.x1 == pytest.approx(
            2 * profile.page.block_left + profile.page.block_width_mm, abs=0.5
        )
        # the 文号's em box: two blank lines (2 pitches plus the inter-line gap) below the mark's glyphs
        em_top = number.baseline - profile.grid.baseline_in_em * 16 / MM
        assert 2 * pitch < em_top - mark.bottom < 3 * pitch, where
        (_, _, rule, _) = red_lines(pdf)[0]
        title = line_with(pdf, "关于做好")
        title_top = title.baseline - profile.grid.baseline_in_em * 22 / MM
        assert 2 * pitch < title_top - rule < 3 * pitch, where
    ours = rendered["header"].ours
    assert grid_slot(line_with(ours, "大府〔2022〕12号"), profile) == 7
    assert grid_slot(line_with(ours, "关于做好"), profile) == 11


def test_flush_left_lines_one_to_three_in_their_fonts(rendered, profile):
    for where, pdf in both(rendered, "header"):
        copy, secrecy, urgency = pdf.page_lines(1)[:3]
        assert [copy.text, secrecy.text, urgency.text] == ["000123", "机密★1年", "特急"], where
        for line in (copy, secrecy, urgency):
            assert line.x0 == pytest.approx(profile.page.block_left, abs=0.1), where
        assert "FandolHei-Regular" in secrecy.fonts and urgency.fonts == {"FandolHei-Regular"}, where
        assert copy.fonts == {"LiberationSerif"}, where  # Arabic digits in the Latin face
    ours = rendered["header"].ours
    assert [grid_slot(line, profile) for line in ours.page_lines(1)[:3]] == [0, 1, 2]


def test_upward_doc_number_left_signers_right_two_a_line(rendered, profile):
    cell = profile.char_pitch_mm
    left, right = profile.page.block_left, profile.page.block_right
    for where, pdf in both(rendered, "header_upward"):
        first = line_with(pdf, "签发人：")
        last = line_with(pdf, "大府报〔2022〕3号")
        assert first.text == "签发人：李明华张伟" and last.text == "大府报〔2022〕3号陈志强", where
        assert last.baseline - first.baseline == pytest.approx(profile.line_pitch_mm, abs=0.05), where
        assert last.x0 == pytest.approx(left + cell, abs=TOL), where  # 文号 居左空一字
        label, names = first.chars[:4], first.chars[4:]
        assert {c["fontname"].split("+")[-1] for c in label} == {"FandolFang-Regular"}, where
        assert {c["fontname"].split("+")[-1] for c in names} == {"FandolKai-Regular"}, where
        third = last.chars[-3]
        assert third["x0"] / MM == pytest.approx(names[0]["x0"] / MM, abs=TOL), where  # under the first name
        # the names' block ends one character in from the right: its widest column (3 characters)
        assert names[0]["x0"] / MM + (3 + 1 + 3) * cell == pytest.approx(right - cell, abs=0.5), where
        (_, _, rule, _) = red_lines(pdf)[0]
        assert rule > last.baseline, where  # the red line under the last signer line


def test_preprinted_keeps_the_space_draws_no_mark_and_no_line(rendered):
    plain, preprinted = rendered["header"], rendered["header_preprinted"]
    for where, pdf in both(rendered, "header_preprinted"):
        assert not mark_lines(pdf) and not red_lines(pdf), where
        assert ink(pdf, 1, Box(28, 60, 184, 100), "red") is None, where
    for ours, theirs in ((plain.ours, preprinted.ours), (plain.libreoffice, preprinted.libreoffice)):
        for text in ("000123", "大府〔2022〕12号", "关于做好2022年法治宣传教育工作的通知"):
            assert line_with(theirs, text).baseline == pytest.approx(line_with(ours, text).baseline, abs=0.01)


# --- 信函, 命令, 纪要 ---------------------------------------------------------------------


def test_letter_double_lines_text_under_them_and_no_page_number_on_page_1(rendered, profile):
    letter = load_profile("gbt9704-letter").header.letter
    assert letter is not None
    centre = profile.page.block_left + profile.page.block_width_mm / 2
    em = 16 / MM
    for where, pdf in both(rendered, "letter"):
        rules = red_lines(pdf)
        assert [round(r[3], 2) for r in rules] == [letter.thick_mm, letter.thin_mm, letter.thin_mm, letter.thick_mm]
        for x0, x1, _, _ in rules:
            assert x1 - x0 == pytest.approx(letter.rule_length_mm, abs=TOL), where
            assert (x0 + x1) / 2 == pytest.approx(centre, abs=TOL), where
        top_edge = rules[0][2] - letter.thick_mm / 2
        assert top_edge - mark_ink(pdf).bottom == pytest.approx(letter.rule_gap_mm, abs=TOL), where
        bottom_edge = rules[3][2] + letter.thick_mm / 2
        assert bottom_edge == pytest.approx(profile.page.height_mm - letter.bottom_rule_above_page_bottom_mm, abs=TOL)
        below = rules[1][2] + letter.thin_mm / 2
        first = line_with(pdf, "000021")
        assert first.baseline - profile.grid.baseline_in_em * em - below == pytest.approx(0.875 * em, abs=0.1), where
        assert first.x0 == pytest.approx(profile.page.block_left, abs=0.1), where
        number = number_ink(pdf, "大府函〔2022〕7号")
        assert first.chars[-1]["x1"] / MM == pytest.approx(profile.page.block_right, abs=TOL), where  # 文号 flush right
        assert number.x1 <= profile.page.block_right, where
        secrecy = line_with(pdf, "秘密")
        assert secrecy.baseline - first.baseline == pytest.approx(profile.line_pitch_mm, abs=0.05), where
        numbers = [line.text for line in pdf.lines if line.baseline > profile.page.block_bottom]
        assert numbers == ["—2—"], where  # page 1 carries none
        title = line_with(pdf, "关于商请")
        assert title.baseline - secrecy.baseline > 2 * profile.line_pitch_mm, where


def test_order_number_centred_body_two_lines_below_no_title_no_line(rendered, profile):
    pitch = profile.line_pitch_mm
    for where, pdf in both(rendered, "order"):
        mark, number, first = pdf.page_lines(1)[:3]
        assert (mark.text, number.text) == ("台山市大江镇人民政府令", "第3号"), where
        assert number.x0 + number.x1 == pytest.approx(
            2 * profile.page.block_left + profile.page.block_width_mm, abs=0.5
        )
        assert first.text.startswith("《台山市大江镇村容村貌管理办法》"), where  # no title
        assert first.baseline - number.baseline == pytest.approx(3 * pitch, abs=0.05), where
        assert not red_lines(pdf), where


def test_minutes_attendance_block(rendered, profile):
    cell = profile.char_pitch_mm
    left = profile.page.block_left
    for where, pdf in both(rendered, "minutes"):
        lines = [line for line in pdf.lines if line.baseline < profile.page.block_bottom]
        start = next(i for i, line in enumerate(lines) if line.text.startswith("出席："))
        body_end = lines[start - 1]
        block = lines[start:]
        assert block[0].baseline - body_end.baseline == pytest.approx(2 * profile.line_pitch_mm, abs=0.05), where
        text = "".join(line.text for line in block)
        assert text == (
            "出席：李明华、张伟、陈志强、黄国华、林晓东、吴建新、赵丽娟、周永康、郑海燕、刘文彬、谭少雄、梁振宇、"
            "区美玲、甄国栋请假：冯志刚（因公出差）列席：镇党政办公室、镇司法所、镇财政所、镇自然资源所"
        ), where
        labels = [line for line in block if line.text[2:3] == "："]
        assert [line.text[:3] for line in labels] == [
            "出席：",
            "请假：",
            "列席：",
        ], where
        for line in block:
            if line in labels:
                assert line.x0 == pytest.approx(left + 2 * cell, abs=TOL), where
                fonts = [c["fontname"].split("+")[-1] for c in line.chars]
                assert set(fonts[:3]) == {"FandolHei-Regular"} and "FandolHei-Regular" not in fonts[3:], where
            else:  # wrapped: after the colon
                assert line.x0 == pytest.approx(left + 5 * cell, abs=TOL), where


# --- profiles, content and errors -----------------------------------------------------


def test_format_profiles_extend_the_standard():
    base = load_profile("gbt9704")
    for name in ("gbt9704-letter", "gbt9704-order", "gbt9704-minutes"):
        variant = load_profile(name)
        assert variant.name == name
        assert variant.page == base.page and variant.grid == base.grid and variant.styles == base.styles
    assert load_profile("gbt9704-letter").header.mark_top_from == "page"
    assert load_profile("gbt9704-order").header.mark_top_mm == 20
    assert load_profile("gbt9704-minutes").attendance is not None and base.attendance is None


def test_a_long_mark_is_condensed_to_the_block_width(profile, fontset):
    doc = load_text(
        "title: 通知\nheader:\n  issuer: 中华人民共和国国家发展和改革委员会办公厅\n  suffix: 文件\nbody: [正文]\n",
        Path("long.yaml"),
    ).document
    assert doc.header is not None
    (mark,) = plan_header(doc.header, profile, fontset).texts
    assert mark.h_scale < 1
    assert mark.width <= profile.header.mark_max_width_mm
    assert mark.x + mark.width / 2 == pytest.approx(profile.page.block_left + profile.page.block_width_mm / 2)


@pytest.mark.parametrize(
    ("content", "profile_name", "message"),
    [
        ("header: {issuers: [甲局, 乙局], suffix: 文件}\n", "gbt9704-letter", "主办机关"),
        ("header: {issuer: 某局, doc_number: 某发〔2022〕1号, signers: [张三]}\n", "gbt9704-letter", "签发人"),
        ("attendance: {present: [张三]}\n", "gbt9704", "纪要"),
    ],
)
def test_format_errors(content, profile_name, message, fontset):
    from officialdoc.layout.engine import layout_document

    doc = load_text(f"title: 通知\nbody: [正文]\n{content}", Path("x.yaml")).document
    with pytest.raises(LayoutError, match=message):
        layout_document(doc, load_profile(profile_name), fontset)


def test_order_number_validated():
    doc = load_text(
        "title: 令\nheader: {issuer: 某市人民政府, suffix: 令, order_number: 第12号}\nbody: [正文]\n", Path("o.yaml")
    )
    assert doc.document.header is not None and doc.document.header.doc_number == "第12号"
    from officialdoc.errors import ContentError

    with pytest.raises(ContentError, match="令号"):
        load_text("title: 令\nheader: {issuer: 某局, order_number: 第012号}\nbody: [正文]\n", Path("o.yaml"))
