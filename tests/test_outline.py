"""One outline, two files: Word and PDF of every fixture say the same things in the same order."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from docx import Document
from pypdf import PdfReader

from kkfz_docs.render import layout as L
from kkfz_docs.render import outline
from kkfz_docs.render.context import build

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def rendered(rendered_fixtures):
    return {stem: (r.verslag, r.docx, r.pdf) for stem, r in rendered_fixtures.items()}


def norm(text: str) -> str:
    return " ".join(text.split())


def word_blocks(path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph and table cell of the body, in order; cells have style 'cel'."""
    blocks = []
    body = Document(path).element.body
    for p in body.iter(f"{W}p"):
        text = norm("".join(t.text or "" for t in p.iter(f"{W}t")))
        if not text:
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        in_cell = any(a.tag == f"{W}tc" for a in p.iterancestors())
        blocks.append(("cel" if in_cell else (style.get(f"{W}val") if style is not None else "Normal"), text))
    return blocks


def pdf_runs(path) -> list[tuple[float, str]]:
    runs = []
    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: runs.append((round(fs, 1), t)) if t.strip() else None)
    return runs


def pdf_headings(path, size: float) -> list[str]:
    """Texts drawn at a heading's size; a heading that wraps is one text."""
    out, previous = [], None
    for fs, text in pdf_runs(path):
        if fs == size:
            if previous == size:
                out[-1] += " " + text
            else:
                out.append(text)
        previous = fs
    return [norm(t) for t in out]


def pdf_body_text(path, verslag) -> str:
    """The PDF's text without the running header and the page footers."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    koptekst = build(verslag)["koptekst"]
    text = text.replace(koptekst, " ")
    return norm(re.sub(r"Pagina \d+ van \d+", " ", text))


def expected_headings(verslag) -> tuple[list[str], list[str]]:
    """Heading 1 and Heading 2 texts as the outline lays them out for this verslag."""
    h1, h2 = [], []
    for node, scope in outline.walk(outline.DOCUMENT, outline.Scope(build(verslag))):
        if isinstance(node, outline.Chapter):
            h1.append(outline.fill(scope, node.titel))
        elif isinstance(node, outline.Heading):
            h2.append(outline.fill(scope, node.tekst))
    return h1, h2


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_word_and_pdf_have_the_outlines_headings_at_both_levels(rendered, fixture):
    verslag, docx, pdf = rendered[fixture.stem]
    h1, h2 = expected_headings(verslag)
    blocks = word_blocks(docx)
    assert [t for s, t in blocks if s == "Heading1"] == h1
    assert [t for s, t in blocks if s == "Heading2"] == h2
    assert pdf_headings(pdf, L.HEADINGS["h1"][0]) == h1
    assert pdf_headings(pdf, L.HEADINGS["h2"][0]) == h2


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_word_and_pdf_have_the_same_table_headers(rendered, fixture):
    verslag, docx, pdf = rendered[fixture.stem]
    expected = []
    for node, scope in outline.walk(outline.DOCUMENT, outline.Scope(build(verslag))):
        if isinstance(node, outline.Table | outline.CrossTable):
            expected.append([norm(h) for h in outline.fill_table(node, scope).koppen])
    word = [[norm(c.text) for c in table.rows[0].cells] for table in Document(docx).tables]
    assert word == expected
    text = pdf_body_text(pdf, verslag)
    position = 0
    for header in expected:
        found = text.find(" ".join(h for h in header if h), position)
        assert found >= 0, header
        position = found


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_word_text_is_in_the_pdf_in_the_same_order(rendered, fixture):
    verslag, docx, pdf = rendered[fixture.stem]
    text = pdf_body_text(pdf, verslag)
    position = 0
    for _style, block in word_blocks(docx):
        found = text.find(block, position)
        assert found >= 0, f"niet (of niet op volgorde) in de PDF: {block!r}"
        position = found + len(block)


def outline_blocks(verslag) -> list[str]:
    """Every text the outline lays out for this verslag, in order: headings, paragraphs, items, cells."""
    blocks: list[str] = []
    for node, scope in outline.walk(outline.DOCUMENT, outline.Scope(build(verslag))):
        if isinstance(node, outline.Chapter):
            blocks.append(outline.fill(scope, node.titel))
        elif isinstance(node, outline.Heading):
            blocks.append(outline.fill(scope, node.tekst))
        elif isinstance(node, outline.Paragraph):
            blocks.append(outline.fill(scope, node.tekst))
        elif isinstance(node, outline.Paragraphs | outline.Bullets):
            blocks += outline.items(scope, node.pad)
        elif isinstance(node, outline.Table | outline.CrossTable):
            table = outline.fill_table(node, scope)
            for row in [table.koppen, *table.rijen, *([table.totaal] if table.totaal else [])]:
                blocks += row
    return [norm(b) for b in blocks if norm(b)]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_the_word_file_holds_exactly_the_outline_in_order(rendered, fixture):
    verslag, docx, _pdf = rendered[fixture.stem]
    assert [t for _s, t in word_blocks(docx)] == outline_blocks(verslag)
