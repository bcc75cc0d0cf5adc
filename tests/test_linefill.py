"""Line filling as LibreOffice fills the DOCX (#9, #10): digits touching 〔〕 and hung 点号."""

from __future__ import annotations

import shutil

import pytest

from officialdoc.api import render_document
from officialdoc.layout.linebreak import _fit_span_pt
from officialdoc.layout.measure import shape
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from pdfmeasure import read_pdf


def test_a_change_of_script_costs_the_untracked_glyph(profile, fontset):
    """LibreOffice does not track the last glyph before hanzi meet half-width text (measured)."""
    style = profile.style("body")
    tracking = profile.fit_tracking_pt(style)
    plain = shape("某政文二〇〇四号", style, "body", fontset, profile.grid.han_latin_space_em)
    number = shape("某政文〔2004〕15号", style, "body", fontset, profile.grid.han_latin_space_em)
    tracked = sum(g.advance_pt for g in plain) + tracking * (len(plain) - 1)
    assert _fit_span_pt(plain, tracking) == pytest.approx(tracked)
    gap = profile.grid.han_latin_space_em * style.size_pt  # 5|号 only: 〔 and 〕 are not hanzi
    natural = sum(g.advance_pt for g in number) + tracking * (len(number) - 1) + gap
    assert _fit_span_pt(number, tracking) == pytest.approx(natural - 4 * tracking)  # 〔|2, 4|〕, 〕|1, 5|号


def test_document_number_in_running_text_breaks_as_in_libreoffice(tmp_path, fontset, soffice, shared_dir):
    source = shutil.copy(shared_dir / "repro" / "digits_brackets.yaml", tmp_path / "digits_brackets.yaml")
    (pdf, docx), _ = render_document(load_document(source).document, tmp_path, ["pdf", "docx"], fonts=fontset)
    (lo,) = docx_to_pdf([docx], tmp_path / "lo", fontset.fontconfig_xml())
    ours, theirs = read_pdf(pdf), read_pdf(lo)
    assert [(line.page, line.text) for line in theirs.lines] == [(line.page, line.text) for line in ours.lines]
    assert any("〔2004〕15号" in line.text for line in ours.lines)
