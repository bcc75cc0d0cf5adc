"""Signature variants (§7.3.5) and §7.3.5.5, measured in our PDF and in LibreOffice's
rendering of our DOCX."""

from __future__ import annotations

import itertools
import math
import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from officialdoc.api import render_document
from officialdoc.layout.engine import layout_document
from officialdoc.layout.keep import Keep
from officialdoc.layout.result import Kind, LaidOutDocument
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.model import Document
from pdfmeasure import MM, PdfDoc, PdfLine, read_pdf
from seal_images import write_seal_images

TOL = 0.3  # mm
NAMES = ["unsealed", "unsealed_joint", "sealed_joint", "sealed_joint3", "seals", "squeeze", "squeeze_across",
         "carry_paragraph", "carry_note", "carry_across", "carry_short"]  # fmt: skip


@dataclass
class Case:
    doc: Document
    layout: LaidOutDocument
    pdf: PdfDoc
    lo: PdfDoc
    docx: Path


@pytest.fixture(scope="module")
def cases(tmp_path_factory, repo_root, profile, fontset, soffice) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("signature")
    write_seal_images(folder)
    made = {}
    for name in NAMES:
        source = folder / f"signature_{name}.yaml"
        shutil.copy(repo_root / "tests" / "fixtures" / source.name, source)
        doc = load_document(source).document
        (pdf, docx_path), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
        made[name] = (doc, pdf, docx_path)
    converted = docx_to_pdf([d for _, _, d in made.values()], folder / "lo", fontset.fontconfig_xml())
    return {
        name: Case(doc, layout_document(doc, profile, fontset), read_pdf(pdf), read_pdf(lo), docx_path)
        for (name, (doc, pdf, docx_path)), lo in zip(made.items(), converted, strict=True)
    }


def line(pdf: PdfDoc, text: str) -> PdfLine:
    return next(candidate for candidate in pdf.lines if candidate.text == text)


def span(pdf: PdfDoc, text: str) -> tuple[float, float]:
    """x0, x1 (mm) of a text that may share its line with others (a row of joint issuers)."""
    for candidate in pdf.lines:
        at = candidate.text.find(text)
        if at >= 0:
            return candidate.chars[at]["x0"] / MM, candidate.chars[at + len(text) - 1]["x1"] / MM
    raise AssertionError(f"{text!r} not found")


def slot(found: PdfLine, profile) -> int:
    return round((found.baseline - profile.page.block_top) / profile.line_pitch_mm - 0.5)


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_sets_the_same_lines_at_the_same_places(cases, name, profile):
    case = cases[name]
    assert case.lo.pages == case.pdf.pages
    assert [(x.page, x.text) for x in case.lo.lines] == [(x.page, x.text) for x in case.pdf.lines]
    for ours, theirs in zip(case.pdf.lines, case.lo.lines, strict=True):
        assert theirs.x0 == pytest.approx(ours.x0, abs=0.5), ours.text
        if ours.baseline < profile.page.block_bottom:
            assert slot(theirs, profile) == slot(ours, profile), ours.text


def test_unsealed_single(cases, profile):
    pdf = cases["unsealed"].pdf
    cell = profile.char_pitch_mm
    issuer, date = line(pdf, "台山市大江镇人民政府"), line(pdf, "2021年11月23日")
    assert issuer.x1 == pytest.approx(profile.page.block_right - 2 * cell, abs=TOL)  # 右空二字
    assert date.x0 == pytest.approx(issuer.x0 + 2 * cell, abs=TOL)  # 首字右移二字
    body = [x for x in pdf.lines if x.baseline < issuer.baseline][-1]
    assert slot(issuer, profile) - slot(body, profile) == 2  # 空一行
    assert slot(date, profile) - slot(issuer, profile) == 1
    assert not cases["unsealed"].layout.pages[-1].seals


def test_unsealed_joint_issuers_stacked(cases, profile):
    pdf = cases["unsealed_joint"].pdf
    cell = profile.char_pitch_mm
    first, second = line(pdf, "中共台山市大江镇委员会"), line(pdf, "台山市大江镇人民政府")
    date = line(pdf, "2021年11月23日")
    assert slot(second, profile) - slot(first, profile) == 1 and slot(date, profile) - slot(second, profile) == 1
    for issuer in (first, second):
        assert issuer.x1 == pytest.approx(profile.page.block_right - 2 * cell, abs=TOL)
    assert date.x0 == pytest.approx(first.x0 + 2 * cell, abs=TOL)


def seals_of(case: Case):
    return case.layout.pages[-1].seals


@pytest.mark.parametrize("name", ["sealed_joint", "sealed_joint3"])
def test_joint_seals_aligned_apart_inside_the_block_and_on_their_names(cases, name, profile):
    case = cases[name]
    seals = seals_of(case)
    assert len(seals) == len(case.doc.signature.issuers)
    for a, b in itertools.combinations(seals, 2):
        assert math.dist((a.cx, a.cy), (b.cx, b.cy)) >= a.width + profile.signature.seal_gap_mm - 1e-6  # 互不相交或相切
    for seal in seals:
        assert seal.cx - seal.width / 2 >= profile.page.block_left - 1e-6  # 不超出版心
        assert seal.cx + seal.width / 2 <= profile.page.block_right + 1e-6
    rows = {round(seal.cy, 3) for seal in seals}
    for row in rows:  # 排列整齐
        assert len({round(s.cy, 3) for s in seals if round(s.cy, 3) == row}) == 1
    for issuer, seal in zip(case.doc.signature.issuers, seals, strict=True):
        x0, x1 = span(case.pdf, issuer)
        assert (x0 + x1) / 2 == pytest.approx(seal.cx, abs=TOL)  # 居中下压
    date = line(case.pdf, "2021年11月23日")
    last = seals[-1]
    assert (date.x0 + date.x1) / 2 == pytest.approx(last.cx, abs=TOL)  # 最后一个印章压日期
    assert date.x1 == pytest.approx(profile.page.block_right - 4 * profile.char_pitch_mm, abs=TOL)
    body = [x for x in case.pdf.lines if x.text.endswith("落到实处。")][-1]
    first_top = min(seal.cy - seal.height / 2 for seal in seals)
    body_bottom = profile.page.block_top + (slot(body, profile) + 1) * profile.line_pitch_mm
    assert 0 <= first_top - body_bottom <= profile.line_pitch_mm  # 一行之内


def test_joint_seal_images_in_both_outputs(cases):
    case = cases["sealed_joint"]
    expected = sorted((round(s.cx - s.width / 2, 1), round(s.cy - s.height / 2, 1)) for s in seals_of(case))
    for pdf in (case.pdf, case.lo):
        with pdfplumber.open(pdf.path) as opened:
            images = opened.pages[-1].images
        found = sorted((i["x0"] / MM, i["top"] / MM) for i in images)
        assert len(found) == len(expected)
        for (x, y), (ex, ey) in zip(found, expected, strict=True):
            assert x == pytest.approx(ex, abs=0.5) and y == pytest.approx(ey, abs=1.2)


def test_signature_seals_form(cases, profile):
    case = cases["seals"]
    cell = profile.char_pitch_mm
    seals = seals_of(case)
    assert [s.round for s in seals] == [False, False]
    right = profile.page.block_right - 4 * cell  # 右空四字
    for seal, title in zip(seals, [s.title for s in case.doc.signature.signature_seals], strict=True):
        assert seal.cx + seal.width / 2 == pytest.approx(right, abs=1e-6)
        found = line(case.pdf, title)
        assert found.x1 == pytest.approx(seal.cx - seal.width / 2 - 2 * cell, abs=TOL)  # 左空二字
        middle = found.baseline - 0.38 * 16 / MM
        assert abs(middle - seal.cy) <= profile.line_pitch_mm / 2  # 上下居中
    date = line(case.pdf, "2021年11月23日")
    assert date.x1 == pytest.approx(right, abs=TOL)
    seal_bottom = seals[-1].cy + seals[-1].height / 2
    date_top = profile.page.block_top + slot(date, profile) * profile.line_pitch_mm
    assert date_top - seal_bottom == pytest.approx(profile.line_pitch_mm, abs=0.01)  # 下空一行
    with pdfplumber.open(case.pdf.path) as opened:
        (image,) = opened.pages[-1].images  # one image, one reserved
    assert image["x1"] / MM == pytest.approx(right, abs=TOL)


def _keep(layout: LaidOutDocument) -> Keep:
    """§7.3.5.5 facts of the last text before the signature, as layout recorded them."""
    at = next(i for i, e in enumerate(layout.elements) if e.kind is Kind.SIGNATURE)
    return next(e.plan.keep for e in reversed(layout.elements[:at]) if hasattr(e.plan, "keep"))


def _tightened(layout: LaidOutDocument) -> dict[int, float]:
    """Body paragraphs set tighter, by index in Document.body → their fit tracking (pt)."""
    body = layout.document.body
    return {
        next(i for i, block in enumerate(body) if block is e.source): e.plan.keep.tracking_pt
        for e in layout.elements
        if e.kind in (Kind.PARAGRAPH, Kind.HEADING) and e.plan.keep.tracking_pt is not None
    }


def test_squeezed_paragraph_keeps_the_signature_with_the_text(cases, profile):
    case = cases["squeeze"]
    # -0.8 pt (was -0.85 before the 点号 hung, #10: a line ending in a hung 、 holds one more character)
    assert _tightened(case.layout) == {4: pytest.approx(-0.8)}
    assert case.pdf.pages == 1  # nothing carried over, no page without text
    issuer = line(case.pdf, "台山市大江镇人民政府")
    body = [x for x in case.pdf.lines if x.baseline < issuer.baseline][-1]
    assert slot(issuer, profile) - slot(body, profile) == 3
    assert slot(line(case.pdf, "2021年11月23日"), profile) == profile.grid.lines - 1


def test_squeezed_paragraph_that_began_on_the_page_before(cases, profile):
    case = cases["squeeze_across"]
    assert _tightened(case.layout) == {10: pytest.approx(-0.8)}  # the 11th block, from its first line
    assert _keep(case.layout).together is False
    # split over pages 1 and 2, it does not keep with the signature in the DOCX (LibreOffice
    # would move a kept paragraph it has split to page 2 whole)
    assert _keep(case.layout).with_signature is False
    assert _paragraph_flags(case)["keep_with_next"] == 3  # the two blank lines and the 署名 only
    for pdf in (case.pdf, case.lo):
        assert pdf.pages == 2
        issuer = line(pdf, "台山市大江镇人民政府")
        assert issuer.page == 2
        assert slot(line(pdf, "2021年1月5日"), profile) == profile.grid.lines - 1


@pytest.mark.parametrize(("name", "stays", "moved"), [("carry_paragraph", 1, 2), ("carry_short", 4, 2)])
def test_last_two_lines_go_over_with_the_signature(cases, name, stays, moved, profile):
    """It cannot be squeezed: its last two lines (signature.carry_lines) go over with the
    signature, the rest stays, in the PDF and in LibreOffice; the DOCX splits the paragraph
    there, its second part kept together and with the signature (docx_keep)."""
    case = cases[name]
    keep = _keep(case.layout)
    assert keep.together is False and keep.with_signature is True
    paragraph = case.doc.body[-1].text
    for pdf in (case.pdf, case.lo):
        assert pdf.pages == 2
        page1 = [x for x in pdf.lines if x.page == 1 and not x.text.startswith("—")]
        assert "".join(x.text for x in page1[-stays:]) == paragraph[: keep.carry_from]
        page2 = [x for x in pdf.lines if x.page == 2 and not x.text.startswith("—")]
        assert "".join(x.text for x in page2[:moved]) == paragraph[keep.carry_from :]
        assert [slot(x, profile) for x in page2[:moved]] == list(range(moved))
        assert page2[moved].text == case.doc.signature.issuers[0]
    kept = _paragraph_flags(case)
    assert kept["keep_together"] == 1 and kept["keep_with_next"] >= 2


def test_short_request_keeps_its_text_on_page_one(cases, profile):
    """The repro short_qingshi.yaml: page 1 holds the 版头, title, 主送 and four lines of the
    paragraph (never only the 版头/title/主送); the 附注 follows the date on page 2."""
    case = cases["carry_short"]
    for pdf in (case.pdf, case.lo):
        page1 = [x for x in pdf.lines if x.page == 1 and not x.text.startswith("—")]
        assert page1[-5].text == "青溪县人民政府："
        assert slot(page1[-1], profile) == 18
        assert line(pdf, "（联系人：李晓红，电话：0571-12345678）").page == 2


def test_last_item_of_the_note_goes_over_whole(cases, profile):
    """After 附件说明: its last item (two lines) goes over whole with the signature, in the PDF
    and in LibreOffice (which moves a kept paragraph whole); Word does with keepLines."""
    case = cases["carry_note"]
    assert _keep(case.layout).together is True
    for pdf in (case.pdf, case.lo):
        assert pdf.pages == 2
        page2 = [x for x in pdf.lines if x.page == 2 and not x.text.startswith("—")]
        assert [slot(x, profile) for x in page2[:2]] == [0, 1]
        assert line(pdf, "台山市大江镇人民政府").page == 2
    kept = _paragraph_flags(case)
    assert kept["keep_together"] == 1 and kept["keep_with_next"] >= 3


def test_long_last_paragraph_leaves_its_last_two_lines_to_the_signature(cases, profile):
    """Squeezing cannot save it; it began on page 1 and runs over page 2: its last two lines
    start page 3 with the signature, page 2 holds 19 of its lines (3 grid lines stay empty),
    in the PDF and in LibreOffice."""
    case = cases["carry_across"]
    keep = _keep(case.layout)
    assert keep.together is False and keep.carry_from is not None and _tightened(case.layout) == {}
    for pdf in (case.pdf, case.lo):
        assert pdf.pages == 3
        page2 = [x for x in pdf.lines if x.page == 2 and not x.text.startswith("—")]
        assert slot(page2[0], profile) == 0 and len(page2) == profile.grid.lines - 3
        page3 = [x for x in pdf.lines if x.page == 3 and not x.text.startswith("—")]
        assert [slot(x, profile) for x in page3[:2]] == [0, 1]
        assert "".join(x.text for x in page3[:2]) == case.doc.body[-1].text[keep.carry_from :]
        assert line(pdf, "台山市大江镇人民政府").page == 3
    assert _paragraph_flags(case)["keep_together"] == 1


def _paragraph_flags(case: Case) -> dict[str, int]:
    """How many DOCX paragraphs keep with the next / keep their lines together."""
    from docx import Document as open_docx

    paragraphs = open_docx(str(case.docx)).paragraphs
    return {
        "keep_together": sum(bool(p.paragraph_format.keep_together) for p in paragraphs),
        "keep_with_next": sum(bool(p.paragraph_format.keep_with_next) for p in paragraphs),
    }


def test_signature_text_is_complete(cases, profile):
    for case in cases.values():
        printed = "".join(x.text for x in case.pdf.lines if not x.text.startswith("—"))
        assert printed == case.doc.all_text(profile.headings.labels)
