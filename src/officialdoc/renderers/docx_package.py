"""The DOCX package parts around the text, as Word and WPS read them.

- ``settings.xml``: a zoom with its required percentage (ECMA-376 ``CT_Zoom``), and the
  compatibility mode of Word 2013 and later (15), so Word opens the file without
  "[兼容模式]" and lays out tables as current Word does (the renderers place the
  tables for this mode: ``w:tblInd`` is the border's position).
- ``fontTable.xml``: one entry for every font the document names, with what Word writes
  for it on a Chinese Windows PC (charset 86 = GB2312, PANOSE, family, pitch, signature)
  and an alternate name, so Word and WPS substitute a near face on a PC without it
  (仿宋_GB2312 → 仿宋 …) rather than a default one.
- ``docProps/app.xml``: this application and the page count of the layout, in place of
  the python-docx template's "Microsoft Macintosh Word" and 1 page.

The XML of these parts is written by ``docx_xml`` (``font_table``, ``app_properties``).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from .. import __version__
from . import docx_xml as X

APPLICATION = "officialdoc"
COMPATIBILITY_MODE = 15  # Word 2013 and later (Word 2016–365 still write 15)
ZOOM_PERCENT = 100
FONT_ATTRS = ("ascii", "hAnsi", "eastAsia", "cs")
GB2312_CHARSET = "86"


# As Word (and WPS) write them for the faces of a Chinese Windows PC, read from their
# fontTable.xml parts. 方正小标宋简体 has no face that ships with Windows; 宋体 is the face
# Word and WPS should fall back to for a 小标宋 title.
KNOWN_FONTS: dict[str, X.FontEntry] = {
    "仿宋_GB2312": X.FontEntry(
        "仿宋", "02010609030101010101", "86", "modern", "fixed",
        ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000"),
    ),
    "楷体_GB2312": X.FontEntry(
        "楷体", "02010609030101010101", "86", "modern", "fixed",
        ("00000001", "080E0000", "00000000", "00000000", "00040000", "00000000"),
    ),
    "黑体": X.FontEntry(
        "SimHei", "02010609060101010101", "86", "modern", "fixed",
        ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000"),
    ),
    "宋体": X.FontEntry(
        "SimSun", "02010600030101010101", "86", "auto", "variable",
        ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000"),
    ),
    "方正小标宋简体": X.FontEntry(
        "宋体", "02000000000000000000", "86", "auto", "variable",
        ("00000001", "08000000", "00000000", "00000000", "00040000", "00000000"),
    ),
    "Times New Roman": X.FontEntry(
        None, "02020603050405020304", "00", "roman", "variable",
        ("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000"),
    ),
}  # fmt: skip


def finish_package(document: DocxDocument, pages: int) -> None:
    """Settings, font table and extended properties of a built document of ``pages`` pages."""
    settings = document.settings.element
    X.set_attrs(settings.find(qn("w:zoom")), val=None, percent=ZOOM_PERCENT)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(COMPATIBILITY_MODE))
    font_table = _part(document, "/word/fontTable.xml")
    fonts = {name: _entry(name) for name in _named_fonts(document)}
    font_table._blob = etree.tostring(X.font_table(fonts), xml_declaration=True, encoding="UTF-8")
    _part(document, "/docProps/app.xml")._blob = X.app_properties(f"{APPLICATION} {__version__}", pages)


def _part(document: DocxDocument, name: str) -> Part:
    return next(part for part in document.part.package.iter_parts() if part.partname == name)


def _named_fonts(document: DocxDocument) -> list[str]:
    """Every font named by a w:rFonts of the document, its styles, numbering, headers and footers."""
    names: dict[str, None] = {}
    for part in document.part.package.iter_parts():
        if not part.partname.startswith("/word/") or not part.partname.endswith(".xml"):
            continue
        root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
        for fonts in root.iter(qn("w:rFonts")):
            for attr in FONT_ATTRS:
                if name := fonts.get(qn(f"w:{attr}")):
                    names.setdefault(name)
    return list(names)


def _entry(name: str) -> X.FontEntry:
    """What Word writes for a font; for a font of a user's profile its script, nothing guessed beyond it."""
    known = KNOWN_FONTS.get(name)
    if known is not None:
        return known
    charset = "00" if name.isascii() else GB2312_CHARSET
    return X.FontEntry(None, "00000000000000000000", charset, "auto", "variable")
