"""Loading content text in tests: the document, or the ContentError the loader raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from officialdoc.errors import ContentError
from officialdoc.load import LoadResult, load_text


def load(text: str) -> LoadResult:
    return load_text(text, Path("doc.yaml"))


def error(text: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        load(text)
    return info.value
