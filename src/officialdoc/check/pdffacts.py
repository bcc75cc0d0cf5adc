"""What is on a PDF's pages, recognised from evidence: the facts the PDF rules read.

:class:`PdfFacts` is built once per file, in this order (each step reads only the ones
before it):

1. the paper (``a4``), the body size (``body_pt``: the size most of the block's full-width
   text has, when it lies between 10.5 and 15.5 pt; else the profile's 3号) and the block's
   top and bottom (the profile's on A4, else where the text is);
2. each page's block left and right edge (``frames``: the left edge that body lines share;
   on paper other than A4, the right edge where most body lines end);
3. the 版记 (``record``, ``record_lines``): a 抄送/主送/分送 label or a dated 印发 line at the
   foot of the page, with or without the block-wide black rules around it;
4. the red rules and the 版头 (``reds``, ``head``: :class:`.pdfheader.HeaderFacts`);
5. the title (at most four lines of the largest size on page 1 below the red line, larger
   than the body) and the header lines above it;
6. landscape pages, page-number lines, running lines (body size, in the block, not title,
   版记 or 版头), the pages with a signature date and the document's last page.

``evidence`` says how the facts that vary between producers were found, in Chinese; the
rules (:mod:`officialdoc.check.pdf`) read the facts and never recognise anything themselves.
A reader of another fixed-layout format gives the same page model
(:class:`.pdfread.PdfPage`: lines of glyphs, rules, images, ink) and reuses all of it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..profile import Profile
from .common import ARTICLE, SENTENCE_END, is_black, is_red, label_patterns
from .pdfheader import DOC_NUMBER_TEXT, HeaderFacts
from .pdfread import IDEOGRAPHIC_SPACE, Color, HRule, PdfPage, TextLine
from .roles import FontRoles

DRAWN_ZH = {"text": "文字", "outlines": "图形", "image": "图片"}  # what an issuer mark is drawn as
DASHES = "-‐‑‒–—―−－~～"
PAGE_NUMBER = re.compile(rf"^[{DASHES}]*\d+[{DASHES}]*$")
HEADING_SIZE_SLACK_PT = 2.0  # a line this near the body size may be a heading set in the wrong size
TITLE_MAX_LINES = 4  # a title takes a few lines; more lines of one large size are running text
BODY_SIZES_PT = (10.5, 15.5)  # 5号 to 小3号+: running text of a document set in a size other than 3号
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# §7.3.7: the first line of an attachment bound apart from the 正文: "大府发〔2022〕5号附件2"
SEPARATE_LABEL = re.compile(r"^\S*" + DOC_NUMBER_TEXT.pattern + r"附件\d*$")
# 版记 lines, recognised by their text: a label that starts a 抄送 group, the dated 印发 line
# (a title "…关于印发" or a table cell "已印发" is neither)
RECORD_LINE = re.compile(r"^(?:抄送|主送|分送)[：:]|\d{4}年\d{1,2}月\d{1,2}日印发$")


@dataclass
class Frame:
    """Where a page's text block actually sits horizontally (measured edges)."""

    left: float
    right: float


class PdfFacts(HeaderFacts):
    """One PDF's pages and the elements recognised on them (see the module's order)."""

    def __init__(self, pages: list[PdfPage], profile: Profile):
        self.pages = pages
        self.p = profile
        self.tol = profile.check
        self.roles = FontRoles(profile)
        self.notes: list[str] = []  # what recognition could not settle, for the report
        self.evidence: dict[str, str] = {}  # element → how it was recognised (Chinese)
        self.a4 = all(self._is_a4(page) for page in pages)
        self.body_style = profile.style("body")
        self.cell = profile.char_pitch_mm
        self.pitch = profile.line_pitch_mm
        self.labels = label_patterns(profile)
        page = profile.page
        self.top, self.bottom = page.block_top, page.block_bottom
        self.body_pt = self._body_size()
        if not self.a4:  # another paper: its block is where its text is (no A4 numbers apply)
            self.top, self.bottom = self._text_block()
            self.evidence["block"] = f"版心取自文字：上{self.top:.1f}毫米、下{self.bottom:.1f}毫米"
        self.frames = self._frames()
        self.record: dict[int, list[HRule]] = {p.number: self._record_rules(p) for p in pages}
        self.record_lines = {p.number: self._record_lines(p) for p in pages}
        self.reds: dict[int, list[HRule]] = {p.number: self._red_lines(p) for p in pages}
        self.head = self._read_head()
        self.title: list[TextLine] = self._title()
        self.head.lines = self._header_lines()
        self.landscape = {p.number for p in pages if p.width > p.height}
        if self.landscape:
            self.notes.append(
                f"第{'、'.join(map(str, sorted(self.landscape)))}页为横向页（第8条的表格页），"
                "版心、行格、换行和页码未检查"
            )
        self.numbers = {p.number: self._number_lines(p) for p in pages}
        self.running = {p.number: self._running_lines(p) for p in pages}
        self.signature_pages = {
            p.number
            for p in pages
            if any(DATE_LINE.match(ln.text) and self.in_block(ln) and not self.in_record(p, ln) for ln in p.lines)
        }
        self.squeeze_pages = set(self.signature_pages)  # and the pages its last paragraph began on
        self.document_end = self._document_end()
        self._record_evidence()

    def _record_evidence(self) -> None:
        """``evidence``: how the body size, block, title, 版头 and 版记 were found."""
        measured = abs(self.body_pt - self.body_style.size_pt) > self.tol.size_pt
        self.evidence["body_size"] = (
            f"{self.body_pt:g}磅：版心中最多的字号" if measured else f"{self.body_pt:g}磅：版式规定的正文字号"
        )
        self.evidence.setdefault("block", f"版式的A4版心：上{self.top:g}毫米、下{self.bottom:g}毫米")
        self.evidence["title"] = (
            f"第1页第{self.title[0].index}行起{len(self.title)}行，{self.title[0].size:g}磅，比正文大的最大字号"
            if self.title
            else "没有：第1页没有比正文大、不超过4行的文字"
        )
        if self.head.mark is not None:
            line = "有红色分隔线" if self.head.separator else "没有红色分隔线"
            drawn = "、".join(DRAWN_ZH.get(kind, kind) for kind in self.head.mark.drawn_as.split("+"))
            self.evidence["issuer_mark"] = f"第1页上方的红色{drawn}，{line}"
        for number, lines in self.record_lines.items():
            if lines:
                how = "版心底部的分隔线之间" if self.record[number] else "页末（没有分隔线）"
                self.evidence["record_block"] = f"第{number}页{how}的抄送/印发行“{lines[0].text[:10]}”"

    def _document_end(self) -> int:
        """The last page of the 公文 itself: attachments bound apart (§7.3.7) follow its 版记
        on a new sheet, their first line the 发文字号 then "附件N" (a blank page may come first)."""
        for page in self.pages[1:]:
            first = next((ln for ln in page.lines if self.in_block(ln)), None)
            if first is not None and SEPARATE_LABEL.match(first.text):
                end = page.number - 1
                if end > 1 and not self.pages[end - 1].lines:
                    end -= 1  # the back of the document's last sheet, left blank
                return end
        return len(self.pages)

    def is_red(self, color: Color | None) -> bool:
        return is_red(color, self.p)

    def _body_size(self) -> float:
        """The size most of the block's text has, when it is a body size (a document in 12 pt
        is measured as one: its lines, grid and line breaks); else the profile's."""
        sizes = Counter(
            g.size
            for page in self.pages
            for ln in page.lines
            if self.in_block(ln) and not self._between_rules(page, ln)
            for g in ln.glyphs
            if g.full_width
        )
        if sizes:
            size = sizes.most_common(1)[0][0]
            if BODY_SIZES_PT[0] <= size <= BODY_SIZES_PT[1]:
                return size
        return self.body_style.size_pt

    def _between_rules(self, page: PdfPage, line: TextLine) -> bool:
        """Whether black rules run above and below the line across it: a table's cell (or the
        版记), whose smaller text is not the body's (a table-heavy document is still 3号)."""
        across = [r for r in page.rules if is_black(r.color, self.p) and r.x0 < line.x1 and r.x1 > line.x0]
        return any(r.y < line.baseline for r in across) and any(r.y > line.baseline for r in across)

    def _text_block(self) -> tuple[float, float]:
        """Top and bottom of the text at the body size or larger, over all pages."""
        lines = [ln for page in self.pages for ln in page.lines if ln.size >= self.body_pt - self.tol.size_pt]
        if not lines:
            return self.top, self.bottom
        return min(ln.em_top for ln in lines) - self.tol.edge_mm, max(ln.em_bottom for ln in lines) + self.tol.edge_mm

    def is_body_size(self, size: float) -> bool:
        """The size of the document's running text (measured; the profile's 3号 by default)."""
        return abs(size - self.body_pt) <= self.tol.size_pt

    def in_block(self, line: TextLine) -> bool:
        return line.em_top < self.bottom - self.tol.edge_mm and line.em_bottom > self.top + self.tol.edge_mm

    def is_red_line(self, line: TextLine) -> bool:
        return sum(self.is_red(g.color) for g in line.glyphs) * 2 > len(line.glyphs)

    def _number_lines(self, page: PdfPage) -> list[TextLine]:
        """Short digit lines below the block: the page number (一字线 or not). A page's last line
        inside the block, in its lower half, that reads the page's own number is
        one too (a number in the wrong place, not a missing one)."""
        below = [
            ln for ln in page.lines if not self.in_block(ln) and ln.em_top > self.top and PAGE_NUMBER.match(ln.text)
        ]
        last = page.lines[-1] if page.lines else None
        if below or last is None or not PAGE_NUMBER.match(last.text) or len(page.lines) < 2:
            return below
        own = int(re.sub(r"\D", "", last.text)) == page.number
        return [last] if own and last.em_top > (self.top + self.bottom) / 2 else []

    def _record_lines(self, page: PdfPage) -> list[TextLine]:
        """The record block's lines: between its rules, or (no rules) the 抄送/主送/…印发 lines."""
        rules = self.record[page.number]
        if rules:
            return [
                ln for ln in page.lines if rules[0].y - self.pitch <= ln.baseline <= rules[-1].y + self.tol.position_mm
            ]
        # without rules: the page's last lines in the block, from the first 抄送/印发 line down
        block = [ln for ln in page.lines if self.in_block(ln)]
        tail: list[TextLine] = []
        for line in reversed(block):
            if not RECORD_LINE.search(line.text) and not (tail and line.size == tail[0].size and self._indented(line)):
                break
            tail.insert(0, line)
        while tail and not RECORD_LINE.search(tail[0].text):
            tail.pop(0)
        return tail

    def _indented(self, line: TextLine) -> bool:
        """A continuation of a 抄送 list: not flush with the block's left edge."""
        return line.x0 > self.frames[line.page].left + self.tol.edge_mm

    def in_record(self, page: PdfPage, line: TextLine) -> bool:
        return line in self.record_lines[page.number]

    def _running_lines(self, page: PdfPage) -> list[TextLine]:
        """Lines of running text: in the block, body size, not red, not title or record block."""
        if page.number in self.landscape:
            return []
        return [
            ln
            for ln in page.lines
            if self.in_block(ln)
            and self.is_body_size(ln.size)
            and not self.is_red_line(ln)
            and ln not in self.title
            and not self.in_record(page, ln)
            and not (page.number == 1 and ln in self.head.lines)
        ]

    def _measured_left(self, page: PdfPage) -> float | None:
        """The left edge shared by at least two body-size lines of the page, if any."""
        lines = [ln for ln in page.lines if self.in_block(ln) and self.is_body_size(ln.size)]
        if not lines:
            return None
        measured = min(ln.x0 for ln in lines)
        if sum(abs(ln.x0 - measured) <= self.tol.edge_mm for ln in lines) < 2:
            return None
        indent = self.p.paragraph.first_line_indent_chars * self.cell
        if abs(measured - indent - self.p.page.block_left) <= self.tol.edge_mm:
            return self.p.page.block_left  # every line on the page is a paragraph's indented first line
        return measured

    def _frames(self) -> dict[int, Frame]:
        """Each page's block: its measured left edge, else that of the nearest page of the same
        parity (duplex may mirror the margins), of any page, or the profile's. On paper that is
        not A4 the width too is the text's: the right edge most body lines reach."""
        measured = {p.number: left for p in self.pages if (left := self._measured_left(p)) is not None}
        width = self.p.page.block_width_mm
        if not self.a4:
            ends = Counter(
                round(ln.x1) for p in self.pages for ln in p.lines if self.in_block(ln) and self.is_body_size(ln.size)
            )
            lefts = list(measured.values()) or [self.p.page.block_left]
            width = ends.most_common(1)[0][0] - min(lefts) if ends else width
        frames = {}
        for page in self.pages:
            known = sorted(measured, key=lambda n: (n % 2 != page.number % 2, abs(n - page.number)))
            left = measured[known[0]] if known else self.p.page.block_left
            frames[page.number] = Frame(left, left + width)
        return frames

    def _red_lines(self, page: PdfPage) -> list[HRule]:
        """Red block-wide rules, segments on one height merged (a ★ may split the line)."""
        merged: list[HRule] = []
        for rule in page.rules:
            if not self.is_red(rule.color):
                continue
            if merged and abs(merged[-1].y - rule.y) < self.tol.position_mm / 2:
                last = merged[-1]
                merged[-1] = HRule(min(last.x0, rule.x0), max(last.x1, rule.x1), last.y, last.thickness, last.color)
            else:
                merged.append(rule)
        return [r for r in merged if r.width >= self.p.page.block_width_mm / 2]

    def _record_rules(self, page: PdfPage) -> list[HRule]:
        """Black block-wide rules around the 抄送/印发 lines (4号, no 3号 text between), top to bottom."""
        rules = [r for r in page.rules if is_black(r.color, self.p) and r.width >= self.p.page.block_width_mm / 2]
        if not rules:
            return []
        group = [rules[-1]]
        for rule in reversed(rules[:-1]):
            between = [ln for ln in page.lines if rule.y < ln.baseline < group[0].y]
            if any(self.is_body_size(ln.size) for ln in between) or not any(
                RECORD_LINE.search(ln.text) for ln in between
            ):
                break  # running text (3号) or no 抄送/印发 line between two rules: a table's, not the 版记's
            group.insert(0, rule)
        if len(group) < 2:
            return []
        between = [ln for ln in page.lines if group[0].y < ln.baseline < group[-1].y]
        below = [ln for ln in page.lines if ln.baseline > group[-1].y and self.in_block(ln)]
        return group if any(RECORD_LINE.search(ln.text) for ln in between) and not below else []

    def _title(self) -> list[TextLine]:
        if not self.pages:
            return []
        page = self.pages[0]
        below = self.head.separator_bottom or 0.0
        candidates = [
            ln
            for ln in page.lines
            if self.in_block(ln)
            and ln.baseline > below
            and not self.is_red_line(ln)
            and ln.size > max(self.body_pt, self.body_style.size_pt) + self.tol.size_pt
        ]
        if not candidates:
            return []
        size = max(ln.size for ln in candidates)
        first = next(ln for ln in candidates if ln.size == size)
        title = [first]
        for ln in page.lines[first.index :]:
            if ln.size != size:
                break
            title.append(ln)
        return title if len(title) <= TITLE_MAX_LINES else []  # a run of large running text is no title

    def _is_a4(self, page: PdfPage) -> bool:
        short, long_ = sorted((page.width, page.height))  # a landscape A4 page holds a table (§8)
        want_w, want_h = self.p.page.width_mm, self.p.page.height_mm
        return abs(short - want_w) <= self.tol.page_size_mm and abs(long_ - want_h) <= self.tol.page_size_mm

    def paragraph_line(self, page: PdfPage, line: TextLine) -> bool:
        """A line of a paragraph: in the block, starting flush left or at the first-line indent
        (not a table cell, a centred title or a signature)."""
        left = self.frames[page.number].left
        indent = self.p.paragraph.first_line_indent_chars * self.cell
        return self.in_block(line) and any(abs(line.x0 - x) <= self.tol.edge_mm for x in (left, left + indent))

    def heading_level(self, page: PdfPage, line: TextLine) -> int | None:
        frame = self.frames[page.number]
        indent = (self.p.paragraph.first_line_indent_chars + 0.5) * self.cell
        if not frame.left - self.tol.edge_mm <= line.x0 <= frame.left + indent:
            return None
        text = line.text.lstrip(IDEOGRAPHIC_SPACE)
        for level, pattern in self.labels:
            if pattern.match(text):
                return level
        return None

    def headings(self) -> list[tuple[PdfPage, TextLine, int]]:
        """Heading lines by their label: running lines, and lines near the body size (a heading
        set in 15.5 pt is a heading in the wrong size, not something else)."""
        found = []
        for page in self.pages:
            if page.number in self.landscape:
                continue
            running = set(map(id, self.running[page.number]))
            for line in page.lines:
                if ARTICLE.match(line.text) and self.paragraph_line(page, line):
                    return found  # a document in articles (第一条 …): 一、 and （一） after it are items, not headings
                near = abs(line.size - self.body_pt) <= HEADING_SIZE_SLACK_PT and self.paragraph_line(page, line)
                if id(line) in running or (
                    near
                    and line not in self.title
                    and not self.in_record(page, line)
                    and not self.is_red_line(line)
                    and not (page.number == 1 and line in self.head.lines)
                ):
                    level = self.heading_level(page, line)
                    if level and not self.numbered_paragraph(line, level):
                        found.append((page, line, level))
        return found

    def numbered_paragraph(self, line: TextLine, level: int) -> bool:
        """A line numbered like a heading of ``level`` but set wholly in the body font, when
        that level has a font of its own, and ending a sentence or running on to the block's
        right edge: a numbered paragraph of the body (（一）…。, 一是… in 仿宋), not a heading
        in the wrong font."""
        role = self.p.heading_style(level).font
        runs_on = line.x1 >= self.frames[line.page].right - self.cell
        if role == self.body_style.font or not (runs_on or SENTENCE_END.search(line.text)):
            return False
        fonts = {g.font for g in line.glyphs if g.full_width}
        return bool(fonts) and all(self.roles.serves(font, self.body_style.font) for font in fonts)
