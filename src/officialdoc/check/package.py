"""Open any Word package (.docx, .docm, .dotx, .dotm) as python-docx reads a .docx.

The parts are read within the bounds of :mod:`officialdoc.check.bounds`. Word finds a part
by its relationship, whatever content type the package declares for it; python-docx goes
by the content type (a footer without an override becomes a plain part without XML). So the
package is rebuilt in memory with the content type every related main, style, settings,
numbering, header and footer part must have, and a template's or a macro document's main
part declared as a document's: their XML is the same.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from lxml import etree

from .bounds import guard_zip

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
OR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN = WML + "document.main+xml"
# relationship type → the content type python-docx needs to read the target as XML
BY_RELATIONSHIP = {
    OR + "officeDocument": MAIN,
    OR + "styles": WML + "styles+xml",
    OR + "settings": WML + "settings+xml",
    OR + "numbering": WML + "numbering+xml",
    OR + "header": WML + "header+xml",
    OR + "footer": WML + "footer+xml",
}
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _targets(parts: dict[str, bytes], source: str) -> list[tuple[str, str]]:
    """(relationship type, part name) of the internal relationships of ``source``."""
    rels = parts.get(_rels_name(source))
    if rels is None:
        return []
    folder = posixpath.dirname(source)
    out = []
    for rel in etree.fromstring(rels, SAFE_XML).iter(f"{{{PR}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Type") or "", name))
    return out


def _content_types(parts: dict[str, bytes]) -> bytes:
    """[Content_Types].xml with an override for every part python-docx must read as XML."""
    root = etree.fromstring(parts["[Content_Types].xml"], SAFE_XML)
    overrides = {o.get("PartName", "").lstrip("/").lower(): o for o in root.iter(f"{{{CT}}}Override")}
    wanted: dict[str, str] = {}
    for rel_type, main in _targets(parts, ""):
        if rel_type == OR + "officeDocument":
            wanted[main] = MAIN
            for sub_type, name in _targets(parts, main):
                if sub_type in BY_RELATIONSHIP and name in parts:
                    wanted[name] = BY_RELATIONSHIP[sub_type]
    for name, content_type in wanted.items():
        override = overrides.get(name.lower())
        if override is None:
            override = etree.SubElement(root, f"{{{CT}}}Override", PartName=f"/{name}")
        override.set("ContentType", content_type)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def open_package(path: Path) -> DocxDocument:
    """The document of a Word package; raises TooLarge, KeyError, zipfile/XML errors."""
    parts = guard_zip(path)
    parts["[Content_Types].xml"] = _content_types(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    buffer.seek(0)
    return open_docx(buffer)
