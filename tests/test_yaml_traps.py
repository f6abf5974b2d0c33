"""YAML's traps, each explained in Dutch with the line and exactly what to type (docs/invoer.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from invoer import enige_fout, regel_van, schrijf, tekst, waarschuwingen

import kkfz_docs as kd
from kkfz_docs.cli import skeleton

WEGGEVALLEN = "zet de tekst tussen aanhalingstekens of gebruik |"


def load(tmp_path, text: str) -> kd.Kwaliteitsverslag:
    return kd.load(schrijf(tmp_path, text))


# --- a comment that cuts a text short ------------------------------------------------------------


def test_a_comment_that_takes_the_whole_terugblik_is_a_waarschuwing_with_the_line(tmp_path):
    text = tekst(terugblik="# In 2025 openden we een tweede locatie.")
    verslag = load(tmp_path, text)
    assert verslag.terugblik == ""
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.regel) == ("terugblik", regel_van(text, "terugblik:"))
    assert w.melding == f"alles na # is weggevallen ('# In 2025 openden we een tweede locatie.'); {WEGGEVALLEN}"


def test_a_hash_in_a_sentence_cuts_it_short_and_says_so(tmp_path):
    verslag = load(tmp_path, tekst(opgesteld_door="We openden locatie #2 in Deventer."))
    assert verslag.opgesteld_door == "We openden locatie"
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.melding) == ("opgesteld_door", f"alles na # is weggevallen ('#2 in Deventer.'); {WEGGEVALLEN}")


def test_a_comment_on_the_line_of_a_text_written_below_is_a_waarschuwing(tmp_path):
    text = tekst().replace("terugblik: Een goed jaar.", "terugblik: # In 2024\n  Een goed jaar.")
    verslag = load(tmp_path, text)
    assert verslag.terugblik == "Een goed jaar."
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.melding) == ("terugblik", f"alles na # is weggevallen ('# In 2024'); {WEGGEVALLEN}")


def test_quoted_text_and_a_bar_keep_the_hash(tmp_path):
    text = tekst(opgesteld_door='"Locatie #2"').replace("terugblik: Een goed jaar.", "terugblik: |\n  Locatie #2.")
    verslag = load(tmp_path, text)
    assert (verslag.opgesteld_door, verslag.terugblik) == ("Locatie #2", "Locatie #2.\n")
    assert waarschuwingen(verslag) == []


def test_a_comment_after_an_empty_field_is_lost_text_however_far_away(tmp_path):
    [w] = waarschuwingen(load(tmp_path, tekst(terugblik="     # In 2025 openden we een locatie.")))
    assert (w.pad, w.melding) == (
        "terugblik",
        f"alles na # is weggevallen ('# In 2025 openden we een locatie.'); {WEGGEVALLEN}",
    )


def test_comments_after_numbers_and_the_notes_of_a_new_file_are_no_trap(tmp_path):
    verslag = load(tmp_path, tekst(aantal="7  # op 31 december", kengetal="10 # uit het dossier"))
    assert waarschuwingen(verslag) == []
    nieuw = kd.load(skeleton(2024, "Stichting De Proeftuin"))  # 'plaats:        # optioneel'
    assert not [b for b in kd.check(nieuw, max_pages=None) if "weggevallen" in b.melding]


# --- tabs, ': ' and '- ' in plain text ------------------------------------------------------------------


def test_a_tab_for_indentation_names_the_line_and_the_fix(tmp_path):
    text = tekst().replace("  plaats: Deventer", "\tplaats: Deventer")
    fout = enige_fout(tmp_path, text)
    assert fout.regel == regel_van(text, "\tplaats")
    assert fout.melding == (
        "de YAML klopt niet: deze regel springt in met een tab; YAML kent alleen spaties. Vervang de tab door "
        "spaties (in de meeste editors: 'tabs omzetten in spaties')"
    )


def test_a_tab_in_a_text_says_to_use_a_space_or_quotes(tmp_path):
    fout = enige_fout(tmp_path, tekst(plaats="Deventer\tOost"))
    assert fout.melding == (
        "de YAML klopt niet: in de tekst op deze regel staat een tab; vervang die door een spatie, of zet de tekst "
        'tussen aanhalingstekens: plaats: "Deventer\tOost"'
    )


def test_a_colon_in_a_text_shows_the_line_with_quotes(tmp_path):
    text = tekst(opgesteld_door="Resultaat: een team van vijf")
    fout = enige_fout(tmp_path, text)
    assert fout.regel == regel_van(text, "Resultaat:")
    assert fout.melding == (
        "de YAML klopt niet: in de tekst staat een dubbele punt met een spatie erna ('Resultaat: '), en dat leest "
        'YAML als een nieuw veld. Zet de tekst tussen aanhalingstekens: opgesteld_door: "Resultaat: een team van vijf"'
    )


def test_a_colon_in_a_list_item_says_to_quote_it(tmp_path):
    text = tekst().replace(
        "successen: [Succes 1.]", "successen:\n      - 'Resultaat: een team'\n      - Resultaat: 97%"
    )
    fout = enige_fout(tmp_path, text)
    assert (fout.pad, fout.regel) == ("pijlers[0].successen[1]", regel_van(text, "- Resultaat: 97%"))
    assert fout.melding == (
        "hier hoort tekst, maar YAML leest 'Resultaat: 97%' als een veld met een waarde (door de dubbele punt met "
        'een spatie erna); zet de tekst tussen aanhalingstekens: "Resultaat: 97%"'
    )


def test_a_text_that_starts_with_a_dash_shows_the_line_with_quotes(tmp_path):
    fout = enige_fout(tmp_path, tekst(opgesteld_door="- Team Kwaliteit"))
    assert fout.melding == (
        "de YAML klopt niet: de tekst begint met '- ', en dat leest YAML als een lijst. Zet de tekst tussen "
        'aanhalingstekens: opgesteld_door: "- Team Kwaliteit"'
    )


def test_a_text_field_written_as_a_list_item_says_to_quote_it(tmp_path):
    fout = enige_fout(tmp_path, tekst().replace("terugblik: Een goed jaar.", "terugblik:\n  - Een goed jaar."))
    assert (fout.pad, fout.melding) == (
        "terugblik",
        "hier hoort tekst, maar YAML leest '- Een goed jaar.' als een lijst (door het streepje met een spatie aan "
        'het begin); zet de tekst tussen aanhalingstekens: "- Een goed jaar."',
    )


@pytest.mark.parametrize(
    ("getypt", "begin"),
    [
        ("@home", "een tekst mag in YAML niet met '@' beginnen."),
        ("`code`", "een tekst mag in YAML niet met '`' beginnen."),
        ("*nieuw* beleid", "een tekst die met '*' of '&' begint, leest YAML als een verwijzing."),
        ("> 18 jaar", "een tekst die met '|' of '>' begint, leest YAML als het begin van een tekst over meer regels."),
        ("!belangrijk", "een tekst die met '!' begint, leest YAML als een soort-aanduiding."),
    ],
)
def test_a_text_that_starts_with_a_yaml_sign_shows_the_line_with_quotes(tmp_path, getypt, begin):
    fout = enige_fout(tmp_path, tekst(opgesteld_door=getypt))
    assert (
        fout.melding == f'de YAML klopt niet: {begin} Zet de tekst tussen aanhalingstekens: opgesteld_door: "{getypt}"'
    )


def test_a_quoted_start_with_more_text_after_it_shows_single_quotes(tmp_path):
    fout = enige_fout(tmp_path, tekst(opgesteld_door='"De Proeftuin" Deventer'))
    assert fout.melding.endswith("opgesteld_door: '\"De Proeftuin\" Deventer'")


def test_text_after_a_bar_on_the_same_line_says_to_move_it_down(tmp_path):
    text = tekst().replace("  visie: Veilig en herstelgericht.", "  visie: | Wij geloven in herstel.")
    fout = enige_fout(tmp_path, text)
    assert fout.regel == regel_van(text, "visie: |")
    assert fout.melding == (
        "de YAML klopt niet: na '|' begint de tekst op de regel eronder, iets verder ingesprongen: schrijf "
        "'visie: |' en zet 'Wij geloven in herstel.' op de volgende regel"
    )


# --- YAML 1.1's yes/no/on/off ----------------------------------------------------------------------


def test_terugblik_no_is_the_text_typed_with_a_waarschuwing(tmp_path):
    verslag = load(tmp_path, tekst(terugblik="no"))
    assert verslag.terugblik == "no"
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.melding) == (
        "terugblik",
        "YAML leest 'no' als ja/nee; het verslag neemt de tekst 'no' over zoals getypt. Zet de tekst tussen "
        "aanhalingstekens (\"no\"), of laat het veld leeg als u 'geen' bedoelt",
    )


def test_a_key_no_is_the_name_typed_not_false(tmp_path):
    text = tekst().replace("      WMO: 25\n", "      WMO: 25\n      No: 3\n")
    verslag = load(tmp_path, text)
    assert verslag.algemene_informatie.clienten.anders_gefinancierd == {"WMO": 25, "No": 3}
    [w] = waarschuwingen(verslag)
    assert (w.pad, w.regel) == ("algemene_informatie.clienten.anders_gefinancierd.No", regel_van(text, "No: 3"))
    assert w.melding == (
        "YAML leest de naam 'No' als ja/nee; het verslag neemt 'No' over zoals getypt. Zet de naam tussen "
        'aanhalingstekens ("No":), dan leest elk programma hem als tekst'
    )


def test_yes_where_a_count_belongs_is_a_fout_naming_the_text(tmp_path):
    fout = enige_fout(tmp_path, tekst(aantal="yes"))
    assert fout.melding == "hier hoort een aantal (een geheel getal, 0 of meer), maar er staat de tekst 'yes'"


# --- dates --------------------------------------------------------------------------------------------


def test_a_date_where_a_quarter_belongs_says_what_to_type(tmp_path):
    text = tekst().replace("wanneer: Q2 2025}]", "wanneer: 2026-06-30}]", 1)
    fout = enige_fout(tmp_path, text)
    assert (fout.pad, fout.regel) == ("pijlers[0].ontwikkelpunten[0].wanneer", regel_van(text, "2026-06-30"))
    assert fout.melding == (
        'hier hoort een jaar of kwartaal, geen datum (2026-06-30); schrijf 2026 of "Q2 2026" (met aanhalingstekens)'
    )


def test_a_date_that_does_not_exist_is_a_fout_with_the_line(tmp_path):
    text = tekst().replace("verslagjaar: 2024\n", "verslagjaar: 2024\nvastgesteld_op: 2026-02-30\n")
    fout = enige_fout(tmp_path, text)
    assert (fout.pad, fout.regel) == ("vastgesteld_op", 2)
    assert fout.melding == "de datum 2026-02-30 bestaat niet: februari 2026 heeft 28 dagen; controleer de dag"


def test_a_date_that_does_not_exist_in_a_text_is_the_text_typed(tmp_path):
    assert load(tmp_path, tekst(terugblik="2026-02-30")).terugblik == "2026-02-30"


def test_cli_check_of_an_impossible_date_prints_the_message_without_a_traceback(tmp_path):
    pad = schrijf(tmp_path, tekst().replace("verslagjaar: 2024\n", "verslagjaar: 2024\nvastgesteld_op: 2026-02-30\n"))
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "check", str(pad)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "vastgesteld_op (regel 2): de datum 2026-02-30 bestaat niet" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
