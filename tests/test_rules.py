"""check(): each rule of domain.md section 7 has a test that triggers it and one that does not."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

import kkfz_docs as kd

NA_VERSLAGJAAR = dt.date(2025, 3, 1)


def findings(data, vandaag=NA_VERSLAGJAAR) -> list[kd.Bevinding]:
    return kd.check(kd.load(data), vandaag=vandaag)


def at(data, pad, vandaag=NA_VERSLAGJAAR) -> list[kd.Bevinding]:
    return [b for b in findings(data, vandaag) if b.pad == pad]


def test_minimal_verslag_has_no_findings(data):
    assert findings(data) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_fixture_passes_without_fout(fixture):
    assert [b for b in kd.check(kd.load(fixture)) if b.is_fout] == []


# rule 1: peildatum
def test_other_peildatum_is_a_warning(data):
    data["algemene_informatie"]["clienten"]["peildatum"] = "2024-12-01"
    [b] = at(data, "algemene_informatie.clienten.peildatum")
    assert b.niveau is kd.Niveau.WAARSCHUWING and "31 december 2024" in b.melding


def test_peildatum_31_december_is_fine(data):
    data["algemene_informatie"]["clienten"]["peildatum"] = "2024-12-31"
    assert findings(data) == []


# rule 2: percentage
def test_no_clients_at_all_gives_nvt_warning(data):
    data["algemene_informatie"]["clienten"] = {"forensische_zorg": 0}
    [b] = at(data, "algemene_informatie.clienten")
    assert "n.v.t." in b.melding
    assert kd.load(data).algemene_informatie.clienten.percentage_fz is None


def test_zero_fz_clients_with_other_clients_is_zero_percent_without_warning(data):
    data["algemene_informatie"]["clienten"]["forensische_zorg"] = 0
    assert findings(data) == []
    assert kd.load(data).algemene_informatie.clienten.percentage_fz == 0


def test_unfilled_fz_count_is_a_fout(data):
    data["algemene_informatie"]["clienten"]["forensische_zorg"] = None
    [b] = at(data, "algemene_informatie.clienten.forensische_zorg")
    assert b.is_fout


# rule 3: visie, zorgtypen, beveiligingsniveau
def test_empty_visie_is_a_fout(data):
    data["algemene_informatie"]["visie"] = "  \n"
    [b] = at(data, "algemene_informatie.visie")
    assert b.is_fout and "visie op forensische zorg" in b.melding


def test_no_zorgtype_is_a_fout(data):
    data["algemene_informatie"]["zorgtypen"] = []
    [b] = at(data, "algemene_informatie.zorgtypen")
    assert b.is_fout


def test_clinical_setting_without_beveiligingsniveau_is_a_warning(data):
    data["algemene_informatie"]["zorgtypen"] = [{"setting": "Klinische zorg"}]
    [b] = at(data, "algemene_informatie.zorgtypen[0].beveiligingsniveau")
    assert b.niveau is kd.Niveau.WAARSCHUWING


def test_clinical_setting_with_beveiligingsniveau_is_fine(data):
    data["algemene_informatie"]["zorgtypen"] = [{"setting": "Klinische zorg", "beveiligingsniveau": 2}]
    assert findings(data) == []


# rules 5 and 6: the pijler reflection
def test_empty_algemeen_beeld_is_a_fout(data):
    data["pijlers"][2]["algemeen_beeld"] = ""
    [b] = at(data, "pijlers[2].algemeen_beeld")
    assert b.is_fout and b.melding.startswith("Pijler 3: Organisatie van zorg")


def test_neither_reflectie_nor_successen_is_a_fout(data):
    data["pijlers"][0]["reflectie"] = ""
    data["pijlers"][0]["successen"] = []
    assert any(b.is_fout for b in at(data, "pijlers[0].reflectie"))


def test_successen_alone_count_as_reflection(data):
    data["pijlers"][0]["reflectie"] = ""
    data["pijlers"][0]["doelen"] = [{"titel": "FARE", "gepland": 2024, "status": "behaald"}]
    assert findings(data) == []


def test_empty_successen_and_aandachtspunten_are_warnings(data):
    data["pijlers"][1]["successen"] = []
    data["pijlers"][1]["aandachtspunten"] = []
    found = findings(data)
    assert {(b.pad, b.niveau) for b in found} == {
        ("pijlers[1].successen", kd.Niveau.WAARSCHUWING),
        ("pijlers[1].aandachtspunten", kd.Niveau.WAARSCHUWING),
    }


def test_no_reflection_on_plan_goals_is_a_warning(data):
    data["pijlers"][3]["reflectie"] = ""
    [b] = at(data, "pijlers[3].doelen")
    assert b.niveau is kd.Niveau.WAARSCHUWING and "meerjarenplan" in b.melding


def test_missing_ontwikkelpunten_suggest_an_explicit_line(data):
    data["pijlers"][1]["ontwikkelpunten"] = []
    [b] = at(data, "pijlers[1].ontwikkelpunten")
    assert b.is_fout and "lopende doelen uit het meerjarenplan worden voortgezet" in b.melding


def test_empty_ontwikkelpunt_is_a_fout(data):
    data["pijlers"][1]["ontwikkelpunten"] = [""]
    assert at(data, "pijlers[1].ontwikkelpunten[0].omschrijving")[0].is_fout


# rule 7: prestatie-indicatoren
def test_no_indicators_and_no_nvt_is_a_warning(data):
    del data["prestatie_indicatoren_nvt"]
    [b] = at(data, "prestatie_indicatoren")
    assert b.niveau is kd.Niveau.WAARSCHUWING


def indicator(**extra) -> dict:
    return {
        "nummer": "2",
        "naam": "Continuïteit van zorg",
        "toelichting": "Uitleg.",
        "kengetallen": {"Uitgestroomd": 10},
    } | extra


def test_indicator_with_figures_and_toelichting_is_fine(data):
    data["prestatie_indicatoren"] = [indicator()]
    assert findings(data) == []


def test_indicator_without_toelichting_is_a_fout(data):
    data["prestatie_indicatoren"] = [indicator(toelichting="")]
    assert at(data, "prestatie_indicatoren[0].toelichting")[0].is_fout


def test_indicator_without_figures_is_a_fout(data):
    data["prestatie_indicatoren"] = [indicator(kengetallen={})]
    [b] = at(data, "prestatie_indicatoren[0]")
    assert b.is_fout and "geen cijfers" in b.melding


def test_table_row_must_have_one_value_per_column(data):
    tabel = {
        "kolommen": ["PPC", "BW"],
        "rijen": [{"label": "MO", "waarden": [1]}, {"label": "BW", "waarden": [None, 2]}],
    }
    data["prestatie_indicatoren"] = [indicator(tabel=tabel)]
    [b] = at(data, "prestatie_indicatoren[0].tabel.rijen[0].waarden")
    assert b.is_fout and "1 waarden maar de tabel 2 kolommen" in b.melding


# rule 9: dates
def test_vastgesteld_after_31_may_is_a_warning(data):
    data["vastgesteld_op"] = "2025-06-02"
    [b] = at(data, "vastgesteld_op")
    assert "31 mei 2025" in b.melding


def test_vastgesteld_on_31_may_is_fine(data):
    data["vastgesteld_op"] = "2025-05-31"
    assert findings(data) == []


def test_rendering_before_the_year_ends_is_a_warning(data):
    [b] = at(data, "verslagjaar", vandaag=dt.date(2024, 11, 30))
    assert "nog niet voorbij" in b.melding


def test_verslagjaar_before_the_kkfz_is_a_fout(data):
    data["verslagjaar"] = 2021
    assert any(b.is_fout for b in at(data, "verslagjaar"))


def test_verslagjaar_2022_is_a_partial_year_warning(data):
    data["verslagjaar"] = 2022
    [b] = at(data, "verslagjaar", vandaag=dt.date(2023, 3, 1))
    assert b.niveau is kd.Niveau.WAARSCHUWING and "gedeeltelijk" in b.melding


# rule 11: goals and quarters
def test_ontwikkelpunt_before_the_coming_year_is_a_warning(data):
    data["pijlers"][0]["ontwikkelpunten"][0]["wanneer"] = "Q4 2024"
    [b] = at(data, "pijlers[0].ontwikkelpunten[0].wanneer")
    assert b.niveau is kd.Niveau.WAARSCHUWING


def test_doel_planned_in_the_verslagjaar_without_status_is_a_warning(data):
    data["pijlers"][0]["doelen"] = [{"titel": "FARE", "gepland": "2023-2024"}]
    [b] = at(data, "pijlers[0].doelen[0].status")
    assert "FARE" in b.melding


def test_doel_planned_later_needs_no_status_yet(data):
    data["pijlers"][0]["doelen"] = [{"titel": "FARE", "gepland": "Q1 2026"}]
    assert findings(data) == []


# rules 13 and 14: text
def test_control_characters_are_a_warning_naming_the_field(data):
    data["pijlers"][0]["successen"] = ["Plak\x07uit Word"]
    [b] = at(data, "pijlers[0].successen[0]")
    assert "stuurtekens" in b.melding


def test_a_line_break_pasted_from_word_is_no_control_character(data):
    data["pijlers"][0]["successen"] = ["Plak\x0buit Word\u2028en meer"]
    assert at(data, "pijlers[0].successen[0]") == []


def test_emoji_and_arabic_are_not_control_characters(data):
    data["pijlers"][0]["successen"] = ["Feest 🎉 مرحبا"]
    assert [b for b in findings(data) if "stuurtekens" in b.melding] == []


@pytest.mark.parametrize("note", ["TODO cijfers", "[invullen]", "herformulering nodig", "??? checken"])
def test_leftover_editing_notes_are_a_warning(data, note):
    data["algemene_informatie"]["visie"] = f"Veilig. {note}"
    [b] = at(data, "algemene_informatie.visie")
    assert "werkaantekening" in b.melding


def test_findings_carry_the_yaml_line(tmp_path):
    path = tmp_path / "v.yaml"
    text = FIXTURES[0].read_text(encoding="utf-8").replace("Apeldoorn", "Apeldoorn TODO")
    path.write_text(text, encoding="utf-8")
    [b] = kd.check(kd.load(path))
    line = next(i for i, regel in enumerate(text.splitlines(), 1) if "TODO" in regel)
    assert (b.pad, b.regel) == ("organisatie.plaats", line)


def test_missing_logo_file_is_a_warning(data, tmp_path):
    import yaml

    data["organisatie"]["logo"] = "logo.png"
    path = tmp_path / "v.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    [b] = [b for b in kd.check(kd.load(path), vandaag=NA_VERSLAGJAAR) if b.pad == "organisatie.logo"]
    assert "niet gevonden" in b.melding
    (tmp_path / "logo.png").write_bytes(b"geen plaatje")
    [b] = [b for b in kd.check(kd.load(path), vandaag=NA_VERSLAGJAAR) if b.pad == "organisatie.logo"]
    assert "geen PNG- of JPEG-afbeelding" in b.melding
    from PIL import Image

    Image.new("RGB", (30, 10)).save(tmp_path / "logo.png")
    assert kd.check(kd.load(path), vandaag=NA_VERSLAGJAAR) == []


# The handreiking as written (issue "Real reports fit")
def test_goal_progress_texts_count_as_the_reflection(data):
    pijler = data["pijlers"][0]
    pijler["reflectie"], pijler["successen"] = "", []
    pijler["doelen"] = [{"titel": "FARE invoeren", "gepland": 2024, "status": "behaald", "toelichting": "Sinds maart."}]
    assert [b for b in findings(data) if b.is_fout] == []


def test_goals_without_any_toelichting_are_no_reflection(data):
    pijler = data["pijlers"][0]
    pijler["reflectie"], pijler["successen"] = "", []
    pijler["doelen"] = [{"titel": "FARE invoeren", "gepland": 2024, "status": "behaald"}]
    [b] = at(data, "pijlers[0].reflectie")
    assert b.is_fout and "voortgang van de doelen" in b.melding


def test_a_hundred_percent_because_nothing_else_was_given_is_a_warning(data):
    data["algemene_informatie"]["clienten"]["anders_gefinancierd"] = {}
    [b] = at(data, "algemene_informatie.clienten.anders_gefinancierd")
    assert b.niveau is kd.Niveau.WAARSCHUWING and "100%" in b.melding


def test_a_hundred_percent_with_other_financing_written_as_zero_is_fine(data):
    data["algemene_informatie"]["clienten"]["anders_gefinancierd"] = {"WMO": 0}
    assert findings(data) == []


@pytest.mark.parametrize("status", [None, "in_uitvoering", "uitgesteld", "niet_gestart", "deels_behaald"])
def test_a_goal_planned_before_the_verslagjaar_and_not_reached_is_a_warning(data, status):
    doel = {"titel": "Intervisie", "gepland": "Q4 2023", "toelichting": "Loopt door."}
    if status:
        doel["status"] = status
    data["pijlers"][2]["doelen"] = [doel]
    [b] = at(data, "pijlers[2].doelen[0].status")
    assert b.niveau is kd.Niveau.WAARSCHUWING and "Q4 2023" in b.melding


@pytest.mark.parametrize("status", ["behaald", "vervallen"])
def test_a_goal_planned_before_the_verslagjaar_that_was_reached_or_dropped_is_fine(data, status):
    data["pijlers"][2]["doelen"] = [{"titel": "Intervisie", "gepland": 2023, "status": status}]
    assert findings(data) == []


@pytest.mark.parametrize(
    ("geschreven", "nummer"),
    [
        ("PIJLER 1 - VEILIGHEID EN PERSOONSGERICHTE ZORG", 1),
        ("PIJLER 1 - VEILIGHEID ...", 1),
        ("Pijler 2: Forensisch Vakmanschap", 2),
        ("3. Organisatie van de zorg", 3),
        ("Samenwerking", 4),
        ("PIJLER 5 - INFORMEREN", 5),
        ("Informeren over resultaten", 5),
    ],
)
def test_pijlers_are_read_in_the_spellings_reports_use(data, geschreven, nummer):
    extra = dict(data["pijlers"][0], nummer=5)
    data["pijlers"].append(extra)
    data["pijlers"][nummer - 1]["nummer"] = geschreven
    assert [p.nummer for p in kd.load(data).pijlers_op_volgorde] == [1, 2, 3, 4, 5]


def test_a_pijler_whose_number_and_name_disagree_is_a_fout(data):
    data["pijlers"][1]["nummer"] = "Pijler 2: Veiligheid en persoonsgerichte zorg"
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(data)
    [f] = [f for f in info.value.fouten if f.pad == "pijlers[1].nummer"]
    assert "pijler 2 heet Forensisch vakmanschap" in f.melding and "pijler 1" in f.melding


def test_the_deadline_message_says_ready_and_on_the_website(data):
    data["vastgesteld_op"] = "2025-06-02"
    [b] = at(data, "vastgesteld_op")
    assert "gereed" in b.melding and "op de website" in b.melding


def test_an_own_thema_needs_its_pijler(data):
    data["themas"] = [{"naam": "Huisvesting na uitstroom", "planning": {2025: "I"}}]
    [b] = at(data, "themas[0].pijler")
    assert b.is_fout and "Huisvesting na uitstroom" in b.melding


def test_an_own_thema_with_its_pijler_is_fine(data):
    data["themas"] = [{"naam": "Huisvesting na uitstroom", "pijler": 4, "planning": {2025: "I"}}]
    assert findings(data) == []


def test_a_sector_thema_with_another_name_is_a_fout(data):
    data["themas"] = [{"nummer": 3, "naam": "Risicotaxatie"}]
    [b] = at(data, "themas[0].naam")
    assert b.is_fout and "Risicogestuurde behandeling/begeleiding" in b.melding
