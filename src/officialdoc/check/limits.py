"""Numbers the checker needs besides the profile's: a few of GB/T 9704 that the profile
does not carry yet, and the tolerances of measuring a file someone else made.

Every default can be overridden by an optional ``check:`` mapping in the profile YAML
(same keys as :class:`Limits`), so a profile stays the one place to change a number.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import yaml

from ..errors import ProfileError
from ..profile import Profile


@dataclass(frozen=True)
class Limits:
    # GB/T 9704-2012 numbers not (yet) in templates/gbt9704.yaml
    issuer_mark_top_below_block_mm: float = 35.0  # §7.2.4 标志上边缘至版心上边缘 35 mm
    red_line_below_doc_number_mm: float = 4.0  # §7.2.7 发文字号之下 4 mm
    record_rule_thick_mm: float = 0.35  # §7.4.1 首条、末条分隔线 推荐 0.35 mm
    record_rule_thin_mm: float = 0.25  # §7.4.1 中间分隔线 推荐 0.25 mm
    # tolerances
    position_mm: float = 1.0  # §5.2.1 天头/订口 ± 1 mm; also page numbers, marks, rules, signature
    page_size_mm: float = 1.0  # paper size
    edge_mm: float = 0.3  # last glyph of a justified line vs the block's right edge
    pitch_mm: float = 0.05  # line pitch: 22 lines drift less than 1.1 mm
    baseline_mm: float = 0.3  # a baseline off the page's common pitch
    size_pt: float = 0.3  # font size
    thickness_mm: float = 0.05  # rule thickness


def load_limits(profile: Profile) -> Limits:
    """The defaults, overridden by the profile's optional ``check:`` section."""
    with profile.path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    section = data.get("check") or {}
    if not isinstance(section, dict):
        raise ProfileError(f"{profile.path}: section 'check' is not a mapping")
    known = {f.name for f in fields(Limits)}
    unknown = sorted(set(section) - known)
    if unknown:
        raise ProfileError(f"{profile.path}: check.{unknown[0]} is not a checker limit ({', '.join(sorted(known))})")
    try:
        return replace(Limits(), **{k: float(v) for k, v in section.items()})
    except (TypeError, ValueError) as exc:
        raise ProfileError(f"{profile.path}: check: every limit is a number ({exc})") from None
