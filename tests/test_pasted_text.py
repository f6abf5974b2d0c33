"""Text pasted from Word: a manual line break is a line break in both files, other control
characters are removed with a waarschuwing, bullets never run together (docs/invoer.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import soffice_to_pdf
from docx import Document
from invoer import regel_van, schrijf, tekst, waarschuwingen
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.text import paragraphs

STUURTEKENS = (
    "de tekst bevat onzichtbare stuurtekens (bijvoorbeeld uit een kopie uit een ander programma); die worden "
    "bij het maken van het verslag weggelaten"
)
BULLETS = "We deden drie dingen:\n    • de training\n    • de meting\n    - de evaluatie"


def met_visie(visie: str) -> str:
    """The small verslag with this visie, written after | (four spaces in)."""
    return tekst().replace("  visie: Veilig en herstelgericht.", "  visie: |\n    " + visie)


def word_paragraph(doc, begin: str):
    return next(p for p in doc.paragraphs if p.text.startswith(begin))


def pdf_text(pad) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pad).pages)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One verslag with a raw Word line break (\\x0b) and U+2028 in the visie, and pasted bullets."""
    tmp = tmp_path_factory.mktemp("geplakt")
    pad = schrijf(tmp, met_visie("Wachtlijst\x0bbeschermd wonen\u2028is opgeheven.\n\n    " + BULLETS))
    verslag = kd.load(pad)
    kd.render_pdf(verslag, tmp / "v.pdf")
    return verslag, kd.render_docx(verslag, tmp / "v.docx"), tmp / "v.pdf", tmp


def test_a_raw_word_line_break_in_the_file_loads_without_a_waarschuwing(rendered):
    verslag, *_ = rendered
    assert verslag.algemene_informatie.visie.startswith("Wachtlijst\x0bbeschermd wonen\u2028is opgeheven.")
    assert waarschuwingen(verslag) == []


def test_the_line_break_is_a_real_line_break_in_word(rendered):
    _, docx, _, _ = rendered
    alinea = word_paragraph(Document(docx), "Wachtlijst")
    assert alinea.text == "Wachtlijst\nbeschermd wonen\nis opgeheven."  # python-docx reads a w:br as "\n"
    assert len(alinea._p.xpath(".//w:br")) == 2


def test_the_line_break_is_a_line_break_in_the_pdf(rendered):
    _, _, pdf, _ = rendered
    text = pdf_text(pdf)
    assert "Wachtlijst\nbeschermd wonen\nis opgeheven." in text
    assert "Wachtlijstbeschermd" not in text


def test_bullet_lines_in_a_text_keep_their_own_lines_in_both_files(rendered):
    _, docx, pdf, _ = rendered
    verwacht = "We deden drie dingen:\n• de training\n• de meting\n- de evaluatie"
    assert word_paragraph(Document(docx), "We deden").text == verwacht
    assert verwacht in pdf_text(pdf)


def test_libreoffice_shows_the_line_breaks_of_the_word_file(rendered):
    _, docx, _, tmp = rendered
    text = pdf_text(soffice_to_pdf(docx, tmp / "lo"))
    assert "Wachtlijst\nbeschermd wonen\nis opgeheven." in text
    assert "• de training\n• de meting" in text


def test_an_escaped_vertical_tab_is_the_same_line_break(tmp_path):
    text = tekst(opgesteld_door='"Wachtlijst\\vbeschermd wonen"')
    verslag = kd.load(schrijf(tmp_path, text))
    assert verslag.opgesteld_door == "Wachtlijst\x0bbeschermd wonen"
    assert kd.render_docx(verslag, tmp_path / "v.docx")
    assert word_paragraph(Document(tmp_path / "v.docx"), "Opgesteld door").text == (
        "Opgesteld door Wachtlijst\nbeschermd wonen"
    )


def test_a_json_file_with_a_raw_line_break_loads_too(tmp_path):
    from conftest import minimaal

    data = minimaal()
    data["opgesteld_door"] = "Wachtlijst\x0bbeschermd wonen"
    pad = tmp_path / "verslag.json"
    pad.write_text(json.dumps(data, ensure_ascii=False).replace("\\u000b", "\x0b"), encoding="utf-8")
    assert "\x0b" in pad.read_text(encoding="utf-8")  # raw, as a hand-edited file has it
    assert kd.load(pad).opgesteld_door == "Wachtlijst\x0bbeschermd wonen"


def test_a_line_separator_does_not_shift_the_line_numbers(tmp_path):
    text = tekst(opgesteld_door="Team\u2028Kwaliteit", aantal="-4")
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(schrijf(tmp_path, text))
    assert info.value.fouten[0].regel == regel_van(text, "forensische_zorg: -4")


# \x07 and \x0c would be a new paragraph and a page break to docxtpl; they are removed before it.
@pytest.mark.parametrize("teken", ["\x07", "\x0c", "\x1b", "\x7f", "\x85", "\x9c", "\ufffe"])
def test_other_control_characters_in_the_file_load_and_are_removed_with_the_waarschuwing(tmp_path, teken):
    verslag = kd.load(schrijf(tmp_path, tekst(opgesteld_door=f"Team{teken} Kwaliteit")))
    assert verslag.opgesteld_door == f"Team{teken} Kwaliteit"
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.melding) == ("opgesteld_door", STUURTEKENS)
    doc = Document(kd.render_docx(verslag, tmp_path / "v.docx"))
    assert word_paragraph(doc, "Opgesteld door").text == "Opgesteld door Team Kwaliteit"


def test_cli_check_of_a_file_with_raw_control_characters_prints_the_waarschuwing(tmp_path):
    pad = schrijf(tmp_path, tekst(opgesteld_door="Team\x0bKwaliteit\x07 en Veiligheid"))
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "check", str(pad)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fouten, 1 waarschuwing" in result.stdout and "stuurtekens" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_example_in_docs_invoer_reads_as_it_says():
    from conftest import ROOT

    doc = (ROOT / "docs" / "invoer.md").read_text(encoding="utf-8")
    voorbeeld = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "terugblik" in b)
    terugblik = yaml.safe_load(voorbeeld)["terugblik"]
    assert paragraphs(terugblik) == [
        "In 2024 openden we locatie #2 in Deventer. Resultaat: twaalf nieuwe plaatsen.",
        "We deden drie dingen:\n- de training\n- de meting",
    ]


def test_cli_render_of_a_file_with_a_raw_line_break_makes_both_files(tmp_path):
    pad = schrijf(tmp_path, tekst(opgesteld_door="Wachtlijst\x0bbeschermd wonen"))
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "render", str(pad), "-o", str(tmp_path / "uit"), "-j", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Wachtlijst\nbeschermd wonen" in pdf_text(tmp_path / "uit" / "verslag.pdf")
    assert word_paragraph(Document(tmp_path / "uit" / "verslag.docx"), "Opgesteld").text.endswith(
        "Wachtlijst\nbeschermd wonen"
    )


# --- several list items pasted into one -------------------------------------------------------------

IN_EEN = (
    "hier staan waarschijnlijk meer punten in één (geplakt uit Word: '•' midden in de regel); zet elk punt op een "
    "eigen regel: in een lijst als '- punt', in een tekst na | op een eigen regel"
)


@pytest.mark.parametrize(
    "punt",
    [
        "• Alle medewerkers volgden de training. - Het aantal separaties daalde.",
        "Alle medewerkers volgden de training. • Het aantal separaties daalde.",
    ],
)
def test_a_list_item_holding_several_pasted_bullets_is_a_waarschuwing(tmp_path, punt):
    verslag = kd.load(schrijf(tmp_path, tekst().replace("successen: [Succes 1.]", f'successen: ["{punt}"]')))
    assert verslag.pijlers[0].successen == (punt,)  # not split: the file says what the verslag says
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.melding) == ("pijlers[0].successen[0]", IN_EEN)


def test_a_bullet_line_glued_to_the_item_above_names_its_line(tmp_path):
    lijst = "successen:\n      - • Alle medewerkers volgden de training.\n        - Het aantal separaties daalde."
    text = tekst().replace("successen: [Succes 1.]", lijst)
    verslag = kd.load(schrijf(tmp_path, text))
    assert verslag.pijlers[0].successen == (
        "• Alle medewerkers volgden de training. - Het aantal separaties daalde.",
    )  # YAML glued the lines together
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.regel) == ("pijlers[0].successen[0]", regel_van(text, "- Het aantal"))
    assert w.melding == (
        "de regel '- Het aantal separaties daalde.' is aan de tekst erboven vastgeplakt (YAML leest ingesprongen "
        "regels als één tekst). Is het een eigen punt, zet het dan recht onder het punt erboven, als '- ...'"
    )


def test_a_dash_inside_a_sentence_is_no_bullet(tmp_path):
    punt = "De wachttijd - gemiddeld zes weken - daalde."
    verslag = kd.load(schrijf(tmp_path, tekst().replace("successen: [Succes 1.]", f"successen: [{punt}]")))
    assert waarschuwingen(verslag) == []
