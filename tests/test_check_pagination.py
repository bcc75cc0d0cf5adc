"""PAGE-GRID-LINES and the pagination rules of the layout: a page that runs on holds 22
lines, except when §7.3.5.5 carried its last lines over with the signature (the profile's
``signature.carry_lines``; fewer under a heading that keeps its body lines) or a heading
went to the next page with its first body lines (the page then ends a paragraph and is not
counted). A page short beyond that is still reported (here, and a producer's 21-line pages
with one line carried: test_check.py::test_21_line_pages_name_the_pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from officialdoc.api import render_document
from officialdoc.check import check_file
from officialdoc.layout.engine import layout_document
from officialdoc.layout.result import Kind
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.profile import load_profile
from seal_images import write_seal_images

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def render(folder: Path, name: str, fontset, profile: str | None = None):
    """The fixture rendered to PDF and DOCX in ``folder`` (with another profile if given),
    and its layout."""
    write_seal_images(folder)
    text = (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")
    if profile is not None:
        text = f"profile: {profile}\n{text}"
    source = folder / f"{name}.yaml"
    source.write_text(text, encoding="utf-8")
    doc = load_document(source).document
    (pdf, docx), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
    return pdf, docx, layout_document(doc, load_profile(doc.profile, source.parent), fontset)


def body_lines(page) -> int:
    return len({line.slot for line in page.lines if line.owner >= 0 and line.slot >= 0})


def grid_findings(path: Path, profile=None) -> list[str]:
    report = check_file(path, profile)
    assert report.internal_error is None, report.internal_error
    return [f.message for f in report.findings if f.rule == "PAGE-GRID-LINES"]


def test_a_page_whose_last_lines_went_over_with_the_signature_is_not_short(tmp_path, fontset, soffice):
    """Our PDF and LibreOffice's rendering of our DOCX (page 2 ends where the layout's does:
    tests/test_docx_matches_pdf.py)."""
    pdf, docx, laid_out = render(tmp_path, "signature_carry_across", fontset)
    assert body_lines(laid_out.pages[1]) == 19  # page 2: its last two lines went to page 3
    signature = next(e for e in laid_out.elements if e.kind is Kind.SIGNATURE)
    assert signature.pages == [3]
    assert grid_findings(pdf) == []
    (theirs,) = docx_to_pdf([docx], tmp_path / "lo", fontconfig_xml=fontset.fontconfig_xml())
    assert grid_findings(theirs) == []


def test_a_page_that_carried_fewer_lines_to_keep_a_heading_with_its_body_is_not_short(tmp_path, fontset):
    """A level-1 heading keeps two body lines: of the three-line paragraph under it at the
    foot of page 2, only the last line goes over with the signature."""
    body = "".join(["\n  - 各单位要认真贯彻落实。"] * 38)
    text = (
        "法治建设工作推进依法行政加快建设法治政府深入开展普法宣传教育"
        "切实提高全民法治意识健全矛盾纠纷多元化解机制维护社会和谐稳定"
    )
    source = tmp_path / "heading_carry.yaml"
    source.write_text(
        f"title: 关于测试的通知\nbody:{body}\n  - heading: 加强组织领导\n  - {(text * 2)[:80]}。\n"
        "signature:\n  issuer: 台山市大江镇人民政府\n  date: '2021-01-05'\n  seal: reserve\n",
        encoding="utf-8",
    )
    doc = load_document(source).document
    (pdf,), _ = render_document(doc, tmp_path, ["pdf"], fonts=fontset)
    laid_out = layout_document(doc, load_profile(doc.profile), fontset)
    assert body_lines(laid_out.pages[1]) == 21 and body_lines(laid_out.pages[2]) == 3  # one line + 署名, date
    assert grid_findings(pdf) == []


def test_a_page_ended_before_a_heading_that_keeps_its_body_lines_is_not_short(tmp_path, fontset):
    pdf, _, laid_out = render(tmp_path, "headings_keep", fontset)
    moved = [e for e in laid_out.elements if e.kind is Kind.HEADING and e.plan.keep.new_page]
    assert len(moved) == 3
    for heading in moved:
        before = laid_out.pages[heading.pages[0] - 2]
        assert body_lines(before) < laid_out.profile.grid.lines
    assert grid_findings(pdf) == []


@pytest.fixture
def carry3(tmp_path) -> str:
    """A profile carrying three lines with the signature: more than gbt9704 allows."""
    (tmp_path / "carry3.yaml").write_text("extends: gbt9704\nsignature:\n  carry_lines: 3\n", encoding="utf-8")
    return "carry3.yaml"


def test_a_page_short_by_more_than_the_carry_rule_allows_is_reported(tmp_path, fontset, carry3):
    pdf, _, laid_out = render(tmp_path, "signature_carry_across", fontset, profile=carry3)
    assert body_lines(laid_out.pages[1]) == 18  # three lines went over with the signature
    assert grid_findings(pdf, load_profile(tmp_path / carry3)) == []  # the profile it was made with
    (message,) = grid_findings(pdf, "gbt9704")
    assert "第2页排了18行，应为每页22行" in message
