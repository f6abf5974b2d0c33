"""Web addresses are clickable in the Word file (real hyperlinks) and keep their text."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

import kkfz_docs as kd
from kkfz_docs.render.links import split_links


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Zie https://lindehof.example.", ["https://lindehof.example"]),
        ("(meer op https://a.example/pad?x=1), en", ["https://a.example/pad?x=1"]),
        ("https://nl.wikipedia.org/wiki/Tbs_(maatregel) staat er", ["https://nl.wikipedia.org/wiki/Tbs_(maatregel)"]),
        ("geen adres: http:// of www.voorbeeld.nl", []),
        ("twee: http://a.example en https://b.example!", ["http://a.example", "https://b.example"]),
    ],
)
def test_addresses_are_found_and_the_text_stays_whole(text, links):
    pieces = list(split_links(text))
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, is_url in pieces if is_url] == links


def hyperlinks(path) -> list[tuple[str, str]]:
    doc = Document(path)
    out = []
    for link in doc.element.body.iter(qn("w:hyperlink")):
        text = "".join(t.text for t in link.iter(qn("w:t")))
        out.append((text, doc.part.rels[link.get(qn("r:id"))].target_ref))
    return out


def test_the_website_and_addresses_in_texts_are_hyperlinks_in_word(data, tmp_path):
    data["organisatie"]["website"] = "https://proef.example"
    data["inleiding"] = "Het meerjarenplan staat op https://proef.example/plan.pdf; lees het daar."
    path = kd.render_docx(kd.load(data), tmp_path / "v.docx")
    assert hyperlinks(path) == [
        ("https://proef.example", "https://proef.example"),
        ("https://proef.example/plan.pdf", "https://proef.example/plan.pdf"),
    ]
    texts = [p.text for p in Document(path).paragraphs]
    assert "Het meerjarenplan staat op https://proef.example/plan.pdf; lees het daar." in texts
    link_runs = list(Document(path).element.body.iter(qn("w:hyperlink")))
    assert all(r.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == "Hyperlink" for r in link_runs)


def test_a_text_without_addresses_gets_no_hyperlinks(data, tmp_path):
    path = kd.render_docx(kd.load(data), tmp_path / "v.docx")
    assert hyperlinks(path) == []
