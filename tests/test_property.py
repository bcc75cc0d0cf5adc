"""Property-based tests over random documents (issue #13): random Chinese text, punctuation,
digits and Latin, heading trees, tables, long names, every element.

Invariants: no traceback (only our typed errors), every character laid out in order,
nothing past the block edge, and (on a few examples, through LibreOffice) the PDF and the
DOCX have the same number of pages. The longer run is bench/property_run.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officialdoc.api import render_document, verify_text_complete
from officialdoc.errors import OfficialdocError
from officialdoc.layout.engine import layout_document
from officialdoc.layout.measure import is_half_width, is_han
from officialdoc.layout.result import LaidOutDocument
from officialdoc.load import load_text
from officialdoc.profile import Profile

HAN = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo)).decode(
    "gb2312", "ignore"
)  # the 3755 characters of GB 2312 level 1
PUNCT = "，。、；：？！“”《》（）——……"
LATIN = "0123456789ABCXYZabcxyz"
CHARS = HAN + (PUNCT + LATIN) * 40


def phrase(min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(CHARS), min_size=min_size, max_size=max_size).map(str.strip).filter(bool)


names = st.text(st.sampled_from(HAN), min_size=2, max_size=26)
headings = st.text(st.sampled_from(HAN + LATIN), min_size=1, max_size=40)
titles = st.text(st.sampled_from(HAN + "《》“”2021"), min_size=4, max_size=60).filter(lambda t: t[-1] in HAN)


@st.composite
def tables(draw: st.DrawFn) -> dict:
    columns = draw(st.integers(1, 5))
    header = draw(st.lists(st.text(st.sampled_from(HAN), min_size=1, max_size=6), min_size=columns, max_size=columns))
    rows = draw(
        st.lists(
            st.lists(phrase(1, 12), min_size=columns, max_size=columns),
            min_size=1,
            max_size=6,
        )
    )
    return {"table": {"header": header, "rows": rows}}


@st.composite
def bodies(draw: st.DrawFn, level: int = 1) -> list:
    items: list = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["p", "p", "h", "t"] if level <= 4 else ["p"]))
        if kind == "p":
            items.append(draw(phrase(1, 300)))
        elif kind == "t":
            items.append(draw(tables()))
        else:
            heading: dict = {"heading": draw(headings)}
            if draw(st.booleans()):
                heading["body"] = draw(bodies(level + 1))
            items.append(heading)
    return items


@st.composite
def documents(draw: st.DrawFn) -> dict:
    doc: dict = {"title": draw(titles), "body": draw(bodies())}
    if draw(st.booleans()):
        doc["header"] = {"issuer": draw(names), "doc_number": f"大府〔2021〕{draw(st.integers(1, 999))}号"}
    if draw(st.booleans()):
        doc["addressees"] = draw(st.lists(names, min_size=1, max_size=4))
    if draw(st.booleans()):
        doc["attachments"] = draw(st.lists(names, min_size=1, max_size=3))
    if draw(st.booleans()):
        seal = draw(st.sampled_from(["reserve", "none"]))
        doc["signature"] = {"issuer": draw(names), "date": "2021-11-23", "seal": seal}
    if draw(st.booleans()):
        doc["note"] = draw(phrase(1, 40))
    if draw(st.booleans()):
        doc["record"] = {
            "cc": draw(st.lists(names, min_size=1, max_size=5)),
            "printer": draw(names),
            "date": "2021-11-23",
        }
    return doc


def to_yaml(doc: dict) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


EDGE_TOLERANCE_MM = 0.3
MM_PER_PT = 25.4 / 72


def past_the_edge(laid_out: LaidOutDocument) -> list[str]:
    """Runs of the laid-out document that end right of the block (or start left of it).

    A line-final Latin run's width includes the Chinese–Latin gap before the Han character
    that starts the next line (not drawn): it is left out of the run's right edge.
    """
    profile = laid_out.profile
    page = profile.page
    lines = [(number, line) for number, laid in enumerate(laid_out.pages, 1) for line in laid.lines]
    bad = []
    for k, (number, line) in enumerate(lines):
        if line.element == "page_number" or any(run.angle for run in line.runs) or not line.runs:
            continue
        following = lines[k + 1][1].runs if k + 1 < len(lines) else ()
        for run in line.runs:
            hang = run.size_pt * MM_PER_PT if line.hanging else 0.0  # one hung punctuation mark
            right = run.x + run.width
            if run is line.runs[-1] and following and is_han(following[0].text[0]) and not is_han(run.text[-1]):
                right -= _gap(run, profile)
            if run.x < page.block_left - EDGE_TOLERANCE_MM or right > page.block_right + hang + EDGE_TOLERANCE_MM:
                bad.append(f"page {number} {line.element}: {run.text!r} {run.x:.2f}–{right:.2f} mm")
    return bad


def _gap(run, profile: Profile) -> float:
    """The Chinese–Latin gap after a half-width letter or digit, in mm (none after punctuation)."""
    last = run.text[-1]
    return profile.grid.han_latin_space_em * run.size_pt * MM_PER_PT if last.isalnum() and is_half_width(last) else 0.0


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_lay_out_completely_inside_the_block(profile, fontset, doc):
    text = to_yaml(doc)
    try:
        loaded = load_text(text, Path("random.yaml")).document
        laid_out = layout_document(loaded, profile, fontset)
        verify_text_complete(laid_out)  # every character, in order
    except OfficialdocError:
        return  # a typed error with a message is a valid outcome; a traceback is not
    assert past_the_edge(laid_out) == []


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(documents())
def test_pdf_and_docx_agree_on_the_page_count(profile, fontset, soffice, tmp_path_factory, doc):
    import pypdf

    from officialdoc.libreoffice import docx_to_pdf

    out = tmp_path_factory.mktemp("random")
    try:
        loaded = load_text(to_yaml(doc), out / "random.yaml").document
        (pdf, docx), _ = render_document(loaded, out, ["pdf", "docx"], fonts=fontset)
    except OfficialdocError:
        return
    (converted,) = docx_to_pdf([docx], out / "lo", fontset.fontconfig_xml())
    assert len(pypdf.PdfReader(converted).pages) == len(pypdf.PdfReader(pdf).pages)


@pytest.mark.parametrize(
    "issuer", ["中华人民共和国国家发展和改革委员会办公厅", "中华人民共和国国家发展和改革委员会办公厅某某某某某某"]
)
@pytest.mark.parametrize("seal", ["reserve", "none"])
def test_a_long_signature_stays_inside_the_block(issuer, seal, profile, fontset):
    """Was: with seal: reserve a 20-character 署名 ended at 195.25 mm, a 26-character one at
    211.97 mm (block edge 184 mm); now it moves left with the date, centred over it."""
    text = f"title: 关于测试的通知\nbody: [正文。]\nsignature: {{issuer: {issuer}, date: 2021-11-23, seal: {seal}}}\n"
    loaded = load_text(text, Path("signature.yaml")).document
    assert past_the_edge(layout_document(loaded, profile, fontset)) == []
