"""Font roles → font files: the one place that decides which file draws 仿宋, 黑体 ….

A profile names, for every role, the official families (``families``) and free stand-ins
(``fallbacks``). :class:`FontSet` finds them in the project's ``fonts/`` folder and the
system font folders (an index of ``name`` tables, cached as JSON), measures glyphs,
registers faces with reportlab (CFF faces through a cached TrueType conversion) and writes
the fontconfig aliases that make LibreOffice draw the same files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any
from xml.sax.saxutils import escape

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, TTLibError, newTable

from .atomic import atomic_path
from .errors import FontError
from .profile import Profile

FONTS_ENV = "OFFICIALDOC_FONTS"  # folders of licensed fonts, separated by os.pathsep
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})
REGULAR_STYLES = ("regular", "normal", "book", "medium")
INDEX_VERSION = 3  # 3: an unreadable file is remembered with its error (warned about)
CONVERTER_VERSION = 1  # bump when the CFF → TrueType conversion changes: old cache files are ignored

_NAME_IDS = (1, 2, 4, 6, 16, 17)
_REPORTLAB_FILES: dict[str, tuple[Path, int]] = {}  # reportlab's registry is process-wide: name → (file, subfont)
_PACKAGES = {  # normalised family prefix → where the free font comes from (Debian/Ubuntu)
    "fandol": "texlive-lang-chinese (scripts/setup-debian.sh extracts only the fonts)",
    "notoserifcjk": "fonts-noto-cjk",
    "notosanscjk": "fonts-noto-cjk",
    "arpluming": "fonts-arphic-uming",
    "arplukai": "fonts-arphic-ukai",
    "wenquanyizenhei": "fonts-wqy-zenhei",
    "lxgwwenkai": "fonts-lxgw-wenkai",
    "liberation": "fonts-liberation",
    "texgyre": "fonts-texgyre",
    "dejavu": "fonts-dejavu-core",
}


@dataclass(frozen=True)
class Face:
    """One face (a font file, or one subfont of a collection)."""

    key: str  # unique stable id: the postscript name, sanitised to [A-Za-z0-9_-]
    family: str  # the family name that matched
    style: str  # subfamily, e.g. "Regular", "Bold"
    path: Path  # the original font file
    index: int  # subfont index inside a .ttc/.otc (0 otherwise)
    cff: bool  # CFF/PostScript outlines: reportlab needs a TrueType conversion
    origin: str  # "fonts/" (project folder) or "system"

    @property
    def label(self) -> str:
        return f"{self.family} {self.style} ({self.path.name}{f' #{self.index}' if self.index else ''})"


@dataclass(frozen=True)
class RoleResolution:
    """Which face serves a role, and through which family spec of the profile."""

    role: str
    docx_name: str  # official name from the profile, e.g. "仿宋_GB2312"
    face: Face
    substitute: bool  # found through `fallbacks`, not one of the official `families`
    requested: str  # the family spec that matched, e.g. "FandolSong:Bold"


@dataclass(frozen=True)
class _Record:
    """A face in the index: its names for matching and where it was found."""

    key: str
    path: Path
    index: int
    family: str  # display family: English typographic (16) or legacy (1) family
    style: str  # display style: English typographic (17) or legacy (2) subfamily
    families: dict[str, tuple[str, tuple[str, ...]]]  # normalised family → (family, normalised styles); IDs 1/2, 16/17
    aliases: frozenset[str]  # normalised full name (4) and postscript name (6)
    cff: bool
    weight: int  # OS/2 usWeightClass
    rank: int  # position of the folder in font_dirs: lower wins
    origin: str


@dataclass
class _Metrics:
    upem: int
    advances: dict[int, int]  # code point → horizontal advance (font units): what the face draws
    ink: dict[str, tuple[float, float]] = field(default_factory=dict)  # char → (ymin, ymax) em, as needed


def _norm(name: str) -> str:
    """Matching key: case-insensitive, spaces ignored."""
    return "".join(name.split()).casefold()


def _style_rank(style: str) -> int:
    """0 for Regular, 1 Normal, 2 Book, 3 Medium, 4 anything else."""
    norm = _norm(style)
    return REGULAR_STYLES.index(norm) if norm in REGULAR_STYLES else len(REGULAR_STYLES)


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    return f"{ch!r}（{code}）" if ch.isprintable() else code


def _short_hash(*parts: object) -> str:
    return hashlib.sha1("\0".join(map(str, parts)).encode()).hexdigest()[:12]


def system_font_dirs() -> list[Path]:
    """Font folders of Linux, Windows and macOS (folders that do not exist are skipped when scanning)."""
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
    ]
    if windir := os.environ.get("WINDIR"):
        dirs.append(Path(windir) / "Fonts")
    if local := os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    if sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library/Fonts"]
    return dirs


def _checkout_fonts_dir() -> Path | None:
    """The fonts/ folder of the source checkout this package runs from (None when installed)."""
    root = Path(__file__).resolve().parents[2]
    return root / "fonts" if (root / "pyproject.toml").is_file() and (root / "fonts").is_dir() else None


def font_search_path(fonts_dirs: Sequence[Path] = ()) -> list[tuple[Path, str]]:
    """Where fonts are looked for, first wins, each with why (shown by ``officialdoc fonts``):
    ``--fonts`` folders, $OFFICIALDOC_FONTS, $XDG_DATA_HOME/officialdoc/fonts (default
    ~/.local/share/officialdoc/fonts), the checkout's fonts/ when run from one, then the system's."""
    path = [(Path(d), "--fonts") for d in fonts_dirs]
    path += [(Path(d), f"${FONTS_ENV}") for d in os.environ.get(FONTS_ENV, "").split(os.pathsep) if d]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share")
    path.append((data_home / "officialdoc" / "fonts", "用户字体文件夹"))
    if checkout := _checkout_fonts_dir():
        path.append((checkout, "源码目录的 fonts/"))
    return path + [(d, "系统字体") for d in system_font_dirs()]


def default_cache_dir() -> Path:
    """$OFFICIALDOC_CACHE, else $XDG_CACHE_HOME/officialdoc, else ~/.cache/officialdoc."""
    if env := os.environ.get("OFFICIALDOC_CACHE"):
        return Path(env)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "officialdoc"
    return Path.home() / ".cache" / "officialdoc"


# --- the index of installed faces -------------------------------------------------------


def _font_files(dirs: Sequence[Path]) -> Iterator[tuple[Path, int]]:
    """(file, rank of its folder) for every font file under ``dirs``, in a stable order."""
    seen: set[str] = set()
    for rank, top in enumerate(dirs):
        if not top.is_dir():
            continue
        for root, dirnames, filenames in os.walk(top, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:  # a folder reached twice (symlinks, or listed twice)
                dirnames[:] = []
                continue
            seen.add(real)
            dirnames.sort()
            for name in sorted(filenames):
                if Path(name).suffix.lower() in FONT_SUFFIXES:
                    yield Path(root) / name, rank


def _names(font: TTFont) -> dict[int, list[str]]:
    """Name records 1, 2, 4, 6, 16, 17 in every language, English first, without duplicates."""
    found: dict[int, dict[str, bool]] = {i: {} for i in _NAME_IDS}
    for rec in font["name"].names:
        if rec.nameID not in found:
            continue
        try:
            text = rec.toUnicode().strip("\0").strip()
        except (UnicodeDecodeError, LookupError):
            continue
        english = (rec.platformID, rec.langID) in {(3, 0x409), (1, 0)}
        if text:
            found[rec.nameID][text] = found[rec.nameID].get(text, False) or english
    return {i: sorted(texts, key=lambda t: not texts[t]) for i, texts in found.items()}


def _describe_face(font: TTFont, index: int) -> dict[str, Any] | None:
    names = _names(font)
    families = names[16] or names[1]
    if not families:
        return None
    typo_styles = names[17] or names[2] or ["Regular"]
    pairs = {(f, s) for f in names[1] for s in names[2] or ["Regular"]}
    pairs |= {(f, s) for f in names[16] for s in typo_styles}
    return {
        "index": index,
        "family": families[0],
        "style": typo_styles[0],
        "pairs": sorted(pairs),
        "aliases": sorted({_norm(n) for n in names[4] + names[6]}),
        "psname": names[6][0] if names[6] else "",
        "cff": "CFF " in font or "CFF2" in font,
        "weight": font["OS/2"].usWeightClass if "OS/2" in font else 400,
    }


def _whole(font: TTFont, size: int) -> TTFont:
    """The font, if every table lies inside the file's ``size`` bytes (else it is truncated)."""
    for tag, entry in font.reader.tables.items():
        if entry.offset + entry.length > size:
            raise ValueError(f"table {tag} ends past the end of the file (truncated)")
    return font


def _intact(path: Path) -> bool:
    """A cached converted font whose tables all lie inside the file."""
    try:
        with TTFont(path, lazy=True) as font:
            _whole(font, path.stat().st_size)
    except (OSError, TTLibError, ValueError, AssertionError, EOFError, struct.error):
        return False
    return True


def _read_file(path: Path) -> tuple[list[dict[str, Any]], str]:
    """Describe every face of a font file from its name table only; ([], why) when unreadable.

    Every table must lie inside the file: a truncated font is refused here, not at render time.
    """
    size = path.stat().st_size
    try:
        with path.open("rb") as handle:
            collection = handle.read(4) == b"ttcf"
        if collection:
            with TTCollection(path, lazy=True) as coll:
                described = [_describe_face(_whole(font, size), i) for i, font in enumerate(coll.fonts)]
        else:
            with TTFont(path, lazy=True) as font:
                described = [_describe_face(_whole(font, size), 0)]
    except (OSError, TTLibError, KeyError, IndexError, ValueError, AssertionError, EOFError, struct.error) as exc:
        return [], f"{type(exc).__name__}: {exc}"  # not a font, or a broken one: skipped (and remembered)
    return [d for d in described if d is not None], ""


def _load_index(dirs: Sequence[Path], cache_dir: Path, warnings: list[str]) -> list[_Record]:
    """Every face under ``dirs``; unchanged files come from the JSON cache, keyed by path, size and mtime.

    A cache of the wrong shape is rebuilt; a file in fonts/ that is not a regular file (a FIFO
    is never opened) or not a readable font is skipped with a warning naming it.
    """
    cache_file = cache_dir / f"font-index-v{INDEX_VERSION}.json"
    try:
        cached: dict[str, Any] = json.loads(cache_file.read_text(encoding="utf-8"))
        if not isinstance(cached, dict) or not all(_valid_entry(e) for e in cached.values()):
            raise ValueError("cache of the wrong shape")
    except (OSError, ValueError):
        cached = {}
    system = {str(d) for d in system_font_dirs()}
    files: dict[str, Any] = {}  # this scan's entries
    records: list[_Record] = []
    used_keys: set[str] = set()
    for path, rank in _font_files(dirs):
        origin = "system" if str(dirs[rank]) in system else "fonts/"
        try:
            stat = path.stat()
        except OSError:
            continue
        if not S_ISREG(stat.st_mode):
            if origin != "system":
                warnings.append(f"字体文件夹里的 {path} 不是普通文件（如管道或设备），已跳过")
            continue
        entry = cached.get(str(path))
        if not entry or entry["size"] != stat.st_size or entry["mtime_ns"] != stat.st_mtime_ns:
            faces, error = _read_file(path)
            entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "faces": faces, "error": error}
        files[str(path)] = entry
        if entry.get("error") and origin != "system":
            warnings.append(
                f"字体文件 {path} 无法读取（原文：{entry['error']}），已跳过；提示：重新复制该字体文件或删除它"
            )
        for face in entry["faces"]:
            families: dict[str, tuple[str, tuple[str, ...]]] = {}
            for family, style in face["pairs"]:
                name, styles = families.get(_norm(family), (family, ()))
                families[_norm(family)] = (name, (*styles, _norm(style)))
            key = re.sub(r"[^A-Za-z0-9_-]", "", face["psname"]) or re.sub(r"[^A-Za-z0-9_-]", "", path.stem) or "face"
            if key in used_keys:  # same postscript name in another file: keep keys unique
                key = f"{key}-{_short_hash(path, face['index'])[:6]}"
            used_keys.add(key)
            records.append(
                _Record(
                    key=key,
                    path=path,
                    index=face["index"],
                    family=face["family"],
                    style=face["style"],
                    families=families,
                    aliases=frozenset(face["aliases"]),
                    cff=face["cff"],
                    weight=face["weight"],
                    rank=rank,
                    origin=origin,
                )
            )
    # keep entries of folders another FontSet scans; forget files that are gone
    merged = {path: entry for path, entry in cached.items() if path in files or os.path.exists(path)} | files
    if merged != cached:
        try:
            with atomic_path(cache_file) as temp:
                temp.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only cache only costs time
    return records


def _valid_entry(entry: Any) -> bool:
    """An index entry as _load_index writes it (a hand-edited or foreign cache is rebuilt)."""
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("size"), int)
        and isinstance(entry.get("mtime_ns"), int)
        and isinstance(entry.get("faces"), list)
        and all(isinstance(f, dict) and f.keys() >= _FACE_KEYS for f in entry["faces"])
    )


_FACE_KEYS = frozenset({"index", "family", "style", "pairs", "aliases", "psname", "cff", "weight"})


# --- CFF → TrueType ---------------------------------------------------------------------


# Told before a face is converted on first use (10–20 s each, once per machine): the command
# line shows it unless quiet, so a first render does not look hung. None: say nothing.
conversion_notice: Callable[[str], None] | None = None


def _convert_cff(source: Path, index: int, target: Path) -> float:
    """Convert a CFF face to a TrueType-outline font at ``target`` (atomically); returns seconds."""
    started = time.perf_counter()
    with TTFont(source, fontNumber=index) as font:
        order = font.getGlyphOrder()
        glyph_set = font.getGlyphSet()
        glyphs = {}
        for name in order:
            pen = TTGlyphPen(glyph_set)
            glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            glyphs[name] = pen.glyph()
        outlines = "CFF " if "CFF " in font else "CFF2"
        cid_keyed = hasattr(font[outlines].cff.topDictIndex[0], "ROS")
        font["loca"] = newTable("loca")
        font["glyf"] = glyf = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = glyphs
        del font[outlines]
        if "VORG" in font:  # vertical origins belong to CFF
            del font["VORG"]
        hmtx = font["hmtx"]
        for name, glyph in glyphs.items():
            glyph.recalcBounds(glyf)
            hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))  # TrueType wants lsb == xMin
        font["maxp"] = maxp = newTable("maxp")  # version 1.0: point and contour counts are recalculated on save
        maxp.tableVersion = 0x00010000
        maxp.maxZones = 1
        maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = maxp.maxInstructionDefs = 0
        maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
        post = font["post"]
        post.formatType = 3.0 if cid_keyed else 2.0  # CID fonts have no glyph names worth keeping
        post.extraNames, post.mapping, post.glyphOrder = [], {}, order
        if post.formatType == 2.0:
            try:
                post.compile(font)
            except OverflowError:
                post.formatType = 3.0
        font.sfntVersion = "\0\1\0\0"
        with atomic_path(target) as temp:
            font.save(temp)
    return time.perf_counter() - started


def _read_metrics(face: Face) -> _Metrics:
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        hmtx = font["hmtx"].metrics
        advances = {code: hmtx[name][0] for code, name in (font.getBestCmap() or {}).items()}
        return _Metrics(font["head"].unitsPerEm, advances)


def _cache_file(face: Face | _Record, cache_dir: Path, folder: str, suffix: str) -> Path:
    """Where a derived copy of a face lives; the name changes with the font file and the converter."""
    stat = face.path.stat()
    digest = _short_hash(CONVERTER_VERSION, face.path.resolve(), face.index, stat.st_size, stat.st_mtime_ns)
    return cache_dir / folder / f"{face.key}-{digest}{suffix}"


def _converted_path(face: Face, cache_dir: Path) -> Path:
    return _cache_file(face, cache_dir, "ttf", ".ttf")


def _write_error(face: Face | _Record, target: Path, exc: OSError) -> FontError:
    return FontError(
        f"无法把 {face.path} 的副本写到 {target}（原文：{exc}）；提示：把环境变量 OFFICIALDOC_CACHE 设为可写的文件夹"
    )


def _underweight_bold(rec: _Record) -> bool:
    """A Bold face whose OS/2 weight says Regular (FandolSong-Bold and FandolHei-Bold declare 400)."""
    return _norm(rec.style) == "bold" and rec.weight < 600


def _bold_weight_copy(rec: _Record, cache_dir: Path) -> Path:
    """A copy of an underweight Bold face with its weight set to 700.

    fontconfig and LibreOffice choose faces by weight: at 400 they cannot tell the face from
    the Regular one, and draw Bold for Regular text or Regular for a Bold role.
    """
    target = _cache_file(rec, cache_dir, "fontconfig", ".otf" if rec.cff else ".ttf")
    if not target.is_file():
        try:
            with TTFont(rec.path, fontNumber=rec.index, lazy=True, recalcBBoxes=False) as font:
                font["OS/2"].usWeightClass = 700
                font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40  # BOLD on, REGULAR off
                font["head"].macStyle |= 1
                with atomic_path(target) as temp:
                    font.save(temp)
        except OSError as exc:
            raise _write_error(rec, target, exc) from None
    return target


# --- the font set -----------------------------------------------------------------------


class FontSet:
    """The faces of a profile's font roles, found once per process and measured lazily."""

    def __init__(self, profile: Profile, font_dirs: Sequence[Path] | None = None, cache_dir: Path | None = None):
        self.profile = profile
        self.font_dirs = [Path(d) for d in font_dirs] if font_dirs is not None else [d for d, _ in font_search_path()]
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.warnings: list[str] = []
        self._records = _load_index(self.font_dirs, self.cache_dir, self.warnings)
        self._found: dict[str, Face | None] = {}
        self._faces: dict[str, Face] = {}
        self._resolved: dict[str, RoleResolution] = {}
        self._candidates: dict[str, list[Face]] = {}
        self._chosen: dict[tuple[str, str], Face] = {}
        self._metrics: dict[str, _Metrics] = {}
        self._reportlab: dict[str, str] = {}

    # resolution

    def _find(self, spec: str) -> Face | None:
        """The face a family spec ("Family" or "Family:Style") selects, or None when absent."""
        if spec not in self._found:
            self._found[spec] = self._match(spec)
        return self._found[spec]

    def _match(self, spec: str) -> Face | None:
        family, _, style = spec.partition(":")
        want_family, want_style = _norm(family), _norm(style)
        best: tuple[tuple[int, int, int], _Record, str] | None = None
        for order, rec in enumerate(self._records):
            if want_family in rec.families:
                matched, styles = rec.families[want_family]
            elif want_family in rec.aliases:  # full or postscript name, e.g. FZXiaoBiaoSong-B05S
                matched, styles = rec.family, (_norm(rec.style),)
            else:
                continue
            if want_style and want_style not in styles:
                continue
            score = (rec.rank, 0 if want_style else min(map(_style_rank, styles)), order)
            if best is None or score < best[0]:
                best = (score, rec, matched)
        if best is None:
            return None
        _, rec, matched = best
        face = Face(rec.key, matched, rec.style, rec.path, rec.index, rec.cff, rec.origin)
        return self._faces.setdefault(rec.key, face)

    def resolve(self, role: str) -> RoleResolution:
        """The face serving ``role``: the first official family installed, else the first fallback."""
        if role in self._resolved:
            return self._resolved[role]
        spec = self.profile.fonts.get(role)
        if spec is None:
            raise FontError(
                f"样式 {self.profile.name!r} 没有字体角色 {role!r}（已有：{'、'.join(self.profile.fonts)}）"
            )
        for substitute, specs in ((False, spec.families), (True, spec.fallbacks)):
            for requested in specs:
                face = self._find(requested)
                if face is not None:
                    resolution = RoleResolution(role, spec.docx_name, face, substitute, requested)
                    self._resolved[role] = resolution
                    return resolution
        raise FontError(
            f"字体角色 {role!r}（{spec.docx_name}）没有可用的字体：{'、'.join(spec.families)} "
            f"和替代字体 {'、'.join(spec.fallbacks) or '（无）'} 都未安装"
            f"（查找了 {'、'.join(str(d) for d in self.font_dirs if d.is_dir())}）；提示：{self._hint(spec.fallbacks)}"
        )

    def _hint(self, families: Sequence[str]) -> str:
        packages = dict.fromkeys(
            package for family in families for prefix, package in _PACKAGES.items() if _norm(family).startswith(prefix)
        )
        install = f"安装 {' 或 '.join(packages)}，或" if packages else ""
        return f"{install}把授权字体文件复制到 {self.font_dirs[0]}"

    def face(self, key: str) -> Face:
        """A face handed out before (by resolve or face_for)."""
        try:
            return self._faces[key]
        except KeyError:
            raise FontError(f"unknown font face {key!r}") from None

    def _role_candidates(self, role: str) -> list[Face]:
        """The role's families and fallbacks, then the fallbacks of the other Chinese roles (regular first)."""
        if role not in self._candidates:
            spec = self.profile.fonts[role]
            own = [self._find(s) for s in (*spec.families, *spec.fallbacks)]
            others = [
                self._find(s)
                for other in self.profile.fonts.values()
                if other.role != role and self._draws_chinese(other.role)
                for s in other.fallbacks
            ]
            others.sort(key=lambda f: f is None or _style_rank(f.style) == len(REGULAR_STYLES))
            self._candidates[role] = [f for f in dict.fromkeys([*own, *others]) if f is not None]
        return self._candidates[role]

    def _draws_chinese(self, role: str) -> bool:
        try:
            face = self.resolve(role).face
        except FontError:
            return False
        return ord("中") in self._metrics_of(face.key).advances

    def face_for(self, role: str, ch: str) -> Face:
        """The role's face if it can draw ``ch``, else the first candidate that can (with a warning)."""
        chosen = self._chosen.get((role, ch))
        if chosen is not None:
            return chosen
        primary = self.resolve(role).face
        code = ord(ch)
        if code in self._metrics_of(primary.key).advances:
            chosen = primary
        else:
            candidates = self._role_candidates(role)
            chosen = next((f for f in candidates if code in self._metrics_of(f.key).advances), None)
            if chosen is None:
                raise FontError(
                    f"已安装的字体都不能显示字体角色 {role!r} 中的 {_describe(ch)}：试过 "
                    f"{'、'.join(f.label for f in candidates)}；提示：换掉这个字符，或安装含有它的字体"
                    f"（如 fonts-noto-cjk），或把这样的字体复制到 {self.font_dirs[0]}",
                    ch,
                )
            self.warnings.append(
                f"{role}：{primary.family} {primary.style} 中没有 {_describe(ch)}，改用 {chosen.label} 显示"
            )
        self._chosen[(role, ch)] = chosen
        return chosen

    def missing(self, role: str, text: str) -> list[str]:
        """Distinct characters of ``text`` (whitespace ignored) that the role's own face lacks."""
        drawn = self._metrics_of(self.resolve(role).face.key).advances
        return [ch for ch in dict.fromkeys(text) if not ch.isspace() and ord(ch) not in drawn]

    # metrics

    def _metrics_of(self, key: str) -> _Metrics:
        """The face's advances by code point (and the ink extents asked for so far), read once
        from the font and kept in the cache folder: a CJK face's cmap and hmtx take 60 ms to
        parse, a CFF outline's bounds 40 ms; the cached copy loads in 5 ms."""
        if key not in self._metrics:
            face = self.face(key)
            try:
                data = json.loads(self._metrics_file(key).read_text(encoding="utf-8"))
                advances = dict(zip(data["codes"], data["advances"], strict=True))
                ink = {ch: (float(low), float(high)) for ch, (low, high) in data["ink"].items()}
                self._metrics[key] = _Metrics(int(data["upem"]), advances, ink)
            except (OSError, ValueError, KeyError, TypeError, AttributeError):  # absent or bad: rebuilt
                self._metrics[key] = _read_metrics(face)
                self._save_metrics(key)
        return self._metrics[key]

    def _metrics_file(self, key: str) -> Path:
        return _cache_file(self.face(key), self.cache_dir, "metrics", ".json")

    def _save_metrics(self, key: str) -> None:
        metrics = self._metrics[key]
        codes = sorted(metrics.advances)
        advances = [metrics.advances[c] for c in codes]
        data = {"upem": metrics.upem, "codes": codes, "advances": advances, "ink": metrics.ink}
        try:
            with atomic_path(self._metrics_file(key)) as temp:
                temp.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a read-only cache only costs time

    def _advance(self, key: str, ch: str) -> int:
        advance = self._metrics_of(key).advances.get(ord(ch))
        if advance is None:
            raise FontError(f"{self.face(key).label} has no glyph for {_describe(ch)}; hint: use face_for()")
        return advance

    def advance_em(self, key: str, ch: str) -> float:
        """Horizontal advance of ``ch`` in em."""
        return self._advance(key, ch) / self._metrics_of(key).upem

    def ink_extent_em(self, key: str, ch: str) -> tuple[float, float]:
        """(ymin, ymax) of the glyph's ink in em above the baseline; (0, 0) for a blank glyph."""
        self._advance(key, ch)  # the face draws it
        metrics = self._metrics_of(key)
        if ch not in metrics.ink:
            face = self.face(key)
            with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
                name = font.getBestCmap()[ord(ch)]
                glyph_set = font.getGlyphSet()
                pen = BoundsPen(glyph_set)
                glyph_set[name].draw(pen)
            _, ymin, _, ymax = pen.bounds or (0, 0, 0, 0)
            metrics.ink[ch] = (ymin / metrics.upem, ymax / metrics.upem)
            self._save_metrics(key)
        return metrics.ink[ch]

    # reportlab

    def truetype_path(self, key: str) -> tuple[Path, int]:
        """(file, subfont index) reportlab can embed: the font itself, or its cached TrueType conversion."""
        face = self.face(key)
        if not face.cff:
            return face.path, face.index
        target = _converted_path(face, self.cache_dir)
        if target.is_file() and not _intact(target):
            target.unlink(missing_ok=True)  # truncated or foreign: converted again below
        if not target.is_file():
            if conversion_notice is not None:
                conversion_notice(
                    f"首次使用字体 {face.path.name}：正在转换为 PDF 可嵌入的格式（约 15 秒，只做一次；"
                    "可预先运行 officialdoc fonts --prepare）"
                )
            try:
                _convert_cff(face.path, face.index, target)
            except OSError as exc:
                raise _write_error(face, target, exc) from None
        return target, 0

    def reportlab_font(self, key: str) -> str:
        """Register the face with reportlab (once per process) and return its registered name."""
        if key not in self._reportlab:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

            path, index = self.truetype_path(key)
            name = key
            if _REPORTLAB_FILES.get(name, (path, index)) != (path, index):  # same key, another file (another FontSet)
                name = f"{key}-{_short_hash(path, index)[:6]}"
            if name not in _REPORTLAB_FILES:
                try:
                    font = ReportlabTTFont(name, str(path), subfontIndex=index)
                except Exception as exc:  # reportlab raises TTFError, struct.error, IndexError …
                    font = self._rebuilt(key, path, index, name, exc)
                pdfmetrics.registerFont(font)
                _REPORTLAB_FILES[name] = (path, index)
            self._reportlab[key] = name
        return self._reportlab[key]

    def _rebuilt(self, key: str, path: Path, index: int, name: str, exc: Exception) -> Any:
        """A converted copy in the cache that reportlab cannot read (truncated, foreign) is
        converted again; a font file itself that it cannot read is an error naming the file."""
        from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

        face = self.face(key)
        if path == face.path:
            raise FontError(
                f"字体文件 {path} 无法嵌入 PDF（原文：{type(exc).__name__}: {exc}）；提示：重新安装或复制该字体文件"
            ) from None
        path.unlink(missing_ok=True)
        self.truetype_path(key)
        return ReportlabTTFont(name, str(path), subfontIndex=index)

    # LibreOffice

    def fontconfig_xml(self) -> str:
        """A fonts.conf mapping every official name of every role to the face this set resolved.

        A face whose style is not Regular (a Bold title face) is selected by style. Bold faces of
        the resolved families that declare a regular weight are replaced by weight-fixed copies in
        the cache (the originals are hidden from fontconfig), so Regular and Bold stay apart.
        """
        system = {str(d) for d in system_font_dirs()}
        dirs = [d.absolute() for d in self.font_dirs if str(d) not in system and d.is_dir()]
        resolved = {self.resolve(role).face.key for role in self.profile.fonts}
        families = {_norm(rec.family) for rec in self._records if rec.key in resolved}
        fixed = [rec for rec in self._records if _norm(rec.family) in families and _underweight_bold(rec)]
        dirs += [_bold_weight_copy(rec, self.cache_dir).parent.absolute() for rec in fixed]
        rules: list[str] = []
        for role, spec in self.profile.fonts.items():
            face = self.resolve(role).face
            target = escape(face.family)
            style = f'<edit name="style" mode="assign" binding="strong"><string>{escape(face.style)}</string></edit>'
            rules.append(f"  <!-- {escape(role)}: {escape(face.label)} -->")
            for name in dict.fromkeys((spec.docx_name, *spec.families)):
                if _norm(name) != _norm(face.family):
                    rules.append(
                        f'  <alias binding="same"><family>{escape(name)}</family>'
                        f"<prefer><family>{target}</family></prefer></alias>"
                    )
                if _style_rank(face.style) == len(REGULAR_STYLES):
                    rules += [
                        '  <match target="pattern">',
                        f'    <test name="family" qual="any"><string>{escape(name)}</string></test>',
                        f"    {style}",
                        "  </match>",
                    ]
        lines = [
            '<?xml version="1.0"?>',
            '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
            "<!-- written by officialdoc: official font names → the faces the PDF embeds -->",
            "<fontconfig>",
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
            *(f"  <dir>{escape(str(d))}</dir>" for d in dict.fromkeys(dirs)),
            *(
                f"  <selectfont><rejectfont><glob>{escape(str(rec.path.absolute()))}</glob></rejectfont></selectfont>"
                for rec in fixed
            ),
            *rules,
            "</fontconfig>",
        ]
        return "\n".join(lines) + "\n"


def prepare(fontset: FontSet) -> list[tuple[str, Path, float]]:
    """Convert every resolved CFF face to TrueType ahead of time: (key, TTF path, seconds) per face.

    Faces already converted cost nothing; the others are converted in parallel processes.
    Every resolved face's metrics are cached too.
    """
    faces = dict.fromkeys(fontset.resolve(role).face for role in fontset.profile.fonts)
    for face in faces:
        fontset._metrics_of(face.key)  # read once, cached on disk
    cff = [face for face in faces if face.cff]
    targets = {face.key: _converted_path(face, fontset.cache_dir) for face in cff}
    todo = [face for face in cff if not targets[face.key].is_file()]
    seconds = dict.fromkeys(targets, 0.0)
    if todo:
        with ProcessPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            jobs = {face: pool.submit(_convert_cff, face.path, face.index, targets[face.key]) for face in todo}
            for face, job in jobs.items():
                try:
                    seconds[face.key] = job.result()
                except OSError as exc:
                    raise _write_error(face, targets[face.key], exc) from None
    return [(face.key, targets[face.key], seconds[face.key]) for face in cff]
