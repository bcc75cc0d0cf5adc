"""Every key of every profile in templates/ is read by code: a key nothing reads would let a
clerk change a number and see nothing change (or one output change and not the other)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# sections whose keys are names given by the profile (font roles, styles, colours), not settings
NAMED = {"fonts", "styles", "colors"}
CODE = "\n".join(p.read_text() for p in (ROOT / "src" / "officialdoc").rglob("*.py") if p.name != "profile.py")


def _keys() -> list[tuple[str, str, str]]:
    found = []
    for template in sorted((ROOT / "templates").glob("*.yaml")):
        for section, body in yaml.safe_load(template.read_text()).items():
            if section not in NAMED and isinstance(body, dict):
                found += [(template.name, section, key) for key in body]
    return found


@pytest.mark.parametrize(("template", "section", "key"), _keys())
def test_profile_key_is_read_by_code(template, section, key):
    assert re.search(rf"\.{key}\b", CODE), f"{template}: {section}.{key} is read by no code"
