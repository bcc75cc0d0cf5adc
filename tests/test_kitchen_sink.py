"""All the elements together: the PDF and LibreOffice's rendering of the DOCX agree, the
version ends on an even page with the 版记 on the block bottom, and both check clean."""

from __future__ import annotations

import pytest

from officialdoc.api import render_document
from officialdoc.check import check_file
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from pdfmeasure import read_pdf


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, repo_root, fontset, soffice):
    doc = load_document(repo_root / "tests" / "fixtures" / "kitchen_sink.yaml").document
    folder = tmp_path_factory.mktemp("sink")
    (pdf, docx_path), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
    (lo,) = docx_to_pdf([docx_path], folder / "lo", fontset.fontconfig_xml())
    return pdf, docx_path, lo


def test_same_pages_and_lines_in_libreoffice(outputs):
    pdf, _, lo = outputs
    ours, theirs = read_pdf(pdf), read_pdf(lo)
    assert theirs.pages == ours.pages
    assert ours.pages % 2 == 0                                   # the 版记 page is even
    assert [(x.page, x.text) for x in theirs.lines] == [(x.page, x.text) for x in ours.lines]


def test_record_rule_on_the_block_bottom_of_the_last_page(outputs, profile):
    import pdfplumber

    pdf, _, _ = outputs
    with pdfplumber.open(pdf) as opened:
        last = opened.pages[-1]
        ys = [(line["top"] + line["bottom"]) / 2 for line in last.lines] + [
            (rect["top"] + rect["bottom"]) / 2 for rect in last.rects
        ]
    assert max(ys) / (72 / 25.4) == pytest.approx(profile.page.block_bottom, abs=0.2)


@pytest.mark.parametrize("which", [0, 1])
def test_our_outputs_check_clean(outputs, profile, which):
    report = check_file(outputs[which], profile)
    required = [f for f in report.findings if f.severity == "required"]
    assert required == []
