"""Attacks by a hostile user and a careless one: odd files, odd links, odd arguments.

Each test is a defect that was found by trying to break kkfz-docs; it says what must happen instead.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, minimaal

import kkfz_docs as kd

VEERHUIS = ROOT / "fixtures" / "veerhuis"


def veerhuis(tmp_path: Path) -> Path:
    """A copy of the fixture of a verslag with its plan and last year's verslag; returns the 2024 file."""
    for f in VEERHUIS.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "kwaliteitsverslag-2024.yaml"


def link(verslag: Path, veld: str, waarde: str) -> None:
    """Set a link field of the verslag to waarde, as a user would type it (plain, unquoted)."""
    regels = verslag.read_text(encoding="utf-8").splitlines()
    regels = [f"{veld}: {waarde}" if r.startswith(f"{veld}:") else r for r in regels]
    verslag.write_text("\n".join(regels) + "\n", encoding="utf-8")


def fouten(source) -> list[kd.Invoerfout]:
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(source)
    return e.value.fouten


# --- files that are not files ----------------------------------------------------------------------


def run_with_timeout(f, seconds: float = 20):
    """f() in a thread; fails the test instead of hanging it when f blocks."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(_catch(f)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blijft hangen"
    return result[0]


def _catch(f):
    try:
        return f()
    except BaseException as e:
        return e


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe needs POSIX")
def test_a_named_pipe_is_refused_instead_of_waiting_forever(tmp_path):
    pipe = tmp_path / "verslag.yaml"
    os.mkfifo(pipe)
    uitkomst = run_with_timeout(lambda: kd.load(pipe))
    assert isinstance(uitkomst, kd.OngeldigVerslag)
    assert "geen gewoon bestand" in str(uitkomst)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_instead_of_read_forever():
    uitkomst = run_with_timeout(lambda: kd.load("/dev/zero"))
    assert isinstance(uitkomst, kd.OngeldigVerslag)
    assert "geen gewoon bestand" in str(uitkomst)


def test_a_file_saved_as_unicode_in_notepad_utf16_is_read_as_typed(tmp_path):
    data = minimaal()
    data["organisatie"]["naam"] = "Stichting Één & Ander"
    bestand = tmp_path / "verslag.yaml"
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-16")  # with its BOM
    assert kd.load(bestand).organisatie.naam == "Stichting Één & Ander"


# --- JSON ----------------------------------------------------------------------------------------------


def test_a_json_key_given_twice_is_refused_not_silently_dropped(tmp_path):
    bestand = tmp_path / "verslag.json"
    tekst = json.dumps(minimaal())
    bestand.write_text(tekst.replace('"verslagjaar": 2024', '"verslagjaar": 2024, "verslagjaar": 2023'))
    [fout] = fouten(bestand)
    assert fout.pad == "verslagjaar"
    assert "twee keer" in fout.melding


def test_a_json_number_of_thousands_of_digits_is_a_dutch_fout(tmp_path):
    bestand = tmp_path / "verslag.json"
    bestand.write_text(json.dumps(minimaal()).replace('"verslagjaar": 2024', '"verslagjaar": 1' + "0" * 5000))
    [fout] = fouten(bestand)
    assert "cijfers" in fout.melding


# --- linked files ------------------------------------------------------------------------------------


def test_a_link_into_a_symlink_loop_is_a_fout_naming_the_field(tmp_path):
    verslag = veerhuis(tmp_path)
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    link(verslag, "meerjarenplan", "a.yaml")
    [fout] = fouten(verslag)
    assert fout.pad == "meerjarenplan"
    assert fout.regel == 5


def test_a_link_to_a_folder_says_it_is_a_folder(tmp_path):
    verslag = veerhuis(tmp_path)
    (tmp_path / "plannen").mkdir()
    link(verslag, "meerjarenplan", "plannen")
    [fout] = fouten(verslag)
    assert "is een map" in fout.melding


def test_a_link_written_with_windows_backslashes_is_followed(tmp_path):
    verslag = veerhuis(tmp_path)
    (tmp_path / "plannen").mkdir()
    shutil.move(tmp_path / "meerjarenplan-2023-2026.yaml", tmp_path / "plannen" / "meerjarenplan-2023-2026.yaml")
    link(verslag, "meerjarenplan", r"plannen\meerjarenplan-2023-2026.yaml")
    geladen = kd.load(verslag)
    assert isinstance(geladen.plan, kd.Meerjarenplan)


def test_a_logo_written_with_windows_backslashes_is_found(tmp_path):
    from kkfz_docs.document import logo_pad

    (tmp_path / "beeld").mkdir()
    shutil.copy(ROOT / "docs" / "voorbeeld-pdf-1.png", tmp_path / "beeld" / "logo.png")
    data = minimaal()
    data["organisatie"]["logo"] = r"beeld\logo.png"
    bestand = tmp_path / "verslag.yaml"
    bestand.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    verslag = kd.load(bestand)
    pad = logo_pad(verslag.organisatie.logo, verslag.bron)
    assert pad is not None and pad.is_file()
    assert not [b for b in kd.check(verslag, max_pages=None) if "logo" in b.pad]


def test_a_verslag_that_says_it_is_a_meerjarenplan_gets_one_clear_fout(tmp_path):
    verslag = veerhuis(tmp_path)
    link(verslag, "soort", "meerjarenplan")
    [fout] = fouten(verslag)
    assert fout.pad == "soort"
    assert "kwaliteitsverslag" in fout.melding


# --- the Python API with wrong arguments ----------------------------------------------------------------


@pytest.fixture(scope="module")
def verslag() -> kd.Kwaliteitsverslag:
    return kd.load(minimaal())


@pytest.mark.parametrize("formats", ["pdf", ["odt"], [], [None]])
def test_render_files_with_formats_that_are_no_list_of_docx_and_pdf_says_so(verslag, tmp_path, formats):
    with pytest.raises((TypeError, kd.KkfzFout)) as e:
        kd.render_files(verslag, tmp_path / "v", formats=formats)
    assert "docx" in str(e.value) and "pdf" in str(e.value)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("limiet", ["zes", "6", 0, -1, 2.5, True])
def test_a_page_limit_that_is_no_positive_whole_number_is_refused(verslag, tmp_path, limiet):
    with pytest.raises((TypeError, kd.WaardeFout)) as e:
        kd.render_pdf(verslag, tmp_path / "v.pdf", max_pages=limiet)
    assert "max_pages" in str(e.value)
    with pytest.raises((TypeError, kd.WaardeFout)):
        kd.check(verslag, max_pages=limiet)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("argumenten", [{"time_limit": "10"}, {"memory_limit_mb": "1024"}, {"time_limit": 0}])
def test_a_time_or_memory_limit_of_the_wrong_kind_is_refused_in_dutch(verslag, tmp_path, argumenten):
    with pytest.raises((TypeError, kd.WaardeFout)) as e:
        kd.render_docx(verslag, tmp_path / "v.docx", **argumenten)
    assert next(iter(argumenten)) in str(e.value)


@pytest.mark.parametrize("pad", [None, 5, b"v.pdf"])
def test_a_target_that_is_no_path_is_a_dutch_type_error(verslag, pad):
    with pytest.raises(TypeError, match="pad"):
        kd.render_pdf(verslag, pad)


def test_check_with_vandaag_as_text_is_a_dutch_type_error(verslag):
    with pytest.raises(TypeError, match="vandaag"):
        kd.check(verslag, vandaag="2025-01-01", max_pages=None)


@pytest.mark.parametrize("source", [None, 5, [1, 2], b"verslagjaar: 2024"])
def test_load_of_something_that_is_no_file_text_or_dict_is_a_dutch_type_error(source):
    with pytest.raises(TypeError, match="load"):
        kd.load(source)


def test_load_of_an_empty_text_does_not_read_the_current_folder():
    [fout] = fouten("")
    assert "map" not in fout.melding


def test_render_many_of_one_path_as_text_renders_that_file(tmp_path):
    bestand = tmp_path / "verslag.yaml"
    bestand.write_text(yaml.safe_dump(minimaal(), allow_unicode=True), encoding="utf-8")
    [resultaat] = kd.render_many(str(bestand), tmp_path / "uit", formaten=["pdf"])
    assert resultaat.gelukt and (tmp_path / "uit" / "verslag.pdf").is_file()


def test_export_template_of_an_unknown_soort_is_a_kkfz_fout(tmp_path):
    with pytest.raises(kd.WaardeFout, match="meerjarenplan"):
        kd.export_template(tmp_path / "t.docx", soort="jaarplan")


def test_export_template_onto_a_folder_is_a_schrijffout_naming_the_folder(tmp_path):
    with pytest.raises(kd.Schrijffout) as e:
        kd.export_template(tmp_path)
    assert f"{tmp_path} is een map" in str(e.value)
    assert ".tmp" not in str(e.value)


def test_pdf_paginas_of_a_missing_file_is_a_kkfz_fout(tmp_path):
    pytest.importorskip("pypdfium2")
    with pytest.raises(kd.KkfzFout, match="bestaat niet"):
        kd.pdf_paginas(tmp_path / "weg.pdf")


# --- the command line ----------------------------------------------------------------------------------


def kkfz(*args: object) -> int:
    from kkfz_docs import cli

    return cli.main([str(a) for a in args])


def test_new_with_o_naming_a_folder_writes_the_file_in_that_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "verslagen").mkdir()
    assert kkfz("new", "--jaar", 2025, "-o", "verslagen") == 0
    assert (tmp_path / "verslagen" / "kwaliteitsverslag-2025.yaml").is_file()


def test_new_van_with_o_naming_a_folder_writes_next_years_file_there_with_links_that_work(tmp_path, capsys):
    verslag = veerhuis(tmp_path)
    (tmp_path / "2025").mkdir()
    assert kkfz("new", "--van", verslag, "-o", tmp_path / "2025") == 0
    nieuw = tmp_path / "2025" / "kwaliteitsverslag-2025.yaml"
    geladen = kd.load(nieuw)
    assert geladen.vorig is not None and geladen.plan is not None


def test_template_with_o_naming_a_folder_writes_the_template_in_it(tmp_path, capsys):
    assert kkfz("template", "--meerjarenplan", "-o", tmp_path) == 0
    assert (tmp_path / "meerjarenplan-sjabloon.docx").is_file()


@pytest.mark.parametrize(
    "args, optie",
    [
        (["--periode", "2025-2028"], "--periode"),
        (["--meerjarenplan", "--jaar", "2025"], "--jaar"),
        (["--van", "VERSLAG", "--organisatie", "Stichting Anders"], "--organisatie"),
    ],
)
def test_new_refuses_an_option_it_would_silently_ignore(tmp_path, monkeypatch, capsys, args, optie):
    verslag = veerhuis(tmp_path)
    monkeypatch.chdir(tmp_path)
    voor = sorted(p.name for p in tmp_path.iterdir())
    assert kkfz("new", *[verslag if a == "VERSLAG" else a for a in args]) == 2
    assert optie in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == voor


@pytest.mark.parametrize("jaar", [-5, 99999, 1999])
def test_new_refuses_a_year_no_verslag_can_have(tmp_path, monkeypatch, capsys, jaar):
    monkeypatch.chdir(tmp_path)
    assert kkfz("new", "--jaar", jaar) == 2
    assert "--jaar" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


# --- names of values in a group ------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ['""', "' '"])
def test_a_count_without_a_name_is_a_fout_with_its_line(naam):
    tekst = yaml.safe_dump(minimaal(), allow_unicode=True, sort_keys=False).replace("WMO: 25", f"{naam}: 25")
    [fout] = fouten(tekst)
    assert fout.pad.startswith("algemene_informatie.clienten.anders_gefinancierd")
    assert fout.regel is not None and "naam" in fout.melding


@pytest.mark.parametrize("naam", ["null", "Null", "~"])
def test_a_name_yaml_reads_as_nothing_is_kept_as_typed(naam):
    tekst = yaml.safe_dump(minimaal(), allow_unicode=True, sort_keys=False).replace("WMO: 25", f"{naam}: 25")
    verslag = kd.load(tekst)
    assert list(verslag.algemene_informatie.clienten.anders_gefinancierd) == [naam]


def test_a_name_of_a_count_given_as_none_in_python_is_refused():
    with pytest.raises(kd.WaardeFout, match="naam"):
        kd.Clienten(forensische_zorg=1, anders_gefinancierd={None: 3})


# --- names too long for the file system ------------------------------------------------------------


def test_load_of_json_text_on_one_long_line_reads_it_as_text():
    data = minimaal()
    data["inleiding"] = "a" * 400
    assert kd.load(json.dumps(data)).inleiding == "a" * 400


def test_a_link_with_a_name_too_long_for_the_file_system_is_a_fout(tmp_path):
    verslag = veerhuis(tmp_path)
    link(verslag, "meerjarenplan", "x" * 300 + ".yaml")
    [fout] = fouten(verslag)
    assert fout.pad == "meerjarenplan"


@pytest.mark.parametrize("opdracht", [["render", "VERSLAG", "--pdf", "-o"], ["new", "--jaar", "2025", "-o"]])
def test_an_output_name_too_long_for_the_file_system_is_a_dutch_message(tmp_path, monkeypatch, capsys, opdracht):
    verslag = veerhuis(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = [verslag if a == "VERSLAG" else a for a in opdracht] + ["x" * 300 + ".yaml"]
    assert kkfz(*args) in (1, 2)
    uit = capsys.readouterr()
    assert "onverwachte fout" not in uit.err + uit.out
    assert "te lang" in uit.err + uit.out


def test_a_logo_with_a_name_too_long_for_the_file_system_is_a_waarschuwing():
    data = minimaal()
    data["organisatie"]["logo"] = "x" * 300 + ".png"
    [bevinding] = [b for b in kd.check(kd.load(data), max_pages=None) if "logo" in b.pad]
    assert bevinding.niveau is kd.Niveau.WAARSCHUWING


# --- doelen that name speerpunten ------------------------------------------------------------------------


def doel_code(verslag: Path, oud: str, nieuw: str) -> None:
    tekst = verslag.read_text(encoding="utf-8")
    assert f'speerpunt: "{oud}"' in tekst
    verslag.write_text(tekst.replace(f'speerpunt: "{oud}"', f'speerpunt: "{nieuw}"', 1), encoding="utf-8")


def test_a_doel_naming_a_speerpunt_of_another_pijler_is_a_waarschuwing(tmp_path):
    verslag = veerhuis(tmp_path)
    doel_code(verslag, "1.3", "2.2")  # under pijler 1; no doel names 2.2 yet
    [b] = [b for b in kd.check(verslag, max_pages=None) if b.pad.endswith("speerpunt")]
    assert b.pad == "pijlers[0].doelen[2].speerpunt" and b.regel is not None
    assert "pijler 2" in b.melding


def test_a_speerpunt_named_by_two_doelen_is_a_waarschuwing(tmp_path):
    verslag = veerhuis(tmp_path)
    doel_code(verslag, "1.3", "1.2")
    [b] = [b for b in kd.check(verslag, max_pages=None) if b.pad.endswith("speerpunt")]
    assert b.pad == "pijlers[0].doelen[2].speerpunt"
    assert "pijlers[0].doelen[1]" in b.melding


# --- amounts -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bedrag", ["-5", "-1495580", "-0.0", "-12.50"])
def test_a_negative_omzet_is_a_fout_not_a_negative_share(bedrag):
    tekst = yaml.safe_dump(minimaal(), allow_unicode=True, sort_keys=False)
    tekst = tekst.replace("algemene_informatie:\n", f"algemene_informatie:\n  omzet:\n    WMO: {bedrag}\n", 1)
    [fout] = fouten(tekst)
    assert fout.pad == "algemene_informatie.omzet.WMO" and fout.regel is not None
    assert "negatief" in fout.melding


def test_a_template_that_is_a_folder_says_so(verslag, tmp_path):
    with pytest.raises(kd.SjabloonFout, match="is een map"):
        kd.render_docx(verslag, tmp_path / "v.docx", template=tmp_path)
    assert not (tmp_path / "v.docx").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe needs POSIX")
def test_a_template_that_is_a_pipe_is_refused_without_waiting(verslag, tmp_path):
    pijp = tmp_path / "huisstijl.docx"
    os.mkfifo(pijp)
    uitkomst = run_with_timeout(lambda: kd.render_docx(verslag, tmp_path / "v.docx", template=pijp))
    assert isinstance(uitkomst, kd.SjabloonFout) and "geen gewoon bestand" in str(uitkomst)


@pytest.mark.parametrize("tekst", ["Afgerond jan 2025", "eind 2025", "2025 (uitgesteld)"])
def test_a_deadline_with_a_remark_says_where_the_remark_goes(tekst):
    with pytest.raises(kd.WaardeFout) as e:
        kd.Speerpunt(titel="Leefklimaat meten", deadline=tekst)
    assert "toelichting" in str(e.value) and "2025" in str(e.value)
