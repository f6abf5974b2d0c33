"""The PDF's navigation read back with pypdf: bookmarks."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from docx import Document
from pypdf import PdfReader

import kkfz_docs as kd


def norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("tags")
    result = {}
    for f in FIXTURES:
        verslag = kd.load(f)
        kd.render_pdf(verslag, out / f"{f.stem}.pdf")
        kd.render_docx(verslag, out / f"{f.stem}.docx")
        result[f.stem] = verslag, PdfReader(out / f"{f.stem}.pdf"), Document(out / f"{f.stem}.docx")
    return result


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every bookmark, in order."""
    entries = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_bookmark_opens_the_page_that_shows_its_heading(rendered, fixture):
    _, reader, docx = rendered[fixture.stem]
    entries = outline(reader)
    headings = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [title for _, title, _ in entries] == [text for _, text in headings]
    assert [level for level, _, _ in entries] == [int(style[-1]) - 1 for style, _ in headings]  # H2 nested
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    texts = [norm(page.extract_text()) for page in reader.pages]
    last_page, position = 0, 0
    for _, title, page in entries:  # in order: each heading after the one before it
        assert page >= last_page, title
        position = texts[page].index(norm(title), position if page == last_page else 0) + 1
        last_page = page
    assert last_page == len(reader.pages) - 1
