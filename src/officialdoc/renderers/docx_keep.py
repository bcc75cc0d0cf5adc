"""§7.3.5.5 in the DOCX: a paragraph whose last lines went over with the signature.

Word and LibreOffice cannot be told to carry "the last two lines" of a paragraph: with keep
with next, LibreOffice moves the whole paragraph and Word only its last line (widow control,
which would make it two, is off because the layout splits paragraphs anywhere); a page break
inside the paragraph makes LibreOffice set the text after it at another character spacing.
So the paragraph is written as two where the layout carried it: the first part justifies its
last line too (``distribute``: it is a full line in the layout), the second continues without
a first-line indent, kept together and with the signature, and goes over with it. Measured in
LibreOffice: every line where the PDF has it (tests/test_signature.py).
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from . import docx_xml as X


def split_paragraph(paragraph: DocxParagraph, offset: int) -> DocxParagraph:
    """Split ``paragraph`` before character ``offset`` of its text; returns the second part."""
    p = paragraph._p
    second = copy.deepcopy(p)
    for element in list(second):  # its properties only
        if element.tag != qn("w:pPr"):
            second.remove(element)
    ppr = second.find(qn("w:pPr"))
    if ppr is not None:
        for tag in ("w:outlineLvl", "w:sectPr"):
            for element in ppr.findall(qn(tag)):
                ppr.remove(element)
    at = 0
    for run in p.findall(qn("w:r")):
        texts = run.findall(qn("w:t"))
        length = sum(len(t.text or "") for t in texts)
        if at >= offset:
            p.remove(run)
            second.append(run)
        elif at + length > offset:
            if len(texts) != 1:
                raise ValueError("a run split by §7.3.5.5 holds exactly one text")
            tail = copy.deepcopy(run)
            cut = offset - at
            tail.find(qn("w:t")).text = texts[0].text[cut:]
            texts[0].text = texts[0].text[:cut]
            for t in (texts[0], tail.find(qn("w:t"))):
                t.set(qn("xml:space"), "preserve")
            second.append(tail)
        at += length
    for end in p.findall(qn("w:bookmarkEnd")):  # a 目录's bookmark ends after the text (docx_forms)
        p.remove(end)
        second.append(end)
    p.addnext(second)
    part = DocxParagraph(second, paragraph._parent)
    X.set_indent(X.ppr(second), first_line=0, first_line_chars=0)
    X.set_jc(X.ppr(p), "distribute")
    return part
