"""Style profiles (版式): every number of GB/T 9704 that the layout and renderers use.

A profile is a YAML file in ``templates/`` (``gbt9704.yaml`` is the standard itself).
This module turns it into typed, frozen dataclasses and derives the grid geometry.
Lengths are millimetres unless a name says otherwise (``_pt``, ``_twips``).
"""

from __future__ import annotations

import math
import re
from dataclasses import MISSING, dataclass, fields
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .errors import ProfileError

PT_PER_MM = 72 / 25.4
# The profiles shipped with the package (in a checkout, src/officialdoc/templates links to templates/).
TEMPLATES_DIR = Path(str(files("officialdoc").joinpath("templates")))


def pt_to_mm(pt: float) -> float:
    return pt / PT_PER_MM


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


@dataclass(frozen=True)
class PageSpec:
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_left_mm: float
    block_width_mm: float
    block_height_mm: float

    @property
    def block_left(self) -> float:
        return self.margin_left_mm

    @property
    def block_right(self) -> float:
        return self.margin_left_mm + self.block_width_mm

    @property
    def block_top(self) -> float:
        return self.margin_top_mm

    @property
    def block_bottom(self) -> float:
        return self.margin_top_mm + self.block_height_mm

    @property
    def margin_right_mm(self) -> float:
        return self.width_mm - self.block_right

    @property
    def margin_bottom_mm(self) -> float:
        return self.height_mm - self.block_bottom


@dataclass(frozen=True)
class GridSpec:
    lines: int
    chars: int
    baseline_in_em: float
    line_ascent: float  # a text's baseline lies this fraction of the line pitch below its line's top
    han_latin_space_em: float = 0.0
    fit_tracking_pt: float = 0.0


@dataclass(frozen=True)
class FontRoleSpec:
    """A font role (仿宋, 黑体 …): the official name and the families to look for."""

    role: str
    docx_name: str
    families: tuple[str, ...]
    fallbacks: tuple[str, ...]


@dataclass(frozen=True)
class TextStyle:
    name: str
    font: str
    size_pt: float
    latin: str
    on_grid: bool = False
    color: str = "black"


@dataclass(frozen=True)
class TitleSpec:
    blank_lines_after: int
    unbreakable_words: tuple[str, ...] = ()
    break_before: tuple[str, ...] = ()
    break_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeadingSpec:
    labels: tuple[str, ...]
    styles: tuple[str, ...]
    decimal_label: str  # heading_scheme: decimal, "{path}　" (path: 1.2.1)
    keep_body_lines: tuple[int, ...]  # per level: body lines kept on a heading's page


@dataclass(frozen=True)
class FormsSpec:
    """Body text forms of real documents: 条, 章, 目录 (practice; the standard is silent)."""

    article_style: str  # keys of Profile.styles
    chapter_style: str
    chapter_keep_lines: int  # lines of text kept on the chapter line's page
    contents_title_style: str
    contents_blank_lines: int
    contents_style: str
    contents_indent_chars: float  # per level below the first
    contents_number_chars: float  # kept free at the right of an entry's text for leader and number
    contents_leader: str


@dataclass(frozen=True)
class ParagraphSpec:
    first_line_indent_chars: float
    note_style: str  # §7.3.6 附注 (key of Profile.styles)


@dataclass(frozen=True)
class PunctuationSpec:
    cannot_start: str
    cannot_end: str
    hanging: str
    inseparable: tuple[str, ...]
    no_break_before_latin: str = ""


@dataclass(frozen=True)
class SignatureSpec:
    date_right_indent_chars: float
    seal_diameter_mm: float
    seal_centre_above_text_mm: float
    seal_gap_mm: float
    unsealed_blank_lines_before: int
    unsealed_right_indent_chars: float
    unsealed_date_offset_chars: float
    signature_seal_blank_lines_before: int
    signature_seal_width_mm: float
    signature_seal_lines: int
    signer_title_gap_chars: float
    signature_seal_date_gap_lines: int
    squeeze_min_tracking_pt: float
    squeeze_step_pt: float
    carry_lines: int  # §7.3.5.5: lines of the last paragraph that go over with the signature


@dataclass(frozen=True)
class PageNumberSpec:
    format: str
    style: str
    dash_top_below_block_mm: float
    side_indent_chars: float
    side_indent_char_pt: float


@dataclass(frozen=True)
class DocxSpec:
    line_pitch_twips: int
    footer_distance_mm: float
    flow_baseline_extra_pt: float  # LibreOffice sets body text this much below grid.line_ascent's baseline


@dataclass(frozen=True)
class Profile:
    """One style profile, loaded from ``templates/<name>.yaml``."""

    name: str
    description: str
    path: Path
    page: PageSpec
    grid: GridSpec
    fonts: dict[str, FontRoleSpec]
    styles: dict[str, TextStyle]
    colors: dict[str, str]
    title: TitleSpec
    headings: HeadingSpec
    forms: FormsSpec
    paragraph: ParagraphSpec
    punctuation: PunctuationSpec
    signature: SignatureSpec
    page_number: PageNumberSpec
    docx: DocxSpec
    table: TableSpec
    attachments: AttachmentSpec
    record: RecordSpec
    header: HeaderSpec
    embedded: EmbeddedSpec  # 印发/转发 notices: the document they carry; a lone 发文字号
    check: CheckSpec  # officialdoc check: tolerances of measuring
    attendance: AttendanceSpec | None  # 纪要 profiles only (§10.3)

    @cached_property
    def line_pitch_mm(self) -> float:
        """Height of one grid line (行): block height / lines per page."""
        return self.page.block_height_mm / self.grid.lines

    @cached_property
    def char_pitch_mm(self) -> float:
        """Width of one grid cell (字): block width / chars per line."""
        return self.page.block_width_mm / self.grid.chars

    @cached_property
    def char_pitch_pt(self) -> float:
        return mm_to_pt(self.char_pitch_mm)

    @cached_property
    def baseline_drop_mm(self) -> float:
        """From the top of a grid line to the baseline of the text on it (any size)."""
        return self.grid.line_ascent * self.line_pitch_mm

    def grid_baseline_mm(self, slot: int) -> float:
        """The baseline of text on grid line ``slot`` (0-based) of the block, from the page top."""
        return self.page.block_top + slot * self.line_pitch_mm + self.baseline_drop_mm

    def em_shift_mm(self, size_pt: float) -> float:
        """How far the em box of ``size_pt`` text on a grid line sits below the line's middle."""
        em = pt_to_mm(size_pt)
        return self.baseline_drop_mm - self.grid.baseline_in_em * em + em / 2 - self.line_pitch_mm / 2

    def tracking_pt(self, style: TextStyle) -> float:
        """Space added after every glyph of a style: on-grid styles fill one cell per 字."""
        return self.char_pitch_pt - style.size_pt if style.on_grid else 0.0

    def fit_tracking_pt(self, style: TextStyle) -> float:
        """The tracking lines are filled with (the DOCX's character spacing)."""
        return self.grid.fit_tracking_pt if style.on_grid else 0.0

    def style(self, name: str) -> TextStyle:
        try:
            return self.styles[name]
        except KeyError:
            raise ProfileError(f"{self.path}: styles 中没有名为 {name!r} 的样式") from None

    def color(self, name: str) -> str:
        try:
            return self.colors[name]
        except KeyError:
            raise ProfileError(f"{self.path}: colors 中没有名为 {name!r} 的颜色") from None

    def heading_style(self, level: int) -> TextStyle:
        return self.style(self.headings.styles[level - 1])


def _section(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ProfileError(f"{path}: 缺少 {key} 一节，或它不是“键: 值”的映射；提示：对照 templates/gbt9704.yaml")
    return value


def _tuples(section: dict[str, Any]) -> dict[str, Any]:
    """Lists in a profile section become tuples (the dataclasses are frozen)."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in section.items()}


def _build(cls: type, values: dict[str, Any], where: str, **extra: Any) -> Any:
    if not isinstance(values, dict):
        raise ProfileError(f"{where}: 应为“键: 值”的映射，实为 {values!r}；提示：对照 templates/gbt9704.yaml")
    known = [f.name for f in fields(cls) if f.init and f.name not in extra]
    if unknown := [key for key in values if key not in known]:
        raise ProfileError(f"{where}: 不认识的键 {'、'.join(map(str, unknown))}；提示：可用的键有 {'、'.join(known)}")
    required = [f.name for f in fields(cls) if f.init and f.default is MISSING and f.default_factory is MISSING]
    if missing := [key for key in required if key not in values and key not in extra]:
        raise ProfileError(f"{where}: 缺少键 {'、'.join(missing)}；提示：对照 templates/gbt9704.yaml 补上")
    return cls(**values, **extra)


def find_profile(name_or_path: str | Path, relative_to: Path | None = None) -> Path:
    """Locate a profile: a name (``gbt9704``) is a shipped profile; a path to a ``.yaml``/``.yml``
    file is taken relative to ``relative_to`` (the folder of the content file naming it), else
    to the current folder."""
    if Path(name_or_path).suffix in {".yaml", ".yml"}:
        path = Path(relative_to or ".") / name_or_path
        if path.is_file():
            return path
        raise ProfileError(f"找不到版式文件 {str(path)!r}；提示：profile: 中的路径相对于内容文件所在的文件夹")
    path = TEMPLATES_DIR / f"{name_or_path}.yaml"
    if path.is_file():
        return path
    shipped = "、".join(sorted(p.stem for p in TEMPLATES_DIR.glob("*.yaml")))
    raise ProfileError(
        f"没有名为 {str(name_or_path)!r} 的版式（在 {TEMPLATES_DIR} 中查找）；"
        f"提示：可用的版式有 {shipped}，或给出一个 .yaml 版式文件的路径"
    )


def _derive(data: dict[str, Any]) -> None:
    """Numbers that follow from others are written once in a profile: the header's rule and
    the widest mark are the block's width; "one character" beside a page number or in the
    版记 is one character of its own style, unless a profile sets them."""
    block = data.get("page", {}).get("block_width_mm")
    header = data.get("header", {})
    for key in ("mark_max_width_mm", "rule_width_mm"):
        header.setdefault(key, block)
    for section in ("page_number", "record"):
        spec = data.get(section, {})
        style = data.get("styles", {}).get(spec.get("style"), {})
        spec.setdefault("side_indent_char_pt", style.get("size_pt"))


def load_profile(name_or_path: str | Path = "gbt9704", relative_to: Path | None = None) -> Profile:
    """Load and validate a style profile (``relative_to``: see :func:`find_profile`)."""
    path = find_profile(name_or_path, relative_to)
    data = _read_profile(path, ())
    _derive(data)
    try:
        profile = _profile(data, path)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ProfileError(
            f"{path}: 样式配置的结构有误（原文：{type(exc).__name__}: {exc}）；"
            "提示：对照 templates/gbt9704.yaml 检查各节"
        ) from None
    _validate(profile, path)
    return profile


def _profile(data: dict[str, Any], path: Path) -> Profile:
    where = str(path)
    fonts = {
        role: FontRoleSpec(
            role=role,
            docx_name=str(spec["docx_name"]),
            families=tuple(spec.get("families", ())),
            fallbacks=tuple(spec.get("fallbacks", ())),
        )
        for role, spec in _section(data, "fonts", path).items()
    }
    styles = {
        name: _build(TextStyle, spec, f"{where}: styles.{name}", name=name)
        for name, spec in _section(data, "styles", path).items()
    }
    for style in styles.values():
        for role in (style.font, style.latin):
            if role not in fonts:
                raise ProfileError(
                    f"{where}: 样式 {style.name!r} 用了不存在的字体角色 {role!r}；提示：用 fonts 一节中的角色名"
                )
    punct = dict(_section(data, "punctuation", path))
    punct["inseparable"] = tuple(punct.get("inseparable", ()))
    headings = dict(_section(data, "headings", path))
    headings = {k: tuple(v) if isinstance(v, list) else v for k, v in headings.items()}
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        path=path,
        page=_build(PageSpec, _section(data, "page", path), f"{where}: page"),
        grid=_build(GridSpec, _section(data, "grid", path), f"{where}: grid"),
        fonts=fonts,
        styles=styles,
        colors={k: str(v) for k, v in _section(data, "colors", path).items()},
        title=_build(TitleSpec, _tuples(_section(data, "title", path)), f"{where}: title"),
        headings=_build(HeadingSpec, headings, f"{where}: headings"),
        forms=_build(FormsSpec, _section(data, "forms", path), f"{where}: forms"),
        paragraph=_build(ParagraphSpec, _section(data, "paragraph", path), f"{where}: paragraph"),
        punctuation=_build(PunctuationSpec, punct, f"{where}: punctuation"),
        signature=_build(SignatureSpec, _section(data, "signature", path), f"{where}: signature"),
        page_number=_build(PageNumberSpec, _section(data, "page_number", path), f"{where}: page_number"),
        docx=_build(DocxSpec, _section(data, "docx", path), f"{where}: docx"),
        table=_build(TableSpec, _section(data, "table", path), f"{where}: table"),
        attachments=_build(AttachmentSpec, _section(data, "attachments", path), f"{where}: attachments"),
        record=_build(RecordSpec, _section(data, "record", path), f"{where}: record"),
        embedded=_build(EmbeddedSpec, _section(data, "embedded", path), f"{where}: embedded"),
        header=_header_spec(_section(data, "header", path), where),
        check=_check_spec(_section(data, "check", path), where),
        attendance=(
            _build(AttendanceSpec, _section(data, "attendance", path), f"{where}: attendance")
            if "attendance" in data
            else None
        ),
    )


TABLE_ALIGNMENTS = ("left", "center", "right")


@dataclass(frozen=True)
class TableSpec:
    """表格: the styles of cells, header row and caption; borders, padding, alignment."""

    cell_style: str  # keys of Profile.styles
    header_style: str
    caption_style: str
    border_width_pt: float
    cell_padding_mm: float  # left and right
    header_align: str  # left | center | right
    number_align: str
    text_align: str
    min_rows_per_page: int  # body rows: with the header block on a table's first page, and on every page
    split_rows_taller_than: float  # part of a page under the header: a taller row may split
    unit_align: str  # the unit line (单位：万元) against the table's edges

    def __post_init__(self) -> None:
        for name in ("header_align", "number_align", "text_align", "unit_align"):
            if getattr(self, name) not in TABLE_ALIGNMENTS:
                raise ProfileError(f"table.{name}: {getattr(self, name)!r} 不是 {'、'.join(TABLE_ALIGNMENTS)} 之一")


@dataclass(frozen=True)
class AttachmentSpec:
    """附件说明 (§7.3.4) and attachment pages (§7.3.7)."""

    note_blank_lines_before: int  # 正文下空一行
    note_indent_chars: float  # 左空二字编排"附件："
    label_style: str  # "附件N" on line 1 (key of Profile.styles)
    title_slot: int  # the attachment title's grid line (0-based: 2 = line 3)
    label_gap_pt: float  # between "附件：1." and the name (the DOCX's tab stop lies there)
    note_style: str  # 附件说明 (key of Profile.styles)


@dataclass(frozen=True)
class RecordSpec:
    """版记 (§7.4): rows on the body grid at the foot of the last, even page, between rules."""

    style: str  # key of Profile.styles
    side_indent_chars: float  # 左右各空一字
    side_indent_char_pt: float  # the size of that character
    thick_rule_mm: float  # first and last rules
    thin_rule_mm: float  # rules between
    label_gap_pt: float  # between "抄送：" and the names (the DOCX's tab stop lies there)
    print_line: bool = True  # 印发机关和印发日期 (信函: none, §10.1)
    rules: bool = True  # the rules above, between and under the rows (信函: none, §10.1)


@dataclass(frozen=True)
class EmbeddedSpec:
    """The document an 印发/转发/发布 notice carries, and a 发文字号 printed without a 版头."""

    title_slot: int  # a new page: its title's first grid line (0-based)
    blank_lines_before: int  # not on a new page: blank lines above its title
    subtitle_style: str  # the line under its title (key of Profile.styles)
    number_blank_lines_after: int  # a lone 发文字号 to the title under it


def _read_profile(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """A profile's YAML mapping; ``extends: <profile>`` deep-merges it over that profile."""
    if path.resolve() in seen:
        raise ProfileError(f"{path}: extends 循环引用了自己（{' → '.join(str(s) for s in seen)}）")
    data = _parse(path)
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: 样式配置应为 YAML 映射（键: 值）；提示：对照 templates/gbt9704.yaml")
    base = data.pop("extends", None)
    if base is None:
        return data
    base_path = find_profile(str(base), path.parent)
    return _deep_merge(_read_profile(base_path, (*seen, path.resolve())), data)


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` over ``base``: mappings merge key by key, anything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


HEADER_LAYOUTS = ("standard", "letter")
MARK_ORIGINS = ("block", "page")


@dataclass(frozen=True)
class LetterSpec:
    """信函格式 (§10.1): red double lines, and the text under the first one."""

    rule_length_mm: float  # both double lines, centred on the block
    rule_gap_mm: float  # first double line: its top this far below the mark's glyphs
    bottom_rule_above_page_bottom_mm: float  # second double line: its bottom edge this far up
    thick_mm: float
    thin_mm: float
    space_mm: float  # between the two lines of a double line
    text_gap_em: float  # first double line to the text under it, in 3号 (body) em


@dataclass(frozen=True)
class HeaderSpec:
    """版头 (§7.2) and the marks of chapter 10: every distance of the header block.

    ``layout``: ``standard`` (§7.2; 命令 §10.2 and 纪要 §10.3 change only numbers) or
    ``letter`` (信函 §10.1). Lengths in mm; "lines" are grid lines of the body.
    """

    layout: str
    mark_style: str  # key of Profile.styles (小标宋, red)
    mark_top_mm: float  # the mark's glyph top, below the block top or the page top
    mark_top_from: str  # block | page
    mark_max_width_mm: float  # a longer mark is condensed horizontally (字符缩放) …
    mark_min_scale: float  # … down to this scale; beyond it the size shrinks as well
    mark_line_pitch_em: float  # joint issuance: stacked names, baseline to baseline
    mark_suffix_gap_em: float  # joint issuance: the names' block to "文件"
    flush_styles: tuple[str, ...]  # 份号, 密级和保密期限, 紧急程度 (keys of Profile.styles)
    marks_style: str  # 答复件 marks (A类, 公开) under them
    doc_number_style: str
    signer_label_style: str
    signer_style: str
    blank_lines_after_mark: int  # 发文字号 (命令: 令号) 空二行 below the mark
    side_indent_chars: float  # 上行文: 文号 居左空一字, 签发人 居右空一字
    signers_per_line: int
    signer_gap_chars: float  # between two names on a line
    rule: bool  # 版头分隔线 (命令: none)
    rule_gap_mm: float  # below the 发文字号's glyphs
    rule_width_mm: float
    rule_thickness_mm: float
    blank_lines_after: int  # title (命令: 正文) 空二行 below the rule or the last header line
    print_title: bool  # 命令: the 正文 follows the 令号, no title
    first_page_number: bool  # 信函: no page number on page 1
    letter: LetterSpec | None = None

    def __post_init__(self) -> None:
        if self.layout not in HEADER_LAYOUTS:
            raise ProfileError(f"header.layout: {self.layout!r} 不是 {'、'.join(HEADER_LAYOUTS)} 之一")
        if self.mark_top_from not in MARK_ORIGINS:
            raise ProfileError(f"header.mark_top_from: {self.mark_top_from!r} 不是 {'、'.join(MARK_ORIGINS)} 之一")
        if self.layout == "letter" and self.letter is None:
            raise ProfileError("header.layout 为 letter，却缺少 header.letter 一节")


@dataclass(frozen=True)
class AttendanceSpec:
    """纪要 (§10.3): 出席, 请假, 列席 after the body."""

    blank_lines_before: int  # 正文或附件说明下空一行
    indent_chars: float  # 左空二字
    label_style: str  # "出席：" 3号黑体 (key of Profile.styles)
    names_style: str  # units and names 3号仿宋


def _header_spec(section: dict[str, Any], where: str) -> HeaderSpec:
    values = _tuples(section)
    letter = values.pop("letter", None)
    if letter is not None:
        if not isinstance(letter, dict):
            raise ProfileError(f"{where}: header.letter 不是“键: 值”的映射")
        values["letter"] = _build(LetterSpec, letter, f"{where}: header.letter")
    return _build(HeaderSpec, values, f"{where}: header")


@dataclass(frozen=True)
class CheckSpec:
    """``officialdoc check``: how far a measurement of someone else's file may stray.

    These are tolerances of measuring, not numbers of the standard: the checker reads the
    standard's numbers from the other sections (``page``, ``header``, ``record`` …).
    """

    position_mm: float  # §5.2.1's ± 1 mm: block edges, page numbers, marks, rules, signature
    page_size_mm: float  # paper size
    edge_mm: float  # a text flush with an edge (structure, not a finding)
    pitch_mm: float  # line pitch
    baseline_mm: float  # a baseline off the page's common pitch
    size_pt: float  # font size
    thickness_mm: float  # rule thickness
    red_distance: float  # RGB distance (channels 0–1) from colors.red that still reads as red
    black_distance: float  # … from colors.black that still reads as black


def _check_spec(section: dict[str, Any], where: str) -> CheckSpec:
    """The ``check:`` section: every tolerance given, each a number ≥ 0."""
    known = [f.name for f in fields(CheckSpec)]
    hint = f"提示：可用的键有 {'、'.join(known)}（见 templates/gbt9704.yaml）"
    for key in section:
        if key not in known:
            raise ProfileError(f"{where}: check.{key} 不是检查器的容差；{hint}")
    values = {}
    for key in known:
        if key not in section:
            raise ProfileError(f"{where}: 缺少 check.{key}；{hint}")
        value = section[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ProfileError(
                f"{where}: check.{key}: {value!r} 不是 ≥ 0 的数字；"
                "提示：容差的单位看键名的结尾（_mm 为毫米，_pt 为磅；颜色距离为 0–1.7）"
            )
        values[key] = float(value)
    return CheckSpec(**values)


PROFILE_KEYWORD = "officialdoc-profile"


def profile_keywords(profile: Profile) -> str:
    """The keywords our renderers give a file (PDF /Keywords, DOCX core property ``keywords``):
    ``officialdoc-profile:<name>``, so that ``officialdoc check`` picks the profile it was made with."""
    return f"{PROFILE_KEYWORD}:{profile.name}"


# -- validation: every number in range, colours, sizes > 0 (file:line: field + hint) ----------

MAX_NUMBER = 10_000.0  # no length, size or count of a profile comes near it
SIGNED = {"fit_tracking_pt", "squeeze_min_tracking_pt", "flow_baseline_extra_pt"}  # may be negative
POSITIVE = {
    "width_mm", "height_mm", "block_width_mm", "block_height_mm", "lines", "chars", "size_pt",
    "line_pitch_twips", "line_pitch_lines", "max_chars_per_line", "seal_diameter_mm",
    "signature_seal_width_mm", "signature_seal_lines", "signers_per_line", "mark_max_width_mm",
    "mark_min_scale", "mark_line_pitch_em", "rule_width_mm", "rule_length_mm", "side_indent_char_pt",
    "carry_lines",
}  # fmt: skip
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _parse(path: Path) -> Any:
    """A profile file's YAML data, read within the content loader's limits (no aliases)."""
    from .errors import ContentError
    from .load import compose_yaml

    try:
        node = compose_yaml(path.read_text(encoding="utf-8"), path)
    except UnicodeDecodeError as exc:
        raise ProfileError(
            f"{path}: 不是 UTF-8 文本（第 {exc.start + 1} 个字节起无法按 UTF-8 解码）；提示：把样式配置另存为 UTF-8"
        ) from None
    except OSError as exc:
        raise ProfileError(f"{path}: 无法读取（原文：{exc.strerror}）；提示：检查路径和权限") from None
    except ContentError as exc:
        raise ProfileError(f"样式配置 {exc}") from None
    return None if node is None else yaml.SafeLoader("").construct_document(node)


def _validate(profile: Profile, path: Path) -> None:
    """Every number finite and in range, integers whole, colours #RRGGBB, the block on the page."""
    sections = [(f.name, getattr(profile, f.name)) for f in fields(profile)]
    items: list[tuple[str, Any]] = []
    for name, value in sections:
        if isinstance(value, dict):
            items += [(f"{name}.{key}", spec) for key, spec in value.items()]
        elif value is not None and hasattr(value, "__dataclass_fields__"):
            items.append((name, value))
            letter = getattr(value, "letter", None)
            if letter is not None:
                items.append((f"{name}.letter", letter))
    for where, spec in items:
        if not hasattr(spec, "__dataclass_fields__"):
            if where.startswith("colors.") and not (isinstance(spec, str) and COLOUR.match(spec)):
                _invalid(path, where, f"{spec!r} 不是颜色", '写成 #RRGGBB，如 "#FF0000"')
            continue
        for f in fields(spec):
            _check_number(path, f"{where}.{f.name}", f.name, f.type, getattr(spec, f.name))
    for style in profile.styles.values():
        if style.color not in profile.colors:
            _invalid(path, f"styles.{style.name}.color", f"没有名为 {style.color!r} 的颜色", "用 colors 里的名字")
    _check_keep_lines(profile, path)
    page = profile.page
    if page.margin_left_mm + page.block_width_mm > page.width_mm + 1e-6:
        _invalid(path, "page.block_width_mm", "版心超出纸张右边", "页边距 + 版心宽度不能大于纸宽")
    if page.margin_top_mm + page.block_height_mm > page.height_mm + 1e-6:
        _invalid(path, "page.block_height_mm", "版心超出纸张下边", "页边距 + 版心高度不能大于纸高")


def _check_keep_lines(profile: Profile, path: Path) -> None:
    """``headings.keep_body_lines``: one whole number per heading level, from 0 to a page's lines."""
    keep, levels = profile.headings.keep_body_lines, len(profile.headings.styles)
    where = "headings.keep_body_lines"
    if len(keep) != levels:
        _invalid(path, where, f"有 {len(keep)} 项，标题有 {levels} 级", f"每级标题写一个数，共 {levels} 个")
    for value in keep:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= profile.grid.lines:
            _invalid(path, where, f"{value!r} 不是 0 到 {profile.grid.lines} 的整数", "写标题下留在同页的正文行数")


def _check_number(path: Path, where: str, name: str, kind: object, value: Any) -> None:
    kind = str(kind)
    if kind not in ("float", "int"):
        if kind == "str" and not isinstance(value, str):
            _invalid(path, where, f"{value!r} 不是文字", "写成文字（必要时加引号）")
        if kind == "bool" and not isinstance(value, bool):
            _invalid(path, where, f"{value!r} 不是 true/false", "写 true 或 false")
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        _invalid(path, where, f"{value!r} 不是数字", "写一个数字，不加单位和引号")
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        _invalid(path, where, f"{value!r} 超出范围", f"写一个绝对值不超过 {MAX_NUMBER:g} 的数字")
    if kind == "int" and value != int(value):
        _invalid(path, where, f"{value!r} 不是整数", "写一个整数")
    if name in POSITIVE and value <= 0:
        _invalid(path, where, f"{value!r} 必须大于 0", "字号、尺寸、行数和字数都大于 0")
    if name not in SIGNED and value < 0:
        _invalid(path, where, f"{value!r} 不能为负数", "写一个 ≥ 0 的数字")


def _invalid(path: Path, where: str, message: str, hint: str) -> None:
    file, line = _locate(path, where.split("."))
    raise ProfileError(
        f"{file}:{line}: {where}: {message}；提示：{hint}" if line else f"{file}: {where}: {message}；提示：{hint}"
    )


def _locate(path: Path, keys: list[str]) -> tuple[Path, int | None]:
    """The file (the profile or one it extends) and line that set the key path ``keys``."""
    from .load import compose_yaml

    seen: set[Path] = set()
    while path.resolve() not in seen:
        seen.add(path.resolve())
        node = compose_yaml(path.read_text(encoding="utf-8"), path)
        found = node
        for key in keys:
            found = next((v for k, v in getattr(found, "value", ()) if getattr(k, "value", None) == key), None)
            if not isinstance(found, yaml.Node):
                break
        if isinstance(found, yaml.Node):
            return path, found.start_mark.line + 1
        base = next((v.value for k, v in getattr(node, "value", ()) if getattr(k, "value", None) == "extends"), None)
        if base is None:
            break
        path = path.parent / str(base) if str(base).endswith((".yaml", ".yml")) else find_profile(str(base))
    return path, None
