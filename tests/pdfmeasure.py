"""Read a PDF back as a reader would: lines of characters with positions, fonts and sizes.

The renderer tests' one PDF reader. It is independent of the checker's reader
(``officialdoc.check.pdfread``) on purpose and shares no code with it: the tests measure the
renderers and the checker with a second, minimal reader (characters grouped by baseline,
pdfplumber's advance boxes), so a fault in the checker's reader cannot hide a fault in a
renderer. Tests of the checker use the checker's reader through ``officialdoc check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4


@dataclass
class PdfLine:
    page: int                 # 1-based
    top: float                # mm from the page top (pdfplumber's char top)
    baseline: float           # mm from the page top
    x0: float                 # mm
    x1: float                 # mm, right edge of the last char's advance box
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def fonts(self) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in self.chars}

    @property
    def sizes(self) -> set[float]:
        return {round(c["size"], 2) for c in self.chars}


@dataclass
class PdfDoc:
    path: Path
    page_sizes: list[tuple[float, float]]     # pt
    lines: list[PdfLine]

    def page_lines(self, page: int) -> list[PdfLine]:
        return [line for line in self.lines if line.page == page]

    @property
    def pages(self) -> int:
        return len(self.page_sizes)


def read_pdf(path: Path) -> PdfDoc:
    """Group every character into lines by baseline (within 1 pt), top to bottom, left to right."""
    lines: list[PdfLine] = []
    sizes = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            sizes.append((float(page.width), float(page.height)))
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                if not char["text"].strip():
                    continue
                key = char["matrix"][5]          # the baseline, in PDF units from the bottom
                for existing in rows:
                    if abs(existing - key) <= 1.0:
                        key = existing
                        break
                rows.setdefault(key, []).append(char)
            for baseline, chars in sorted(rows.items(), reverse=True):
                chars.sort(key=lambda c: c["x0"])
                lines.append(PdfLine(
                    page=number,
                    top=min(c["top"] for c in chars) / MM,
                    baseline=(float(page.height) - baseline) / MM,
                    x0=chars[0]["x0"] / MM,
                    x1=chars[-1]["x1"] / MM,
                    chars=chars,
                ))
    return PdfDoc(path, sizes, lines)


def is_full_width(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in "“”‘’—…"


def drawn_alike(ours: PdfLine, theirs: str, hanging: str, right: float) -> bool:
    """Whether LibreOffice 7.4 drew our line as ``theirs``. With hanging punctuation on
    (w:overflowPunct omitted, as Word has it), LibreOffice sometimes leaves out the hung mark
    (，。、；：？！) that ends a full line (one reaching the block's ``right`` edge, mm):
    "…监督权。" before "2021年…", "…路面宽4.5米，" before "部分…" (measured, #10); Word prints
    it, and the mark is in the DOCX. Any other difference is a real one."""
    if theirs == ours.text:
        return True
    full = ours.x1 >= right - 1.0
    return full and ours.text[-1:] in tuple(hanging) and theirs == ours.text[:-1]
