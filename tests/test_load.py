"""load(): every way the input can be wrong is reported in Dutch, with path and line."""

from __future__ import annotations

import json

import pytest
import yaml

import kkfz_docs as kd
from kkfz_docs.values import Pijler


def fouten(source) -> list[kd.Invoerfout]:
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(source)
    return info.value.fouten


def only(source) -> kd.Invoerfout:
    found = fouten(source)
    assert len(found) == 1, found
    return found[0]


def write_yaml(tmp_path, data, name="verslag.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_minimal_verslag_loads_from_a_dict(data):
    verslag = kd.load(data)
    assert verslag.organisatie.naam == "Stichting Proef"
    assert [p.nummer for p in verslag.pijlers] == [Pijler(1), Pijler(2), Pijler(3), Pijler(4)]


def test_loads_yaml_and_json_files_alike(tmp_path, data):
    yaml_file = write_yaml(tmp_path, data)
    json_file = tmp_path / "verslag.json"
    json_file.write_text(json.dumps(data), encoding="utf-8")
    assert kd.load(yaml_file) == kd.load(json_file) == kd.load(str(yaml_file))


def test_loads_yaml_text(data):
    assert kd.load(yaml.safe_dump(data, allow_unicode=True)) == kd.load(data)


def test_peildatum_defaults_to_31_december_of_the_verslagjaar(data):
    import datetime as dt

    assert kd.load(data).peildatum == dt.date(2024, 12, 31)


def test_percentage_fz_is_computed_from_counts(data):
    data["algemene_informatie"]["clienten"] = {
        "forensische_zorg": 35,
        "anders_gefinancierd": {"WLZ": 40, "WMO": 9, "Zvw": 76},
    }
    assert kd.load(data).algemene_informatie.clienten.percentage_fz == pytest.approx(21.875)


def test_unknown_key_suggests_the_field_meant(data):
    data["pijlers"][1]["ontwikkelpunt"] = data["pijlers"][1].pop("ontwikkelpunten")
    found = fouten(data)
    assert found[0].pad == "pijlers[1].ontwikkelpunt"
    assert "onbekend veld; bedoelt u ontwikkelpunten?" in found[0].melding


def test_unknown_key_without_close_match_lists_the_fields(data):
    data["organisatie"]["kvk"] = "12345678"
    fout = only(data)
    assert fout.pad == "organisatie.kvk"
    assert "hier passen: naam, plaats, website, logo" in fout.melding


def test_missing_required_field_is_named(data):
    del data["organisatie"]["naam"]
    fout = only(data)
    assert (fout.pad, fout.melding) == ("organisatie.naam", "dit veld is verplicht maar ontbreekt; vul het in")


def test_text_where_a_number_belongs(data):
    data["algemene_informatie"]["clienten"]["anders_gefinancierd"]["WMO"] = "vijfentwintig"
    fout = only(data)
    assert fout.pad == "algemene_informatie.clienten.anders_gefinancierd.WMO"
    assert "hier hoort een aantal" in fout.melding and "'vijfentwintig'" in fout.melding


def test_negative_count_is_refused(data):
    data["algemene_informatie"]["clienten"]["forensische_zorg"] = -1
    assert "kan niet negatief zijn" in only(data).melding


def test_true_is_not_a_count(data):
    data["algemene_informatie"]["clienten"]["forensische_zorg"] = True
    assert "(ja/nee)" in only(data).melding


@pytest.mark.parametrize(
    ("score", "woorden"),
    [
        (5, "buiten de schaal"),
        (-1, "buiten de schaal"),
        (2.5, "geen heel getal"),
        ("2,5", "geen heel getal"),
        (True, "score 0, 1, 2, 3 of 4"),
        ("drie", "score 0, 1"),
    ],
)
def test_pdca_score_must_be_a_whole_number_0_to_4(data, score, woorden):
    data["spinnenweb"] = {"scores": {1: score, 2: 2, 3: 2, 4: 2, 5: 2}}
    fout = only(data)
    assert fout.pad == "spinnenweb.scores[1]"
    assert woorden in fout.melding


def test_missing_spinnenweb_axis_is_an_error_not_zero(data):
    data["spinnenweb"] = {"scores": {1: 1, 2: 2, 3: 2, 4: 2}}
    fout = only(data)
    assert fout.pad == "spinnenweb.scores"
    assert "pijler 5 ontbreekt" in fout.melding


def test_spinnenweb_keys_from_json_text_are_read_as_pijlers(data):
    data["spinnenweb"] = {"scores": {"1": 1, "2": 2, "3": 2, "4": 2, "5": 0}}
    assert kd.load(json.loads(json.dumps(data))).spinnenweb.scores[Pijler(5)] == 0


def test_missing_pijler_is_named(data):
    del data["pijlers"][2]
    fout = only(data)
    assert fout.pad == "pijlers"
    assert "pijler 3 (Organisatie van zorg) ontbreekt" in fout.melding


def test_pijler_twice_is_refused(data):
    data["pijlers"][3]["nummer"] = 1
    assert "pijler 1 staat er meer dan één keer in" in only(data).melding


def test_pijler_may_be_named_by_an_alias(data):
    data["pijlers"][1]["nummer"] = "Forensische vakmanschap"
    assert kd.load(data).pijlers[1].titel == "Pijler 2: Forensisch vakmanschap"


def test_pijler_5_reflection_is_optional_and_sorted_last(data):
    extra = dict(data["pijlers"][0], nummer=5)
    data["pijlers"].insert(0, extra)
    assert [p.nummer for p in kd.load(data).pijlers_op_volgorde] == [1, 2, 3, 4, 5]


def test_thema_outside_the_catalogue(data):
    data["themas"] = [{"nummer": 15}]
    fout = only(data)
    assert fout.pad == "themas[0].nummer" and "1 tot en met 14" in fout.melding


def test_thema_planning_letter(data):
    data["themas"] = [{"nummer": 3, "planning": {2025: "X"}}]
    assert "I (implementatie) of M (monitoren)" in only(data).melding


def test_beveiligingsniveau_outside_1_to_4(data):
    data["algemene_informatie"]["zorgtypen"][0]["beveiligingsniveau"] = 5
    assert "kies 1, 2, 3 of 4" in only(data).melding


@pytest.mark.parametrize("wanneer", ["begin 2025", "Q5 2025", "2026-2025"])
def test_wanneer_must_be_a_year_or_quarter(data, wanneer):
    data["pijlers"][0]["ontwikkelpunten"][0]["wanneer"] = wanneer
    fout = only(data)
    assert fout.pad == "pijlers[0].ontwikkelpunten[0].wanneer"


def test_doel_status_lists_the_choices(data):
    data["pijlers"][0]["doelen"] = [{"titel": "FARE", "gepland": 2024, "status": "klaar"}]
    assert "kies uit: behaald, deels_behaald" in only(data).melding


def test_doel_status_is_tolerant_of_spaces_and_case(data):
    data["pijlers"][0]["doelen"] = [{"titel": "FARE", "gepland": 2024, "status": "Deels behaald"}]
    assert kd.load(data).pijlers[0].doelen[0].status is kd.DoelStatus.DEELS_BEHAALD


def test_bad_date(data):
    data["vastgesteld_op"] = "20 mei 2025"
    assert "een datum als 2025-05-20" in only(data).melding


def test_list_where_a_mapping_belongs(data):
    data["organisatie"] = ["Stichting Proef"]
    fout = only(data)
    assert fout.pad == "organisatie" and "er staat een lijst" in fout.melding


def test_mapping_where_a_list_belongs(data):
    data["pijlers"][0]["doelen"] = {"titel": "FARE"}
    assert "hier hoort een lijst" in only(data).melding


def test_ontwikkelpunt_may_be_a_plain_line(data):
    data["pijlers"][0]["ontwikkelpunten"] = ["Meer intervisie."]
    assert kd.load(data).pijlers[0].ontwikkelpunten[0].omschrijving == "Meer intervisie."


def test_empty_yaml_fields_become_empty_text_and_lists(tmp_path):
    path = tmp_path / "leeg.yaml"
    path.write_text(
        "verslagjaar: 2024\norganisatie:\n  naam:\nalgemene_informatie:\npijlers:\n"
        + "".join(f"  - nummer: {n}\n    successen:\n" for n in (1, 2, 3, 4)),
        encoding="utf-8",
    )
    verslag = kd.load(path)
    assert verslag.organisatie.naam == ""
    assert verslag.pijlers[0].successen == ()


def test_five_independent_mistakes_are_all_reported_with_lines(tmp_path):
    path = tmp_path / "vijf.yaml"
    path.write_text(
        "verslagjaar: 2024\n"  # 1
        "organisatie:\n"  # 2
        "  naam: Stichting Proef\n"  # 3
        "algemene_informatie:\n"  # 4
        "  visie: Veilig.\n"  # 5
        "  zorgtypen: [{setting: Ambulant}]\n"  # 6
        "  clienten:\n"  # 7
        "    forensische_zorg: -4\n"  # 8  negative count
        "    anders_gefinancierd:\n"  # 9
        "      WMO: twaalf\n"  # 10 text where a number belongs
        "pijlers:\n"  # 11 pijler 4 missing
        "  - nummer: 1\n"  # 12
        "    ontwikelpunten: [Meer intervisie]\n"  # 13 misspelt key
        "  - nummer: 2\n"  # 14
        "  - nummer: 3\n"  # 15
        "spinnenweb:\n"  # 16
        "  scores: {1: 5, 2: 1, 3: 1, 4: 1, 5: 1}\n",  # 17 score 5
        encoding="utf-8",
    )
    found = {(f.pad, f.regel) for f in fouten(path)}
    assert found == {
        ("algemene_informatie.clienten.forensische_zorg", 8),
        ("algemene_informatie.clienten.anders_gefinancierd.WMO", 10),
        ("pijlers[0].ontwikelpunten", 13),
        ("pijlers", 11),
        ("spinnenweb.scores[1]", 17),
    }


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("verslagjaar: 2024\norganisatie:\n  naam: [Stichting\n", encoding="utf-8")
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(path)
    assert info.value.leesbaar is False
    assert info.value.fouten[0].regel is not None
    assert "de YAML klopt niet" in info.value.fouten[0].melding


def test_json_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"verslagjaar": 2024,\n "organisatie": }', encoding="utf-8")
    fout = only(path)
    assert fout.regel == 2 and "geen geldige JSON" in fout.melding


@pytest.mark.parametrize(
    ("content", "woorden"),
    [
        (b"", "het bestand is leeg"),
        (b"# alleen commentaar\n", "het bestand is leeg"),
        (b"- een\n- lijst\n", "bevat geen verslag"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "geen tekstbestand"),
        ("verslagjaar: 2024\nnaam: Caf\xe9\n".encode("latin-1"), "UTF-8"),
        (b"a: &x [1, 2]\nb: *x\n", "YAML-verwijzing"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path, content, woorden):
    path = tmp_path / "verslag.yaml"
    path.write_bytes(content)
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(path)
    assert info.value.leesbaar is False
    assert woorden in str(info.value)


def test_missing_file(tmp_path):
    assert "bestaat niet" in only(tmp_path / "weg.yaml").melding


def test_oversized_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"# " + b"x" * (6 * 1024 * 1024))
    assert "MB" in only(path).melding


def test_error_message_lists_every_problem(data):
    del data["pijlers"][0]
    data["verslagjaar"] = "2024"
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(data)
    text = str(info.value)
    assert text.startswith("2 fouten in de invoer:")
    assert "verslagjaar: hier hoort een geheel getal" in text


@pytest.mark.parametrize("key", ["m²", "²", "١٢", "Ⅻ", "0\x1f", " 7 "])
def test_keys_that_look_like_digits_to_python_load(tmp_path, data, key):
    data["algemene_informatie"]["omzet"] = {key: 100}
    path = write_yaml(tmp_path, data)
    assert str(next(iter(kd.load(path).algemene_informatie.omzet))) == key


def test_pijler_named_by_a_superscript_digit_is_a_clear_error(data):
    data["pijlers"][0]["nummer"] = "²"
    assert "geen pijler" in fouten(data)[0].melding
