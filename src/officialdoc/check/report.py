"""Check reports: one per file, printed as text for people or as versioned JSON for CI.

JSON shape ``officialdoc.check/1`` (documented in docs/check.md, validated by
:data:`JSON_SCHEMA`)::

    {"schema": "officialdoc.check/1", "profile": "gbt9704",
     "counts": {"required": 1, "recommended": 0, "practice": 2},
     "files": [{"path": "a.pdf", "kind": "pdf", "readable": true, "error": null, "pages": 3,
                "profile": "gbt9704", "counts": {...}, "notes": ["…"],
                "findings": [{"rule": "PAGE-GRID-CHARS", "clause": "5.2.3", "severity": "required",
                              "message": "[PAGE-GRID-CHARS] …", "detail": "…", "page": 2, "line": 5,
                              "column": null, "position": {"x_mm": 28.0, "y_mm": 71.4},
                              "element": null, "via": null}]}]}

Additive changes (new keys, new rule ids) keep the version; a change that breaks readers
of this shape gets ``officialdoc.check/2``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EXIT_CHECK_INTERNAL, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .findings import SEVERITIES, SEVERITY_ZH, Finding, severity_rank

SCHEMA = "officialdoc.check/1"
FAIL_NEVER = "never"
KIND_ZH = {"pdf": "PDF", "docx": "DOCX", "content": "内容文件", "unknown": "未知格式"}


@dataclass
class Report:
    """The findings of one file; ``error`` is set when the file could not be read at all."""

    path: Path
    kind: str  # pdf | docx | content | unknown
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why
    pages: int | None = None
    error: str | None = None
    profile: str | None = None  # the profile the file was checked against (None: not read)
    internal_error: str | None = None  # a fault of the checker itself (findings may be incomplete)
    evidence: dict[str, str] = field(default_factory=dict)  # how elements were recognised (Chinese)

    @property
    def readable(self) -> bool:
        return self.error is None

    def counts(self) -> dict[str, int]:
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "kind": self.kind,
            "readable": self.readable,
            "error": self.error,
            "internal_error": self.internal_error,
            "pages": self.pages,
            "profile": self.profile,
            "counts": self.counts(),
            "notes": list(self.notes),
            "evidence": dict(self.evidence),
            "findings": [f.to_dict() for f in self.findings],
        }


def _total(reports: list[Report]) -> dict[str, int]:
    return {s: sum(r.counts()[s] for r in reports) for s in SEVERITIES}


def to_json(reports: list[Report], profile: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "profile": profile, "counts": _total(reports), "files": [r.to_dict() for r in reports]}


def exit_code(reports: list[Report], fail_on: str) -> int:
    """3 if the checker failed on a file, else 2 if any file was unreadable, else 1 if a
    finding is at or above ``fail_on``, else 0."""
    if any(r.internal_error for r in reports):
        return EXIT_CHECK_INTERNAL
    if any(not r.readable for r in reports):
        return EXIT_INPUT
    if fail_on == FAIL_NEVER:
        return EXIT_OK
    limit = severity_rank(fail_on)
    found = any(severity_rank(f.severity) <= limit for r in reports for f in r.findings)
    return EXIT_FINDINGS if found else EXIT_OK


def _where(f: Finding) -> str:
    """Where a finding is, in Chinese (the text report is all Chinese; the English detail is
    in the JSON report)."""
    parts = []
    if f.x_mm is not None or f.y_mm is not None:
        xs = f"距左边{f.x_mm:.1f}毫米" if f.x_mm is not None else ""
        ys = f"距上边{f.y_mm:.1f}毫米" if f.y_mm is not None else ""
        parts.append("、".join(p for p in (xs, ys) if p))
    if f.via:
        parts.append("在LibreOffice排出的版面上测得")
    return f"        位置：{'，'.join(parts)}" if parts else ""


def render_text(reports: list[Report], profile: str | None = None) -> str:
    """Human-readable report, in Chinese: the message of each finding and where it is.

    A file checked against another profile than ``profile`` (the one given or the default)
    names its own in its heading line."""
    out = []
    for report in reports:
        kind = KIND_ZH.get(report.kind, report.kind)
        if not report.readable:
            out.append(f"{report.path}（{kind}）：无法读取 — {report.error}")
            continue
        pages = f"，{report.pages}页" if report.pages else ""
        if report.profile and report.profile != profile:
            pages += f"，版式{report.profile}"
        counts = report.counts()
        summary = "，".join(f"{SEVERITY_ZH[s]}{counts[s]}项" for s in SEVERITIES)
        out.append(f"{report.path}（{kind}{pages}）：{summary if report.findings else '未发现问题'}")
        for f in sorted(report.findings, key=lambda f: (severity_rank(f.severity), f.page or 0, f.line or 0)):
            out.append(f"  {SEVERITY_ZH[f.severity]}  {f.message}")
            if where := _where(f):
                out.append(where)
        out.extend(f"  注：{note}" for note in report.notes)
        if report.internal_error:
            out.append(f"  错误：{report.internal_error}（以上结果可能不完整）")
    total = _total(reports)
    out.append("合计：" + "，".join(f"{SEVERITY_ZH[s]}{total[s]}项" for s in SEVERITIES))
    return "\n".join(out)


_FINDING_SCHEMA = {
    "type": "object",
    "required": [
        "rule",
        "clause",
        "severity",
        "message",
        "detail",
        "page",
        "line",
        "column",
        "position",
        "element",
        "via",
        "pages",
    ],
    "properties": {
        "rule": {"type": "string", "pattern": "^(PAGE|PDF|DOCX|YAML)-[A-Z0-9-]+$"},
        "clause": {"type": "string"},
        "severity": {"enum": list(SEVERITIES)},
        "message": {"type": "string", "pattern": r"^\[(PAGE|PDF|DOCX|YAML)-"},
        "detail": {"type": "string"},
        "page": {"type": ["integer", "null"], "minimum": 1},
        "line": {"type": ["integer", "null"], "minimum": 1},
        "column": {"type": ["integer", "null"], "minimum": 1},
        "position": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["x_mm", "y_mm"],
                    "properties": {"x_mm": {"type": ["number", "null"]}, "y_mm": {"type": ["number", "null"]}},
                    "additionalProperties": False,
                },
            ]
        },
        "element": {"type": ["string", "null"]},
        "via": {"type": ["string", "null"]},
        "pages": {"type": ["array", "null"], "items": {"type": "integer", "minimum": 1}},
    },
}
_COUNTS_SCHEMA = {
    "type": "object",
    "required": list(SEVERITIES),
    "properties": {s: {"type": "integer", "minimum": 0} for s in SEVERITIES},
}

JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": SCHEMA,
    "type": "object",
    "required": ["schema", "profile", "counts", "files"],
    "properties": {
        "schema": {"const": SCHEMA},
        "profile": {"type": "string"},
        "counts": _COUNTS_SCHEMA,
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "path",
                    "kind",
                    "readable",
                    "error",
                    "internal_error",
                    "pages",
                    "profile",
                    "counts",
                    "notes",
                    "evidence",
                    "findings",
                ],
                "properties": {
                    "path": {"type": "string"},
                    "kind": {"enum": list(KIND_ZH)},
                    "readable": {"type": "boolean"},
                    "error": {"type": ["string", "null"]},
                    "internal_error": {"type": ["string", "null"]},
                    "pages": {"type": ["integer", "null"], "minimum": 0},
                    "profile": {"type": ["string", "null"]},
                    "counts": _COUNTS_SCHEMA,
                    "notes": {"type": "array", "items": {"type": "string"}},
                    "evidence": {"type": "object", "additionalProperties": {"type": "string"}},
                    "findings": {"type": "array", "items": _FINDING_SCHEMA},
                },
            },
        },
    },
}
