"""Shared fixtures: the repository, the standard's profile, the machine's font set, LibreOffice."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from officialdoc.fonts import FontSet
from officialdoc.layout.engine import layout_document
from officialdoc.layout.result import LaidOutDocument
from officialdoc.libreoffice import find_soffice
from officialdoc.load import load_document
from officialdoc.profile import Profile, load_profile
from seal_images import write_seal_images


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile("gbt9704")


@pytest.fixture(scope="session")
def fontset(profile: Profile) -> FontSet:
    return FontSet(profile)


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice executable; tests that need it are skipped where it is not installed."""
    found = find_soffice()
    if found is None and os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run must install it")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: DOCX layout is not measured")
    return found


@pytest.fixture(scope="session")
def shared_dir(repo_root: Path) -> Path:
    """../shared (the standard's digest, repros, corpus): $OFFICIALDOC_SHARED, <repo>/../shared or /work/shared.

    Under CI a missing shared/ fails the test; elsewhere it is skipped.
    """
    candidates = [Path(os.environ["OFFICIALDOC_SHARED"])] if os.environ.get("OFFICIALDOC_SHARED") else []
    candidates += [repo_root.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail(f"shared/ is missing (looked in {', '.join(map(str, candidates))})")
    pytest.skip("shared/ is not available")


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> Callable[..., LaidOutDocument]:
    """Lays out a copy of a content file (no file rendered), in a folder where the fixtures
    that name seal.png and sign.png find the stand-in images; one font set per profile, shared
    by the test module. Keyword arguments replace fields of the profile's ``headings``."""
    folder = tmp_path_factory.mktemp("layout")
    write_seal_images(folder)
    fontsets: dict[str, FontSet] = {}

    def lay_out(source: Path, **headings: object) -> LaidOutDocument:
        copy = folder / source.name
        copy.write_bytes(source.read_bytes())
        doc = load_document(copy).document
        profile = load_profile(doc.profile)
        fonts = fontsets.setdefault(profile.name, FontSet(profile))
        if headings:
            profile = dataclasses.replace(profile, headings=dataclasses.replace(profile.headings, **headings))
        return layout_document(doc, profile, fonts)

    return lay_out
