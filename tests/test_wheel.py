"""The wheel works anywhere: built from the sources, installed in a fresh virtual environment
outside the checkout, it renders and checks the seed from an empty temporary folder.

For speed the fresh environment borrows the dependencies this test runs with (a .pth file
naming a folder of links to them, without officialdoc itself) instead of downloading them;
``pip check`` proves the wheel's declared dependencies are what it gets. The wheel is built
by pip with build isolation (setuptools from the package index, as any user gets it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.wheel


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, repo_root) -> Path:
    """A wheel built from a copy of the sources (the checkout is left untouched)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(repo_root / name, source / name)
    for name in ("src", "templates"):
        shutil.copytree(
            repo_root / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    dist = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source, cwd=source)
    (built,) = dist.glob("officialdoc-*.whl")
    return built


def test_the_wheel_holds_the_profiles(wheel, repo_root):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.removeprefix("officialdoc/templates/") for n in names if n.startswith("officialdoc/templates/"))
    assert shipped == sorted(p.name for p in (repo_root / "templates").glob("*.yaml"))
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata


def test_installed_wheel_renders_and_checks_the_seed_outside_the_checkout(wheel, tmp_path, repo_root):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path
    )
    deps = tmp_path / "deps"  # this environment's packages, without officialdoc
    deps.mkdir()
    here = Path(sysconfig.get_path("purelib"))
    for entry in here.iterdir():
        if not entry.name.startswith(("officialdoc", "__editable__", "_officialdoc")) and entry.suffix != ".pth":
            (deps / entry.name).symlink_to(entry)
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path).stdout.strip()
    )
    (site / "borrowed-dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "check", cwd=tmp_path)

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(repo_root / "content" / "2021.yaml", work / "doc.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "OFFICIALDOC_FONTS")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    where = _run(python, "-c", "import officialdoc.profile as p; print(p.__file__, p.TEMPLATES_DIR)", cwd=work, env=env)
    module, templates = where.stdout.split()
    assert Path(module).is_relative_to(venv) and Path(templates).is_relative_to(venv), where.stdout
    cli = venv / "bin" / "officialdoc"
    assert _run(cli, "--version", cwd=work, env=env).stdout.strip() == "officialdoc 0.1.0"
    _run(cli, "render", "-q", "doc.yaml", cwd=work, env=env)
    assert sorted(p.name for p in (work / "out").iterdir()) == ["doc.docx", "doc.pdf"]
    checked = _run(cli, "check", "out/doc.pdf", "out/doc.docx", cwd=work, env=env)
    assert checked.stdout.count("未发现问题") == 2, checked.stdout
    fonts = _run(cli, "fonts", cwd=work, env=env)
    assert "源码目录" not in fonts.stdout  # an installed tool has no checkout to look in
