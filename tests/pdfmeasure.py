"""Read a PDF back as a reader would: lines of characters with positions, fonts and sizes."""

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
