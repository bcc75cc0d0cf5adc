"""Body text forms (issue #9): numbered paragraphs, 条 and 章, decimal headings, 目录.

Measured in our PDF (positions on the grid, fonts per element) and read back from the
DOCX (styles, the TOC field, page breaks). LibreOffice's rendering of the DOCX is compared
with the PDF line for line by tests/test_docx_matches_pdf.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from officialdoc.api import render_document
from officialdoc.layout.engine import layout_document
from officialdoc.load import load_document, load_text
from officialdoc.model import Heading, contents_lists, label_formats
from officialdoc.profile import Profile
from pdfmeasure import PdfDoc, PdfLine, read_pdf

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ("form_numbered", "form_articles", "form_decimal_contents")
TOL = 0.3  # mm
FACES = {"fangsong": "FandolFang", "heiti": "FandolHei", "kaiti": "FandolKai"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, fontset) -> dict[str, tuple[PdfDoc, etree._Element]]:
    folder = tmp_path_factory.mktemp("forms")
    made = {}
    for name in NAMES:
        doc = load_document(FIXTURES / f"{name}.yaml").document
        (pdf, docx), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
        with zipfile.ZipFile(docx) as z:
            made[name] = (read_pdf(pdf), etree.fromstring(z.read("word/document.xml")))
    return made


def face(profile: Profile, style: str) -> str:
    return FACES[profile.style(style).font]


def fonts_of(line: PdfLine, start: int, end: int | None = None, *, han: bool = False) -> set[str]:
    """Font families of the line's characters [start:end] (``han``: of its hanzi only);
    the PDF carries no glyph for the full-width space, so it is not in ``line.text``."""
    chars = [c for c in line.chars[start:end] if not han or "\u4e00" <= c["text"] <= "\u9fff"]
    return {c["fontname"].split("+")[-1].split("-")[0] for c in chars}


def lines_starting(pdf: PdfDoc, prefix: str) -> list[PdfLine]:
    return [line for line in pdf.lines if line.text.startswith(prefix)]


def on_grid(line: PdfLine, profile: Profile) -> bool:
    slot = round((line.baseline - profile.grid_baseline_mm(0)) / profile.line_pitch_mm)
    return abs(line.baseline - profile.grid_baseline_mm(slot)) <= TOL


def test_numbered_paragraphs_are_body_paragraphs_with_their_number(rendered, profile):
    pdf, _ = rendered["form_numbered"]
    indent = profile.page.block_left + profile.paragraph.first_line_indent_chars * profile.char_pitch_mm
    for label in ("一是", "二是", "第一，", "第二，", "（一）", "（二）", "1.", "2.", "（1）", "（2）"):
        (line,) = lines_starting(pdf, label)
        assert line.x0 == pytest.approx(indent, abs=TOL), label
        assert fonts_of(line, 0) <= {face(profile, "body"), "TimesNewRoman", "LiberationSerif"}, label
        assert line.sizes == {profile.style("body").size_pt} and on_grid(line, profile)


def test_articles_number_in_heiti_text_in_fangsong(rendered, profile):
    pdf, body = rendered["form_articles"]
    indent = profile.page.block_left + profile.paragraph.first_line_indent_chars * profile.char_pitch_mm
    articles = [line for line in pdf.lines if line.text.startswith("第") and "条" in line.text[2:5]]
    assert [line.text[: line.text.index("条") + 1] for line in articles] == [f"第{n}条" for n in "一二三四五六七八九十"]
    for line in articles:
        number = line.text.index("条") + 1
        assert fonts_of(line, 0, number, han=True) == {face(profile, profile.forms.article_style)}
        assert fonts_of(line, number, han=True) == {face(profile, "body")}
        assert line.x0 == pytest.approx(indent, abs=TOL) and on_grid(line, profile)
    runs = [r for r in body.iter(qn("w:r")) if "".join(t.text for t in r.iter(qn("w:t"))).startswith("第一条")]
    assert runs[0].find(qn("w:rPr")).find(qn("w:rStyle")) is not None  # the 条号 character style


def test_chapters_centred_and_kept_with_their_text(rendered, profile):
    pdf, body = rendered["form_articles"]
    chapters = [line for line in pdf.lines if line.text.startswith("第") and "章" in line.text[:4]]
    assert [line.text for line in chapters] == ["第一章总则", "第二章规划和建设", "第三章保护和管理", "第四章附则"]
    centre = profile.page.block_left + profile.page.block_width_mm / 2
    for line in chapters:
        assert (line.x0 + line.x1) / 2 == pytest.approx(centre, abs=TOL)
        assert fonts_of(line, 0) == {face(profile, profile.forms.chapter_style)} and on_grid(line, profile)
    # 第四章 would have had one line of text under it on page 2: it starts page 3
    last = chapters[-1]
    assert last.page == 3 and last.baseline == pytest.approx(profile.grid_baseline_mm(0), abs=TOL)
    assert max(line.baseline for line in pdf.page_lines(2) if "—" not in line.text) == pytest.approx(
        profile.grid_baseline_mm(profile.grid.lines - 3), abs=TOL
    )
    breaks = [p for p in body.iter(qn("w:p")) if p.find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is not None]
    assert ["".join(t.text for t in p.iter(qn("w:t"))) for p in breaks] == ["第四章\u3000附则"]


def test_a_chapter_goes_over_with_the_text_carried_to_the_signature(profile, fontset):
    """§7.3.5.5 carries 第十条 to the signature's page; 第四章 above it goes with it, never
    left alone at the foot of page 2 (the fixture with 第九条 a line shorter)."""
    source = FIXTURES / "form_articles.yaml"
    text = source.read_text(encoding="utf-8").replace("补植，补植树木的规格和数量不得低于原有标准。", "补植。")
    laid = layout_document(load_text(text, source).document, profile, fontset)
    lines = [(page.index, line.slot, line.element) for page in laid.pages for line in page.lines if line.slot >= 0]
    last_chapter = [at for at in lines if at[2] == "chapter"][-1]
    assert last_chapter[:2] == (3, 0)
    assert max(slot for page, slot, _ in lines if page == 2) == profile.grid.lines - 4


def test_decimal_headings_keep_the_fonts_of_their_level(rendered, profile):
    pdf, _ = rendered["form_decimal_contents"]
    body = [line for line in pdf.lines if line.page > 1]
    for label, level in (("1总则", 1), ("1.1编制目的", 2), ("2.1.1指挥部组成", 3), ("4.3响应终止", 2)):
        (line,) = [line for line in body if line.text == label]
        assert fonts_of(line, 0, han=True) == {face(profile, profile.headings.styles[level - 1])}, label
        indent = profile.page.block_left + profile.paragraph.first_line_indent_chars * profile.char_pitch_mm
        assert line.x0 == pytest.approx(indent, abs=TOL) and on_grid(line, profile)


def test_contents_lists_the_pages_of_our_layout(rendered, profile):
    pdf, body = rendered["form_decimal_contents"]
    page1 = pdf.page_lines(1)
    assert page1[1].text == "目录" and fonts_of(page1[1], 0) == {face(profile, profile.forms.contents_title_style)}
    lines = [line for line in page1[2:] if "—" not in line.text]
    entries: list[list[PdfLine]] = [[]]
    for line in lines:  # an entry ends with its page number; a long one wraps before it
        entries[-1].append(line)
        if line.text[-1].isdigit() and line is not lines[-1]:
            entries.append([])
    assert len(entries) == 5 + 11 and [len(e) for e in entries].count(2) == 1  # levels 1 and 2; 3.3 wraps
    indent = profile.forms.contents_indent_chars * profile.char_pitch_mm
    wrap = profile.page.block_right - profile.forms.contents_number_chars * profile.char_pitch_mm
    for entry in entries:
        line = entry[-1]
        text = "".join(part.text for part in entry).rstrip("0123456789")
        page = int(line.text[len(line.text.rstrip("0123456789")) :])
        label = text[: next(i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff")]
        assert line.x1 == pytest.approx(profile.page.block_right, abs=TOL)  # the number flush right
        level = label.count(".") + 1
        for part in entry:
            assert part.x0 == pytest.approx(profile.page.block_left + (level - 1) * indent, abs=TOL)
        assert all(part.x1 <= wrap + TOL for part in entry[:-1])
        heading = text.rstrip(".")
        (target,) = [h for h in pdf.lines if h.page > 1 and h.text.startswith(heading[:12])]
        assert target.page == page, heading  # page numbers equal the physical pages here (no 版头 offset)
    first = pdf.page_lines(2)[0]
    assert first.text == "1总则" and first.baseline == pytest.approx(profile.grid_baseline_mm(0), abs=TOL)
    instr = "".join(t.text for t in body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-2"' in instr
    kinds = [f.get(qn("w:fldCharType")) for f in body.iter(qn("w:fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    after = [p for p in body.iter(qn("w:p")) if "".join(t.text for t in p.iter(qn("w:t"))) == "1\u3000总则"]
    assert after[0].find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is not None


NOTICE_WITH_PARTS = """\
title: 青溪县人民政府关于印发护林员管理办法的通知
addressees: [各乡镇人民政府]
contents: 1
body:
  - heading: 总体要求
    body:
      - 现将《青溪县护林员管理办法》印发给你们，请认真贯彻执行。
signature:
  issuer: 青溪县人民政府
  date: 2024-09-10
embedded:
  - title: 青溪县护林员管理办法
    contents: 2
    body:
      - heading: 总则
        body:
          - heading: 目的
            body:
              - 为加强护林员管理，制定本办法。
      - heading: 附则
        body:
          - 本办法自印发之日起施行。
attachments:
  - title: 护林员考核细则
    contents: 1
    addressees: [各乡镇人民政府]
    body:
      - heading: 考核内容
        body:
          - 考核巡护里程、火情报告和宣传教育情况。
    signature:
      issuer: 青溪县林业局
      date: 2024-09-05
"""


def _outline_levels(styles: etree._Element) -> dict[str, int]:
    """Outline level (0 = Word's level 1) by paragraph style id."""
    levels = {}
    for style in styles.iter(qn("w:style")):
        level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            levels[style.get(qn("w:styleId"))] = int(level.get(qn("w:val")))
    return levels


def _scopes(body: etree._Element, styles: etree._Element) -> tuple[dict[str, list[tuple[str, int]]], list[str]]:
    """The outline paragraphs (text, level) inside each bookmark, and those outside every one,
    in reading order (what Word's TOC \\o collects, with and without \\b)."""
    by_style = _outline_levels(styles)
    inside: dict[str, list[tuple[str, int]]] = {}
    open_names: dict[str, str] = {}  # name by id
    outside = []
    for element in body.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:p")):
        if element.tag == qn("w:bookmarkStart"):
            open_names[element.get(qn("w:id"))] = element.get(qn("w:name"))
            inside[element.get(qn("w:name"))] = []
        elif element.tag == qn("w:bookmarkEnd"):
            del open_names[element.get(qn("w:id"))]
        else:
            ppr = element.find(qn("w:pPr"))
            direct = None if ppr is None else ppr.find(qn("w:outlineLvl"))
            style = None if ppr is None else ppr.find(qn("w:pStyle"))
            if direct is not None:
                level = int(direct.get(qn("w:val")))
            elif style is not None and style.get(qn("w:val")) in by_style:
                level = by_style[style.get(qn("w:val"))]
            else:
                continue
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            for name in open_names.values():
                inside[name].append((text, level))
            if not open_names:
                outside.append(text)
    return inside, outside


@pytest.mark.parametrize("name", ["real_yuan_decimal", "form_decimal_contents", "notice_with_parts"])
def test_each_contents_field_lists_only_its_own_body(name, tmp_path, fontset, profile):
    """A 目录's TOC field carries \\b with a bookmark spanning exactly its document's body
    (an embedded document's, a whole-document attachment's, or the notice's own without the
    documents it carries): the headings Word collects on updating it are our cached entries,
    and no other part's."""
    if name == "notice_with_parts":
        doc = load_text(NOTICE_WITH_PARTS, tmp_path / f"{name}.yaml").document
    else:
        doc = load_document(FIXTURES / f"{name}.yaml").document
    (docx,), _ = render_document(doc, tmp_path, ["docx"], fonts=fontset)
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    inside, outside = _scopes(body, styles)
    fields = [t.text.strip() for t in body.iter(qn("w:instrText")) if t.text.strip().startswith("TOC ")]
    assert fields and len(fields) == len(inside) == len(set(inside))
    starts = [b.get(qn("w:id")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(set(starts)) == len(starts) == len(list(body.iter(qn("w:bookmarkEnd"))))
    formats = label_formats(profile.headings.labels, profile.headings.decimal_label)
    parts = list(contents_lists(doc))  # in reading order, as the fields
    assert len(parts) == len(fields)
    for (contents, blocks), field in zip(parts, fields, strict=True):
        scope = field.split()[-1]
        assert field == f'TOC \\o "1-{contents.levels}" \\u \\b {scope}'
        headings = [b for b in blocks if isinstance(b, Heading)]  # every level
        assert [level + 1 for _, level in inside[scope]] == [h.level for h in headings]
        entries = [h.label(formats) + h.text for h in headings if h.level <= contents.levels]
        assert [text for text, level in inside[scope] if level < contents.levels] == entries
    if name == "notice_with_parts":  # the notice's 目录 leaves out the embedded document's headings
        notice, embedded, attachment = (inside[f.split()[-1]] for f in fields)
        assert [text for text, _ in notice] == ["一、总体要求"] and not outside
        assert len(embedded) == 3 and [text for text, _ in attachment] == ["一、考核内容"]
