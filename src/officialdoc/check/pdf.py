"""PDF rules: measure any producer's PDF against the profile (GB/T 9704 geometry and fonts).

The rules read the facts of :mod:`officialdoc.check.pdffacts` (page, block, body size,
lines, title, headings, 版头, 版记 …) and recognise nothing themselves. They come in the
groups of :data:`GROUPS`, each with the catalogue's rule ids it reports: a group runs
isolated (its fault is an internal error of the file, the other groups still run), and the
groups that measure against the A4 block are skipped, with a note, on other paper. A *full
line* is a body line that the next body line continues flush left and that reaches the last
cell of the block; only full lines are counted for 28 characters and only pages whose last
line is full (the text runs on) for 22 lines.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

from pypdf import PdfReader

from ..profile import Profile, pt_to_mm
from .bounds import MAX_PAGE_CHARS
from .common import ARTICLE, ASCII_LABEL, CN_DATE, CN_VALUES, LEVEL_NUMBER, ZERO_DATE, size_zh
from .findings import Finding, RuleResult
from .pdffacts import DASHES, DATE_LINE, SEPARATE_LABEL, PdfFacts
from .pdfheader import HeaderRules
from .pdfread import Glyph, HRule, PdfPage, PdfPages, TextLine
from .roles import clean_font_name
from .rules import Group, finding, merge, registered, run_groups

RUN_IN_END = re.compile("[。：]")
SENTENCE_END = "。：；，！？…”）"  # a line ending so is running text, not a 署名
# "/F2 12 Tf" (set a font) or Tj, TJ, ', " (show text) in a content stream
FONT_OR_SHOW = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf\b|(?:\bT[jJ]\b|[)\]>]\s*['\"])")
CC_LINE = re.compile(r"^抄送[：:]")
ATTACHMENT_LABEL = re.compile(r"^附件\d*$")  # the first line of an attachment (§7.3.7)


FILE_RULES = ("PAGE-SIZE", "PDF-TEXT-NONE", "PDF-FONT-EMBED")  # about the file, outside the groups
GROUPS = (
    Group("文字超出版心或纸张", "overflow", False, ("PAGE-TEXT-OUTSIDE",)),
    Group(
        "版心和行格",
        "block_and_grid",
        True,
        (
            "PAGE-BLOCK-LEFT",
            "PAGE-BLOCK-TOP",
            "PAGE-BLOCK-RIGHT",
            "PAGE-BLOCK-BOTTOM",
            "PAGE-GRID-LINES",
            "PAGE-GRID-CHARS",
            "PAGE-GRID-PITCH",
            "PAGE-GRID-BASELINE",
        ),
    ),
    Group("字体字号", "fonts", False, ("PDF-FONT-BODY", "PDF-FONT-HEADING", "PDF-FONT-UNKNOWN")),
    Group("标题", "title_rules", False, ("PDF-TITLE-SIZE", "PDF-TITLE-FONT", "PDF-TITLE-CENTRE")),
    Group(
        "页码",
        "page_numbers",
        True,
        (
            "PAGE-NUMBER-MISSING",
            "PAGE-NUMBER-FORM",
            "PAGE-NUMBER-SIZE",
            "PAGE-NUMBER-FONT",
            "PAGE-NUMBER-SIDE",
            "PAGE-NUMBER-POS",
            "PAGE-NUMBER-FIRST",
        ),
    ),
    Group(
        "版头",
        "header_block",
        True,
        (
            "PDF-COPYNUM-FORM",
            "PDF-COPYNUM-POS",
            "PDF-COPYNUM-SIZE",
            "PDF-SECRECY-POS",
            "PDF-SECRECY-FONT",
            "PDF-URGENCY-POS",
            "PDF-URGENCY-FONT",
            "PDF-REDMARK-POS",
            "PDF-REDMARK-COLOR",
            "PDF-REDMARK-WIDTH",
            "PDF-DOCNUMBER-POS",
            "PDF-DOCNUMBER-LINE",
            "PDF-SIGNER-POS",
            "PDF-SIGNER-FONT",
            "PDF-REDLINE-WIDTH",
            "PDF-REDLINE-POS",
            "PDF-REDLINE-MISSING",
            "PDF-LETTER-RULES",
            "PDF-LETTER-POS",
            "PDF-LETTER-WEIGHT",
        ),
    ),
    Group(
        "版记",
        "record_block",
        True,
        (
            "PDF-RECORD-WIDTH",
            "PDF-RECORD-RULES",
            "PDF-RECORD-THICKNESS",
            "PDF-RECORD-BOTTOM",
            "PDF-RECORD-PAGE",
            "PDF-RECORD-EVEN",
        ),
    ),
    Group("标点和日期", "kinsoku_and_dates", False, ("PDF-KINSOKU-START", "PDF-KINSOKU-END", "PDF-DATE-FORM")),
    Group(
        "序号和主送、抄送",
        "structure",
        False,
        ("PDF-HEADING-BRACKETS", "PDF-HEADING-NUMBER", "PDF-ADDRESSEE-POS", "PDF-RECORD-CC"),
    ),
    Group("署名和成文日期", "signature", True, ("PDF-SIGN-DATE", "PDF-SIGN-POS")),
)


class _PdfCheck(PdfFacts, HeaderRules):
    """The PDF rules, in groups, over the facts recognised on the pages."""

    def __init__(self, pages: list[PdfPage], profile: Profile, via: str | None):
        super().__init__(pages, profile)
        self.via = via
        self.findings: list[Finding] = []
        self.failures: list[str] = []  # rule groups that failed (a fault of the checker)
        self.group: Group | None = None  # the group running
        if abs(self.body_pt - self.body_style.size_pt) > self.tol.size_pt:
            self.notes.append(f"正文按{self.body_pt:g}磅测量（版心中最多的字号）")

    # -- helpers ------------------------------------------------------------------------
    def add(self, rule_id: str, text: str, detail: str, **where: object) -> None:
        """A finding of a rule that the running group (or the file, outside groups) owns."""
        registered(self.group, FILE_RULES, rule_id)
        self.findings.append(finding(rule_id, text, detail, via=self.via, **where))

    # -- rules --------------------------------------------------------------------------
    def run(self) -> None:
        """The file's rules, then every group of :data:`GROUPS`, each isolated."""
        self.page_size()
        if not any(page.lines for page in self.pages):
            self.add("PDF-TEXT-NONE", "PDF中没有可提取的文字（可能是扫描件），无法测量版面", "no text layer")
            return
        groups = GROUPS
        if not self.a4:
            skipped = [group.name for group in GROUPS if group.a4]
            self.notes.append(f"纸张不是A4，以下按A4版心测量的项目未检查：{'、'.join(skipped)}")
            groups = tuple(group for group in GROUPS if not group.a4)
        run_groups(self, groups)

    def page_size(self) -> None:
        """One finding for the paper, with the pages that have it."""
        wrong = [page for page in self.pages if not self._is_a4(page)]
        if not wrong:
            return
        page = wrong[0]
        want_w, want_h = self.p.page.width_mm, self.p.page.height_mm
        self.add(
            "PAGE-SIZE",
            f"纸张为{page.width:.1f}×{page.height:.1f}毫米{_pages_zh(wrong)}，应为A4（{want_w:g}×{want_h:g}毫米）",
            f"{len(wrong)} pages, the first page {page.number} is {page.width:.1f} x {page.height:.1f} mm, "
            f"expected {want_w:g} x {want_h:g} mm",
            page=page.number,
            pages=tuple(p.number for p in wrong),
        )

    def block_and_grid(self) -> None:
        sequence = [(page, ln) for page in self.pages for ln in self.running[page.number]]
        continued: dict[TextLine, TextLine] = {}  # a line → the flush-left line that continues it
        for (_, line), (next_page, following) in pairwise(sequence):
            if abs(following.x0 - self.frames[next_page.number].left) <= self.tol.edge_mm:
                continued[line] = following
        # §7.3.5.5 re-sets the whole last paragraph, also its lines on the pages before
        for number in sorted(self.signature_pages, reverse=True):
            while number > 1 and (previous := self.running[number - 1]) and previous[-1] in continued:
                number -= 1
                self.squeeze_pages.add(number)
        gaps: list[float] = []
        for page in self.pages:
            lines = self.running[page.number]
            gaps += [b.baseline - a.baseline for a, b in pairwise(lines)]
        pitch = self.common_pitch(gaps)
        if pitch is not None and abs(pitch - self.pitch) > self.tol.pitch_mm:
            self.add(
                "PAGE-GRID-PITCH",
                f"正文行距为{pitch:.2f}毫米，应为{self.pitch:.2f}毫米（版心高÷{self.p.grid.lines}行）",
                f"most common body line pitch {pitch:.3f} mm, expected {self.pitch:.3f} mm",
            )
        for page in self.pages:
            self.page_edges(page)
            lines = self.running[page.number]
            full = [ln for ln in lines if ln in continued and self.reaches_right(page, ln)]
            self.full_lines(page, full, continued)
            if pitch is not None:
                self.baselines(page, lines, pitch)
            self.lines_per_page(page, lines, full, continued)

    def common_pitch(self, gaps: list[float]) -> float | None:
        """Mean of the gaps near the most common one (producers round each gap differently).

        Gaps over one and a half of the profile's pitch hold blank lines and are left out.
        """
        common = Counter(round(g, 1) for g in gaps if 0 < g < 1.5 * self.pitch).most_common(1)
        if not common:
            return None
        near = [g for g in gaps if abs(g - common[0][0]) <= self.tol.baseline_mm]
        return sum(near) / len(near)

    def effective_end(self, page: PdfPage, line: TextLine, right: float | None = None) -> tuple[int, float]:
        """(glyphs counted, right edge), a closing mark that ends within one character past the
        block edge taken as hung (Word's overflowPunct): the line reaches the edge, and the mark
        is not counted when it lies wholly past it."""
        right = self.frames[page.number].right if right is None else right
        last = line.glyphs[-1]
        hangs = last.text in self.p.punctuation.hanging or last.text in self.p.punctuation.cannot_start
        past = last.x1 - right
        if hangs and len(line.glyphs) > 1 and self.tol.position_mm < past <= self.cell + self.tol.position_mm:
            outside = last.x0 >= right - self.tol.edge_mm
            return len(line.glyphs) - outside, right
        return len(line.glyphs), last.x1

    def overflow(self) -> None:
        """Text off the paper, or past the block's left or right edge (超出版心)."""
        spec = self.p.page
        mark = self.head.mark.lines if self.head.mark else []
        for page in self.pages:
            frame = self.frames[page.number]
            left, right = min(frame.left, spec.block_left), max(frame.right, spec.block_left + spec.block_width_mm)
            block = self.a4 and page.number not in self.landscape
            for line in page.lines:
                if (page.number == 1 and line in mark) or line in self.numbers[page.number]:
                    continue  # the issuer mark and the page number have their own position rules
                _, end = self.effective_end(page, line, right)
                where = {"page": page.number, "line": line.index, "y_mm": line.baseline}
                if line.x0 < 0 or line.x1 > page.width or line.em_top < 0 or line.em_bottom > page.height:
                    self.add(
                        "PAGE-TEXT-OUTSIDE",
                        f"第{page.number}页第{line.index}行“{line.text[:12]}”超出纸张边缘，印不出来",
                        f"page {page.number} line {line.index}: text at x {line.x0:.1f}-{line.x1:.1f} mm, "
                        f"em box {line.em_top:.1f}-{line.em_bottom:.1f} mm, paper {page.width:.1f} x {page.height:.1f}",
                        x_mm=line.x1,
                        **where,
                    )
                elif block and (end > right + self.tol.position_mm or line.x0 < left - self.tol.position_mm):
                    past = end - right if end > right + self.tol.position_mm else left - line.x0
                    side = "右" if end > right + self.tol.position_mm else "左"
                    self.add(
                        "PAGE-TEXT-OUTSIDE",
                        f"第{page.number}页第{line.index}行“{line.text[:12]}”超出版心{side}边缘{past:.1f}毫米",
                        f"page {page.number} line {line.index}: text {line.x0:.2f}-{end:.2f} mm, "
                        f"block {left:.2f}-{right:.2f} mm",
                        x_mm=end if side == "右" else line.x0,
                        **where,
                    )

    def reaches_right(self, page: PdfPage, line: TextLine) -> bool:
        _, end = self.effective_end(page, line)
        return end >= self.frames[page.number].right - self.cell - self.tol.edge_mm

    def page_edges(self, page: PdfPage) -> None:
        if page.number in self.landscape:
            return
        frame, want = self.frames[page.number], self.p.page.block_left
        mirrored = self.p.page.width_mm - want - self.p.page.block_width_mm
        lines = [ln for ln in page.lines if self.in_block(ln)]
        ok = abs(frame.left - want) <= self.tol.position_mm or (
            page.number % 2 == 0 and abs(frame.left - mirrored) <= self.tol.position_mm
        )
        if len(self.running[page.number]) >= 2 and not ok:
            self.add(
                "PAGE-BLOCK-LEFT",
                f"第{page.number}页版心左边缘在{frame.left:.1f}毫米处，订口应为{want:g}毫米（±{self.tol.position_mm:g}）",
                f"page {page.number}: text block left edge at {frame.left:.2f} mm, expected {want:g} mm",
                page=page.number,
                x_mm=frame.left,
            )
        first = next((ln for ln in lines if not self.in_record(page, ln)), None)
        if first is not None and not (page.number == 1 and (self.head.present or self.head.lines)):
            em = pt_to_mm(first.size)
            low, high = self.top - self.tol.position_mm, self.top + self.pitch - em + self.tol.position_mm
            if not low <= first.em_top <= high:
                self.add(
                    "PAGE-BLOCK-TOP",
                    f"第{page.number}页首行字顶在{first.em_top:.1f}毫米处，天头应为{self.top:g}毫米"
                    f"（±{self.tol.position_mm:g}）",
                    f"page {page.number}: first line's em box top at {first.em_top:.2f} mm, expected between "
                    f"{low:.2f} and {high:.2f} mm (its glyphs inside the first {self.pitch:.2f} mm line box "
                    f"from the block top {self.top:g} mm)",
                    page=page.number,
                    line=first.index,
                    y_mm=first.em_top,
                )
        mark = self.head.mark.lines if page.number == 1 and self.head.mark else []
        for ln in page.lines:
            if ln in mark:
                continue  # the issuer mark's own rule places it (信函: 30 mm from the page top)
            if ln.em_bottom <= self.top + self.tol.edge_mm:
                self.add(
                    "PAGE-BLOCK-TOP",
                    f"第{page.number}页版心上方有文字“{ln.text[:12]}”",
                    f"page {page.number}: text above the block at {ln.em_top:.1f} mm: {ln.text[:20]!r}",
                    page=page.number,
                    line=ln.index,
                    y_mm=ln.em_top,
                )
            elif (
                self.bottom + self.tol.position_mm < ln.em_bottom <= page.height and ln not in self.numbers[page.number]
            ):
                self.add(
                    "PAGE-BLOCK-BOTTOM",
                    f"第{page.number}页版心下边缘（{self.bottom:g}毫米）以下有文字“{ln.text[:12]}”",
                    f"page {page.number}: text below the block bottom {self.bottom:g} mm "
                    f"(em box bottom {ln.em_bottom:.1f} mm): {ln.text[:20]!r}",
                    page=page.number,
                    line=ln.index,
                    y_mm=ln.em_bottom,
                )

    def pushed(self, line: TextLine, following: TextLine) -> bool:
        """Was the line shortened by the line-breaking rules (GB/T 15834 §5, clreq)?

        A mark that may not start a line pulls the characters before it down (推出), an
        opening mark that may not end a line goes down with its word, a 破折号 or 省略号, a
        number or a Latin word is not split: the line keeps fewer characters than the grid's
        and is spread to the full width.
        """
        rules = self.p.punctuation
        window = following.text[: self.p.grid.chars - len(line.glyphs) + 2]
        return (
            not following.glyphs[0].full_width  # a number or Latin word is never split
            or any(ch in rules.cannot_start for ch in window[1:])
            or window[:1] in tuple(rules.cannot_end)
            or any(pair in window for pair in rules.inseparable)
        )

    def full_lines(self, page: PdfPage, full: list[TextLine], following: dict[TextLine, TextLine]) -> None:
        frame = self.frames[page.number]
        wrong_count: list[tuple[TextLine, int, int]] = []
        squeezed: list[TextLine] = []
        ragged: list[tuple[TextLine, float]] = []
        for line in full:
            count, end = self.effective_end(page, line)
            if end < frame.right - self.tol.position_mm:  # past the edge: PAGE-TEXT-OUTSIDE
                ragged.append((line, end))
            if line.full_width:
                indent = round((line.x0 - frame.left) / self.cell)
                cells = count + indent
                if cells > self.p.grid.chars and page.number in self.squeeze_pages:
                    squeezed.append(line)
                elif cells > self.p.grid.chars or (
                    cells < self.p.grid.chars and not self.pushed(line, following[line])
                ):
                    wrong_count.append((line, count, indent))
        if squeezed:
            self.notes.append(
                f"第{page.number}页有{len(squeezed)}行多于{self.p.grid.chars}字，按第7.3.5.5条处理"
                "（为使署名和成文日期与正文同页而调整了字距）"
            )
        if wrong_count:
            line, count, indent = wrong_count[0]
            more = f"（本页共{len(wrong_count)}行如此）" if len(wrong_count) > 1 else ""
            indented = f"（另缩进{indent}字）" if indent else ""
            self.add(
                "PAGE-GRID-CHARS",
                f"第{page.number}页第{line.index}行排了{count}个字{indented}，应为每行{self.p.grid.chars}字{more}",
                f"page {page.number} line {line.index}: {count} full-width characters in a full line "
                f"({len(wrong_count)} such lines on the page); expected {self.p.grid.chars} cells of "
                f"{self.cell:.3f} mm",
                page=page.number,
                line=line.index,
                x_mm=line.x0,
                y_mm=line.baseline,
            )
        if ragged:
            line, end = ragged[0]
            more = f"（本页共{len(ragged)}行如此）" if len(ragged) > 1 else ""
            self.add(
                "PAGE-BLOCK-RIGHT",
                f"第{page.number}页第{line.index}行右端在{end:.1f}毫米处，未撑满版心（应到{frame.right:.1f}毫米）{more}",
                f"page {page.number} line {line.index}: a full line ends at {end:.2f} mm, the block's right edge is "
                f"{frame.right:.2f} mm ({len(ragged)} such lines)",
                page=page.number,
                line=line.index,
                x_mm=end,
                y_mm=line.baseline,
            )

    def baselines(self, page: PdfPage, lines: list[TextLine], pitch: float) -> None:
        if not lines:
            return
        off = []
        for line in lines[1:]:
            steps = (line.baseline - lines[0].baseline) / pitch
            error = abs(steps - round(steps)) * pitch
            if error > self.tol.baseline_mm:
                off.append((line, error))
        if off:
            line, error = off[0]
            more = f"（本页共{len(off)}行如此）" if len(off) > 1 else ""
            self.add(
                "PAGE-GRID-BASELINE",
                f"第{page.number}页第{line.index}行偏离行格{error:.1f}毫米（段前段后距或行距不一致）{more}",
                f"page {page.number} line {line.index}: baseline {error:.2f} mm off the page's {pitch:.2f} mm pitch",
                page=page.number,
                line=line.index,
                y_mm=line.baseline,
            )

    def lines_per_page(
        self, page: PdfPage, lines: list[TextLine], full: list[TextLine], continued: dict[TextLine, TextLine]
    ) -> None:
        """22 lines on a page whose text runs on. A page that ends before a heading (moved to
        the next page with its first body lines) ends a paragraph, so it is not counted; one
        whose last lines went over with the signature (§7.3.5.5) is short by them."""
        in_block = [ln for ln in page.lines if self.in_block(ln)]
        if not lines or len(lines) != len(in_block) or lines[-1] not in full or page.number == len(self.pages):
            return  # not a page of running text that continues on the next page
        if len(lines) != self.p.grid.lines and not self.carried_with_signature(page, lines, continued):
            widow = "（可能是“孤行控制”把一行推到了下页）" if len(lines) == self.p.grid.lines - 1 else ""
            self.add(
                "PAGE-GRID-LINES",
                f"第{page.number}页排了{len(lines)}行，应为每页{self.p.grid.lines}行{widow}",
                f"page {page.number}: {len(lines)} lines on a full page, expected {self.p.grid.lines}",
                page=page.number,
            )

    def carried_with_signature(self, page: PdfPage, lines: list[TextLine], continued: dict[TextLine, TextLine]) -> bool:
        """§7.3.5.5: the next page holds the signature and starts with the end of this page's
        last paragraph, ``signature.carry_lines`` lines that would have fitted here (fewer only
        when a heading stands right above the paragraph, which keeps its body lines), the
        signature right under them."""
        number = page.number + 1
        if number not in self.signature_pages:
            return False
        carried, last = 0, lines[-1]
        for line in self.running[number]:
            if continued.get(last) is not line:
                break
            carried, last = carried + 1, line
        after = self.pages[number - 1]
        rest = [ln for ln in after.lines if self.in_block(ln) and ln.baseline > last.baseline]
        first = len(lines) - 1
        while first > 0 and continued.get(lines[first - 1]) is lines[first]:
            first -= 1
        under_heading = first > 0 and self.heading_level(page, lines[first - 1]) is not None
        wanted = self.p.signature.carry_lines
        return (
            (carried == wanted or (under_heading and 0 < carried < wanted))
            and len(lines) + carried <= self.p.grid.lines
            and bool(rest)
            and not self.paragraph_line(after, min(rest, key=lambda ln: ln.baseline))
        )

    def font_verdict(self, glyphs: list[Glyph], role: str) -> tuple[bool, str] | None:
        """(serves the role?, most common font) for the full-width glyphs; None if unknown."""
        names = Counter(g.font for g in glyphs if g.full_width)
        if not names:
            return None
        font = names.most_common(1)[0][0]
        serves = self.roles.serves(font, role)
        return None if serves is None else (serves, font)

    def near_chars(self, length: float, chars: float) -> bool:
        """Is ``length`` (mm) the width of ``chars`` grid characters, within the position tolerance?"""
        return abs(length - chars * self.cell) <= self.tol.position_mm

    def role_zh(self, role: str) -> str:
        return self.p.fonts[role].docx_name

    def fonts(self) -> None:
        heading_lines = self.headings()
        headed = {id(line) for _, line, _ in heading_lines}
        body_glyphs = [
            glyph
            for page in self.pages
            for line in self.running[page.number]
            if id(line) not in headed
            for glyph in line.glyphs
        ]
        sizes = Counter(
            g.size
            for page in self.pages
            if page.number not in self.landscape
            for ln in page.lines
            if self.paragraph_line(page, ln) and not self.is_red_line(ln) and not self.in_record(page, ln)
            for g in ln.glyphs
            if g.full_width
        )
        if sizes:
            size = sizes.most_common(1)[0][0]
            if abs(size - self.body_style.size_pt) > self.tol.size_pt:
                self.add(
                    "PDF-FONT-BODY",
                    f"正文字号为{size:g}磅，应为{size_zh(self.body_style.size_pt)}",
                    f"most common text size {size:g} pt, expected {self.body_style.size_pt:g} pt",
                )
        verdict = self.font_verdict(body_glyphs, self.body_style.font)
        if verdict and not verdict[0]:
            self.add(
                "PDF-FONT-BODY",
                f"正文字体为{verdict[1]}，应为{self.role_zh(self.body_style.font)}",
                f"body text font {verdict[1]!r} does not serve role {self.body_style.font!r}",
            )
        for page, line, level in heading_lines:
            self.heading_font(page, line, level)
        unknown = dict.fromkeys(
            g.font for page in self.pages for ln in page.lines for g in ln.glyphs if g.full_width and g.text.isalpha()
        )
        for font in unknown:
            if not self.roles.lookup(font):
                self.add(
                    "PDF-FONT-UNKNOWN",
                    f"无法从字体名“{font}”判断是哪种字体（仿宋、黑体、楷体、宋体、小标宋），请人工核对",
                    f"font {font!r} matches no font role of the profile; its role was not checked",
                    element=font,
                )

    def heading_font(self, page: PdfPage, line: TextLine, level: int) -> None:
        style = self.p.heading_style(level)
        end = RUN_IN_END.search(line.text)  # a run-in heading ends at its 。 or ：, body text follows
        segment = line.glyphs[: end.end()] if end else line.glyphs
        label = line.text[: min(len(line.text), 8)]
        size = Counter(g.size for g in segment).most_common(1)[0][0]
        where = {"page": page.number, "line": line.index, "x_mm": line.x0, "y_mm": line.baseline}
        wrong_body = abs(self.body_pt - self.body_style.size_pt) > self.tol.size_pt
        if abs(size - style.size_pt) > self.tol.size_pt and not (wrong_body and self.is_body_size(size)):
            self.add(  # (a heading in the document's own wrong body size: PDF-FONT-BODY says so once)
                "PDF-FONT-HEADING",
                f"第{page.number}页第{line.index}行{level}级标题“{label}…”字号为{size:g}磅，应为{style.size_pt:g}磅",
                f"level-{level} heading at {size:g} pt, expected {style.size_pt:g} pt",
                element=f"heading{level}",
                **where,
            )
        verdict = self.font_verdict(segment, style.font)
        if verdict and not verdict[0]:
            self.add(
                "PDF-FONT-HEADING",
                f"第{page.number}页第{line.index}行{level}级标题“{label}…”用了{verdict[1]}，"
                f"应为{self.role_zh(style.font)}",
                f"level-{level} heading in font {verdict[1]!r}, which does not serve role {style.font!r}",
                element=f"heading{level}",
                **where,
            )

    def title_rules(self) -> None:
        if not self.title:
            if not self.p.header.print_title:
                self.notes.append(f"版式{self.p.name}不印标题（第10.2条命令格式），标题未检查")
            else:
                self.notes.append("第1页没有找到标题（没有比正文大的文字），标题未检查")
            return
        style = self.p.style("title")
        first = self.title[0]
        where = {"page": 1, "line": first.index, "y_mm": first.baseline, "element": "title"}
        if abs(first.size - style.size_pt) > self.tol.size_pt:
            self.add(
                "PDF-TITLE-SIZE",
                f"标题字号为{first.size:g}磅，应为{size_zh(style.size_pt)}",
                f"title at {first.size:g} pt, expected {style.size_pt:g} pt",
                **where,
            )
        verdict = self.font_verdict([g for ln in self.title for g in ln.glyphs], style.font)
        if verdict and not verdict[0]:
            self.add(
                "PDF-TITLE-FONT",
                f"标题字体为{verdict[1]}，应为{self.role_zh(style.font)}",
                f"title font {verdict[1]!r} does not serve role {style.font!r}",
                **where,
            )
        frame = self.frames[1]
        centre = (frame.left + frame.right) / 2
        for line in self.title:
            middle = (line.x0 + line.x1) / 2
            if abs(middle - centre) > self.tol.position_mm:
                self.add(
                    "PDF-TITLE-CENTRE",
                    f"标题“{line.text[:10]}”未居中：偏离版心中线{middle - centre:+.1f}毫米",
                    f"title line centred at {middle:.2f} mm, block centre {centre:.2f} mm",
                    page=1,
                    line=line.index,
                    x_mm=middle,
                    element="title",
                )

    def page_numbers(self) -> None:
        spec = self.p.page_number
        style = self.p.style(spec.style)
        indent = spec.side_indent_chars * pt_to_mm(spec.side_indent_char_pt)
        for page in self.pages:
            if page.number in self.landscape:
                continue
            numbers = self.numbers[page.number]
            if page.number == 1 and not self.p.header.first_page_number:
                if numbers:  # 信函 §10.1: 首页不显示页码
                    self.add(
                        "PAGE-NUMBER-FIRST",
                        f"信函首页不显示页码（第1页有页码“{numbers[0].text}”）",
                        f"page 1 carries the page number {numbers[0].text!r}; profile {self.p.name} shows none there",
                        page=1,
                        line=numbers[0].index,
                        y_mm=numbers[0].baseline,
                        element="page_number",
                    )
                continue
            if not numbers:
                if any(self.in_block(ln) for ln in page.lines) and not self.exempt_from_number(page):
                    self.add(
                        "PAGE-NUMBER-MISSING",
                        f"第{page.number}页没有页码",
                        f"page {page.number} has text but no page number below the block",
                        page=page.number,
                    )
                continue
            line = numbers[0]
            where = {"page": page.number, "line": line.index, "y_mm": line.baseline, "element": "page_number"}
            if self.in_block(line):
                self.add(
                    "PAGE-NUMBER-POS",
                    f"第{page.number}页页码位置不对：页码“{line.text}”排在版心之内，应在版心下边缘之下",
                    f"page {page.number}: page number {line.text!r} inside the block (em top {line.em_top:.1f} mm)",
                    **where,
                )
            digits = re.sub(r"\D", "", line.text)
            expected = re.sub(r"\s", "", spec.format.format(n=int(digits)))
            if line.text != expected:
                self.add(
                    "PAGE-NUMBER-FORM",
                    f"第{page.number}页页码为“{line.text}”，应为“{spec.format.format(n=int(digits))}”（一字线，不用连字符）",
                    f"page number reads {line.text!r}, expected {expected!r} (U+2014 em dashes)",
                    x_mm=line.x0,
                    **where,
                )
            if abs(line.size - style.size_pt) > self.tol.size_pt:
                self.add(
                    "PAGE-NUMBER-SIZE",
                    f"第{page.number}页页码字号为{line.size:g}磅，应为{size_zh(style.size_pt)}",
                    f"page number at {line.size:g} pt, expected {style.size_pt:g} pt",
                    x_mm=line.x0,
                    **where,
                )
            digit_fonts = {g.font for g in line.glyphs if g.text.isdigit()}
            wrong = sorted(f for f in digit_fonts if self.roles.serves(f, style.font) is False)
            if wrong:
                self.add(
                    "PAGE-NUMBER-FONT",
                    f"第{page.number}页页码数字用了{wrong[0]}，应为{self.role_zh(style.font)}",
                    f"page number digits in {wrong[0]!r}, expected role {style.font!r}",
                    x_mm=line.x0,
                    **where,
                )
            self.page_number_side(page, line, indent, where)
            self.page_number_height(page, line)

    def exempt_from_number(self, page: PdfPage) -> bool:
        """§7.5: the record-block page after a blank page carries no number."""
        previous = self.pages[page.number - 2] if page.number > 1 else None
        return (
            page.number == len(self.pages)
            and bool(self.record[page.number])
            and (previous is not None and not previous.lines)
        )

    def page_number_side(self, page: PdfPage, line: TextLine, indent: float, where: dict[str, object]) -> None:
        frame = self.frames[page.number]
        chars = f"{self.p.page_number.side_indent_chars:g}字"
        if page.number % 2:
            want, got, side = frame.right - indent, line.x1, f"单页（奇数页）页码应居右空{chars}"
        else:
            want, got, side = frame.left + indent, line.x0, f"双页（偶数页）页码应居左空{chars}"
        if abs(got - want) > self.tol.position_mm:
            self.add(
                "PAGE-NUMBER-SIDE",
                f"第{page.number}页页码位置不对：{side}（应在{want:.1f}毫米处，实为{got:.1f}毫米）",
                f"page {page.number}: page number edge at {got:.2f} mm, expected {want:.2f} mm",
                x_mm=got,
                **where,
            )

    def page_number_height(self, page: PdfPage, line: TextLine) -> None:
        boxes = [
            box
            for box in page.ink_in(line.x0 - 1, line.em_top - 2, line.x1 + 1, line.em_bottom + 2)
            if box.text in DASHES
        ]
        if not boxes:
            return
        top = min(box.top for box in boxes)
        want = self.bottom + self.p.page_number.dash_top_below_block_mm
        if abs(top - want) > self.tol.position_mm:
            self.add(
                "PAGE-NUMBER-POS",
                f"第{page.number}页页码一字线距版心下边缘{top - self.bottom:.1f}毫米，"
                f"应为{self.p.page_number.dash_top_below_block_mm:g}毫米",
                f"page {page.number}: dash ink top at {top:.2f} mm, expected {want:.2f} mm",
                page=page.number,
                line=line.index,
                y_mm=top,
                element="page_number",
            )

    def record_block(self) -> None:
        last = self.document_end
        for page in self.pages:
            lines, rules = self.record_lines[page.number], self.record[page.number]
            if not lines:
                continue
            where = {"page": page.number, "element": "record_block"}
            if page.number != last:
                self.add(
                    "PDF-RECORD-PAGE",
                    f"版记在第{page.number}页，应在公文最后一页（第{last}页）",
                    f"record block on page {page.number}, the document has {last} pages",
                    **where,
                )
                continue
            if page.number % 2:
                self.add(
                    "PDF-RECORD-EVEN",
                    f"版记所在的最后一页是第{page.number}页（单页），应置于偶数页",
                    f"the record block is on page {page.number}, an odd page (duplex: the last face is even)",
                    **where,
                )
            if rules and not self.p.record.rules:  # 信函 §10.1: 版记不加分隔线
                self.add(
                    "PDF-RECORD-RULES",
                    f"第{page.number}页的版记有{len(rules)}条分隔线，{self.p.name}的版记不加分隔线",
                    f"record block on page {page.number} has {len(rules)} rules; profile {self.p.name} has none",
                    y_mm=rules[0].y,
                    **where,
                )
                continue
            if rules:
                self.record_rules(page, rules)
                continue
            if self.p.record.rules:
                self.add(
                    "PDF-RECORD-RULES",
                    f"第{page.number}页的版记（“{lines[0].text[:8]}…”）没有分隔线",
                    f"record block lines {lines[0].text[:12]!r}… on page {page.number} have no block-wide black rules",
                    y_mm=lines[0].baseline,
                    **where,
                )
            low = self.bottom - (self.pitch - pt_to_mm(lines[-1].size)) - self.tol.position_mm
            if not low <= lines[-1].em_bottom <= self.bottom + self.tol.position_mm:
                self.add(
                    "PDF-RECORD-BOTTOM",
                    f"版记末行在{lines[-1].em_bottom:.1f}毫米处，应排在版心最下一行（版心下边缘{self.bottom:g}毫米）",
                    f"last record line's em box ends at {lines[-1].em_bottom:.2f} mm, block bottom {self.bottom:g} mm",
                    y_mm=lines[-1].em_bottom,
                    **where,
                )

    def record_rules(self, page: PdfPage, rules: list[HRule]) -> None:
        frame, width = self.frames[page.number], self.p.page.block_width_mm
        where = {"page": page.number, "element": "record_block"}
        for rule in rules:
            if abs(rule.width - width) > self.tol.position_mm or abs(rule.x0 - frame.left) > self.tol.position_mm:
                self.add(
                    "PDF-RECORD-WIDTH",
                    f"版记分隔线长{rule.width:.1f}毫米（{rule.x0:.1f}–{rule.x1:.1f}），应与版心等宽（{width:g}毫米）",
                    f"record rule {rule.x0:.2f}-{rule.x1:.2f} mm, expected the block's {width:g} mm",
                    y_mm=rule.y,
                    **where,
                )
        for i, rule in enumerate(rules):
            thick = i in (0, len(rules) - 1)
            want = self.p.record.thick_rule_mm if thick else self.p.record.thin_rule_mm
            if abs(rule.thickness - want) > self.tol.thickness_mm:
                kind = "首条和末条" if thick else "中间的"
                self.add(
                    "PDF-RECORD-THICKNESS",
                    f"版记{kind}分隔线粗{rule.thickness:.2f}毫米，推荐{want:g}毫米",
                    f"record rule {i + 1} of {len(rules)}: {rule.thickness:.3f} mm thick, recommended {want:g} mm",
                    y_mm=rule.y,
                    **where,
                )
        if abs(rules[-1].y - self.bottom) > self.tol.position_mm:
            self.add(
                "PDF-RECORD-BOTTOM",
                f"版记末条分隔线在{rules[-1].y:.1f}毫米处，应与版心下边缘（{self.bottom:g}毫米）重合",
                f"last record rule at {rules[-1].y:.2f} mm, block bottom {self.bottom:g} mm",
                y_mm=rules[-1].y,
                **where,
            )

    def structure(self) -> None:
        """Heading labels in full-width brackets, heading numbers without repeats or gaps
        (again from 一 in each article, 第一条 …), the 主送 line, the 抄送 line."""
        levels = {id(line): level for _, line, level in self.headings()}
        last = [0, 0]  # the last number of the 一、 and （一） headings
        for page in self.pages:
            for line in page.lines:
                if ATTACHMENT_LABEL.match(line.text) or SEPARATE_LABEL.match(line.text):
                    last = [0, 0]  # an attachment numbers its own headings
                    continue
                if not self.paragraph_line(page, line):
                    continue
                if ARTICLE.match(line.text):
                    last = [0, 0]
                elif match := ASCII_LABEL.match(line.text):
                    self.add(
                        "PDF-HEADING-BRACKETS",
                        f"第{page.number}页第{line.index}行序号“{match.group()}”用了半角括号，应为全角括号"
                        f"“（{match.group(1)}）”",
                        f"label {match.group()!r} in ASCII brackets",
                        page=page.number,
                        line=line.index,
                        x_mm=line.x0,
                        y_mm=line.baseline,
                    )
                elif levels.get(id(line), 3) <= 2:
                    self.heading_number(line, levels[id(line)], last)
        self.addressee()
        self.record_cc()

    def heading_number(self, line: TextLine, level: int, last: list[int]) -> None:
        match = LEVEL_NUMBER[level - 1].match(line.text)
        number = CN_VALUES.get(match.group(1), 0) if match else 0
        if not number:
            return
        previous = last[level - 1]
        if number != previous + 1:
            self.add(
                "PDF-HEADING-NUMBER",
                f"第{line.page}页第{line.index}行{level}级标题序号“{match.group()}”"
                f"{'重复' if number <= previous else '不连续'}（上一个是第{previous}个）",
                f"level-{level} heading number {number} after {previous}",
                page=line.page,
                line=line.index,
                y_mm=line.baseline,
                element=f"heading{level}",
            )
        last[level - 1] = number
        if level == 1:
            last[1] = 0

    def addressee(self) -> None:
        """§7.3.2: the 主送机关 line under the title, flush left (顶格)."""
        if not self.title:
            return
        page = self.pages[0]
        below = [ln for ln in page.lines[self.title[-1].index :] if self.in_block(ln)]
        line = below[0] if below else None
        if line is None or not line.text.endswith(("：", ":")) or len(line.text) > self.p.grid.chars:
            return
        left = self.frames[1].left
        if abs(line.x0 - left) > self.cell / 2:  # 顶格 or set in by characters (空二字)
            self.add(
                "PDF-ADDRESSEE-POS",
                f"主送机关“{line.text[:12]}”应顶格编排（实际左端距版心左边缘{line.x0 - left:.1f}毫米）",
                f"addressee line starts at {line.x0:.2f} mm, block left {left:.2f} mm",
                page=1,
                line=line.index,
                x_mm=line.x0,
                y_mm=line.baseline,
                element="addressee",
            )

    def record_cc(self) -> None:
        """§7.4.2: 抄送 in 4号, 左右各空一字."""
        style, spec = self.p.style(self.p.record.style), self.p.record
        indent = spec.side_indent_chars * pt_to_mm(spec.side_indent_char_pt)
        for page in self.pages:
            for line in self.record_lines[page.number]:
                if not CC_LINE.match(line.text):
                    continue
                where = {"page": page.number, "line": line.index, "y_mm": line.baseline, "element": "record_block"}
                if abs(line.size - style.size_pt) > self.tol.size_pt:
                    self.add(
                        "PDF-RECORD-CC",
                        f"抄送机关字号为{line.size:g}磅，应为{size_zh(style.size_pt)}",
                        f"抄送 line at {line.size:g} pt, expected {style.size_pt:g} pt",
                        **where,
                    )
                want = self.frames[page.number].left + indent
                if self.a4 and abs(line.x0 - want) > self.tol.position_mm:
                    self.add(
                        "PDF-RECORD-CC",
                        f"抄送应左空{spec.side_indent_chars:g}字（应在{want:.1f}毫米处，实为{line.x0:.1f}毫米）",
                        f"抄送 line starts at {line.x0:.2f} mm, expected {want:.2f} mm",
                        x_mm=line.x0,
                        **where,
                    )

    def kinsoku_and_dates(self) -> None:
        rules = self.p.punctuation
        for page in self.pages:
            for line in page.lines:
                if line in self.numbers[page.number]:
                    continue
                where = {"page": page.number, "line": line.index, "y_mm": line.baseline}
                self.dates(line, where)
                if page.number in self.landscape or not (self.paragraph_line(page, line) or line in self.title):
                    continue  # table cells, signatures, page numbers: not lines of running text
                if line.text[0] in rules.cannot_start:
                    self.add(
                        "PDF-KINSOKU-START",
                        f"第{page.number}页第{line.index}行以“{line.text[0]}”开头，标点不能出现在行首",
                        f"line starts with {line.text[0]!r}: {line.text[:12]!r}",
                        x_mm=line.x0,
                        **where,
                    )
                if line.text[-1] in rules.cannot_end:
                    self.add(
                        "PDF-KINSOKU-END",
                        f"第{page.number}页第{line.index}行以“{line.text[-1]}”结尾，前引号和前括号不能出现在行末",
                        f"line ends with {line.text[-1]!r}: {line.text[-12:]!r}",
                        x_mm=line.x1,
                        **where,
                    )

    def dates(self, line: TextLine, where: dict[str, object]) -> None:
        for match in (*CN_DATE.finditer(line.text), *ZERO_DATE.finditer(line.text)):
            self.add(
                "PDF-DATE-FORM",
                f"第{line.page}页第{line.index}行日期“{match.group()}”应使用阿拉伯数字，年份写全，"
                "月日不编虚位（如2021年1月5日）",
                f"date {match.group()!r}: Arabic digits, full year, no leading zeros",
                x_mm=line.glyphs[match.start()].x0,
                **where,
            )

    def issuer_block(self, above: list[TextLine]) -> list[TextLine]:
        """The 署名 lines stacked right above a date line (one per issuing organ)."""
        block: list[TextLine] = []
        for line in reversed(above):
            below = block[0] if block else None
            if below is not None and below.baseline - line.baseline > 1.5 * self.pitch:
                break
            if line.x0 <= self.frames[line.page].left + self.tol.edge_mm or not self.is_body_size(line.size):
                break  # running text or a heading: the block ends
            block.insert(0, line)
        return block

    def flush_left_issuer(self, above: list[TextLine], date: TextLine) -> list[TextLine]:
        """A 署名 set flush left (or spread over the line): the short line right above a date,
        not ending a sentence. Reported (PDF-SIGN-POS) and returned as the issuer block."""
        line = above[-1] if above else None
        if (
            line is None
            or date.baseline - line.baseline > 2.5 * self.pitch
            or not self.is_body_size(line.size)
            or line.text[-1] in SENTENCE_END
            or len(line.text) > self.p.grid.chars // 2
            or line.x0 > self.frames[line.page].left + self.tol.edge_mm
        ):
            return []
        self.add(
            "PDF-SIGN-POS",
            f"第{line.page}页发文机关署名“{line.text[:16]}”顶格排在左边，应在成文日期之上、以成文日期为准居中"
            f"（不加盖印章时右空{self.p.signature.unsealed_right_indent_chars:g}字）",
            f"page {line.page} line {line.index}: issuer line starts at the block's left edge ({line.x0:.1f} mm)",
            page=line.page,
            line=line.index,
            x_mm=line.x0,
            y_mm=line.baseline,
            element="signature",
        )
        return [line]

    def signature(self) -> None:
        sig = self.p.signature
        for page in self.pages:
            lines = [ln for ln in page.lines if self.in_block(ln) and not self.in_record(page, ln)]
            for i, date in enumerate(lines):
                if not DATE_LINE.match(date.text):
                    continue
                issuers = self.issuer_block(lines[:i]) or self.flush_left_issuer(lines[:i], date)
                if not issuers:
                    continue
                frame = self.frames[page.number]
                date_gap = frame.right - date.x1
                sealed = self.near_chars(date_gap, sig.date_right_indent_chars)
                unsealed = any(  # joint issuance: the date follows the first (主办) issuer
                    self.near_chars(date.x0 - issuer.x0, sig.unsealed_date_offset_chars)
                    and (
                        self.near_chars(frame.right - issuer.x1, sig.unsealed_right_indent_chars)
                        or self.near_chars(date_gap, sig.unsealed_right_indent_chars)
                    )
                    for issuer in issuers
                )
                top = issuers[0].em_top
                seal_image = any(
                    im[1] <= date.baseline and im[3] >= top and im[2] > issuers[-1].x0 for im in page.images
                )
                if sealed or (unsealed and not seal_image):
                    continue
                gap_chars = date_gap / self.cell
                self.add(
                    "PDF-SIGN-DATE",
                    f"第{page.number}页成文日期右空{gap_chars:.1f}字；加盖印章时应右空{sig.date_right_indent_chars:g}字，"
                    f"不加盖印章时署名右空{sig.unsealed_right_indent_chars:g}字、日期首字比署名首字右移"
                    f"{sig.unsealed_date_offset_chars:g}字",
                    f"date {date.text!r} ends {date_gap:.2f} mm ({gap_chars:.2f} chars) from the block's right edge; "
                    f"sealed layout wants {sig.date_right_indent_chars:g} chars; the unsealed §7.3.5.2 layout "
                    "does not fit either",
                    page=page.number,
                    line=date.index,
                    x_mm=date.x1,
                    y_mm=date.baseline,
                    element="signature",
                )


def drawn_fonts(content: bytes) -> set[str]:
    """Resource names of the fonts a content stream shows text with (a ``Tf`` followed by a
    text-showing operator before the next ``Tf``; reportlab sets a font on every page it may
    never draw with)."""
    drawn: set[str] = set()
    current = None
    for match in FONT_OR_SHOW.finditer(content):
        if match.group(1):
            current = match.group(1).decode("latin-1")
        elif current is not None:
            drawn.add(current)
    return drawn


def unembedded_fonts(path: Path, pages: int) -> list[tuple[str, int]]:
    """(name, first page) of every font that a page's content sets (``Tf``) and that has no
    FontFile/FontFile2/FontFile3: its embedding status, whatever name a reader gives it."""
    reader = PdfReader(str(path))
    seen: set[int] = set()
    missing = []
    for number, page in enumerate(reader.pages[:pages], start=1):
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        contents = page.get_contents()
        if not fonts or contents is None:
            continue
        used = drawn_fonts(contents.get_data())
        for key, ref in fonts.get_object().items():
            font = ref.get_object()
            ident = getattr(ref, "idnum", id(font))  # one font object shared by pages is one font
            if key.lstrip("/") not in used or ident in seen or font.get("/Subtype") == "/Type3":
                continue
            seen.add(ident)
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append((clean_font_name(str(font.get("/BaseFont", "?")).lstrip("/")), number))
    return missing


def _pages_zh(pages: list[PdfPage]) -> str:
    """'（第1、2、3页）' for findings that hold for several pages; '' for one."""
    return f"（第{'、'.join(str(p.number) for p in pages)}页）" if len(pages) > 1 else ""


def check_pdf(path: Path, pages: PdfPages, profile: Profile, *, via: str | None = None) -> RuleResult:
    """Findings, notes (what could not be checked) and failed rule groups of a PDF read by
    ``read_pdf``."""
    check = _PdfCheck(pages, profile, via)
    if pages.count > len(pages):
        check.notes.append(f"全文{pages.count}页，只检查了前{len(pages)}页（检查上限）")
    if pages.crowded:
        check.notes.append(
            f"第{'、'.join(map(str, pages.crowded))}页的字符超过{MAX_PAGE_CHARS}个，不是公文的版面，未测量"
        )
    check.run()
    try:
        missing = unembedded_fonts(path, len(pages))
    except Exception as exc:  # pypdf on a file pdfplumber and pdfium read: the other rules stand
        check.notes.append(f"字体嵌入未检查：pypdf读不出字体（原文：{type(exc).__name__}: {exc}）")
        missing = []
    for name, page in missing:
        check.add(
            "PDF-FONT-EMBED",
            f"字体“{name}”未嵌入PDF，换一台电脑或印刷厂可能显示为别的字体",
            f"font {name!r} (first set on page {page}) has no embedded font program",
            page=page,
            element=name,
        )
    return RuleResult(merge(check.findings), check.notes, check.failures, check.evidence)
