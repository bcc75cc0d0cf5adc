"""The seed document rendered to PDF and measured: the grid, fonts, page numbers, text."""

from __future__ import annotations

import itertools

import pytest

from officialdoc.api import render_document
from officialdoc.load import load_document
from pdfmeasure import MM, PdfLine, is_full_width, read_pdf

TOL = 0.2  # mm


@pytest.fixture(scope="module")
def seed(tmp_path_factory, repo_root, profile, fontset):
    doc = load_document(repo_root / "content" / "2021.yaml").document
    outdir = tmp_path_factory.mktemp("seed")
    (pdf,), _ = render_document(doc, outdir, ["pdf"], fonts=fontset)
    return doc, read_pdf(pdf)


def body_lines(pdf, page: int) -> list[PdfLine]:
    return [line for line in pdf.page_lines(page) if "—" not in line.text or len(line.text) > 8]


def test_a4(seed):
    _, pdf = seed
    for width, height in pdf.page_sizes:
        assert width == pytest.approx(210 * MM, abs=0.5)
        assert height == pytest.approx(297 * MM, abs=0.5)


def grid_slot(line: PdfLine, profile) -> float:
    """The line's slot on the grid: 0 for the first line box under the block top."""
    return (line.baseline - profile.grid_baseline_mm(0)) / profile.line_pitch_mm


def test_22_lines_on_every_full_page_on_the_grid(seed, profile):
    _, pdf = seed
    assert pdf.pages >= 3
    for page in range(1, pdf.pages):
        slots = [grid_slot(line, profile) for line in body_lines(pdf, page)]
        assert all(s == pytest.approx(round(s), abs=0.01) for s in slots), slots
        expected = set(range(profile.grid.lines))
        if page == 1:   # the blank line under the title
            expected -= set(range(1, 1 + profile.title.blank_lines_after))
        assert {round(s) for s in slots} == expected, f"page {page}"
        assert len(slots) == len(expected)


def test_full_lines_hold_28_characters_between_the_edges(seed, profile):
    _, pdf = seed
    left, right = profile.page.block_left, profile.page.block_right
    indent = left + 2 * profile.char_pitch_mm
    hanging = profile.punctuation.hanging
    full_lines = 0
    for page in range(1, pdf.pages + 1):
        lines = body_lines(pdf, page)
        for line, following in itertools.pairwise(lines):
            starts_flush = abs(following.x0 - left) <= TOL
            if not starts_flush or line.fonts & {"FandolSong-Bold"}:
                continue  # the paragraph's last line, or the title
            assert line.x0 == pytest.approx(left, abs=TOL) or line.x0 == pytest.approx(indent, abs=TOL)
            text, last = line.text, line.chars[-1]
            if text[-1] in hanging and last["x0"] / MM >= right - TOL:
                text, last = text[:-1], line.chars[-2]
            assert last["x1"] / MM == pytest.approx(right, abs=TOL), line.text
            if all(is_full_width(ch) for ch in text):
                cells = 28 - (2 if abs(line.x0 - indent) <= TOL else 0)
                if len(text) < cells:   # justified over 28 cells: something was pulled down
                    assert pulled_down(text, following.text, cells, profile.punctuation), (line.text, following.text)
                else:
                    assert len(text) == cells, line.text
                    full_lines += 1
    assert full_lines > 40


def first_unit(text: str, rules) -> str:
    """The characters at the start of a line that no legal break separates."""
    k = 1
    while k < len(text):
        a, b = text[k - 1], text[k]
        joined = (
            b in rules.cannot_start
            or a in rules.cannot_end
            or (a in rules.no_break_before_latin and not is_full_width(b))
            or (not is_full_width(a) and not is_full_width(b))
        )
        if not joined:
            break
        k += 1
    return text[:k]


def pulled_down(line_text: str, next_text: str, cells: int, rules) -> bool:
    """A line is short only when the next line's unbreakable start did not fit on it."""
    unit = first_unit(next_text, rules)
    needed = sum(1 if is_full_width(ch) else 0.5 for ch in unit)
    return len(line_text) + needed > cells


def test_no_line_breaks_against_the_punctuation_rules(seed, profile):
    _, pdf = seed
    rules = profile.punctuation
    for line in pdf.lines:
        if line.baseline > profile.page.block_bottom:
            continue  # the page number "— 1 —"
        assert line.text[0] not in rules.cannot_start, line.text
        assert line.text[-1] not in rules.cannot_end, line.text


def test_fonts_and_sizes_by_element(seed):
    _, pdf = seed
    lines = pdf.page_lines(1)
    title = lines[0]
    assert title.text == "大江镇2021年法治建设工作情况报告"
    assert title.sizes == {22.0}
    assert "FandolSong-Bold" in title.fonts
    heading1 = next(line for line in pdf.lines if line.text.startswith("一、"))
    assert {c["fontname"].split("+")[-1] for c in heading1.chars if is_full_width(c["text"])} == {"FandolHei-Regular"}
    heading2 = next(line for line in pdf.lines if line.text.startswith("（一）强化"))
    kai = [c for c in heading2.chars[:20] if is_full_width(c["text"])]
    assert {c["fontname"].split("+")[-1] for c in kai} == {"FandolKai-Regular"}
    assert heading2.chars[-1]["fontname"].endswith("FandolFang-Regular")   # run-in body text
    digits = [c for line in pdf.lines for c in line.chars if c["text"].isdigit() and c["size"] == 16]
    assert digits and {c["fontname"].split("+")[-1] for c in digits} == {"LiberationSerif"}


def test_page_numbers(seed, profile):
    _, pdf = seed
    indent = profile.page_number.side_indent_char_pt / MM
    for page in range(1, pdf.pages + 1):
        number = [line for line in pdf.page_lines(page) if line.baseline > profile.page.block_bottom]
        assert len(number) == 1
        line = number[0]
        assert line.text == f"—{page}—"            # spaces are not extracted as chars
        assert line.sizes == {14.0}
        assert line.fonts == {"FandolSong-Regular"}
        if page % 2:
            assert line.x1 == pytest.approx(profile.page.block_right - indent, abs=TOL)
        else:
            assert line.x0 == pytest.approx(profile.page.block_left + indent, abs=TOL)


def test_page_number_dash_ink_is_7mm_below_the_block(seed, profile):
    import pypdfium2

    _, pdf_doc = seed
    number = next(line for line in pdf_doc.page_lines(1) if line.baseline > profile.page.block_bottom)
    dash = number.chars[0]
    assert dash["text"] == "—"
    scale = 600 / 72
    pdf = pypdfium2.PdfDocument(pdf_doc.path)
    image = pdf[0].render(scale=scale, grayscale=True).to_pil()
    top_px = int((profile.page.block_bottom + 2) * MM * scale)
    bottom_px = int((profile.page.block_bottom + 12) * MM * scale)
    crop = image.crop((int(dash["x0"] * scale) + 4, top_px, int(dash["x1"] * scale) - 4, bottom_px))
    rows = [y for y in range(crop.height) if min(crop.getpixel((x, y)) for x in range(crop.width)) < 128]
    ink_top_mm = (top_px + rows[0]) / scale / MM
    assert ink_top_mm == pytest.approx(profile.page.block_bottom + profile.page_number.dash_top_below_block_mm, abs=0.3)


def test_every_character_in_order(seed, profile):
    doc, pdf = seed
    printed = "".join(line.text for line in pdf.lines if not line.text.startswith("—"))
    expected = "".join(ch for ch in doc.all_text(profile.headings.labels) if not ch.isspace())
    assert printed == expected


def test_signature_block(seed, profile):
    _doc, pdf = seed
    last = pdf.page_lines(pdf.pages)
    date = next(line for line in last if line.text == "2021年11月23日")
    issuer = next(line for line in last if line.text == "台山市大江镇人民政府")
    cell = profile.char_pitch_mm
    assert date.x1 == pytest.approx(profile.page.block_right - 4 * cell, abs=TOL)       # 右空四字
    assert (issuer.x0 + issuer.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=TOL)  # centred
    assert date.baseline - issuer.baseline == pytest.approx(profile.line_pitch_mm, abs=0.05)
    body_above = [line for line in last if line.baseline < issuer.baseline]
    gap_lines = (issuer.baseline - body_above[-1].baseline) / profile.line_pitch_mm
    assert gap_lines == pytest.approx(3, abs=0.01)           # two blank lines for the seal
