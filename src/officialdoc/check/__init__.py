"""Conformance checker: any PDF, DOCX or content YAML against a profile (GB/T 9704-2012).

>>> from officialdoc.check import check_file
>>> report = check_file("out/2021.pdf")  # the profile the PDF records, else gbt9704
>>> [f.rule for f in report.findings]
[]

The rule catalogue is :data:`officialdoc.check.rules.RULES` (documented in docs/check.md);
reports print as text or as JSON (:mod:`officialdoc.check.report`). The PDF and DOCX
readers are imported on first use, so ``officialdoc render`` does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .checker import Report, check_file, detect_kind

__all__ = ["Report", "check_file", "detect_kind"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import checker

        return getattr(checker, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
