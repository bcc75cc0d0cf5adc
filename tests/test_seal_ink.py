"""Seals stamped as red ink (黑字透红): the text under a seal image stays readable.

Measured on pixels: the repro's seal covers 人 of the 署名 with solid red; after rendering
(our PDF, and LibreOffice's rendering of our DOCX) that character's box must still hold
black ink, and a white seal background must not cover anything.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from officialdoc.api import render_document
from officialdoc.libreoffice import docx_to_pdf
from officialdoc.load import load_document
from officialdoc.renderers.seal_image import seal_png

DPI = 150
DARK = 90  # a pixel whose red, green and blue are all below this is black ink, not red


def dark_share(pdf: Path, char: str, line_text: str) -> float:
    """Share of black pixels in the box of ``char`` on the line reading ``line_text``."""
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            lines = page.extract_text_lines()
            found = next((ln for ln in lines if ln["text"].replace(" ", "") == line_text), None)
            if found is None:
                continue
            box = next(c for c in found["chars"] if c["text"] == char)
            stem = pdf.with_suffix("")
            subprocess.run(
                ["pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number), "-png", "-singlefile", pdf, stem],
                check=True,
            )
            scale = DPI / 72
            with Image.open(stem.with_suffix(".png")) as image:
                crop = image.convert("RGB").crop(
                    tuple(round(v * scale) for v in (box["x0"], box["top"], box["x1"], box["bottom"]))
                )
            data = crop.tobytes()
            pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
            return sum(max(p) < DARK for p in pixels) / len(pixels)
    raise AssertionError(f"{line_text} not found in {pdf}")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, shared_dir, fontset, soffice) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seal-ink")
    for name in ("seal_over_text.yaml", "seal.png"):
        shutil.copy(shared_dir / "repro" / name, folder / name)
    doc = load_document(folder / "seal_over_text.yaml").document
    (pdf, docx), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
    (lo,) = docx_to_pdf([docx], folder / "lo", fontset.fontconfig_xml())
    return {"pdf": pdf, "lo": lo}


@pytest.mark.parametrize("output", ["pdf", "lo"])
def test_character_under_the_seal_stays_black(rendered, output):
    # 人 lies under the seal's solid red star: painted over it, it had no black pixel (0.0); stamped
    # as ink it keeps 0.059 (PDF) and 0.054 (LibreOffice) against 0.11 for 青 beside the seal
    assert dark_share(rendered[output], "人", "青溪县人民政府") > 0.03


def test_white_seal_background_is_transparent(tmp_path):
    image = Image.new("RGB", (40, 40), (255, 255, 255))
    image.paste((230, 0, 0), (10, 10, 30, 30))
    image.paste((250, 248, 245), (0, 0, 5, 5))  # scanned paper, nearly white
    image.save(tmp_path / "seal.jpg", quality=95)
    with Image.open(io.BytesIO(seal_png(tmp_path / "seal.jpg"))) as result:
        assert result.mode == "RGBA"
        assert result.getpixel((2, 2))[3] == 0
        assert result.getpixel((38, 38))[3] == 0
        red = result.getpixel((20, 20))
        assert red[3] == 255 and red[0] > 200 and red[1] < 30
