"""纪要 出席/请假/列席 (§10.3) in the DOCX, as the layout engine places them.

One paragraph per row in the style 出席人员: the label ("出席：", 黑体) hanging at the
indent, the names after it, so wrapped lines start after the colon (indents in twips).
"""

from __future__ import annotations

from ..layout.attendance import ELEMENT, attendance_spec
from ..layout.hanging import HangingItem
from ..layout.result import Placed
from .docx_attachments import hang
from .docx_writer import DocxWriter, ParaStyle


def write_attendance(builder: DocxWriter, placed: Placed) -> None:
    """One blank line, then 出席, 请假 and 列席, each its own paragraph."""
    profile = builder.profile
    spec = attendance_spec(profile)
    builder.ensure_style(ELEMENT, ParaStyle("出席人员", spec.names_style, "both"))
    builder.blank_lines(spec.blank_lines_before)
    left, right = profile.page.block_left, profile.page.block_right
    for row in placed.plan:
        paragraph = builder.paragraph(ELEMENT)
        builder.text(paragraph, row.label, spec.label_style)
        builder.text(paragraph, row.names, spec.names_style)
        hang(
            paragraph,
            HangingItem(row.label, row.names, row.label_x, row.text_x, right, spec.names_style, ELEMENT),
            left,
            right,
        )
