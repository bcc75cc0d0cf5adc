"""The rule catalogue: every rule id the checker can report, with its clause and severity.

This table is the single list; ``docs/check.md`` documents it (a test keeps the two in
step). Ids are stable: CI configurations may filter on them. A rule id names the
format (``PDF-``, ``DOCX-``, ``YAML-``), the element and the property.

Clauses are those of GB/T 9704-2012: §5.1 paper, §5.2.1 margins and text block, §5.2.2
fonts and sizes, §5.2.3 lines and characters, §7.2 header block, §7.3 body, §7.4 record
block, §7.5 page numbers, §9 punctuation (by reference to GB/T 15834), §10 the 信函, 命令
and 纪要 formats. An empty clause
marks a rule of practice or of officialdoc's content format, named in ``ref``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Protocol

from .findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    id: str
    clause: str  # GB/T 9704-2012 clause; "" when the rule is not the standard's
    severity: Severity
    summary: str  # one line, English
    ref: str = ""  # further basis: another standard, practice, the content format

    @property
    def basis_zh(self) -> str:
        """How a message cites the rule: （GB/T 9704 第5.2.3条）."""
        parts = [f"GB/T 9704 第{self.clause}条"] if self.clause else []
        if self.ref:
            parts.append(self.ref)
        return "，".join(parts)


PRACTICE = "排版惯例"
GB15834 = "GB/T 15834"
CONTENT = "officialdoc 内容文件格式"

_CATALOGUE = (
    # PDF: geometry and fonts measured from the glyphs and drawings of any producer's PDF
    Rule("PDF-TEXT-NONE", "", "practice", "No text layer (a scan?): nothing could be measured.", PRACTICE),
    Rule("PAGE-SIZE", "5.1", "required", "Every page is A4, 210 × 297 mm."),
    # page rules with format-neutral ids: they read only the measured page (any fixed layout)
    Rule("PAGE-TEXT-OUTSIDE", "5.2.1", "required", "No text beyond the block's sides or off the paper (超出版心)."),
    Rule("PAGE-BLOCK-LEFT", "5.2.1", "required", "The block's left edge is the 订口, 28 mm ± 1 mm."),
    Rule("PAGE-BLOCK-TOP", "5.2.1", "required", "A page's first line sits at the 天头, 37 mm ± 1 mm; no text above."),
    Rule("PAGE-BLOCK-RIGHT", "5.2.3", "required", "Full lines reach the block's right edge (撑满版心)."),
    Rule("PAGE-BLOCK-BOTTOM", "5.2.1", "required", "No text below the block except the page number."),
    Rule("PAGE-GRID-LINES", "5.2.3", "required", "A full page holds 22 lines."),
    Rule("PAGE-GRID-CHARS", "5.2.3", "required", "A full line holds 28 characters (a 29th: only a hanging mark)."),
    Rule("PAGE-GRID-PITCH", "5.2.3", "required", "The line pitch is the block height / 22."),
    Rule("PAGE-GRID-BASELINE", "5.2.3", "recommended", "Body baselines of a page lie on one common pitch."),
    Rule("PDF-FONT-BODY", "5.2.2", "required", "Body text is 3号 (16 pt) 仿宋."),
    Rule("PDF-FONT-HEADING", "7.3.3", "required", "Headings: 一、 黑体, （一） 楷体, 1. and （1） 仿宋, all 3号."),
    Rule("PDF-FONT-UNKNOWN", "5.2.2", "practice", "A font name no font role of the profile matches."),
    Rule("PDF-FONT-EMBED", "", "practice", "Every font that draws text is embedded.", PRACTICE),
    Rule("PDF-TITLE-SIZE", "7.3.1", "required", "The title is 2号 (22 pt)."),
    Rule("PDF-TITLE-FONT", "7.3.1", "required", "The title is set in 小标宋."),
    Rule("PDF-TITLE-CENTRE", "7.3.1", "required", "Title lines are centred on the block."),
    Rule(
        "PAGE-NUMBER-MISSING", "7.5", "required", "Every page with text has a page number (§7.5 blank-page case aside)."
    ),
    Rule("PAGE-NUMBER-FORM", "7.5", "required", "The page number reads '— N —' with 一字线 U+2014, not hyphens."),
    Rule("PAGE-NUMBER-SIZE", "7.5", "required", "The page number is 4号 (14 pt)."),
    Rule("PAGE-NUMBER-FONT", "7.5", "required", "The page number's digits are 宋体 (not Times New Roman)."),
    Rule("PAGE-NUMBER-SIDE", "7.5", "required", "Odd pages right, even pages left, one character in."),
    Rule("PAGE-NUMBER-POS", "7.5", "required", "The page number's 一字线 is 7 mm below the block."),
    Rule("PAGE-NUMBER-FIRST", "10.1", "required", "信函: page 1 shows no page number."),
    Rule("PDF-COPYNUM-FORM", "7.2.1", "required", "份号: 6 half-width Arabic digits (000123)."),
    Rule("PDF-COPYNUM-SIZE", "7.2.1", "required", "份号 in 3号 (16 pt) digits."),
    Rule("PDF-COPYNUM-POS", "7.2.1", "required", "份号 flush left on line 1 (信函: first line under the double line)."),
    Rule("PDF-SECRECY-POS", "7.2.2", "required", "密级和保密期限 flush left on the line under the 份号 (in order)."),
    Rule("PDF-SECRECY-FONT", "7.2.2", "required", "密级和保密期限 in 3号 (16 pt) 黑体."),
    Rule("PDF-URGENCY-POS", "7.2.3", "required", "紧急程度 flush left under 份号 and 密级 (in order)."),
    Rule("PDF-URGENCY-FONT", "7.2.3", "required", "紧急程度 in 3号 (16 pt) 黑体."),
    Rule("PDF-REDMARK-POS", "7.2.4", "required", "The issuer mark's top 35 mm below the block top (命令 20), centred."),
    Rule("PDF-REDMARK-COLOR", "7.2.4", "required", "The issuer mark is red."),
    Rule("PDF-REDMARK-WIDTH", "7.2.4", "recommended", "The issuer mark (text, outlines, image) fits the block width."),
    Rule("PDF-DOCNUMBER-POS", "7.2.5", "required", "发文字号 centred; 上行文 居左空一字; 信函 flush right."),
    Rule("PDF-DOCNUMBER-LINE", "7.2.5", "required", "发文字号 空二行 under the mark; 信函: under the double line."),
    Rule("PDF-SIGNER-POS", "7.2.6", "required", "签发人 block 居右空一字, the 文号 on the last names' line."),
    Rule("PDF-SIGNER-FONT", "7.2.6", "required", '"签发人：" 3号仿宋, the names 3号楷体.'),
    Rule("PDF-REDLINE-WIDTH", "7.2.7", "required", "The red separator is as wide as the block (156 mm)."),
    Rule("PDF-REDLINE-POS", "7.2.7", "required", "The red separator is centred, 4 mm below the 发文字号."),
    Rule("PDF-REDLINE-MISSING", "7.2.7", "required", "A page 1 with the issuer mark has the red separator."),
    Rule("PDF-LETTER-RULES", "10.1", "required", "信函: two red double lines on page 1, 170 mm long, centred."),
    Rule("PDF-LETTER-POS", "10.1", "required", "信函: double lines 4 mm under the mark, 20 mm above the page bottom."),
    Rule("PDF-LETTER-WEIGHT", "10.1", "required", "信函: upper double line thick over thin, lower thin over thick."),
    Rule("PDF-RECORD-WIDTH", "7.4.1", "required", "Record-block rules are as wide as the block."),
    Rule("PDF-RECORD-RULES", "7.4.1", "required", "The record block has its rules (信函: none, §10.1)."),
    Rule("PDF-RECORD-THICKNESS", "7.4.1", "recommended", "First and last record rules 0.35 mm, the others 0.25 mm."),
    Rule("PDF-RECORD-BOTTOM", "7.4.1", "required", "The record block ends on the block's bottom edge."),
    Rule("PDF-RECORD-PAGE", "7.4", "required", "The record block is on the document's last page."),
    Rule("PDF-RECORD-EVEN", "7.4", "recommended", "The record block's page (the last) is even (duplex)."),
    Rule(
        "PDF-KINSOKU-START",
        "9",
        "required",
        "No line starts with a closing or pausing mark (，。、；：？！）》…).",
        GB15834,
    ),
    Rule("PDF-KINSOKU-END", "9", "required", "No line ends with an opening mark (（《“…).", GB15834),
    Rule("PDF-SIGN-DATE", "7.3.5", "required", "成文日期 右空四字 when sealed, else the §7.3.5.2 layout."),
    Rule(
        "PDF-HEADING-BRACKETS",
        "7.3.3",
        "required",
        "Heading labels use full-width brackets: （一）, not (一).",
        GB15834,
    ),
    Rule(
        "PDF-HEADING-NUMBER", "7.3.3", "required", "一、 and （一） headings count 1, 2, 3 … (again in each article)."
    ),
    Rule("PDF-ADDRESSEE-POS", "7.3.2", "required", "The 主送机关 line under the title is flush left (顶格)."),
    Rule("PDF-RECORD-CC", "7.4.2", "required", "抄送 in 4号 (14 pt), 左空一字."),
    Rule("PDF-SIGN-POS", "7.3.5", "required", "The 署名 stands over the date (not flush left)."),
    Rule("PDF-DATE-FORM", "7.3.5.4", "required", "Dates in Arabic digits, full year, no leading zeros."),
    # DOCX: what Word and LibreOffice will make of the file, read statically
    Rule("DOCX-PAGE-SIZE", "5.1", "required", "The page is A4."),
    Rule("DOCX-MARGINS", "5.2.1", "required", "Margins top 37, left 28, right 26, bottom 35 mm, ± 1 mm."),
    Rule("DOCX-GRID-LINES", "5.2.3", "required", "Line spacing and document grid give 22 lines filling the block."),
    Rule("DOCX-GRID-CHARS", "5.2.3", "required", "Font size, character spacing and grid give 28 characters per line."),
    Rule(
        "DOCX-GRID-LIBREOFFICE",
        "5.2.3",
        "recommended",
        "No linesAndChars grid with negative charSpace (14/line in LO).",
    ),
    Rule("DOCX-WIDOW-CONTROL", "5.2.3", "recommended", "Widow control off for body text (on: 21-line pages)."),
    Rule("DOCX-PARA-SPACING", "5.2.3", "recommended", "No space before/after body paragraphs (it breaks the grid)."),
    Rule("DOCX-FONT-EASTASIA", "5.2.2", "required", "Chinese text has an explicit w:eastAsia font, not the theme's."),
    Rule("DOCX-FONT-THEME", "5.2.2", "recommended", "No theme font attributes in the defaults next to explicit fonts."),
    Rule("DOCX-FONT-BODY", "5.2.2", "required", "Body text is 3号 (16 pt) 仿宋."),
    Rule("DOCX-FONT-HEADING", "7.3.3", "required", "Headings: 一、 黑体, （一） 楷体, 1. and （1） 仿宋, all 3号."),
    Rule("DOCX-TITLE-SIZE", "7.3.1", "required", "The title is 2号 (22 pt)."),
    Rule("DOCX-TITLE-FONT", "7.3.1", "required", "The title is set in 小标宋."),
    Rule("DOCX-PAGENUM-FIELD", "7.5", "required", "The footers carry a PAGE field."),
    Rule("DOCX-PAGENUM-FORM", "7.5", "required", "The field stands between 一字线: '— PAGE —', not '-1-'."),
    Rule("DOCX-PAGENUM-ODDEVEN", "7.5", "required", "Odd and even pages have their own footers (w:evenAndOddHeaders)."),
    Rule("DOCX-PAGENUM-SIDE", "7.5", "required", "Odd footer right-aligned, even footer left-aligned."),
    Rule("DOCX-PAGENUM-SIZE", "7.5", "required", "The page number is 4号 (14 pt)."),
    Rule("DOCX-PAGENUM-FONT", "7.5", "required", "The page number's digits are 宋体."),
    Rule(
        "DOCX-HEADING-BRACKETS",
        "7.3.3",
        "required",
        "Heading labels use full-width brackets: （一）, not (一).",
        GB15834,
    ),
    Rule(
        "DOCX-HEADING-NUMBER",
        "7.3.3",
        "required",
        "Typed 一、 and （一） headings count 1, 2, 3 … (again in each article).",
    ),
    Rule("DOCX-COPYNUM-SIZE", "7.2.1", "required", "份号 in 3号 (16 pt) digits."),
    Rule("DOCX-ADDRESSEE-POS", "7.3.2", "required", "The 主送机关 paragraph under the title is flush left (顶格)."),
    Rule("DOCX-SIGN-POS", "7.3.5", "required", "The 署名 stands over the date (not flush left)."),
    Rule("DOCX-RECORD-CC", "7.4.2", "required", "抄送 in 4号 (14 pt), 左右各空一字."),
    Rule("DOCX-TEXT-OUTSIDE", "5.2.1", "required", "No negative indent puts text past the block's sides (超出版心)."),
    Rule("DOCX-PAGENUM-HIDDEN", "7.5", "required", "Page 1 shows its number: no titlePg footer without PAGE."),
    Rule("DOCX-PAGENUM-FIRST", "10.1", "required", "信函: page 1 has a footer of its own (titlePg) without PAGE."),
    # content YAML: the loader's validation, and lint of the text as typed
    Rule("YAML-CONTENT", "", "required", "The loader rejects the file: it cannot be rendered.", CONTENT),
    Rule("YAML-NOTICE", "", "practice", "The loader changed something while reading (a note).", CONTENT),
    Rule("YAML-PUNCT-HALFWIDTH", "9", "recommended", "Half-width , : ; ? ! ( ) . in Chinese text.", GB15834),
    Rule("YAML-PUNCT-QUOTES", "9", "required", "ASCII quotes \" ' in Chinese text (use “” ‘’).", GB15834),
    Rule("YAML-DOCNUMBER-FORM", "7.2.5", "required", "发文字号 as 代字〔2021〕12号: 〔〕, 4-digit year, no 第, no 0s."),
    Rule("YAML-DATE-FORM", "7.3.5.4", "required", "Dates in Arabic digits without leading zeros (not 二〇二一年)."),
    Rule("YAML-TITLE-PUNCT", "7.3.1", "practice", "The title does not end with a punctuation mark."),
    Rule("YAML-ATTACH-PUNCT", "7.3.4", "required", "Attachment names do not end with a punctuation mark."),
    Rule("YAML-CC-PERIOD", "7.4.2", "required", "抄送 ends with 。"),
    Rule("YAML-HEADING-NUMBER", "7.3.3", "required", "Heading text repeats its own number (一、 typed by hand)."),
    Rule("YAML-HEADING-TYPED", "7.3.3", "recommended", "A paragraph starts with a typed heading number."),
    Rule("YAML-NUMBER-GAP", "7.3.3", "required", "Typed numbers skip or repeat, or empty （） lost a number."),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _CATALOGUE}


@dataclass(frozen=True)
class Group:
    """Rules that run together, isolated from the others: a name for notes (Chinese), the
    checker's method, whether they measure against the A4 block (skipped on other paper),
    and the catalogue ids they may report (a reader's GROUPS register every id it reports)."""

    name: str
    method: str
    a4: bool
    rules: tuple[str, ...]


class GroupRunner(Protocol):
    """A reader's checker: the group running (None outside groups) and the groups that failed."""

    group: Group | None
    failures: list[str]


def run_groups(checker: GroupRunner, groups: tuple[Group, ...]) -> None:
    """Run each group's method in turn, isolated: one group's fault must not hide the others'
    findings, and is kept in ``checker.failures`` (a fault of the checker)."""
    for group in groups:
        checker.group = group
        try:
            getattr(checker, group.method)()
        except Exception as exc:
            checker.failures.append(f"“{group.name}”一组检查出错（{type(exc).__name__}: {exc}）")
    checker.group = None


def registered(group: Group | None, file_rules: tuple[str, ...], rule_id: str) -> None:
    """Raise KeyError unless the running group (or the file, outside groups) owns ``rule_id``."""
    owner = group.rules if group else file_rules
    if rule_id not in owner:
        raise KeyError(f"rule {rule_id} is not registered with {group.name if group else 'the file'}")


# rules of the page: the same fault on several pages (or lines) is one finding with a page list
MERGED = frozenset(
    {
        "PAGE-TEXT-OUTSIDE",
        "PAGE-BLOCK-LEFT",
        "PAGE-BLOCK-TOP",
        "PAGE-BLOCK-RIGHT",
        "PAGE-BLOCK-BOTTOM",
        "PAGE-GRID-LINES",
        "PAGE-GRID-CHARS",
        "PAGE-GRID-BASELINE",
        "PDF-FONT-HEADING",
        "PAGE-NUMBER-MISSING",
        "PAGE-NUMBER-FORM",
        "PAGE-NUMBER-SIZE",
        "PAGE-NUMBER-FONT",
        "PAGE-NUMBER-SIDE",
        "PAGE-NUMBER-POS",
        "PDF-KINSOKU-START",
        "PDF-KINSOKU-END",
        "PDF-HEADING-BRACKETS",
        "PDF-HEADING-NUMBER",
        "DOCX-HEADING-BRACKETS",
        "DOCX-HEADING-NUMBER",
        "DOCX-FONT-HEADING",
        "DOCX-MARGINS",
        "DOCX-PAGENUM-FORM",
        "DOCX-PAGENUM-SIDE",
        "DOCX-PAGENUM-SIZE",
        "DOCX-PAGENUM-FONT",
    }
)
TEMPLATE = re.compile(r"'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?")  # a detail without its numbers and quotes: the fault
BY_ELEMENT = frozenset({"PDF-FONT-HEADING", "DOCX-FONT-HEADING"})  # one finding per heading level


# ids renamed to format-neutral ones (they read only the measured page): old → new. A reader
# of these reports that filters on an old id maps it with this table (docs/check.md lists it).
ALIASES = {
    "PDF-PAGE-SIZE": "PAGE-SIZE",
    **{f"PDF-BLOCK-{side}": f"PAGE-BLOCK-{side}" for side in ("LEFT", "TOP", "RIGHT", "BOTTOM")},
    **{f"PDF-GRID-{what}": f"PAGE-GRID-{what}" for what in ("LINES", "CHARS", "PITCH", "BASELINE")},
    **{
        f"PDF-PAGENUM-{what}": f"PAGE-NUMBER-{what}"
        for what in ("MISSING", "FORM", "SIZE", "FONT", "SIDE", "POS", "FIRST")
    },
}


def pages_zh(pages: tuple[int, ...]) -> str:
    """(1, 2, 3, 5) → '1–3、5': runs of pages as ranges."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs)


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per fault: findings of a MERGED rule that say the same thing (their detail
    without numbers and quoted text; for headings, of one level) become the first of them,
    listing every page (``pages``) and how many places."""
    groups: dict[tuple[str, str | None, str | None, str], list[Finding]] = {}
    out: list[Finding | tuple[str, str | None, str | None, str]] = []
    for f in findings:
        if f.rule not in MERGED:
            out.append(f)
            continue
        key = (f.rule, f.element if f.rule in BY_ELEMENT else None, f.via, TEMPLATE.sub("", f.detail))
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(f)
    merged = []
    for item in out:
        if isinstance(item, Finding):
            merged.append(item)
            continue
        group = groups[item]
        first = group[0]
        pages = tuple(sorted({f.page for f in group if f.page is not None}))
        if len(group) == 1:
            merged.append(replace(first, pages=pages or None))
            continue
        basis = f"（{RULES[first.rule].basis_zh}）"
        head = first.message.removesuffix(basis)
        where = f"第{pages_zh(pages)}页" if pages else ""
        more = f"；同样的问题共{len(group)}处{('，见' + where) if len(pages) > 1 else ''}"
        merged.append(
            replace(
                first,
                message=f"{head}{more}{basis}",
                detail=f"{first.detail} ({len(group)} places, pages {pages_zh(pages)})",
                pages=pages or None,
            )
        )
    return merged


def finding(rule_id: str, text: str, detail: str, **where: Any) -> Finding:
    """Build a finding of a catalogued rule: ``[ID] text（basis）``."""
    rule = RULES[rule_id]
    return Finding(rule.id, rule.clause, rule.severity, f"[{rule.id}] {text}（{rule.basis_zh}）", detail, **where)
