"""Placement of 发文机关署名, 成文日期 and 印章 (§7.3.5), shared by every renderer.

Sealed (§7.3.5.1): the date ends 4 characters from the right edge (右空四字), the issuer
is centred over the date, and the seal is centred on both, pressing them so they lie
slightly below its centre, its top within one line of the body text.
Unsealed (§7.3.5.2): the issuer ends 2 characters from the right edge, one blank line
below the body; the date on the next line starts 2 characters to the right of the
issuer's first character (or ends 2 characters in, when it is the longer of the two).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..fonts import FontSet
from ..model import Signature
from ..profile import Profile
from .measure import text_span_mm


@dataclass(frozen=True)
class SignatureLine:
    text: str
    element: str  # "issuer" or "date"
    x0: float  # mm from the page's left edge
    x1: float
    right_gap: float  # mm from the block's right edge to x1


@dataclass(frozen=True)
class SignaturePlan:
    blank_lines_before: int
    lines: tuple[SignatureLine, ...]
    seal_cx: float | None  # mm from the page's left edge
    seal_top_offset: float | None  # mm from the top of the first signature line's slot
    seal_diameter: float


def plan_signature(signature: Signature, profile: Profile, fonts: FontSet) -> SignaturePlan:
    spec = profile.signature
    style = profile.style("signature")
    cell = profile.char_pitch_mm
    right = profile.page.block_right
    issuer = signature.issuers[0]
    date = signature.date_text
    issuer_w = text_span_mm(issuer, style, profile, fonts)
    date_w = text_span_mm(date, style, profile, fonts)

    def line(text: str, element: str, x0: float, width: float) -> SignatureLine:
        return SignatureLine(text, element, x0, x0 + width, right - (x0 + width))

    pitch = profile.line_pitch_mm
    if signature.seal.mode == "none":
        issuer_x1 = right - spec.unsealed_right_indent_chars * cell
        issuer_x0 = issuer_x1 - issuer_w
        date_x0 = issuer_x0 + spec.unsealed_date_offset_chars * cell
        if date_x0 + date_w > issuer_x1:
            date_x0 = issuer_x1 - date_w
            issuer_x0 = date_x0 - spec.unsealed_date_offset_chars * cell
        return SignaturePlan(
            blank_lines_before=1,
            lines=(line(issuer, "issuer", issuer_x0, issuer_w), line(date, "date", date_x0, date_w)),
            seal_cx=None,
            seal_top_offset=None,
            seal_diameter=0.0,
        )

    date_x1 = right - spec.date_right_indent_chars * cell
    centre = date_x1 - date_w / 2
    issuer_x0 = min(centre - issuer_w / 2, right - issuer_w)
    radius = spec.seal_diameter_mm / 2
    # The seal's centre sits seal_centre_above_text_mm above the boundary between the
    # issuer and date lines; its top must clear the body's last line: enough blank lines.
    rise = radius + spec.seal_centre_above_text_mm
    blank = max(0, math.ceil(rise / pitch - 1 - 1e-9))
    seal_top_offset = pitch - rise
    return SignaturePlan(
        blank_lines_before=blank,
        lines=(line(issuer, "issuer", issuer_x0, issuer_w), line(date, "date", date_x1 - date_w, date_w)),
        seal_cx=centre,
        seal_top_offset=seal_top_offset,
        seal_diameter=spec.seal_diameter_mm,
    )
