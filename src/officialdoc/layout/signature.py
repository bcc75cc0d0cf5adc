"""Placement of 发文机关署名, 成文日期, 印章 and 签名章 (§7.3.5), shared by every renderer.

- Sealed (§7.3.5.1): the date ends 4 characters from the right edge (右空四字), the issuer
  is centred over it, and the seal is centred on both, pressing them so they lie slightly
  below its centre, its top within one line of the body text. Joint issuance: issuers in
  rows, in order, each centred under its own seal; seals aligned and not touching, no row
  wider than the block; the last seal presses the last issuer and the date.
- Unsealed (§7.3.5.2): one blank line below the body, issuers stacked 右空二字; the date on
  the next line starts 2 characters to the right of the issuer's first character (or ends
  2 characters in when it is longer).
- 签名章 (§7.3.5.3): two blank lines below the body, each signature seal 右空四字 on its own
  row with the signer's title 左空二字 of it, vertically centred on it; the date one blank
  line below the last seal, 右空四字.
- 令的签署 "总理　李克强" (§10.2 → §7.3.5.3, the printed 签署 in the 签名章's place): two
  blank lines below the body, each 签署 右空四字; the date one blank line below, 右空四字.
- A date alone (no 署名): sealed, 右空四字 under its seal (placed as on a 署名 and date);
  unsealed, 右空二字 one blank line below the body.

Positions are millimetres; vertical ones are counted in grid lines from the first
signature line, so the PDF and the DOCX put every line on the same grid slot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..fonts import FontSet
from ..model import Signature
from ..profile import Profile
from .measure import text_span_mm


@dataclass(frozen=True)
class SignatureText:
    text: str
    element: str  # "issuer", "date" or "signer_title"
    x0: float  # mm from the page's left edge
    x1: float


@dataclass(frozen=True)
class SignatureLine:
    offset: int  # grid lines below the first signature line
    items: tuple[SignatureText, ...]  # left to right

    @property
    def text(self) -> str:
        return "".join(item.text for item in self.items)

    @property
    def element(self) -> str:
        return self.items[0].element


@dataclass(frozen=True)
class SealPlacement:
    """A seal (round) or a signature seal (rectangular): image or reserved area."""

    cx: float  # mm from the page's left edge
    top_offset: float  # mm from the top of the first signature line's grid slot
    width: float
    height: float
    image: Path | None
    round: bool


@dataclass(frozen=True)
class SignaturePlan:
    blank_lines_before: int
    lines: tuple[SignatureLine, ...]
    seals: tuple[SealPlacement, ...]

    @property
    def height_lines(self) -> int:
        """Grid lines the block takes, blank lines before it included."""
        return self.blank_lines_before + max(line.offset for line in self.lines) + 1


def plan_signature(signature: Signature, profile: Profile, fonts: FontSet) -> SignaturePlan:
    planner = _Planner(profile, fonts)
    if signature.signers:
        return planner.signers(signature)
    if signature.date_only:
        return planner.date_only(signature)
    if signature.signature_seals:
        return planner.signature_seals(signature)
    if signature.sealed:
        return planner.sealed(signature)
    return planner.unsealed(signature)


class _Planner:
    def __init__(self, profile: Profile, fonts: FontSet):
        self.profile = profile
        self.spec = profile.signature
        self.fonts = fonts
        self.style = profile.style("signature")
        self.cell = profile.char_pitch_mm
        self.pitch = profile.line_pitch_mm
        self.em_shift = profile.em_shift_mm(self.style.size_pt)
        self.right = profile.page.block_right
        self.left = profile.page.block_left

    def width(self, text: str) -> float:
        return text_span_mm(text, self.style, self.profile, self.fonts)

    def text(self, text: str, element: str, x0: float) -> SignatureText:
        return SignatureText(text, element, x0, x0 + self.width(text))

    # -- §7.3.5.2 -------------------------------------------------------------------------
    def unsealed(self, signature: Signature) -> SignaturePlan:
        spec = self.spec
        issuer_x1 = self.right - spec.unsealed_right_indent_chars * self.cell
        widest = max(self.width(name) for name in signature.issuers)
        date_w = self.width(signature.date_text)
        first_x0 = issuer_x1 - widest
        date_x0 = first_x0 + spec.unsealed_date_offset_chars * self.cell
        shift = max(0.0, date_x0 + date_w - issuer_x1)  # the date is the longer: it ends 右空二字
        lines = [
            SignatureLine(i, (self.text(name, "issuer", issuer_x1 - shift - self.width(name)),))
            for i, name in enumerate(signature.issuers)
        ]
        lines.append(SignatureLine(len(lines), (self.text(signature.date_text, "date", date_x0 - shift),)))
        return SignaturePlan(spec.unsealed_blank_lines_before, tuple(lines), ())

    # -- §7.3.5.1 -------------------------------------------------------------------------
    def sealed(self, signature: Signature) -> SignaturePlan:
        spec = self.spec
        diameter = spec.seal_diameter_mm
        names = signature.issuers
        widths = [self.width(name) for name in names]
        date_w = self.width(signature.date_text)
        last_cx = self.right - spec.date_right_indent_chars * self.cell - date_w / 2
        # 成文日期 "一般" 右空四字: a name too long to centre there moves left with it, up to the edge
        last_cx = min(last_cx, self.right - max(*widths, date_w) / 2)
        # centre distance: seals apart by the gap, names apart by one character
        spacing = max(diameter + spec.seal_gap_mm, max(widths) + self.cell)
        half = max(diameter, *widths) / 2
        per_row = max(1, min(len(names), 1 + int((last_cx - half - self.left) // spacing)))
        rows = [names[max(0, end - per_row) : end] for end in range(len(names), 0, -per_row)][::-1]
        rise = diameter / 2 + spec.seal_centre_above_text_mm  # seal centre above the name/date boundary
        blank = max(0, math.ceil(rise / self.pitch - 1 - 1e-9))
        row_lines = math.ceil((diameter + spec.seal_gap_mm) / self.pitch)  # rows of seals never touch
        lines: list[SignatureLine] = []
        seals: list[SealPlacement] = []
        seal_of = dict(enumerate(signature.seals))
        index = 0
        for r, row in enumerate(rows):
            offset = r * row_lines
            items = []
            last_row = r == len(rows) - 1
            for k, name in enumerate(row):
                # columns of seals: the last row ends at the date, an earlier (shorter) row
                # starts in the first column, so the issuers read left to right, top to bottom
                column = k + per_row - len(row) if last_row else k
                cx = last_cx - (per_row - 1 - column) * spacing
                items.append(self.text(name, "issuer", cx - self.width(name) / 2))
                seal = seal_of[index]
                index += 1
                if seal.mode != "none":
                    # the last row's seal presses the name and the date; others their name
                    # (the gap between the texts, which sit em_shift below their lines' middles)
                    boundary = (offset + 1 if last_row else offset + 0.5) * self.pitch + self.em_shift
                    top = boundary - rise
                    seals.append(SealPlacement(cx, top, diameter, diameter, seal.image, round=True))
            lines.append(SignatureLine(offset, tuple(items)))
        date_x0 = last_cx - date_w / 2
        lines.append(SignatureLine(lines[-1].offset + 1, (self.text(signature.date_text, "date", date_x0),)))
        return SignaturePlan(blank, tuple(lines), tuple(seals))

    # -- §7.3.5.3 -------------------------------------------------------------------------
    def signature_seals(self, signature: Signature) -> SignaturePlan:
        spec = self.spec
        seal_x1 = self.right - spec.date_right_indent_chars * self.cell
        seal_w, seal_lines = spec.signature_seal_width_mm, spec.signature_seal_lines
        lines: list[SignatureLine] = []
        seals: list[SealPlacement] = []
        for i, seal in enumerate(signature.signature_seals):
            offset = i * (seal_lines + 1)
            title_x1 = seal_x1 - seal_w - spec.signer_title_gap_chars * self.cell
            title_line = offset + (seal_lines - 1) // 2  # the title on the seal's middle line
            title = self.text(seal.title, "signer_title", title_x1 - self.width(seal.title))
            lines.append(SignatureLine(title_line, (title,)))
            height = seal_lines * self.pitch
            seals.append(
                SealPlacement(seal_x1 - seal_w / 2, offset * self.pitch, seal_w, height, seal.image, round=False)
            )
        date_w = self.width(signature.date_text)
        last = len(signature.signature_seals) * (seal_lines + 1) - 1 + spec.signature_seal_date_gap_lines
        lines.append(SignatureLine(last, (self.text(signature.date_text, "date", seal_x1 - date_w),)))
        return SignaturePlan(spec.signature_seal_blank_lines_before, tuple(lines), tuple(seals))

    # -- 令的签署 and a date alone ------------------------------------------------------------
    def signers(self, signature: Signature) -> SignaturePlan:
        """签署 "总理　李克强" as §7.3.5.3 sets a 签名章 and its date, the printed 签署 in the
        seal's place: 正文下空二行, each 签署 右空四字 on its own line, the date one blank line
        below the last, 右空四字."""
        spec = self.spec
        x1 = self.right - spec.date_right_indent_chars * self.cell
        lines = [
            SignatureLine(i, (self.text(signer.text, "signer", x1 - self.width(signer.text)),))
            for i, signer in enumerate(signature.signers)
        ]
        date = self.text(signature.date_text, "date", x1 - self.width(signature.date_text))
        lines.append(SignatureLine(len(lines) + spec.signature_seal_date_gap_lines, (date,)))
        return SignaturePlan(spec.signature_seal_blank_lines_before, tuple(lines), ())

    def date_only(self, signature: Signature) -> SignaturePlan:
        """成文日期 with no 署名. Sealed: 右空四字, the seal centred on it with the date slightly
        below the seal's centre (§7.3.5.1), its top within one line of the body. Unsealed:
        右空二字, one blank line below the body (§7.3.5.2)."""
        spec = self.spec
        date_w = self.width(signature.date_text)
        if not signature.sealed:
            x1 = self.right - spec.unsealed_right_indent_chars * self.cell
            date = self.text(signature.date_text, "date", x1 - date_w)
            return SignaturePlan(spec.unsealed_blank_lines_before, (SignatureLine(0, (date,)),), ())
        x1 = self.right - spec.date_right_indent_chars * self.cell
        date = self.text(signature.date_text, "date", x1 - date_w)
        diameter = spec.seal_diameter_mm
        rise = diameter / 2 + spec.seal_centre_above_text_mm
        middle = 0.5 * self.pitch + self.em_shift  # the middle of the date's em box
        blank = max(0, math.ceil((rise - middle) / self.pitch - 1e-9))
        seal = signature.seal
        placement = SealPlacement(x1 - date_w / 2, middle - rise, diameter, diameter, seal.image, round=True)
        return SignaturePlan(blank, (SignatureLine(0, (date,)),), (placement,))
