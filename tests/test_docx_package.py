"""The DOCX as Word and WPS read it (#10): schema-valid packages and the settings they rely on.

Every DOCX (seed and fixtures) goes through the shared OOXML validator (ISO/IEC 29500
Transitional schemas, [MS-ODRAWXML] fallbacks, package rules); the settings that make Word
lay the document out as the PDF are pinned in the XML.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from officialdoc.api import render_document
from officialdoc.layout.engine import layout_document
from officialdoc.load import load_document
from pending_fixtures import renderable
from seal_images import write_seal_images

FIXTURES = Path(__file__).resolve().parent / "fixtures"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
CHINESE_FONTS = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "黑体": "SimHei",
    "宋体": "SimSun",
    "方正小标宋简体": "宋体",
}


def _render(sources: list[Path], folder: Path, fontset) -> list[Path]:
    write_seal_images(folder)
    made = []
    for source in sources:
        copied = shutil.copy(source, folder / source.name)
        made.append(render_document(load_document(copied).document, folder, ["docx"], fonts=fontset)[0][0])
    return made


def _styles(docx: Path) -> dict[str, etree._Element]:
    return {s.find("w:name", NS).get(f"{{{W}}}val"): s for s in _xml(docx, "word/styles.xml").findall("w:style", NS)}


def _xml(docx: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read(part))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, fontset) -> dict[str, Path]:
    names = ["header", "letter", "table", "record"]
    docs = _render([FIXTURES / f"{name}.yaml" for name in names], tmp_path_factory.mktemp("package"), fontset)
    return dict(zip(names, docs, strict=True))


def test_seed_and_every_fixture_are_schema_valid(tmp_path, fontset, repo_root, shared_dir):
    validator = shared_dir / "tools" / "ooxml" / "validate_docx.py"
    names = renderable(path.stem for path in FIXTURES.glob("*.yaml"))
    sources = [repo_root / "content" / "2021.yaml", *(FIXTURES / f"{name}.yaml" for name in names)]
    docs = _render(sources, tmp_path, fontset)
    result = subprocess.run([sys.executable, str(validator), *map(str, docs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": 0 violation(s)") == len(docs)


def test_settings_zoom_and_word_2013_compatibility(rendered):
    settings = _xml(rendered["header"], "word/settings.xml")
    zoom = settings.find("w:zoom", NS)
    assert zoom.get(f"{{{W}}}percent") == "100" and zoom.get(f"{{{W}}}val") is None
    modes = settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']/@w:val", namespaces=NS)
    assert modes == ["15"]
    assert settings.find("w:characterSpacingControl", NS).get(f"{{{W}}}val") == "doNotCompress"


def test_font_table_declares_every_named_font(rendered):
    docx = rendered["header"]
    named = set()
    with zipfile.ZipFile(docx) as package:
        for part in package.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                for fonts in etree.fromstring(package.read(part)).iter(f"{{{W}}}rFonts"):
                    named |= {v for k, v in fonts.attrib.items() if k.split("}")[1] in ("ascii", "hAnsi", "eastAsia")}
    table = {f.get(f"{{{W}}}name"): f for f in _xml(docx, "word/fontTable.xml").findall("w:font", NS)}
    assert named <= set(table), named - set(table)
    for name in named & set(CHINESE_FONTS):
        entry = table[name]
        assert entry.find("w:charset", NS).get(f"{{{W}}}val") == "86", name
        assert entry.find("w:altName", NS).get(f"{{{W}}}val") == CHINESE_FONTS[name], name
        assert entry.find("w:panose1", NS) is not None and entry.find("w:family", NS) is not None
    assert table["Times New Roman"].find("w:charset", NS).get(f"{{{W}}}val") == "00"


def test_app_properties_name_this_application_and_the_page_count(rendered, fontset, profile):
    for name in ("header", "record"):
        app = _xml(rendered[name], "docProps/app.xml")
        pages = len(layout_document(load_document(FIXTURES / f"{name}.yaml").document, profile, fontset).pages)
        assert app.findtext("ep:Application", namespaces=NS).startswith("officialdoc ")
        assert app.findtext("ep:Pages", namespaces=NS) == str(pages)
        assert "Macintosh" not in etree.tostring(app, encoding="unicode")


def test_style_names_are_not_chinese_word_built_in_names(rendered):
    names = {
        s.find("w:name", NS).get(f"{{{W}}}val")
        for s in _xml(rendered["table"], "word/styles.xml").findall("w:style", NS)
    }
    assert {"公文正文", "公文标题", "公文页码"} <= names
    assert not names & {"正文", "标题", "页码"}


def test_every_shape_has_a_vml_fallback(rendered):
    for name in ("header", "letter"):
        body = _xml(rendered[name], "word/document.xml")
        shapes = body.xpath("//wps:wsp", namespaces=NS)
        assert shapes, name
        for shape in shapes:
            choice = shape.xpath("ancestor::mc:Choice", namespaces=NS)
            assert choice and choice[0].get("Requires") == "wps", name
            fallback = choice[0].getnext()
            assert fallback.tag == f"{{{NS['mc']}}}Fallback" and fallback.xpath("w:pict/v:*", namespaces=NS), name
        rules = body.xpath("//mc:Fallback/w:pict/v:line", namespaces=NS)
        assert rules and all(r.get("strokecolor") and r.get("strokeweight") for r in rules), name


def test_table_rows_grow_and_tables_sit_on_the_margin(rendered):
    body = _xml(rendered["table"], "word/document.xml")
    for table in body.xpath("//w:tbl", namespaces=NS):
        rules = table.xpath("w:tr/w:trPr/w:trHeight/@w:hRule", namespaces=NS)
        assert rules == ["atLeast"] * len(rules)
    assert set(body.xpath("//w:tblPr/w:tblInd/@w:w", namespaces=NS)) == {"0"}
    record = _xml(rendered["record"], "word/document.xml").xpath("//w:tbl", namespaces=NS)[-1]
    assert record.xpath("w:tblPr/w:tblInd/@w:w", namespaces=NS) == ["0"]
    rules = record.xpath("w:tr/w:trPr/w:trHeight/@w:hRule", namespaces=NS)
    assert rules == ["atLeast"] * (len(rules) - 1) + ["exact"]  # 抄送 grows; 印发 gives the bottom rule room


def test_line_end_and_spacing_flags(rendered):
    styles = {
        s.find("w:name", NS).get(f"{{{W}}}val"): s
        for s in _xml(rendered["table"], "word/styles.xml").findall("w:style", NS)
    }
    body = styles["公文正文"].find("w:pPr", NS)
    # omitted, w:overflowPunct is on (ISO/IEC 29500-1 §17.3.1.21): Word and LibreOffice hang ，。、
    assert body.find("w:overflowPunct", NS) is None
    for flag in ("kinsoku", "autoSpaceDE", "autoSpaceDN"):
        element = body.find(f"w:{flag}", NS)
        assert element is not None and element.get(f"{{{W}}}val") in (None, "1", "true", "on"), flag
    styles["版记"] = _styles(rendered["record"])["版记"]  # a table cell in the DOCX too
    for cell in ("表格文字", "表头", "表题", "版记"):
        punct = styles[cell].find("w:pPr/w:overflowPunct", NS)
        assert punct is not None and punct.get(f"{{{W}}}val") in ("0", "false", "off"), cell
