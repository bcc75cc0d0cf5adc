"""Font roles resolve to real installed files; glyph fallback, metrics, reportlab and fontconfig.

Uses the machine's fonts (Fandol, AR PL, WenQuanYi, Noto CJK, Liberation; see
scripts/setup-debian.sh). The CFF → TrueType conversion is cached in the default cache
folder ($OFFICIALDOC_CACHE honoured), so only the first run ever pays for it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from officialdoc.errors import FontError
from officialdoc.fonts import FontSet, system_font_dirs
from officialdoc.profile import FontRoleSpec, Profile, load_profile

EXPECTED = {  # role → (family, style) of the free substitute on this machine
    "xiaobiaosong": ("FandolSong", "Bold"),
    "fangsong": ("FandolFang", "Regular"),
    "heiti": ("FandolHei", "Regular"),
    "kaiti": ("FandolKai", "Regular"),
    "songti": ("FandolSong", "Regular"),
    "latin": ("Liberation Serif", "Regular"),
}
NAME_CHAR = "喆"  # in names (张喆); FandolFang lacks it, AR PL UMing CN has it
NO_FONT_CHAR = "\U0010fffd"  # private use: no font draws it


@pytest.fixture(scope="module")
def profile() -> Profile:
    return load_profile("gbt9704")


@pytest.fixture(scope="module")
def fonts(profile: Profile) -> FontSet:
    return FontSet(profile)


def with_roles(profile: Profile, *roles: FontRoleSpec) -> Profile:
    return dataclasses.replace(profile, fonts={spec.role: spec for spec in roles})


def test_every_role_resolves_to_the_expected_free_face(fonts: FontSet, profile: Profile):
    for role, spec in profile.fonts.items():
        res = fonts.resolve(role)
        assert (res.face.family, res.face.style) == EXPECTED[role], role
        assert res.substitute and res.requested in spec.fallbacks
        assert res.docx_name == spec.docx_name
        assert res.face.path.is_file() and res.face.origin == "system"
        assert fonts.face(res.face.key) is res.face
    assert fonts.resolve("xiaobiaosong").requested == "FandolSong:Bold"
    assert fonts.resolve("fangsong").face.cff and not fonts.resolve("latin").face.cff


def test_names_match_in_any_language_case_and_spacing(profile: Profile):
    roles = {
        "zh": "文泉驿正黑",  # a zh-CN name record
        "bold": "liberationserif:BOLD",  # case and spaces ignored, style selected
        "ps": "LiberationSerif-Italic",  # a postscript name
    }
    fonts = FontSet(with_roles(profile, *(FontRoleSpec(r, r, families=(f,), fallbacks=()) for r, f in roles.items())))
    assert fonts.resolve("zh").face.family == "文泉驿正黑"
    assert fonts.resolve("bold").face.key == "LiberationSerif-Bold"
    assert (fonts.resolve("ps").face.family, fonts.resolve("ps").face.style) == ("Liberation Serif", "Italic")


def test_project_fonts_folder_wins_over_the_system(tmp_path: Path, profile: Profile):
    project = tmp_path / "fonts"
    project.mkdir()
    system_copy = FontSet(profile).resolve("latin").face.path
    shutil.copy(system_copy, project / "MyTimes.ttf")
    spec = FontRoleSpec("latin", "Times New Roman", families=("Liberation Serif",), fallbacks=())
    fonts = FontSet(with_roles(profile, spec), [project, *system_font_dirs()], tmp_path / "cache")
    res = fonts.resolve("latin")
    assert res.face.path == project / "MyTimes.ttf"
    assert res.face.origin == "fonts/" and not res.substitute
    assert res.face.key == "LiberationSerif"  # the system copy gets a suffixed key
    assert f"<dir>{project}</dir>" in fonts.fontconfig_xml()
    system = FontSet(profile)
    system_key = system.resolve("latin").face.key
    assert system_key == "LiberationSerif"  # plain in its own set
    assert system.reportlab_font(system_key) != fonts.reportlab_font("LiberationSerif")  # two files, two names


def test_index_cache_skips_unchanged_files_and_rereads_changed_ones(tmp_path: Path, profile: Profile):
    project, cache = tmp_path / "fonts", tmp_path / "cache"
    project.mkdir()
    font = project / "serif.ttf"
    shutil.copy(FontSet(profile).resolve("latin").face.path, font)
    spec = FontRoleSpec("latin", "Times New Roman", families=("Cached Name",), fallbacks=("Liberation Serif",))
    one = with_roles(profile, spec)
    assert FontSet(one, [project], cache).resolve("latin").requested == "Liberation Serif"
    index_file = next(cache.glob("font-index-*.json"))
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index[str(font)]["faces"][0]["pairs"] = [["Cached Name", "Regular"]]
    index_file.write_text(json.dumps(index), encoding="utf-8")
    assert FontSet(one, [project], cache).resolve("latin").requested == "Cached Name"  # not reread
    stat = font.stat()
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert FontSet(one, [project], cache).resolve("latin").requested == "Liberation Serif"  # reread


def test_metrics_are_cached_on_disk_and_a_bad_copy_is_read_again(tmp_path: Path, profile: Profile):
    cache = tmp_path / "cache"
    key = FontSet(profile, cache_dir=cache).resolve("fangsong").face.key
    first = FontSet(profile, cache_dir=cache)
    assert first.advance_em(first.resolve("fangsong").face.key, "国") == 1.0
    (cached,) = (cache / "metrics").glob(f"{key}-*.json")
    data = json.loads(cached.read_text(encoding="utf-8"))
    assert data["upem"] == 1000 and len(data["codes"]) == len(data["advances"]) > 7000  # GB2312 and more
    cached.write_text('{"upem": 1000, "codes": [1]', encoding="utf-8")  # a truncated copy
    again = FontSet(profile, cache_dir=cache)
    assert again.resolve("fangsong").face.key == key
    assert again.advance_em(key, "国") == 1.0 and again.missing("fangsong", "国") == []
    assert json.loads(cached.read_text(encoding="utf-8")) == data  # written anew


def test_face_for_falls_back_and_warns_once(profile: Profile):
    fonts = FontSet(profile)
    assert fonts.face_for("fangsong", "国") == fonts.resolve("fangsong").face
    assert fonts.missing("fangsong", f"张 {NAME_CHAR}国{NAME_CHAR}") == [NAME_CHAR]
    face = fonts.face_for("fangsong", NAME_CHAR)
    assert face.family == "AR PL UMing CN"
    assert fonts.face_for("fangsong", NAME_CHAR) is face
    assert fonts.face(face.key) is face
    assert len(fonts.warnings) == 1
    assert NAME_CHAR in fonts.warnings[0] and "U+5586" in fonts.warnings[0] and "AR PL UMing CN" in fonts.warnings[0]
    # the Latin role borrows a regular Chinese face, not the bold title face
    assert fonts.face_for("latin", "国").family == "FandolFang"


def test_a_character_no_font_has_is_an_error(fonts: FontSet):
    with pytest.raises(FontError, match=r"fangsong.*U\+10FFFD"):
        fonts.face_for("fangsong", NO_FONT_CHAR)


def test_a_role_without_any_installed_family_is_an_error(profile: Profile):
    spec = FontRoleSpec("fangsong", "仿宋_GB2312", families=("仿宋_GB2312", "No Such Fang"), fallbacks=("Nope Serif",))
    with pytest.raises(FontError) as info:
        FontSet(with_roles(profile, spec)).resolve("fangsong")
    message = str(info.value)
    for part in ("'fangsong'", "仿宋_GB2312", "No Such Fang", "Nope Serif", "提示：", "字体"):
        assert part in message
    with pytest.raises(FontError, match="没有字体角色 'nope'"):
        FontSet(profile).resolve("nope")


def test_metrics(fonts: FontSet):
    fang, latin = fonts.resolve("fangsong").face.key, fonts.resolve("latin").face.key
    assert fonts.advance_em(fang, "国") == 1.0
    assert fonts.advance_em(latin, "1") == 0.5
    low, high = fonts.ink_extent_em(fonts.face_for("songti", "—").key, "—")
    assert 0.15 < low < high < 0.45  # a thin bar near the middle of the em box
    assert fonts.ink_extent_em(latin, " ") == (0.0, 0.0)
    with pytest.raises(FontError, match="no glyph"):
        fonts.advance_em(latin, "国")


def test_fontconfig_aliases_official_names_to_the_resolved_faces(fonts: FontSet):
    text = fonts.fontconfig_xml()
    root = ET.fromstring(text.split("\n", 2)[2])  # after the XML declaration and DOCTYPE
    assert root.find("include").text == "/etc/fonts/fonts.conf"
    assert (
        '<alias binding="same"><family>仿宋_GB2312</family><prefer><family>FandolFang</family></prefer></alias>' in text
    )
    assert '<string>方正小标宋简体</string></test>\n    <edit name="style" mode="assign" binding="strong">' in text
    # FandolSong-Bold and FandolHei-Bold declare weight 400: fontconfig gets copies that say 700
    hidden = {Path(glob.text).name for glob in root.findall("selectfont/rejectfont/glob")}
    assert hidden == {"FandolSong-Bold.otf", "FandolHei-Bold.otf"}
    assert str(fonts.cache_dir.absolute() / "fontconfig") in [d.text for d in root.findall("dir")]


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig tools not installed")
def test_fontconfig_picks_the_same_faces(fonts: FontSet, profile: Profile, tmp_path: Path):
    conf = tmp_path / "fonts.conf"
    conf.write_text(fonts.fontconfig_xml(), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    for role, spec in profile.fonts.items():
        found = subprocess.run(
            ["fc-match", "-f", "%{file}|%{postscriptname}|%{weight}", spec.docx_name],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("|")
        face = fonts.resolve(role).face
        if role == "xiaobiaosong":  # the weight-fixed copy of FandolSong-Bold
            assert Path(found[0]).parent == fonts.cache_dir.absolute() / "fontconfig"
            assert found[1:] == ["FandolSong-Bold", "200"]  # fontconfig's bold
        else:
            assert Path(found[0]) == face.path, role


def test_reportlab_embeds_a_converted_cff_face(fonts: FontSet, tmp_path: Path):
    face = fonts.resolve("fangsong").face
    name = fonts.reportlab_font(face.key)
    assert fonts.reportlab_font(face.key) == name
    ttf, index = fonts.truetype_path(face.key)
    assert ttf.parent.parent == fonts.cache_dir and ttf.suffix == ".ttf" and index == 0
    again = FontSet(fonts.profile)  # the next run reuses the conversion
    assert again.truetype_path(again.resolve("fangsong").face.key) == (ttf, 0)
    text = "国务院办公厅关于印发《通知》的函，2024年"
    pdf = tmp_path / "t.pdf"
    canvas = Canvas(str(pdf))
    canvas.setFont(name, 16)
    canvas.drawString(72, 700, text)
    canvas.save()
    with pdfplumber.open(pdf) as doc:
        assert doc.pages[0].extract_text() == text
        assert {c["fontname"].split("+")[-1] for c in doc.pages[0].chars} == {"FandolFang-Regular"}
