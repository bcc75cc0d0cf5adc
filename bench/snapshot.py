"""Snapshot the PDF page content and DOCX document.xml of the seed and every fixture.

    python bench/snapshot.py OUTDIR            # render and write OUTDIR/<name>.{pdf,docx}.txt
    python bench/snapshot.py --compare A B     # compare two snapshot folders

A PDF snapshot is each page's decompressed content stream plus its font names (the
document info and font subsets' random tags are left out: they differ between runs).
"""

from __future__ import annotations

import re
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
IMAGE_NAME = re.compile(r"/FormXob\.[0-9a-f]+")  # reportlab names an image by a hash of its path
SOURCES = [ROOT / "content/2021.yaml", *sorted((ROOT / "tests/fixtures").glob("*.yaml"))]


def pdf_snapshot(path: Path) -> str:
    from pypdf import PdfReader

    out = []
    for number, page in enumerate(PdfReader(path).pages, 1):
        fonts = page["/Resources"].get("/Font", {})
        names = sorted(
            f"{key}={SUBSET_TAG.sub('', str(font.get_object()['/BaseFont']))}" for key, font in fonts.items()
        )
        out.append(f"=== page {number} {page.mediabox} fonts {' '.join(names)}")
        out.append(IMAGE_NAME.sub("/FormXob", page.get_contents().get_data().decode("latin-1")))
    return "\n".join(out)


def docx_snapshot(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            f"=== {name}\n{z.read(name).decode()}"
            for name in sorted(z.namelist())
            if name.endswith(".xml") and "docProps" not in name
        )


def snapshot(outdir: Path) -> None:
    from officialdoc import api

    outdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "tests"))
    from seal_images import write_seal_images

    with tempfile.TemporaryDirectory() as tmp:
        write_seal_images(Path(tmp))
        for original in SOURCES:
            source = Path(tmp) / original.name  # next to the stand-in seal images
            source.write_bytes(original.read_bytes())
            report = api.render_file(source, tmp, ["pdf", "docx"])
            for output in report.outputs:
                text = pdf_snapshot(output) if output.suffix == ".pdf" else docx_snapshot(output)
                (outdir / f"{original.stem}{output.suffix}.txt").write_text(text)


def compare(a: Path, b: Path) -> int:
    differ = same = 0
    for left in sorted(a.glob("*.txt")):
        right = b / left.name
        if right.exists() and right.read_text() == left.read_text():
            same += 1
        else:
            differ += 1
            print("DIFFERS:", left.name)
    print(f"{same} identical, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    snapshot(Path(sys.argv[1]))
