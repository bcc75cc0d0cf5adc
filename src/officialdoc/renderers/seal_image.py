"""Seal images as stamped ink: near-white pixels made transparent (黑字透红).

A scanned or drawn seal often has an opaque white background; laid over or under the
署名 it would hide the text or the rules around it. Both renderers read the image through
:func:`seal_png`, which keeps the red ink and drops the paper.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops

# A pixel whose red, green and blue are all at least this is paper, not ink.
PAPER_LEVEL = 235


def seal_png(path: Path) -> bytes:
    """The image at ``path`` as RGBA PNG bytes, near-white pixels fully transparent."""
    stat = path.stat()
    return _seal_png(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _seal_png(path: Path, _mtime_ns: int, _size: int) -> bytes:
    with Image.open(path) as source:
        image = source.convert("RGBA")
    red, green, blue, alpha = image.split()
    paper = [band.point(lambda v: 255 if v >= PAPER_LEVEL else 0) for band in (red, green, blue)]
    is_paper = ImageChops.multiply(ImageChops.multiply(paper[0], paper[1]), paper[2])
    image.putalpha(ImageChops.multiply(alpha, ImageChops.invert(is_paper)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
