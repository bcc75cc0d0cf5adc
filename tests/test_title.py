"""Title line breaking (§7.3.1): trapezoid or diamond, never a rectangle or an hourglass,
never inside 《》 or a number; explicit breaks kept; every line centred."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officialdoc.api import render_document
from officialdoc.layout import title
from officialdoc.layout.measure import clusters, shape, span_pt, text_span_mm
from officialdoc.layout.title import break_title
from officialdoc.load import load_text
from officialdoc.profile import mm_to_pt
from pdfmeasure import MM, read_pdf

LONG = [
    "关于印发《台山市大江镇2021年法治政府建设工作要点》的通知",  # the name is longer than a line
    "台山市大江镇人民政府关于进一步加强和改进全镇法治宣传教育工作推进依法治镇的实施意见",
    "关于转发《广东省人民政府办公厅关于进一步加强基层法治建设的若干意见》的通知",
    "关于印发《大江镇法治宣传教育实施方案》的通知",
]
SHORT_NAMES = {LONG[3]}


def widths(lines, profile, fontset):
    return [text_span_mm(line, profile.style("title"), profile, fontset) for line in lines]


@pytest.mark.parametrize("title", LONG)
def test_long_titles_break_into_a_trapezoid_or_diamond(title, profile, fontset):
    lines = break_title(title, profile.style("title"), profile, fontset)
    assert len(lines) >= 2 and "".join(lines) == title
    w = widths(lines, profile, fontset)
    assert max(w) <= profile.page.block_width_mm + 1e-6
    steps = [b - a for a, b in itertools.pairwise(w)]
    assert any(abs(s) > 0.7 for s in steps), "rectangle"
    if len(w) >= 3:
        assert not (w[1] < w[0] and w[1] < w[2]), "hourglass"
    for a, b in itertools.pairwise(lines):  # a number or a word of the list is never split
        assert not (a[-1].isdigit() and b[0].isdigit())
        for word in profile.title.unbreakable_words:
            assert not any(a.endswith(word[:k]) and b.startswith(word[k:]) for k in range(1, len(word)))
    if title in SHORT_NAMES:  # a book title that fits on a line stays whole
        assert all(line.count("《") == line.count("》") for line in lines)


def test_an_explicit_break_is_kept(profile, fontset):
    assert break_title("关于做好\n法治建设工作的通知", profile.style("title"), profile, fontset) == [
        "关于做好",
        "法治建设工作的通知",
    ]


def test_title_lines_are_centred_in_the_pdf(tmp_path, profile, fontset):
    doc = load_text(f"title: {LONG[1]}\nbody: [正文。]\n", Path("t.yaml")).document
    (pdf,), _ = render_document(doc, tmp_path, ["pdf"], fonts=fontset)
    measured = read_pdf(pdf)
    titles = [line for line in measured.lines if 22.0 in line.sizes]
    assert len(titles) >= 2
    centre = profile.page.block_left + profile.page.block_width_mm / 2
    for line in titles:
        assert (line.x0 + line.x1) / 2 == pytest.approx(centre, abs=0.2)
    assert titles[1].baseline - titles[0].baseline == pytest.approx(profile.line_pitch_mm, abs=0.01)
    assert measured.lines[0].top * MM > 0


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("关于印发马鬃山村秋冬季森林防火配套措施的通知", ("马鬃山村", "秋冬季", "配套")),
        ("台山市大江镇人民政府关于做好2022年秋冬季森林防火和配套设施建设工作的通知", ("秋冬季", "配套")),
        ("台山市大江镇人民政府关于进一步加强和改进全镇法治宣传教育工作推进依法治镇的实施意见", ("进一步", "教育")),
    ],
)
def test_a_title_never_breaks_inside_a_word(title, words, profile, fontset):
    lines = break_title(title, profile.style("title"), profile, fontset)
    assert len(lines) >= 2 and "".join(lines) == title
    for a, b in itertools.pairwise(lines):
        for word in words:
            assert not any(a.endswith(word[:k]) and b.startswith(word[k:]) for k in range(1, len(word)))


@pytest.mark.parametrize("length", [100, 200])
def test_long_titles_break_in_bounded_work(length, profile, fontset):
    """Was itertools.combinations over all breaks: 80 characters took 52 s, 100 never ended."""
    title = ("关于印发台山市大江镇人民政府法治建设工作要点的通知" * 10)[:length]
    lines = break_title(title, profile.style("title"), profile, fontset)
    assert "".join(lines) == title
    assert max(widths(lines, profile, fontset)) <= profile.page.block_width_mm + 1e-6


def _exhaustive(items, allowed, preferred, limit, width):
    """The search the dynamic programming replaced: every combination of breaks, fewest lines first."""
    for count in range(2, len(allowed) + 2):
        best = None
        for cuts in itertools.combinations(allowed, count - 1):
            w = [width(a, b) for a, b in itertools.pairwise((0, *cuts, len(items)))]
            signs = [0 if abs(b - a) < title.EQUAL_PT else (1 if b > a else -1) for a, b in itertools.pairwise(w)]
            peak = signs.index(-1) if -1 in signs else len(signs)
            shape_ok = any(signs) and all(s >= 0 for s in signs[:peak]) and all(s <= 0 for s in signs[peak:])
            if max(w) > limit or not shape_ok:
                continue
            score = max(w) - min(w) - title.PREFERRED_BONUS_PT * sum(c in preferred for c in cuts)
            if best is None or score < best[0]:
                best = (score, cuts)
        if best is not None:
            edges = (0, *best[1], len(items))
            return ["".join(c.text for c in items[a:b]) for a, b in itertools.pairwise(edges)]
    return None


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(st.sampled_from("关于印发台山市大江镇人民政府法治建设工作要点的通知和《》2021、"), min_size=21, max_size=44)
)
def test_the_dynamic_programme_finds_what_the_exhaustive_search_found(profile, fontset, text):
    items = clusters(shape(text, profile.style("title"), "title", fontset, profile.grid.han_latin_space_em), ())
    width = functools.cache(lambda a, b: span_pt([g for c in items[a:b] for g in c.glyphs], 0.0))
    allowed = title._breakable(items, profile, inside_pairs=True, inside_words=True)
    preferred = title._preferred(items, profile)
    limit = mm_to_pt(profile.page.block_width_mm)
    assert title._balanced(items, allowed, preferred, limit, width) == _exhaustive(
        items, allowed, preferred, limit, width
    )
