"""The DOCX renderer: the XML it writes, and the layout LibreOffice makes of it.

Static tests read the DOCX (zip + XML, python-docx). Layout tests convert every test
document to PDF with LibreOffice in one call per module and measure the PDF with
pdfplumber and pypdfium2 — LibreOffice stands in for the reader's Word here.
"""

from __future__ import annotations

import datetime as dt
import errno
import itertools
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pytest
from lxml import etree
from PIL import Image, ImageDraw

from officialdoc import libreoffice
from officialdoc.api import render_document
from officialdoc.errors import RenderError
from officialdoc.fonts import FontSet
from officialdoc.layout.engine import layout_document
from officialdoc.layout.signature import plan_signature
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.model import Document, Heading, Paragraph, Seal, Signature
from officialdoc.output import OutputError
from officialdoc.profile import Profile
from officialdoc.renderers.docx import DocxRenderer
from officialdoc.renderers.docx_xml import PPR_ORDER, RPR_ORDER, SECTPR_ORDER
from pdfmeasure import MM, PdfDoc, PdfLine, is_full_width, read_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
TOL = 0.3  # mm
PHRASE = "坚持依法行政推进改革，"  # 10 hanzi and a comma
HANZI = (  # distinct characters, no punctuation
    "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍"
)
MARKS = "，。、；：？！）”"  # may not start a line: LibreOffice's choice at the 29th cell is measured
STYLE_NAMES = {"公文正文": None, "公文标题": None, "一级标题": 0, "二级标题": 1, "三级标题": 2, "四级标题": 3}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def val(element: etree._Element | None, attr: str = "val") -> str | None:
    return None if element is None else element.get(w(attr))


# --- the test documents ---------------------------------------------------------------


def seal_png(path: Path) -> Path:
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((6, 6, 394, 394), outline=(255, 0, 0, 255), width=14)
    image.save(path)
    return path


def report(seal: Path) -> Document:
    """Two pages: a two-line title, addressees, four heading levels (two run in), sealed."""

    def para(n: int) -> Paragraph:
        return Paragraph(PHRASE * n + "2021年全面完成各项任务。")

    body = [
        para(5),
        Heading(1, 1, "深入学习贯彻习近平法治思想"),
        para(4),
        Heading(2, 1, "强化思想理论学习。", run_in=PHRASE * 3 + "全年组织集中学习12次。"),
        Heading(3, 1, "健全工作机制"),
        Heading(4, 1, "完善制度", run_in="按照要求推进。"),
        para(9),
        para(6),
        Heading(1, 2, "推进依法行政"),
        para(8),
        para(7),
        para(3),
    ]
    return Document(
        title="大江镇2021年法治建设\n工作情况报告",
        body=body,
        addressees=["台山市人民政府", "台山市司法局"],
        signature=Signature(["台山市大江镇人民政府"], dt.date(2021, 11, 23), seals=[Seal("image", seal)]),
        author="台山市大江镇人民政府",
    )


def plain(body_lines: int, seal: str = "reserve") -> Document:
    """Hanzi only (no line-end punctuation to decide): the body fills ``body_lines`` lines."""
    body = [Paragraph(HANZI[:26] + HANZI[26:54] + HANZI[54:62] + "。")]  # three lines
    body += [Paragraph(HANZI[:9] + "。") for _ in range(body_lines - 3)]
    signature = Signature(["台山市大江镇人民政府"], dt.date(2021, 1, 5), seals=[Seal(seal)])
    return Document(title="关于测试的通知", body=body, signature=signature)


def punctuation_probe() -> Document:
    """Each mark at the 29th cell of a paragraph's second line, then a control without one."""
    body = [Paragraph(HANZI[:26] + HANZI[26:54] + mark + "后续文字。") for mark in MARKS]
    body.append(Paragraph(HANZI[:26] + HANZI[26:54] + "后续文字。"))
    return Document(title="标点测试", body=body)


@dataclass
class Case:
    doc: Document
    docx: Path
    pdf: PdfDoc | None = None


@pytest.fixture(scope="module")
def cases(tmp_path_factory, profile: Profile, fontset: FontSet) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("docx")
    docs = {
        "report": report(seal_png(folder / "seal.png")),
        "fits": plain(16),  # the last body line on slot 17: 2 blank lines + 2 signature lines fit
        "carried": plain(17),  # one line more: the last body line goes over with the signature
        "full": plain(20),  # the body fills page 1
        "unsealed": plain(18, "none"),
        "punctuation": punctuation_probe(),
    }
    result = {}
    for name, doc in docs.items():
        path = folder / f"{name}.docx"
        assert DocxRenderer().render(layout_document(doc, profile, fontset), path) == []
        result[name] = Case(doc, path)
    return result


@pytest.fixture(scope="module")
def converted(cases: dict[str, Case], soffice: str, fontset: FontSet, tmp_path_factory) -> dict[str, Case]:
    outdir = tmp_path_factory.mktemp("docx-pdf")
    pdfs = docx_to_pdf([case.docx for case in cases.values()], outdir, fontset.fontconfig_xml())
    for case, pdf in zip(cases.values(), pdfs, strict=True):
        case.pdf = read_pdf(pdf)
    return cases


def measured(converted: dict[str, Case], name: str) -> PdfDoc:
    pdf = converted[name].pdf
    assert pdf is not None
    return pdf


def text_lines(pdf: PdfDoc, page: int) -> list[PdfLine]:
    """The page's lines of text, without the page number."""
    return [line for line in pdf.page_lines(page) if 14.0 not in line.sizes]


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


# --- the DOCX itself ----------------------------------------------------------------------


def test_reopens_with_python_docx(cases: dict[str, Case], profile: Profile):
    case = cases["report"]
    reopened = docx.Document(str(case.docx))
    texts = [p.text for p in reopened.paragraphs if p.text]
    heading2 = case.doc.body[3]
    assert isinstance(heading2, Heading)
    assert texts[:3] == ["大江镇2021年法治建设", "工作情况报告", "台山市人民政府、台山市司法局："]
    assert "（一）强化思想理论学习。" + heading2.run_in in texts
    assert texts[-2:] == ["台山市大江镇人民政府", "2021年11月23日"]
    assert reopened.core_properties.title == "大江镇2021年法治建设工作情况报告"
    assert reopened.core_properties.author == "台山市大江镇人民政府"
    with zipfile.ZipFile(case.docx) as archive:
        names = set(archive.namelist())
    assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names


def test_every_font_names_an_east_asian_face_and_no_theme_fonts(cases: dict[str, Case]):
    path = cases["report"].docx
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        fonts = part(path, name).iter(w("rFonts"))
        for element in fonts:
            assert element.get(w("eastAsia")), f"{name}: {dict(element.attrib)}"
            assert not any(key.endswith("Theme") or key.endswith("theme") for key in element.attrib), name
    defaults = part(path, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert (val(fonts, "ascii"), val(fonts, "eastAsia")) == ("Times New Roman", "仿宋_GB2312")
    assert val(defaults.find("w:sz", NS)) == "32"
    assert val(defaults.find("w:lang", NS), "eastAsia") == "zh-CN"
    runs = part(path, "word/document.xml").iter(w("r"))
    assert all(run.find("w:rPr/w:rFonts", NS) is not None for run in runs)


def test_properties_are_in_schema_order(cases: dict[str, Case]):
    orders = {w("pPr"): PPR_ORDER, w("rPr"): RPR_ORDER, w("sectPr"): SECTPR_ORDER}
    for case in cases.values():
        for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
            for tag, order in orders.items():
                rank = {w(t.split(":")[1]): i for i, t in enumerate(order)}
                for props in part(case.docx, name).iter(tag):
                    positions = [rank[child.tag] for child in props]  # KeyError: an unknown child
                    assert positions == sorted(positions), f"{name}: {[c.tag for c in props]}"


def test_page_setup_grid_and_odd_even_footers(cases: dict[str, Case], profile: Profile):
    path = cases["report"].docx
    sect = part(path, "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins, grid = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS), sect.find("w:docGrid", NS)
    assert (val(size, "w"), val(size, "h")) == ("11906", "16838")  # A4
    assert [val(margins, side) for side in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
    assert (val(grid, "type"), val(grid, "linePitch")) == ("lines", str(profile.docx.line_pitch_twips))
    assert part(path, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    references = {val(ref, "type") for ref in sect.findall("w:footerReference", NS)}
    assert references == {"default", "even"}
    for name, align in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        footer = part(path, name)
        assert "".join(footer.itertext()) == "—  PAGE 1 —"
        assert [val(f, "fldCharType") for f in footer.iter(w("fldChar"))] == ["begin", "separate", "end"]
        assert val(footer.find(".//w:pPr/w:jc", NS)) == align
        assert val(footer.find(".//w:pPr/w:pStyle", NS)) == "公文页码"


def test_named_styles_and_outline_levels(cases: dict[str, Case], profile: Profile):
    styles = docx.Document(str(cases["report"].docx)).styles
    for name, level in STYLE_NAMES.items():
        outline = styles[name].element.find("w:pPr/w:outlineLvl", NS)
        assert (None if outline is None else int(val(outline))) == level, name
    for name in ("主送", "署名", "成文日期", "公文页码", "一级标题字符", "二级标题字符"):
        assert name in styles
    body = styles["公文正文"].element
    ppr, rpr = body.find("w:pPr", NS), body.find("w:rPr", NS)
    ind, spacing = ppr.find("w:ind", NS), ppr.find("w:spacing", NS)
    assert (val(ind, "firstLineChars"), val(ind, "firstLine")) == ("200", str(round(2 * profile.char_pitch_pt * 20)))
    assert (val(spacing, "line"), val(spacing, "lineRule")) == (str(profile.docx.line_pitch_twips), "exact")
    assert val(ppr.find("w:jc", NS)) == "both"
    flags = {tag: val(ppr.find(f"w:{tag}", NS)) for tag in ("widowControl", "kinsoku", "overflowPunct", "autoSpaceDE")}
    # w:overflowPunct omitted: on (ISO/IEC 29500-1 §17.3.1.21), Word and LibreOffice hang ，。、
    assert flags == {"widowControl": "0", "kinsoku": "1", "overflowPunct": None, "autoSpaceDE": "1"}
    assert val(rpr.find("w:spacing", NS)) == str(round(profile.grid.fit_tracking_pt * 20))
    assert val(rpr.find("w:rFonts", NS), "eastAsia") == "仿宋_GB2312"
    assert val(styles["一级标题"].element.find("w:rPr/w:rFonts", NS), "eastAsia") == "黑体"
    assert val(styles["公文标题"].element.find("w:rPr/w:sz", NS)) == "44"
    page_number = styles["公文页码"].element.find("w:rPr/w:rFonts", NS)
    assert (val(page_number, "ascii"), val(page_number, "eastAsia")) == ("宋体", "宋体")
    # the run-in level-2 heading: a 公文正文 paragraph with the outline level, the heading in 楷体
    run_in = next(p for p in docx.Document(str(cases["report"].docx)).paragraphs if p.text.startswith("（一）"))
    assert run_in.style.name == "公文正文"
    assert val(run_in._p.find("w:pPr/w:outlineLvl", NS)) == "1"
    assert [r.style.name for r in run_in.runs] == ["二级标题字符", "Default Paragraph Font"]


def test_seal_floats_behind_the_text(cases: dict[str, Case], profile: Profile):
    body = part(cases["report"].docx, "word/document.xml")
    anchors = list(body.iter(f"{{{NS['wp']}}}anchor"))
    assert len(anchors) == 1
    anchor = anchors[0]
    assert (anchor.get("behindDoc"), anchor.get("allowOverlap")) == ("1", "1")
    assert anchor.find("wp:wrapNone", NS) is not None
    assert anchor.find("wp:positionH", NS).get("relativeFrom") == "page"
    assert anchor.find("wp:positionV", NS).get("relativeFrom") == "paragraph"
    extent = anchor.find("wp:extent", NS)
    assert int(extent.get("cx")) == int(extent.get("cy")) == round(profile.signature.seal_diameter_mm * 36000)
    paragraph = next(anchor.iterancestors(w("p")))
    assert "".join(t.text for t in paragraph.iter(w("t"))) == "台山市大江镇人民政府"


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, profile: Profile, fontset: FontSet, monkeypatch):
    """The API writes through a transaction: a renderer failing half-way leaves the old file."""
    target = tmp_path / "out.docx"
    target.write_bytes(b"the old file")

    def broken_save(self, path):
        Path(path).write_bytes(b"half a file")
        raise OSError(errno.ENOSPC, "disk full")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    with pytest.raises(OutputError):
        render_document(plain(5), tmp_path, ["docx"], fonts=fontset, targets=[target])
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_draft_reserved_seal_is_reported_not_drawn(tmp_path: Path, profile: Profile, fontset: FontSet):
    warnings = DocxRenderer().render(layout_document(plain(5), profile, fontset), tmp_path / "draft.docx", draft=True)
    assert warnings == ["DOCX：预留的印章位置未画出轮廓（草稿轮廓只画在 PDF 中）"]


# --- the LibreOffice harness --------------------------------------------------------------


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(f"#!{sys.executable}\nimport os, sys, pathlib\nargs = sys.argv[1:]\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_docx_to_pdf_converts_all_files_in_one_call_with_the_fontconfig(tmp_path: Path, monkeypatch):
    script = fake_soffice(
        tmp_path,
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        "conf = pathlib.Path(os.environ['FONTCONFIG_FILE']).read_text()\n"
        "for src in args[args.index('--outdir') + 2:]:\n"
        "    (out / (pathlib.Path(src).stem + '.pdf')).write_text(' '.join(args[:3]) + '|' + conf)\n",
    )
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: script)
    sources = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for source in sources:
        source.write_bytes(b"PK")
    pdfs = docx_to_pdf(sources, tmp_path / "out", fontconfig_xml="<fontconfig/>")
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf"]
    options, conf = pdfs[0].read_text().split("|")
    assert options.startswith("-env:UserInstallation=file://") and "--headless" in options
    assert conf == "<fontconfig/>"
    assert "FONTCONFIG_FILE" not in os.environ or os.environ["FONTCONFIG_FILE"] != conf


def test_docx_to_pdf_errors(tmp_path: Path, monkeypatch):
    source = tmp_path / "a.docx"
    source.write_bytes(b"PK")
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    with pytest.raises(RenderError, match="soffice"):
        docx_to_pdf([source], tmp_path)
    script = fake_soffice(tmp_path, "print('Error: source file could not be loaded', file=sys.stderr)\nsys.exit(1)")
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: script)
    with pytest.raises(RenderError, match="could not be loaded"):
        docx_to_pdf([source], tmp_path)
    with pytest.raises(RenderError, match="要转换的文件不存在"):
        docx_to_pdf([tmp_path / "nowhere.docx"], tmp_path)


# --- the layout LibreOffice makes of it -----------------------------------------------------


def test_a4(converted):
    for case in converted.values():
        assert case.pdf is not None
        for width, height in case.pdf.page_sizes:
            assert width == pytest.approx(210 * MM, abs=0.5) and height == pytest.approx(297 * MM, abs=0.5)


def slot(line: PdfLine, profile: Profile) -> int:
    pitch = profile.docx.line_pitch_twips / 20 / MM
    return int((line.baseline - profile.page.block_top) // pitch)


def test_22_lines_on_a_full_page_on_the_grid(converted, profile: Profile):
    pdf = measured(converted, "report")
    assert pdf.pages == 2
    first = text_lines(pdf, 1)
    assert [slot(first[0], profile), slot(first[-1], profile)] == [0, profile.grid.lines - 1]  # 22 lines
    assert first[-1].baseline + 0.12 * 16 / MM <= profile.page.block_bottom
    assert slot(text_lines(pdf, 2)[0], profile) == 0
    for page in (1, 2):
        body = [line for line in text_lines(pdf, page) if line.sizes == {16.0}]
        top = profile.page.block_top
        offsets = [line.baseline - top - slot(line, profile) * profile.line_pitch_mm for line in body]
        assert max(offsets) - min(offsets) <= 0.3, "lines off the grid"
        for a, b in itertools.pairwise(body):
            steps = slot(b, profile) - slot(a, profile)
            assert (b.baseline - a.baseline) / steps == pytest.approx(profile.line_pitch_mm, abs=0.1)


def test_full_lines_hold_28_characters(converted, profile: Profile):
    """28 full-width characters per line; 29 where ，。、 hangs past the edge; 27 where a mark
    that may not start a line (and does not hang) pulled one down, or where digits follow
    (LibreOffice puts space between hanzi and digits)."""
    left, right = profile.page.block_left, profile.page.block_right
    indent = left + 2 * profile.char_pitch_mm
    counted = {"full": 0, "pulled": 0, "hung": 0}
    pages = [(measured(converted, name), page) for name in ("report", "fits", "carried", "full", "unsealed")
             for page in range(1, measured(converted, name).pages + 1)]  # fmt: skip
    for pdf, page in pages:
        lines = [line for line in text_lines(pdf, page) if line.sizes == {16.0}]
        for line, following in itertools.pairwise(lines):
            if abs(following.x0 - left) > TOL or not all(is_full_width(ch) for ch in line.text):
                continue  # a paragraph's last line, or a line with digits
            cells = profile.grid.chars - (2 if abs(line.x0 - indent) <= TOL else 0)
            if len(line.text) == cells - 1:
                # LibreOffice pulled a character down with a mark that may not start a line,
                # or the line ends before digits (it adds space between hanzi and digits)
                pulled = following.text[1] in profile.punctuation.cannot_start
                assert pulled or not is_full_width(following.text[0]), line.text
                counted["pulled"] += pulled
            elif len(line.text) == cells + 1:
                assert line.text[-1] in profile.punctuation.hanging, line.text
                assert line.chars[-1]["x0"] / MM >= right - TOL
                counted["hung"] += 1
                continue
            else:
                assert len(line.text) == cells, line.text
                counted["full"] += 1
            assert line.x1 == pytest.approx(right, abs=0.6), line.text  # justified
    assert counted["full"] >= 10 and counted["hung"] >= 1


def test_left_edge_and_first_line_indent(converted, profile: Profile):
    pdf = measured(converted, "report")
    left = profile.page.block_left
    indent = left + profile.paragraph.first_line_indent_chars * profile.char_pitch_mm
    starts = [line.x0 for page in (1, 2) for line in text_lines(pdf, page) if line.sizes == {16.0}]
    starts = [x for x in starts if x < 60]  # not the signature
    assert all(x == pytest.approx(left, abs=TOL) or x == pytest.approx(indent, abs=TOL) for x in starts)
    assert sum(abs(x - indent) <= TOL for x in starts) >= 10
    assert sum(abs(x - left) <= TOL for x in starts) >= 19  # 19: a hung mark (#10) saves a line


def test_every_character_in_order(converted, profile: Profile):
    """Nothing dropped (LibreOffice can lose line-final punctuation when it hangs it)."""
    for name, case in converted.items():
        assert case.pdf is not None
        printed = "".join(line.text for page in range(1, case.pdf.pages + 1) for line in text_lines(case.pdf, page))
        expected = "".join(ch for ch in case.doc.all_text(profile.headings.labels) if not ch.isspace())
        assert printed == expected, name


def test_fonts_and_sizes(converted):
    pdf = measured(converted, "report")

    def faces(chars: list[dict]) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in chars if is_full_width(c["text"])}

    title = text_lines(pdf, 1)[:2]
    assert [line.text for line in title] == ["大江镇2021年法治建设", "工作情况报告"]
    assert all(line.sizes == {22.0} and faces(line.chars) == {"FandolSong-Bold"} for line in title)
    body = [line for line in pdf.lines if line.text.startswith(PHRASE)]
    assert body and all(faces(line.chars) == {"FandolFang-Regular"} and line.sizes == {16.0} for line in body)
    heading1 = next(line for line in pdf.lines if line.text.startswith("一、"))
    assert faces(heading1.chars) == {"FandolHei-Regular"} and heading1.sizes == {16.0}
    heading2 = next(line for line in pdf.lines if line.text.startswith("（一）"))
    label = len("（一）强化思想理论学习。")
    assert faces(heading2.chars[:label]) == {"FandolKai-Regular"}
    assert faces(heading2.chars[label:]) == {"FandolFang-Regular"}  # the run-in text
    assert faces(next(line for line in pdf.lines if line.text.startswith("1.")).chars) == {"FandolFang-Regular"}
    digits = [c for line in pdf.lines for c in line.chars if c["text"].isdigit() and c["size"] == 16]
    assert digits and {c["fontname"].split("+")[-1] for c in digits} == {"LiberationSerif"}


def test_page_numbers(converted, profile: Profile):
    pdf = measured(converted, "report")
    indent = profile.page_number.side_indent_chars * profile.page_number.side_indent_char_pt / MM
    for page in (1, 2):
        (line,) = [line for line in pdf.page_lines(page) if 14.0 in line.sizes]
        assert line.text == f"—{page}—"  # spaces are not extracted as characters
        assert line.sizes == {14.0} and line.fonts == {"FandolSong-Regular"}
        if page % 2:
            assert line.x1 == pytest.approx(profile.page.block_right - indent, abs=TOL)
        else:
            assert line.x0 == pytest.approx(profile.page.block_left + indent, abs=TOL)


def test_page_number_dash_ink_is_7mm_below_the_block(converted, profile: Profile):
    """The tuned ``docx.footer_distance_mm``: the dash's top ink 7 mm below the block."""
    pdf = measured(converted, "report")
    target = profile.page.block_bottom + profile.page_number.dash_top_below_block_mm
    scale = 600 / 72
    document = pypdfium2.PdfDocument(pdf.path)
    for page in (1, 2):
        (line,) = [line for line in pdf.page_lines(page) if 14.0 in line.sizes]
        dash = line.chars[0]  # the leading 一字线
        box = [round(v * scale) for v in (dash["x0"], (profile.page.block_bottom + 1) * MM, dash["x1"], dash["bottom"])]
        image = document[page - 1].render(scale=scale, grayscale=True).to_pil().crop(box)
        rows = [y for y in range(image.height) if min(image.getpixel((x, y)) for x in range(image.width)) < 128]
        assert (box[1] + rows[0]) / scale / MM == pytest.approx(target, abs=TOL)


def test_signature_and_seal_where_the_plan_puts_them(converted, profile: Profile, fontset: FontSet):
    case = converted["report"]
    pdf = measured(converted, "report")
    assert case.doc.signature is not None
    plan = plan_signature(case.doc.signature, profile, fontset)
    last = text_lines(pdf, pdf.pages)
    issuer, date = last[-2:]
    assert [issuer.text, date.text] == [line.text for line in plan.lines]
    for line, planned in zip((issuer, date), plan.lines, strict=True):
        assert line.x1 == pytest.approx(planned.items[-1].x1, abs=TOL), line.text
    assert slot(date, profile) - slot(issuer, profile) == 1
    assert slot(issuer, profile) - slot(last[-3], profile) == plan.blank_lines_before + 1
    # the seal, relative to the issuer's line as the plan places it
    (seal,) = plan.seals
    slot_top = profile.page.block_top + slot(issuer, profile) * profile.docx.line_pitch_twips / 20 / MM
    top, radius = slot_top + seal.top_offset, seal.width / 2
    with pdfplumber.open(pdf.path) as opened:
        (image,) = opened.pages[pdf.pages - 1].images
    assert image["x0"] / MM == pytest.approx(seal.cx - radius, abs=TOL)
    assert image["x1"] / MM == pytest.approx(seal.cx + radius, abs=TOL)
    assert image["top"] / MM == pytest.approx(top, abs=TOL)
    assert image["bottom"] / MM == pytest.approx(top + 2 * radius, abs=TOL)


@pytest.mark.parametrize("name", ["fits", "carried", "full", "unsealed"])
def test_paginates_like_the_layout_engine(converted, name: str, profile: Profile, fontset: FontSet):
    """§7.3.5.5: the signature never stands alone; the last body line goes over with it."""
    case = converted[name]
    pdf = measured(converted, name)
    engine = [[line.text for line in page.lines if line.element != "page_number"] for page in
              layout_document(case.doc, profile, fontset).pages]  # fmt: skip
    assert [[line.text for line in text_lines(pdf, page)] for page in range(1, pdf.pages + 1)] == engine


def test_libreoffice_hangs_and_pushes_as_the_pdf(converted, profile: Profile, fontset: FontSet):
    """What a mark that may not start a line does at the 29th cell, in LibreOffice and the PDF.

    ，。、 hang past the right edge (w:overflowPunct omitted: on, as Word has it; LibreOffice
    hangs too, its default); ；：？！）” pull the 28th character down with them.
    """
    pdf = measured(converted, "punctuation")
    lines = [line for page in range(1, pdf.pages + 1) for line in text_lines(pdf, page)][1:]  # no title
    texts = [line.text for line in lines]
    for i, mark in enumerate(MARKS):
        first, second, third = texts[3 * i : 3 * i + 3]
        if mark in profile.punctuation.hanging:
            assert (first, second, third) == (HANZI[:26], HANZI[26:54] + mark, "后续文字。"), mark
            hung = lines[3 * i + 1].chars[-1]
            assert hung["x0"] / MM >= profile.page.block_right - TOL, mark
        else:
            assert (first, second, third) == (HANZI[:26], HANZI[26:53], HANZI[53] + mark + "后续文字。"), mark
    assert texts[-2:] == [HANZI[26:54], "后续文字。"]  # the control: a full line of 28
    engine = [line.text for page in layout_document(converted["punctuation"].doc, profile, fontset).pages
              for line in page.lines if line.element != "page_number"][1:]  # fmt: skip
    assert texts == engine
