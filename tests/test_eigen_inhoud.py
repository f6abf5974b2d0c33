"""The provider's own content: leeswijzer, paragrafen in four places, own chapters, own thema's."""

from __future__ import annotations

import pytest
from conftest import ROOT
from docx import Document
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.text import iter_texts, paragraphs

RIJK = ROOT / "fixtures" / "d_lindehof.yaml"


@pytest.fixture(scope="module")
def rijk(tmp_path_factory):
    out = tmp_path_factory.mktemp("rijk")
    verslag = kd.load(RIJK)
    return verslag, kd.render_docx(verslag, out / "d.docx"), kd.render_pdf(verslag, out / "d.pdf")


def docx_text(path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_the_rich_fixture_passes_check_without_a_fout():
    assert [b for b in kd.check(RIJK) if b.is_fout] == []


def test_every_text_of_the_rich_fixture_reads_back_from_both_files(rijk):
    verslag, docx, info = rijk
    word, pdf = docx_text(docx), pdf_text(info.pad)
    teksten = [" ".join(a.split()) for pad, t in iter_texts(verslag) if t.strip() for a in paragraphs(t)]
    assert len(teksten) > 60
    assert [t for t in teksten if t not in word] == []
    assert [t for t in teksten if t not in pdf] == []


def test_own_paragrafen_are_headings_one_level_below_their_parent(rijk):
    _, docx, _ = rijk
    styles = {p.text: p.style.name for p in Document(docx).paragraphs}
    assert styles["De organisatie"] == "Heading 2"  # in the Inleiding chapter
    assert styles["Doelgroepen"] == "Heading 2"  # in Algemene informatie
    assert styles["Waarom deze keuzes?"] == "Heading 2"  # in pijler 1
    assert styles["Overige ontwikkelingen"] == "Heading 1"  # an own chapter
    assert styles["Nieuw dossier"] == "Heading 2"  # a paragraaf in the own chapter


def test_an_own_chapter_counts_in_the_page_limit_figures(rijk):
    _, _, info = rijk
    assert "Overige ontwikkelingen" in [s.titel for s in info.secties]
    assert next(s for s in info.secties if s.titel == "Overige ontwikkelingen").woorden > 20


def test_an_own_thema_is_listed_after_the_sectors_thema_s(rijk):
    _, docx, _ = rijk
    table = next(t for t in Document(docx).tables if t.rows[0].cells[0].text == "Thema")
    labels = [row.cells[0].text for row in table.rows[1:]]
    assert labels == [
        "3. Risicogestuurde behandeling/begeleiding",
        "12. Samenwerking in de keten",
        "Huisvesting na uitstroom",
    ]


def test_an_indicator_prints_its_source_and_the_corner_cell_it_was_given(rijk):
    _, docx, info = rijk
    table = next(t for t in Document(docx).tables if t.rows[0].cells[0].text == "Vervolgzorg")
    assert [c.text for c in table.rows[0].cells] == ["Vervolgzorg", "Beschermd wonen", "Ambulante behandeling"]
    assert "Bron: gids prestatie-indicatoren forensische zorg, verslagjaar 2025" in pdf_text(info.pad)


def test_a_table_without_a_corner_cell_leaves_it_empty(data, tmp_path):
    data["prestatie_indicatoren"] = [
        {
            "nummer": "2",
            "naam": "Continuïteit van zorg",
            "toelichting": "Weinig uitstroom.",
            "tabel": {"kolommen": ["Beschermd wonen"], "rijen": [{"label": "Ambulante begeleiding", "waarden": [4]}]},
        }
    ]
    docx = kd.render_docx(kd.load(data), tmp_path / "v.docx")
    assert Document(docx).tables[-1].rows[0].cells[0].text == ""


def findings_at(data, pad):
    return [b for b in kd.check(kd.load(data), max_pages=None) if b.pad == pad]


def test_a_paragraaf_without_a_title_is_a_fout(data):
    data["paragrafen"] = [{"titel": "", "tekst": "Iets."}]
    [b] = findings_at(data, "paragrafen[0].titel")
    assert b.is_fout


def test_an_empty_paragraaf_is_a_warning(data):
    data["algemene_informatie"]["paragrafen"] = [{"titel": "Doelgroepen"}]
    [b] = findings_at(data, "algemene_informatie.paragrafen[0]")
    assert b.niveau is kd.Niveau.WAARSCHUWING and "Doelgroepen" in b.melding


def test_a_paragraaf_with_content_is_fine(data):
    data["pijlers"][0]["paragrafen"] = [{"titel": "Waarom?", "opsomming": ["Omdat het werkt."]}]
    assert [b for b in kd.check(kd.load(data), max_pages=None) if "paragrafen" in b.pad] == []


def nested(depth: int) -> dict:
    paragraaf = {"titel": f"Niveau {depth}", "tekst": "Tekst."}
    for d in range(depth - 1, 0, -1):
        paragraaf = {"titel": f"Niveau {d}", "tekst": "Tekst.", "paragrafen": [paragraaf]}
    return paragraaf


def test_paragrafen_nested_deeper_than_heading_4_are_a_fout(data):
    data["pijlers"][0]["paragrafen"] = [nested(4)]  # heading 2, 3, 4, then 5
    [b] = findings_at(data, "pijlers[0].paragrafen[0]")
    assert b.is_fout and "te diep" in b.melding


def test_paragrafen_down_to_heading_4_are_fine(data):
    data["pijlers"][0]["paragrafen"] = [nested(3)]
    data["hoofdstukken"] = [nested(4)]
    assert [b for b in kd.check(kd.load(data), max_pages=None) if b.is_fout] == []


def test_own_content_can_be_built_in_python_from_plain_values():
    paragraaf = kd.Paragraaf(titel="Wat bindt ons", opsomming=["Samen veilig", "Tweede kans"])
    assert paragraaf.opsomming == ("Samen veilig", "Tweede kans")
    with pytest.raises(kd.WaardeFout, match=r"Paragraaf\.paragrafen"):
        kd.Paragraaf(titel="X", paragrafen="geen lijst van paragrafen")
