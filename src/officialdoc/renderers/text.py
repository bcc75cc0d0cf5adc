"""A text dump of the layout result, for debugging and for the golden files of the tests.

One block per placed element, in document order: its kind, the pages it landed on and its
§7.3.5.5 facts, then its lines, one a row: page, grid slot, x and width (mm), the line's
element, its text. Page numbers, rules and seals close each page. Lengths are rounded to
0.01 mm, so a dump changes when the layout does, not with float noise.
"""

from __future__ import annotations

from pathlib import Path

from ..layout.page import Line, Page
from ..layout.result import LaidOutDocument, Placed


class TextRenderer:
    name = "text"
    suffix = ".layout.txt"

    def render(self, laid_out: LaidOutDocument, path: Path, *, draft: bool = False) -> list[str]:
        Path(path).write_text(dump(laid_out), encoding="utf-8")
        return []


def dump(laid_out: LaidOutDocument) -> str:
    rows = [f"profile {laid_out.profile.name}, {len(laid_out.pages)} pages"]
    lines: dict[int, list[tuple[int, Line]]] = {}
    for page in laid_out.pages:
        for line in page.lines:
            lines.setdefault(line.owner, []).append((page.index, line))
    for index, placed in enumerate(laid_out.elements):
        rows.append(_heading(index, placed))
        rows += [_line(page, line) for page, line in lines.get(index, [])]
    for page in laid_out.pages:
        rows.append(f"== page {page.index} number {page.number}")
        rows += [_line(index, line) for index, line in lines.get(-1, []) if index == page.index]
        rows += [f"rule {r.element} {r.x0:.2f}..{r.x1:.2f} y {r.y:.2f} t {r.thickness:.2f}" for r in page.rules]
        rows += [f"seal {s.cx:.2f},{s.cy:.2f} {s.width:.2f}x{s.height:.2f} image {bool(s.image)}" for s in page.seals]
        rows += _segments(page)
    return "\n".join(rows) + "\n"


def _heading(index: int, placed: Placed) -> str:
    pages = ",".join(map(str, placed.pages)) or "-"
    facts = ""
    keep = getattr(placed.plan, "keep", None)
    if keep is not None and (keep.tracking_pt is not None or keep.with_signature or keep.together):
        facts = f" keep tracking={keep.tracking_pt} with_signature={keep.with_signature} together={keep.together}"
    if keep is not None and keep.carry_from is not None:
        facts += f" carry_from={keep.carry_from}"
    if keep is not None and keep.new_page:
        facts += " new_page"
    return f"== {index} {placed.kind.value} pages {pages}{facts}"


def _line(page: int, line: Line) -> str:
    first = line.runs[0]
    width = sum(run.width for run in line.runs)
    flags = "".join(flag for flag, on in (("J", line.justified), ("H", line.hanging), ("R", line.repeat)) if on)
    return (
        f"{page:>3} {line.slot:>3} {first.x:7.2f} {width:7.2f} {line.element}{' ' + flags if flags else ''} {line.text}"
    )


def _segments(page: Page) -> list[str]:
    return [f"segments {len(page.segments)}"] if page.segments else []
