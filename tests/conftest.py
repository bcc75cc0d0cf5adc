"""Shared fixtures: the repository, the standard's profile, the machine's font set, LibreOffice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from officialdoc.fonts import FontSet
from officialdoc.libreoffice import find_soffice
from officialdoc.profile import Profile, load_profile


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
    """The shared material (corpus, repro, spec): $OFFICIALDOC_SHARED, else ../shared beside
    the checkout (as CI has it), else /work/shared. Missing under CI=true is a failure."""
    candidates = [Path(os.environ["OFFICIALDOC_SHARED"])] if os.environ.get("OFFICIALDOC_SHARED") else []
    candidates += [repo_root.parent / "shared", Path("/work/shared")]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    if os.environ.get("CI") == "true":
        pytest.fail(f"shared/ is missing (looked in {', '.join(map(str, candidates))})")
    pytest.skip("shared/ is not available")
