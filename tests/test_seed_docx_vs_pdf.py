"""The seed as LibreOffice renders our DOCX, measured against our own PDF of it.

Same pages, same lines, same characters on every line: the PDF engine and the DOCX
settings follow one rule for filling and breaking lines.
"""

from __future__ import annotations

import pytest

from officialdoc.api import render_document
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from pdfmeasure import MM, drawn_alike, is_full_width, read_pdf

TOL = 0.3  # mm, LibreOffice's own rounding included


@pytest.fixture(scope="module")
def both(tmp_path_factory, repo_root, fontset, soffice):
    doc = load_document(repo_root / "content" / "2021.yaml").document
    outdir = tmp_path_factory.mktemp("seed-both")
    (pdf, docx_path), _ = render_document(doc, outdir, ["pdf", "docx"], fonts=fontset)
    (lo_pdf,) = docx_to_pdf([docx_path], outdir / "lo", fontset.fontconfig_xml())
    return read_pdf(pdf), read_pdf(lo_pdf)


def test_same_pages_and_same_lines(both, profile):
    ours, libreoffice = both
    assert libreoffice.pages == ours.pages
    assert [line.page for line in libreoffice.lines] == [line.page for line in ours.lines]
    for mine, theirs in zip(ours.lines, libreoffice.lines, strict=True):
        assert drawn_alike(mine, theirs.text, profile.punctuation.hanging, profile.page.block_right), (
            mine.page,
            mine.text,
            theirs.text,
        )


def test_libreoffice_grid(both, profile):
    _, lo = both
    left = profile.page.block_left
    for page in range(1, lo.pages):
        body = [line for line in lo.page_lines(page) if line.baseline < profile.page.block_bottom]
        blank = profile.title.blank_lines_after if page == 1 else 0
        assert len(body) == profile.grid.lines - blank, f"page {page}"
        pitches = [
            b.baseline - a.baseline for a, b in zip(body[1 + (page == 1) :], body[2 + (page == 1) :], strict=False)
        ]
        assert all(p == pytest.approx(profile.line_pitch_mm, abs=0.05) for p in pitches)
    flush = [line for line in lo.lines if abs(line.x0 - left) <= TOL and all(is_full_width(c) for c in line.text)]
    assert len(flush) > 40
    full = [line for line in flush if len(line.text) == profile.grid.chars]
    assert len(full) > 30
    for line in full:
        assert line.x1 == pytest.approx(profile.page.block_right, abs=0.6)  # justified by LibreOffice


def test_libreoffice_fonts_are_the_pdf_fonts(both):
    ours, lo = both
    assert lo.lines[0].fonts == ours.lines[0].fonts  # title
    body_fonts = {font for line in lo.lines for font in line.fonts}
    assert {"FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "LiberationSerif"} <= body_fonts


def test_page_numbers_in_libreoffice(both, profile):
    _, lo = both
    indent = profile.page_number.side_indent_char_pt / MM
    for page in range(1, lo.pages + 1):
        (number,) = [line for line in lo.page_lines(page) if line.baseline > profile.page.block_bottom]
        assert number.text == f"—{page}—"
        if page % 2:
            assert number.x1 == pytest.approx(profile.page.block_right - indent, abs=TOL)
        else:
            assert number.x0 == pytest.approx(profile.page.block_left + indent, abs=TOL)
