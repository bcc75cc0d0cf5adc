"""Stand-in seal images for the fixtures that name seal.png (印章) and sign.png (签名章)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw


def write_seal_images(folder: Path) -> None:
    """A red ring (seal.png, 400 × 400 px) and a red frame (sign.png, 400 × 200 px) in ``folder``."""
    seal = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(seal).ellipse((10, 10, 390, 390), outline=(230, 0, 0, 255), width=14)
    seal.save(folder / "seal.png")
    sign = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    ImageDraw.Draw(sign).rectangle((5, 5, 395, 195), outline=(230, 0, 0, 255), width=10)
    sign.save(folder / "sign.png")
