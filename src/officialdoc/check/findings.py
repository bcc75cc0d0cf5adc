"""A finding: one departure from the profile, located, explained in Chinese and English."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["required", "recommended", "practice"]

# strongest first: "required" = the standard's own rule, "recommended" = the standard
# recommends it (or an interpretation of it), "practice" = office or print practice
SEVERITIES: tuple[Severity, ...] = ("required", "recommended", "practice")
SEVERITY_ZH: dict[Severity, str] = {"required": "标准要求", "recommended": "标准推荐", "practice": "惯例"}


@dataclass
class RuleResult:
    """What a reader's rules give for one file: findings, notes (what could not be checked),
    failures (rule groups that failed) and evidence (how elements were recognised)."""

    findings: list[Finding]
    notes: list[str]
    failures: list[str]
    evidence: dict[str, str]


def severity_rank(severity: str) -> int:
    """0 for the strongest severity; raises ValueError for an unknown name."""
    return SEVERITIES.index(severity)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place.

    ``message`` is for a clerk (Chinese, starts with ``[RULE-ID]``, ends with the clause);
    ``detail`` says the same with the measured and expected numbers, in English.
    Positions are millimetres from the page's top-left corner; ``line``/``column`` are
    1-based (a text line on the page for PDFs, a line of the file for content YAML).
    """

    rule: str
    clause: str
    severity: Severity
    message: str
    detail: str
    page: int | None = None
    line: int | None = None
    column: int | None = None
    x_mm: float | None = None
    y_mm: float | None = None
    element: str | None = None
    via: str | None = None  # "libreoffice": found in the DOCX's LibreOffice rendering
    pages: tuple[int, ...] | None = None  # every page with this fault (one finding per fault)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        x, y = data.pop("x_mm"), data.pop("y_mm")
        data["position"] = None if x is None and y is None else {"x_mm": _round(x), "y_mm": _round(y)}
        data["pages"] = list(self.pages) if self.pages else None
        return data


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
