"""§8 横排表格: the page number of a landscape table's pages, in our PDF and in LibreOffice's DOCX.

The PDF keeps every page A4 portrait and draws the table turned a quarter counter-clockwise;
the DOCX gives the table an A4 landscape section. Turned back the same way (the landscape
page's top edge to the sheet's left, binding, edge), LibreOffice's landscape page must show
the page number as the PDF does: same text, font, size, upright on the sheet, at the same
place (odd pages right, even pages left, one character in; the dash 7 mm under the block).
The fixture's table takes two landscape pages, an even one and an odd one, between portrait
pages. Variants: a 信函 (no number on page 1: ``w:titlePg``), where only page 1 lacks one;
the table twice in a row, each in a landscape section of its own starting a new page.
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from docx.oxml.ns import qn
from lxml import etree

from officialdoc.api import render_document
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.profile import Profile
from pdfmeasure import MM

FIXTURE = Path(__file__).parent / "fixtures" / "table_landscape.yaml"
LETTER_HEAD = "profile: gbt9704-letter\nheader:\n  issuer: 台山市大江镇人民政府\n  doc_number: 大府函〔2022〕7号\n"
LO_TOL = 1.0  # mm, LibreOffice against our PDF
SIZE_TOL = 0.1  # pt


@dataclass(frozen=True)
class Variant:
    head: str  # put before the fixture's text
    tables: int  # the fixture's table this many times in a row
    landscape: list[int]  # its pages (landscape in the DOCX, turned in the PDF)
    numbered: list[int]


VARIANTS = {
    "standard": Variant("", 1, [2, 3], [1, 2, 3, 4]),  # the table: an even page, then an odd one
    "letter": Variant(LETTER_HEAD, 1, [2, 3], [2, 3, 4]),
    "twice": Variant("", 2, [2, 3, 4, 5], [1, 2, 3, 4, 5, 6]),
}
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}


@dataclass(frozen=True)
class Glyph:
    """A character of a page number, on the portrait sheet: mm from its top-left corner."""

    text: str
    x0: float  # the advance box, left to right (its height depends on the embedded font's
    x1: float  # descent, which each producer writes differently: not compared)
    baseline: float
    origin: float  # x of the glyph's origin on its baseline
    size: float  # pt
    angle: int  # degrees counter-clockwise, as the sheet is read (0: upright)
    font: str


def _sheet_glyph(char: dict, page, profile: Profile) -> Glyph:
    """A character as it lies on the portrait sheet; a landscape page is turned back a quarter
    counter-clockwise, as the PDF turns the table: its point (x, y) is the sheet's (y, H − x)."""
    a, b, _, _, e, f = char["matrix"]
    angle = round(math.degrees(math.atan2(b, a)))
    height = float(page.height)
    origin = (e / MM, (height - f) / MM)
    font = char["fontname"].split("+")[-1]
    if page.width <= page.height:  # portrait: as it is
        across = (char["x0"] / MM, char["x1"] / MM)
        return Glyph(char["text"], *across, origin[1], origin[0], char["bottom"] - char["top"], angle, font)
    sheet = profile.page.height_mm
    across = (char["top"] / MM, char["bottom"] / MM)
    return Glyph(char["text"], *across, sheet - origin[0], origin[1], char["x1"] - char["x0"], angle + 90, font)


def page_numbers(path: Path, profile: Profile) -> dict[int, list[Glyph]]:
    """Each page's number (the characters below the text block on the sheet), left to right."""
    numbers: dict[int, list[Glyph]] = {}
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            glyphs = [_sheet_glyph(c, page, profile) for c in page.chars if c["text"].strip()]
            below = sorted((g for g in glyphs if g.baseline > profile.page.block_bottom), key=lambda g: g.origin)
            if below:
                numbers[n] = below
    return numbers


def landscape_pages(path: Path) -> list[int]:
    with pdfplumber.open(path) as pdf:
        return [n for n, page in enumerate(pdf.pages, start=1) if page.width > page.height]


def turned_pages(path: Path) -> list[int]:
    """Pages whose text is mostly turned (our PDF's landscape tables)."""
    with pdfplumber.open(path) as pdf:
        return [
            n
            for n, page in enumerate(pdf.pages, start=1)
            if sum(not c["upright"] for c in page.chars) > len(page.chars) / 2
        ]


def _text(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs)


def assert_same_number(theirs: list[Glyph], ours: list[Glyph], page: int) -> None:
    """Text, font, size, rotation and position of every character, within the tolerances."""
    assert _text(theirs) == _text(ours), f"page {page}"
    for g, want in zip(theirs, ours, strict=True):
        where = f"page {page}, {g.text!r}"
        assert (g.font, g.angle) == (want.font, want.angle), where
        assert g.size == pytest.approx(want.size, abs=SIZE_TOL), where
        got = (g.x0, g.x1, g.baseline, g.origin)
        assert got == pytest.approx((want.x0, want.x1, want.baseline, want.origin), abs=LO_TOL), where


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, fontset) -> dict[str, tuple[Path, Path]]:
    """(our PDF, the DOCX) of each variant of the fixture."""
    outdir = tmp_path_factory.mktemp("landscape")
    text = FIXTURE.read_text(encoding="utf-8")
    table = text[text.index("  - table:") : text.index("  - 全年")]
    out = {}
    for key, variant in VARIANTS.items():
        path = outdir / f"{key}.yaml"
        path.write_text(variant.head + text.replace(table, table * variant.tables), encoding="utf-8")
        (pdf, docx_path), _ = render_document(load_document(path).document, outdir, ["pdf", "docx"], fonts=fontset)
        out[key] = (pdf, docx_path)
    return out


@pytest.fixture(scope="module")
def lo_pdfs(rendered, soffice, fontset) -> dict[str, Path]:
    """LibreOffice's PDFs of the DOCX files, converted in one run."""
    keys = list(rendered)
    docx_paths = [rendered[k][1] for k in keys]
    return dict(zip(keys, docx_to_pdf(docx_paths, docx_paths[0].parent / "lo", fontset.fontconfig_xml()), strict=True))


# -- our PDF -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", VARIANTS)
def test_pdf_turns_the_table_not_the_number(rendered, profile, key):
    pdf = rendered[key][0]
    assert turned_pages(pdf) == VARIANTS[key].landscape and landscape_pages(pdf) == []
    numbers = page_numbers(pdf, profile)
    assert sorted(numbers) == VARIANTS[key].numbered
    for n, glyphs in numbers.items():
        assert _text(glyphs) == f"—{n}—"
        assert {g.angle for g in glyphs} == {0}
        same_side = [numbers[m] for m in numbers if m % 2 == n % 2]  # portrait or turned alike
        for other in same_side:
            assert [g.origin for g in glyphs] == pytest.approx([g.origin for g in other], abs=0.01)
            assert [g.baseline for g in glyphs] == pytest.approx([g.baseline for g in other], abs=0.01)


# -- LibreOffice's rendering of the DOCX --------------------------------------------------


@pytest.mark.parametrize("key", VARIANTS)
def test_libreoffice_landscape_pages(rendered, lo_pdfs, key):
    with pdfplumber.open(rendered[key][0]) as ours, pdfplumber.open(lo_pdfs[key]) as theirs:
        assert len(theirs.pages) == len(ours.pages)
    assert landscape_pages(lo_pdfs[key]) == VARIANTS[key].landscape
    assert turned_pages(lo_pdfs[key]) == []  # the table reads upright on the landscape page


@pytest.mark.parametrize("key", VARIANTS)
def test_landscape_page_numbers_as_the_pdf(rendered, lo_pdfs, profile, key):
    """On the landscape pages the number is turned a quarter clockwise, so it is upright where
    the PDF has it once the page is turned back: same text, font, size, side and height."""
    ours = page_numbers(rendered[key][0], profile)
    theirs = page_numbers(lo_pdfs[key], profile)
    landscape = VARIANTS[key].landscape
    with pdfplumber.open(lo_pdfs[key]) as pdf:
        for n in landscape:  # reading down the landscape page
            number = [c for c in pdf.pages[n - 1].chars if c["text"].strip() and not c["upright"]]
            assert "".join(c["text"] for c in sorted(number, key=lambda c: c["top"])) == f"—{n}—"
    indent = profile.page_number.side_indent_chars * profile.page_number.side_indent_char_pt / MM
    for n in landscape:
        assert {g.angle for g in theirs[n]} == {0}  # on the sheet; -90 on the landscape page
        assert_same_number(theirs[n], ours[n], n)
        if n % 2:  # odd pages: right, one character in
            assert theirs[n][-1].x1 == pytest.approx(profile.page.block_right - indent, abs=LO_TOL)
        else:  # even pages: left, one character in
            assert theirs[n][0].x0 == pytest.approx(profile.page.block_left + indent, abs=LO_TOL)


@pytest.mark.parametrize("key", VARIANTS)
def test_portrait_page_numbers_unchanged(rendered, lo_pdfs, profile, key):
    """Portrait pages keep their upright numbers, also the one after the landscape section;
    the 信函 has none on page 1 only."""
    ours = page_numbers(rendered[key][0], profile)
    theirs = page_numbers(lo_pdfs[key], profile)
    landscape = VARIANTS[key].landscape
    assert sorted(theirs) == sorted(ours) == VARIANTS[key].numbered
    for n in sorted(set(ours) - set(landscape)):
        assert {g.angle for g in theirs[n]} == {0}
        assert_same_number(theirs[n], ours[n], n)
    with pdfplumber.open(lo_pdfs[key]) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            if n not in landscape:
                assert all(c["upright"] for c in page.chars), f"page {n}"


# -- the DOCX as written -------------------------------------------------------------------


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _footers(path: Path, sect: etree._Element) -> dict[str, etree._Element]:
    """A section's own footers by type (default = odd pages, even)."""
    rels = _part(path, "word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    return {
        ref.get(qn("w:type")): _part(path, "word/" + targets[ref.get(qn("r:id"))])
        for ref in sect.findall(qn("w:footerReference"))
    }


@pytest.mark.parametrize("key", VARIANTS)
def test_docx_landscape_footers(rendered, profile, key):
    docx_path = rendered[key][1]
    sections = list(_part(docx_path, "word/document.xml").iter(qn("w:sectPr")))
    orients = [s.find(qn("w:pgSz")).get(qn("w:orient")) for s in sections]
    assert orients == [None, *["landscape"] * VARIANTS[key].tables, None]
    first, *landscape, after = sections
    assert (first.find(qn("w:titlePg")) is not None) == (key == "letter")
    for sect in (*landscape, after):  # only the document's first page may go without a number
        assert sect.find(qn("w:titlePg")) is None
    portrait = _footers(docx_path, first)
    copied = _footers(docx_path, after)
    assert set(copied) == {"default", "even"}
    for kind in ("default", "even"):
        number = portrait[kind].find("w:p", NS)
        assert _xml(copied[kind].find("w:p", NS)) == _xml(number)
    for sect in landscape:
        turned = _footers(docx_path, sect)
        assert set(turned) == {"default", "even"}
        for kind in ("default", "even"):
            _assert_turned_box(turned[kind], portrait[kind].find("w:p", NS))


def _assert_turned_box(footer: etree._Element, number: etree._Element) -> None:
    """The footer's turned text box: DrawingML, a VML fallback, the portrait number paragraph."""
    (box,) = footer.xpath(".//mc:AlternateContent", namespaces=NS)
    (choice,) = box.xpath("mc:Choice[@Requires='wps']//wps:wsp", namespaces=NS)
    assert choice.find("wps:bodyPr", NS).get("vert") == "vert"
    (fallback,) = box.xpath("mc:Fallback//v:textbox", namespaces=NS)
    assert "layout-flow:vertical" in fallback.get("style")
    for content in (choice, fallback):  # the portrait footer's paragraph: style, side, PAGE field
        (paragraph,) = content.xpath(".//w:txbxContent/w:p", namespaces=NS)
        assert _xml(paragraph) == _xml(number)
        assert "PAGE" in "".join(paragraph.xpath(".//w:instrText/text()", namespaces=NS))
