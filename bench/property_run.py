"""The long property run (issue #13): many random documents through load and layout, a
sample of them through both renderers and LibreOffice.

    .venv/bin/python bench/property_run.py                      # 2000 documents, seed 20261206
    .venv/bin/python bench/property_run.py --examples 500 --seed 7 --libreoffice 10

The strategies and invariants are those of tests/test_property.py (no traceback, every
character in order, nothing past the block edge, PDF and DOCX page counts agree). The seed
makes a run repeatable: a failure is shrunk to a smallest document and printed, and the
same command finds it again. Exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

import test_property  # noqa: E402
from officialdoc.api import render_document, verify_text_complete  # noqa: E402
from officialdoc.errors import OfficialdocError  # noqa: E402
from officialdoc.fonts import FontSet  # noqa: E402
from officialdoc.layout.engine import layout_document  # noqa: E402
from officialdoc.libreoffice import docx_to_pdf  # noqa: E402
from officialdoc.load import load_text  # noqa: E402
from officialdoc.profile import load_profile  # noqa: E402

DEFAULT_SEED = 20261206


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--libreoffice", type=int, default=20, help="documents also converted by LibreOffice")
    args = parser.parse_args()
    profile = load_profile()
    fonts = FontSet(profile)
    counts = {"laid out": 0, "typed error": 0, "page counts compared": 0}
    sample = random.Random(args.seed)
    share = args.libreoffice / max(1, args.examples)
    workdir = Path(tempfile.mkdtemp(prefix="property-run-"))

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(test_property.documents())
    def run(doc: dict) -> None:
        text = test_property.to_yaml(doc)
        try:
            loaded = load_text(text, workdir / "random.yaml").document
            laid_out = layout_document(loaded, profile, fonts)
            verify_text_complete(laid_out)
        except OfficialdocError:
            counts["typed error"] += 1
            return
        counts["laid out"] += 1
        edge = test_property.past_the_edge(laid_out)
        assert not edge, f"past the block edge: {edge}\n{text}"
        if counts["page counts compared"] < args.libreoffice and sample.random() < share * 2:
            counts["page counts compared"] += 1
            (pdf, docx), _ = render_document(loaded, workdir, ["pdf", "docx"], fonts=fonts)
            (converted,) = docx_to_pdf([docx], workdir / "lo", fonts.fontconfig_xml())
            import pypdf

            ours, theirs = len(pypdf.PdfReader(pdf).pages), len(pypdf.PdfReader(converted).pages)
            assert ours == theirs, f"PDF {ours} pages, LibreOffice {theirs}\n{text}"

    try:
        run()  # a failure is shrunk by hypothesis to a smallest example, printed below
    except Exception:
        traceback.print_exc()
        print(f"seed {args.seed}: FAILED (the smallest failing document is above)")
        return 1
    print(f"seed {args.seed}: " + ", ".join(f"{key} {value}" for key, value in counts.items()) + ", no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
