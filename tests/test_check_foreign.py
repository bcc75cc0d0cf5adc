"""`officialdoc check` on documents officialdoc did not make (../shared/corpus) and on the
fault reproductions (../shared/repro): never a crash, the page the document has, only what is
true. The facts asserted are those the corpus README lists, measured by hand."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from officialdoc.check import check_file
from officialdoc.check.cli import check
from officialdoc.check.report import Report

HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"\b[a-z]{3,} [a-z]{3,} [a-z]{3,}\b")  # a phrase of English prose


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    folder = shared_dir / "corpus" / "foreign"
    assert folder.is_dir(), folder
    return folder


@pytest.fixture(scope="module")
def reports(corpus: Path) -> dict[str, Report]:
    return {path.name: check_file(path) for path in sorted(corpus.iterdir())}


def rules(report: Report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_every_corpus_file_is_read_without_a_crash(reports):
    assert len(reports) >= 18
    for name, report in reports.items():
        assert report.readable, (name, report.error)
        assert report.internal_error is None, (name, report.internal_error)
        assert report.kind in ("pdf", "docx"), name


def test_the_report_is_in_chinese_notes_included(reports):
    for name, report in reports.items():
        for text in [f.message for f in report.findings] + report.notes:
            assert HAN.search(text), (name, text)
            assert not ENGLISH_WORDS.search(text.lower()), (name, text)


def test_one_fault_is_one_finding(reports):
    """The same rule broken on several pages is one finding listing the pages."""
    for name, report in reports.items():
        found = rules(report)
        for rule in ("PAGE-NUMBER-FORM", "PAGE-NUMBER-SIZE", "PAGE-NUMBER-SIDE", "PAGE-NUMBER-MISSING"):
            assert len(found.get(rule, [])) <= 1, (name, rule)
        assert len(found.get("PAGE-SIZE", [])) <= 1 and len(found.get("DOCX-PAGE-SIZE", [])) <= 1, name


def test_a_docx_whose_footer_has_no_content_type_is_read_by_its_relationship(reports):
    """lh_full.docx: footer2.xml has no content-type override (it crashed the checker)."""
    found = rules(reports["lh_full.docx"])
    assert "DOCX-PAGENUM-FIELD" not in found  # both footers read: the PAGE field is there
    assert "- 1 -" in found["DOCX-PAGENUM-FORM"][0].message  # its hyphens are reported, once


def test_templates_are_read_like_documents(reports):
    for name in ("mr_template.dotx", "lh_table_sign.dotx"):
        assert reports[name].kind == "docx"
    # a cell of a table is never the title (lh_table_sign's "Jose AI" in a 156 pt cell)
    assert "DOCX-TITLE-SIZE" not in rules(reports["lh_table_sign.dotx"])


def test_a_page_without_size_is_one_finding_not_a_cascade(reports):
    """lc_公文模板.docx: no w:pgSz; page number "— PAGE —" in a WPS text box on the outside
    edge; level-1 headings by Word auto-numbering in 黑体."""
    report = reports["lc_公文模板.docx"]
    found = rules(report)
    (size,) = found["DOCX-PAGE-SIZE"]
    assert "未设置纸张大小" in size.message
    assert not {"DOCX-MARGINS", "DOCX-GRID-LINES", "DOCX-GRID-CHARS"} & set(found)
    assert any("不是A4" in note for note in report.notes)
    # the text box's number is read once ("— 1 —", not "— 1 —— 1 —") and on its real side
    assert not {"DOCX-PAGENUM-FORM", "DOCX-PAGENUM-SIDE", "DOCX-PAGENUM-FIELD"} & set(found)
    # the auto-numbered 黑体 headings are headings, not body text in 黑体
    assert "DOCX-FONT-BODY" not in found and "DOCX-FONT-HEADING" not in found


def test_a_letter_page_is_reported_once(reports):
    """kg_from_text.docx and gen_pydocx_default.docx: US Letter; gen_reportlab_letter.pdf too."""
    for name in ("kg_from_text.docx", "gen_pydocx_default.docx"):
        found = rules(reports[name])
        (size,) = found["DOCX-PAGE-SIZE"]
        assert "215.9×279.4" in size.message
        assert not {"DOCX-MARGINS", "DOCX-GRID-LINES", "DOCX-GRID-CHARS"} & set(found), name
    assert "DOCX-PAGENUM-FIELD" not in rules(reports["kg_from_text.docx"])  # '—1—' numbers exist
    found = rules(reports["gen_reportlab_letter.pdf"])
    (size,) = found["PAGE-SIZE"]
    assert size.pages == (1, 2, 3, 4)
    cascade = {"PAGE-NUMBER-MISSING", "PAGE-BLOCK-TOP", "PAGE-BLOCK-BOTTOM", "PAGE-BLOCK-RIGHT", "PAGE-GRID-LINES"}
    assert not cascade & set(found)


def test_a_12pt_pdf_gets_body_font_and_line_break_findings(reports):
    """gen_reportlab_letter.pdf: 12/18 pt STSong-Light not embedded, lines starting with "，"."""
    found = rules(reports["gen_reportlab_letter.pdf"])
    assert any("12磅" in f.message for f in found["PDF-FONT-BODY"])
    assert "PDF-KINSOKU-START" in found
    assert "STSong-Light" in {f.element for f in found["PDF-FONT-EMBED"]}
    assert "18磅" in found["PDF-TITLE-SIZE"][0].message


def test_a_typst_document_flush_left_signature_and_8pt_numbers(reports):
    """gg_govdoc_template.pdf: 8 pt page numbers always right, a flush-left 署名."""
    found = rules(reports["gg_govdoc_template.pdf"])
    assert "8磅" in found["PAGE-NUMBER-SIZE"][0].message
    assert found["PAGE-NUMBER-SIDE"][0].pages == (1, 2)
    assert "页码位置不对" in found["PAGE-NUMBER-SIDE"][0].message
    assert "PDF-SIGN-POS" in found


def test_docx_flush_left_signature_and_cc_in_3hao_are_found_statically(reports):
    """gen_pydocx_default.docx: 署名 flush left above the date (default style, no indent);
    lh_full.docx: 抄送 in 16 pt, its first line at the edge (w:left 320, w:hanging 320)."""
    assert "DOCX-SIGN-POS" in rules(reports["gen_pydocx_default.docx"])
    messages = " ".join(f.message for f in rules(reports["lh_full.docx"])["DOCX-RECORD-CC"])
    assert "字号为16磅" in messages and "左缩进0磅" in messages


def test_a_table_cell_reading_yifa_is_no_record_block(reports):
    for name in ("sw_quarto_example.pdf", "sw_quarto_example-context.pdf"):
        found = rules(reports[name])
        assert not [rule for rule in found if rule.startswith("PDF-RECORD")], name


def test_repeated_heading_numbers_and_headings_in_15_5_pt_are_found(reports):
    """sw_quarto_example.pdf numbers three level-1 headings "一、" and sets them in 15.54 pt."""
    found = rules(reports["sw_quarto_example.pdf"])
    assert "重复" in found["PDF-HEADING-NUMBER"][0].message
    assert any("15.54磅" in f.message for f in found["PDF-FONT-HEADING"])


def test_a_13_page_latex_document_is_measured_page_by_page(reports):
    report = reports["yq_latex_auth_doc.pdf"]
    assert report.pages == 13


def test_large_body_paragraphs_are_no_title(reports):
    """ct_测试文案.docx: a news article whose 22 pt paragraphs are running text."""
    for f in reports["ct_测试文案.docx"].findings:
        assert not f.message.startswith("[DOCX-TITLE-SIZE] 标题字号为22"), f.message


def test_the_cli_checks_every_corpus_file_and_never_exits_as_if_it_crashed(corpus):
    app = typer.Typer(add_completion=False)
    app.command()(check)
    result = CliRunner().invoke(app, [*map(str, sorted(corpus.iterdir())), "--json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["files"]) == len(list(corpus.iterdir()))
    assert all(f["readable"] and f["internal_error"] is None for f in data["files"])


# -- the reproductions: what we make of them checks clean ---------------------------------


REPRO = ("runin", "title_yinfa", "digits_brackets", "heading_foot", "short_qingshi", "seal_over_text")


@pytest.fixture(scope="module")
def repro_outputs(shared_dir: Path, tmp_path_factory, fontset) -> dict[str, tuple[Path, Path]]:
    from officialdoc.api import render_document
    from officialdoc.load import load_document

    folder = tmp_path_factory.mktemp("repro")
    for item in (shared_dir / "repro").iterdir():
        shutil.copy(item, folder / item.name)
    outputs = {}
    for name in REPRO:
        doc = load_document(folder / f"{name}.yaml").document
        (pdf, docx_path), _ = render_document(doc, folder, ["pdf", "docx"], fonts=fontset)
        outputs[name] = (pdf, docx_path)
    return outputs


@pytest.mark.parametrize("name", REPRO)
def test_our_output_of_each_reproduction_checks_clean(repro_outputs, shared_dir, name):
    """runin (run-in headings ending in "："), title_yinfa (a title line ending in 印发) were
    false findings; every reproduction we render must check clean."""
    for path in (*repro_outputs[name], shared_dir / "repro" / f"{name}.yaml"):
        report = check_file(path)
        assert report.internal_error is None, report.internal_error
        assert report.findings == [], (path.name, [f.message for f in report.findings])


def test_libreoffices_rendering_of_the_false_finding_reproductions_checks_clean(repro_outputs, soffice):
    for name in ("runin", "title_yinfa"):
        report = check_file(repro_outputs[name][1], render=True)
        assert report.findings == [], (name, [f.message for f in report.findings])
