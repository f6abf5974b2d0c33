"""The annual cycle: a verslag that follows its meerjarenplan, last year beside this year, and next year's
file started from this year's with `kkfz-docs new --van`.

The fixtures in fixtures/veerhuis are copied to a temporary folder for every test that changes
them: the links between the files are relative paths.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, minimaal
from docx import Document
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.jaarcyclus import markering

VEERHUIS = ROOT / "fixtures" / "veerhuis"
VERSLAG = VEERHUIS / "kwaliteitsverslag-2024.yaml"
VORIG = VEERHUIS / "kwaliteitsverslag-2023.yaml"
PLAN = VEERHUIS / "meerjarenplan-2023-2026.yaml"
VANDAAG = dt.date(2026, 3, 1)


def norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture
def map_(tmp_path) -> Path:
    """A copy of the provider's folder: plan and verslagen over 2023 and 2024."""
    shutil.copytree(VEERHUIS, tmp_path / "veerhuis")
    return tmp_path / "veerhuis"


def edit(path: Path, change) -> Path:
    """Change a YAML file's data and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def findings(path: Path) -> list[kd.Bevinding]:
    return kd.check(path, vandaag=VANDAAG, max_pages=None)


def at(path: Path, pad: str) -> list[kd.Bevinding]:
    return [b for b in findings(path) if b.pad == pad]


def doelen_van(pijler: int):
    def change(data):
        return next(p for p in data["pijlers"] if p["nummer"] == pijler)["doelen"]

    return change


# --- the verslag follows its plan ------------------------------------------------------------------


def test_the_linked_fixtures_load_their_plan_and_last_year_and_have_no_findings():
    verslag = kd.load(VERSLAG)
    assert isinstance(verslag.plan, kd.Meerjarenplan) and verslag.vorig.verslagjaar == 2023
    assert verslag.vorig.plan is None  # linked files are read one level deep
    assert kd.check(VERSLAG) == [] and kd.check(VORIG) == []


def test_a_doel_naming_a_speerpunt_takes_titel_and_gepland_from_the_plan(tmp_path):
    verslag = kd.load(VERSLAG)
    assert verslag.pijlers[0].doelen[0].titel == ""  # the file names only the code
    word = kd.render_docx(verslag, tmp_path / "v.docx")
    rows = [[norm(c.text) for c in r.cells] for t in Document(word).tables for r in t.rows]
    assert ["1.1 Werken volgens RNR en Good Lives Model", "Q4 2023", "Behaald"] == rows[
        rows.index(next(r for r in rows if r[0].startswith("1.1 ")))
    ][:3]
    assert ["1.3 Leefklimaat meten op beide woonlocaties", "2024-2025", "In uitvoering"] == next(
        r for r in rows if r[0].startswith("1.3 ")
    )[:3]
    pdf = kd.render_pdf(verslag, tmp_path / "v.pdf")
    text = norm(" ".join(p.extract_text() for p in PdfReader(pdf.pad).pages))
    assert re.search(r"2\.1 Drie modules forensische leerlijn per medewerker Q4 2024 Deels behaald", text)


def test_each_pijler_shows_the_plans_goals_with_deadline_and_status(tmp_path):
    verslag = kd.load(VERSLAG)
    word = Document(kd.render_docx(verslag, tmp_path / "v.docx"))
    shown = {norm(r.cells[0].text).split()[0] for t in word.tables for r in t.rows[1:]}
    reported = {d.speerpunt for p in verslag.pijlers for d in p.doelen}
    assert reported <= shown and len(reported) == 8


def test_a_doel_with_its_own_titel_keeps_it(map_):
    edit(map_ / VERSLAG.name, lambda d: doelen_van(1)(d)[0].update(titel="RNR in alle teams"))
    assert kd.load(map_ / VERSLAG.name).pijlers[0].doelen[0].titel == "RNR in alle teams"


def test_an_unknown_speerpunt_code_is_a_fout_that_stops_the_render(map_):
    pad = edit(map_ / VERSLAG.name, lambda d: doelen_van(2)(d)[0].update(speerpunt="2.9"))
    [b] = at(pad, "pijlers[1].doelen[0].speerpunt")
    assert b.is_fout and "2.9" in b.melding and "2.1, 2.2, 2.3" in b.melding and b.regel is not None
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "render", pad, "-o", map_ / "uit"], capture_output=True, text=True
    )
    assert result.returncode == 1 and not (map_ / "uit" / "kwaliteitsverslag-2024.pdf").exists()


def test_a_known_speerpunt_code_is_fine(map_):
    assert at(map_ / VERSLAG.name, "pijlers[1].doelen[0].speerpunt") == []


def test_a_speerpunt_without_a_plan_is_a_fout(data):
    data["pijlers"][0]["doelen"] = [{"speerpunt": "1.1", "status": "behaald"}]
    [b] = [b for b in kd.check(kd.load(data), max_pages=None) if b.pad == "pijlers[0].doelen[0].speerpunt"]
    assert b.is_fout and "meerjarenplan:" in b.melding


def test_a_due_speerpunt_left_out_is_a_warning_listed_per_pijler(map_):
    def change(d):
        doelen_van(1)(d).pop(1)  # 1.2, due Q2 2024
        del doelen_van(2)(d)[:]  # 2.1 (Q4 2024) and 2.3 (Q1 2024)

    pad = edit(map_ / VERSLAG.name, change)
    [een] = at(pad, "pijlers[0].doelen")
    assert not een.is_fout and "1.2 Herbeoordeling van de risicotaxatie elk half jaar (Q2 2024)" in een.melding
    [twee] = [b for b in at(pad, "pijlers[1].doelen") if "uit het meerjarenplan" in b.melding]
    assert "2.1 " in twee.melding and "2.3 " in twee.melding and "2.2" not in twee.melding  # 2.2 is due in 2025


def test_a_due_speerpunt_of_a_pijler_the_verslag_leaves_out_is_a_warning_too(map_):
    pad = edit(map_ / VERSLAG.name, lambda d: d["pijlers"].pop())  # pijler 5, with speerpunt 5.1
    [b] = at(pad, "pijlers")
    assert "Pijler 5" in b.melding and "5.1" in b.melding


def test_a_speerpunt_named_by_its_titel_counts_as_reported(map_):
    def change(d):
        doel = doelen_van(3)(d)[0]
        del doel["speerpunt"]
        doel["titel"] = "hercertificering ISO 9001:2015"

    assert at(edit(map_ / VERSLAG.name, change), "pijlers[2].doelen") == []


def test_a_speerpunt_last_year_reported_done_is_not_asked_for_again(map_):
    # 3.2 (Q4 2023) was behaald in 2023 and is not among the doelen of 2024.
    assert at(map_ / VERSLAG.name, "pijlers[2].doelen") == []
    pad = edit(map_ / VERSLAG.name, lambda d: d.pop("vorig_verslag"))
    [b] = at(pad, "pijlers[2].doelen")  # without last year's verslag nothing says it was done
    assert "3.2 Cliëntervaring meten" in b.melding


def test_a_speerpunt_still_running_last_year_is_asked_for_until_done(map_):
    pad = edit(map_ / VERSLAG.name, lambda d: doelen_van(1)(d).pop(0))  # 1.1: in uitvoering in 2023
    [b] = at(pad, "pijlers[0].doelen")
    assert "1.1 Werken volgens RNR" in b.melding


def test_a_plan_that_does_not_cover_the_verslagjaar_is_a_warning(map_):
    edit(map_ / PLAN.name, lambda d: d.update(periode="2019-2023"))
    edit(map_ / PLAN.name, lambda d: [sp.update(deadline=2023) for p in d["pijlers"] for sp in p["speerpunten"]])
    [b] = at(map_ / VERSLAG.name, "meerjarenplan")
    assert not b.is_fout and "2019-2023" in b.melding and "2024" in b.melding
    assert at(map_ / VORIG.name, "meerjarenplan") == []  # 2023 is covered


def test_a_gepland_that_drifts_from_the_plans_deadline_is_a_warning(map_):
    pad = edit(map_ / VERSLAG.name, lambda d: doelen_van(4)(d)[0].update(gepland="Q2 2025"))
    [b] = at(pad, "pijlers[3].doelen[0].gepland")
    assert "Q2 2025" in b.melding and "Q4 2024" in b.melding
    pad = edit(map_ / VERSLAG.name, lambda d: doelen_van(4)(d)[0].update(gepland="Q4 2024"))
    assert at(pad, "pijlers[3].doelen[0].gepland") == []


def test_a_plan_with_fouten_of_its_own_is_a_warning_in_the_verslag(map_):
    edit(map_ / PLAN.name, lambda d: d["pijlers"][1]["speerpunten"][2].update(code="2.1"))
    [b] = at(map_ / VERSLAG.name, "meerjarenplan")
    assert not b.is_fout and "kkfz-docs check" in b.melding


def test_the_rules_get_the_plan_through_the_verslag_not_from_files(data):
    plan = kd.load(PLAN)
    data["pijlers"][0]["doelen"] = [{"speerpunt": "1.9", "status": "behaald"}]
    verslag = kd.load(data)
    import attrs

    linked = attrs.evolve(verslag, plan=plan)  # a plan given in Python, no path at all
    assert [b.pad for b in kd.check(linked, max_pages=None) if b.is_fout] == ["pijlers[0].doelen[0].speerpunt"]


def test_a_plan_named_but_not_read_is_a_warning(data):
    verslag = kd.Kwaliteitsverslag(**{**vars_of(kd.load(data)), "meerjarenplan": "plan.yaml"})
    [b] = [b for b in kd.check(verslag, max_pages=None) if b.pad == "meerjarenplan"]
    assert "niet ingelezen" in b.melding


def vars_of(obj) -> dict:
    import attrs

    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj)) if f.init}


# --- the links themselves ---------------------------------------------------------------------------


def test_a_missing_linked_file_is_a_fout_naming_field_file_and_line(map_):
    (map_ / PLAN.name).unlink()
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(map_ / VERSLAG.name)
    [f] = e.value.fouten
    assert f.pad == "meerjarenplan" and f.regel == 5
    assert "meerjarenplan-2023-2026.yaml" in f.melding and "niet gevonden" in f.melding


def test_a_broken_linked_file_is_a_fout_with_its_own_problem(map_):
    edit(map_ / VORIG.name, lambda d: d.pop("algemene_informatie"))
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(map_ / VERSLAG.name)
    [f] = e.value.fouten
    assert f.pad == "vorig_verslag" and "kwaliteitsverslag-2023.yaml" in f.melding
    assert "algemene_informatie" in f.melding and "verplicht" in f.melding


def test_a_link_to_the_wrong_kind_of_document_is_a_fout(map_):
    edit(map_ / VERSLAG.name, lambda d: d.update(meerjarenplan=VORIG.name, vorig_verslag=PLAN.name))
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(map_ / VERSLAG.name)
    assert [f.pad for f in e.value.fouten] == ["meerjarenplan", "vorig_verslag"]
    assert "is een kwaliteitsverslag, geen meerjarenplan" in e.value.fouten[0].melding
    assert "is een meerjarenplan, geen kwaliteitsverslag" in e.value.fouten[1].melding


def test_a_verslag_that_links_to_itself_is_a_fout(map_):
    edit(map_ / VERSLAG.name, lambda d: d.update(vorig_verslag=f"./{VERSLAG.name}"))
    with pytest.raises(kd.OngeldigVerslag, match="dit bestand zelf"):
        kd.load(map_ / VERSLAG.name)


def test_last_years_verslag_of_another_year_is_a_fout(map_):
    edit(map_ / VORIG.name, lambda d: d.update(verslagjaar=2022))
    [b] = at(map_ / VERSLAG.name, "vorig_verslag")
    assert b.is_fout and "2022" in b.melding and "2023" in b.melding


def test_links_in_a_dict_are_relative_to_the_current_folder(monkeypatch):
    monkeypatch.chdir(VEERHUIS)
    data = yaml.safe_load(VERSLAG.read_text(encoding="utf-8"))
    assert kd.load(data).plan == kd.load(PLAN)


# --- last year beside this year ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def twee_jaar(tmp_path_factory):
    out = tmp_path_factory.mktemp("cyclus")
    verslag = kd.load(VERSLAG)
    return verslag, Document(kd.render_docx(verslag, out / "v.docx")), kd.render_pdf(verslag, out / "v.pdf")


def table_with(document, header: str) -> list[list[str]]:
    table = next(t for t in document.tables if header in [norm(c.text) for c in t.rows[0].cells])
    return [[norm(c.text) for c in r.cells] for r in table.rows]


def test_clients_and_percentage_fz_of_last_year_stand_beside_this_years(twee_jaar):
    _verslag, word, info = twee_jaar
    rows = table_with(word, "Cliënten 2023")
    assert rows[0] == ["Financiering", "Cliënten 2024", "Aandeel", "Cliënten 2023", "Aandeel"]
    assert rows[1] == ["Forensische zorg (DJI)", "14", "29,8%", "11", "25,6%"]  # 14/47 and 11/43
    assert rows[-1] == ["Totaal", "47", "100,0%", "43", "100,0%"]
    text = norm(" ".join(p.extract_text() for p in PdfReader(info.pad).pages))
    assert "Forensische zorg (DJI) 14 29,8% 11 25,6%" in text
    assert "Op 31 december 2023 waren dat 11 van de 43 cliënten (25,6%)." in text


def test_a_financieringsvorm_only_last_year_had_is_shown_with_this_year_empty(map_, tmp_path):
    edit(map_ / VORIG.name, lambda d: d["algemene_informatie"]["clienten"]["anders_gefinancierd"].update(Jeugdwet=4))
    word = Document(kd.render_docx(kd.load(map_ / VERSLAG.name), tmp_path / "v.docx"))
    assert table_with(word, "Cliënten 2023")[-2] == ["Jeugdwet", "", "", "4", "8,5%"]


def test_kengetallen_of_the_same_name_show_last_years_value(twee_jaar):
    _verslag, word, info = twee_jaar
    assert table_with(word, "Kengetal") == [
        ["Kengetal", "2024", "2023"],
        ["Cliënten uitgestroomd", "8", "5"],
        ["Met warme overdracht", "6", "3"],
    ]
    text = norm(" ".join(p.extract_text() for p in PdfReader(info.pad).pages))
    assert "Cliënten uitgestroomd 8 5 Met warme overdracht 6 3" in text


def test_a_kengetal_last_year_did_not_have_leaves_its_cell_empty(map_, tmp_path):
    def change(d):
        d["prestatie_indicatoren"][0]["kengetallen"]["Zonder vervolgzorg"] = 1

    word = Document(kd.render_docx(kd.load(edit(map_ / VERSLAG.name, change)), tmp_path / "v.docx"))
    assert table_with(word, "Kengetal")[-1] == ["Zonder vervolgzorg", "1", ""]


def test_without_last_year_the_tables_have_no_extra_column(tmp_path):
    word = Document(kd.render_docx(kd.load(VORIG), tmp_path / "v.docx"))
    assert table_with(word, "Financiering")[0] == ["Financiering", "Cliënten", "Aandeel"]
    assert table_with(word, "Kengetal")[0] == ["Kengetal", "Waarde"]


def test_the_spinnenweb_takes_last_years_scores_unless_given(twee_jaar, map_, tmp_path):
    verslag, word, _info = twee_jaar
    assert verslag.spinnenweb.vorig_jaar is None  # the file gives none
    rows = table_with(word, "Score 2024")
    assert [r[2] for r in rows] == ["2023", "2", "1", "2", "1", "1"]  # the scores of the verslag over 2023
    pad = edit(map_ / VERSLAG.name, lambda d: d["spinnenweb"].update(vorig_jaar={1: 0, 2: 0, 3: 0, 4: 0, 5: 4}))
    word = Document(kd.render_docx(kd.load(pad), tmp_path / "v.docx"))
    assert [r[2] for r in table_with(word, "Score 2024")] == ["2023", "0", "0", "0", "0", "4"]


# --- next year's file: kkfz-docs new --van ---------------------------------------------------------


def new_van(folder: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "new", "--van", VERSLAG.name, *args],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=60,
    )


TE_VULLEN = (
    r"algemene_informatie\.clienten\.forensische_zorg",
    r"pijlers\[\d\]\.(reflectie|successen|aandachtspunten|ontwikkelpunten)",
    r"pijlers\[\d\]\.doelen\[\d\]\.status",
    r"prestatie_indicatoren\[0\](\.toelichting)?",
)
"""What new --van leaves empty on purpose: counts, this year's reflection and plans, the doelen's status."""


def test_new_van_writes_next_years_file_beside_last_years(map_):
    result = new_van(map_)
    assert result.returncode == 0, result.stderr
    nieuw = kd.load(map_ / "kwaliteitsverslag-2025.yaml")
    assert nieuw.verslagjaar == 2025
    assert nieuw.vorig_verslag == VERSLAG.name and nieuw.vorig.verslagjaar == 2024
    assert nieuw.meerjarenplan == PLAN.name and nieuw.plan == kd.load(PLAN)
    assert new_van(map_).returncode == 1  # it does not overwrite


def test_new_van_file_is_accepted_apart_from_review_warnings_and_what_to_fill_in(map_):
    new_van(map_)
    bevindingen = kd.check(map_ / "kwaliteitsverslag-2025.yaml", vandaag=VANDAAG)
    review = [b for b in bevindingen if "overgenomen uit het verslag over 2024" in b.melding]
    rest = [b for b in bevindingen if b not in review]
    assert {b.pad for b in review} >= {"inleiding", "algemene_informatie.visie", "pijlers[0].algemeen_beeld"}
    assert all(not b.is_fout for b in review)
    onverwacht = [b for b in rest if not any(re.fullmatch(p, b.pad) for p in TE_VULLEN)]
    assert onverwacht == []


def test_new_van_makes_last_years_ontwikkelpunten_this_years_doelen(map_):
    new_van(map_)
    vorig, nieuw = kd.load(VERSLAG), kd.load(map_ / "kwaliteitsverslag-2025.yaml")
    for oud, p in zip(vorig.pijlers_op_volgorde, nieuw.pijlers_op_volgorde, strict=True):
        titels = [(d.titel, d.gepland) for d in p.doelen if not d.speerpunt]
        assert titels[: len(oud.ontwikkelpunten)] == [(o.omschrijving, o.wanneer) for o in oud.ontwikkelpunten]
        assert all(d.status is None for d in p.doelen) and p.ontwikkelpunten == ()
    # then what was still running (2.1, deels behaald) and what the plan has due in 2025 (2.2)
    assert [d.speerpunt for d in nieuw.pijlers[1].doelen if d.speerpunt] == ["2.1", "2.2"]


def test_new_van_empties_counts_and_keeps_last_years_values_in_comments(map_):
    new_van(map_)
    text = (map_ / "kwaliteitsverslag-2025.yaml").read_text(encoding="utf-8")
    nieuw = kd.load(map_ / "kwaliteitsverslag-2025.yaml")
    assert nieuw.algemene_informatie.clienten.forensische_zorg is None
    assert nieuw.algemene_informatie.clienten.anders_gefinancierd == {}
    assert "# WMO:  # 2024: 23" in text and "# Cliënten uitgestroomd:  # 2024: 8" in text
    assert "# vorig_jaar: {1: 3, 2: 2, 3: 3, 4: 2, 5: 2}" in text and nieuw.spinnenweb is None


def test_the_review_mark_is_visible_where_one_edits_and_survives_yaml_and_json(map_, tmp_path):
    new_van(map_)
    pad = map_ / "kwaliteitsverslag-2025.yaml"
    text = pad.read_text(encoding="utf-8")
    assert re.search(r"  visie: \|\n    \[overgenomen uit 2024: nalezen, bijwerken en deze regel weghalen\]\n", text)
    nieuw = kd.load(pad)
    for suffix, dump in ((".yaml", lambda d: yaml.safe_dump(d, allow_unicode=True)), (".json", None)):
        opnieuw = map_ / f"opnieuw{suffix}"
        data = kd.to_data(nieuw)
        opnieuw.write_text(dump(data) if dump else json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
        terug = kd.load(opnieuw)
        assert terug == nieuw
        assert [b.pad for b in kd.check(terug, max_pages=None) if "overgenomen uit" in b.melding] == [
            b.pad for b in kd.check(nieuw, max_pages=None) if "overgenomen uit" in b.melding
        ]


def test_a_text_without_the_review_mark_gives_no_review_warning(data):
    data["inleiding"] = "Overgenomen uit 2024, maar nagelezen."
    assert kd.check(kd.load(data), max_pages=None) == []
    data["inleiding"] = f"{markering(2024)}\n\nDe tekst."
    [b] = kd.check(kd.load(data), max_pages=None)
    assert b.pad == "inleiding" and not b.is_fout


def fill_in_like_a_user(path: Path) -> None:
    """What a quality officer does with the file in an editor: read the carried texts and take the mark
    out, fill in the counts, statuses, reflections and next year's plans, score the spinnenweb."""
    text = path.read_text(encoding="utf-8")
    mark = re.escape(markering(2024))
    text = re.sub(rf"^ *{mark}\n\n?", "", text, flags=re.M)  # the line, and the blank line after it
    text = text.replace(f"'{markering(2024)}'", "''")  # a mark that was the whole text
    text = text.replace("forensische_zorg:  #", "forensische_zorg: 16  #")
    text = re.sub(r"      # (WMO|WLZ):  # 2024: \d+", lambda m: f"      {m.group(1)}: 20", text)
    text = text.replace(
        "      # Zvw (vrijwillige forensische zorg):  # 2024: 3", "      Zvw (vrijwillige forensische zorg): 4"
    )
    text = text.replace("      # Cliënten uitgestroomd:  # 2024: 8", "      Cliënten uitgestroomd: 9")
    text = text.replace("      # Met warme overdracht:  # 2024: 6", "      Met warme overdracht: 9")
    text = text.replace(
        "    toelichting:  # wat de cijfers over 2025 zeggen",
        "    toelichting: Alle negen kregen een warme overdracht.",
    )
    text = text.replace("  # scores: {1: , 2: , 3: , 4: , 5: }", "  scores: {1: 3, 2: 3, 3: 3, 4: 3, 5: 2}")
    text = re.sub(r"status:  # .*", "status: behaald", text)
    text = text.replace("reflectie:  # de reflectie op de resultaten van 2025", "reflectie: Het ging volgens plan.")
    text = text.replace("successen: []", "successen: [Het plan liep op schema.]")
    text = text.replace("aandachtspunten: []", "aandachtspunten: [De bezetting blijft krap.]")
    text = re.sub(
        r"ontwikkelpunten: \[\]  # .*",
        "ontwikkelpunten: [{omschrijving: De volgende stap uit het meerjarenplan., wanneer: Q2 2026}]",
        text,
    )
    text = text.replace("vastgesteld_op:  #", "vastgesteld_op: 2026-05-12  #")
    path.write_text(text, encoding="utf-8")


def test_new_van_edited_like_a_user_renders_with_last_years_figures_beside(map_, tmp_path):
    new_van(map_)
    pad = map_ / "kwaliteitsverslag-2025.yaml"
    fill_in_like_a_user(pad)
    assert kd.check(pad, vandaag=VANDAAG) == []
    nieuw = kd.load(pad)
    word = Document(kd.render_docx(nieuw, tmp_path / "v.docx"))
    assert table_with(word, "Cliënten 2024")[:2] == [
        ["Financiering", "Cliënten 2025", "Aandeel", "Cliënten 2024", "Aandeel"],
        ["Forensische zorg (DJI)", "16", "26,7%", "14", "29,8%"],  # 16 of 60, 14 of 47
    ]
    assert table_with(word, "Kengetal")[1] == ["Cliënten uitgestroomd", "9", "8"]
    assert [r[2] for r in table_with(word, "Score 2025")] == ["2024", "3", "2", "3", "2", "2"]
    info = kd.render_pdf(nieuw, tmp_path / "v.pdf")
    text = norm(" ".join(p.extract_text() for p in PdfReader(info.pad).pages))
    assert "Forensische zorg (DJI) 16 26,7% 14 29,8%" in text and "[overgenomen" not in text
    assert "2.2 Een ervaringsdeskundige in elk team 2025 Behaald" in text


def test_new_van_refuses_a_plan_and_a_year_that_does_not_follow(map_):
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "new", "--van", PLAN.name], capture_output=True, text=True, cwd=map_
    )
    assert result.returncode == 1 and "meerjarenplan" in result.stderr
    result = new_van(map_, "--jaar", "2027")
    assert result.returncode == 1 and "2025" in result.stderr and not (map_ / "kwaliteitsverslag-2025.yaml").exists()


def test_new_van_of_a_verslag_without_links_still_links_back(tmp_path):
    bron = tmp_path / "verslag-2024.yaml"
    bron.write_text(yaml.safe_dump(minimaal(), allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "new", "--van", bron.name], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    nieuw = kd.load(tmp_path / "verslag-2025.yaml")
    assert nieuw.vorig_verslag == "verslag-2024.yaml" and nieuw.meerjarenplan == "" and nieuw.plan is None
    assert [d.titel for d in nieuw.pijlers[0].doelen] == ["Ontwikkelpunt 1."]


def test_a_table_whose_cells_are_all_empty_is_a_warning(data):
    data["prestatie_indicatoren"] = [
        {
            "nummer": "2",
            "naam": "Continuïteit van zorg",
            "toelichting": "Zie de tabel.",
            "tabel": {"kolommen": ["BW", "AB"], "rijen": [{"label": "Wmo", "waarden": [None, " "]}]},
        }
    ]
    [b] = kd.check(kd.load(data), max_pages=None)
    assert b.pad == "prestatie_indicatoren[0].tabel" and not b.is_fout and "leeg" in b.melding
    data["prestatie_indicatoren"][0]["tabel"]["rijen"][0]["waarden"] = [None, 3]
    assert kd.check(kd.load(data), max_pages=None) == []
