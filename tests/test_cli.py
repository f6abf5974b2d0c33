"""The command line, run as a user runs it: a subprocess of the installed console script."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES

import kkfz_docs as kd


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_check_of_the_fixtures_exits_0():
    result = run("check", *FIXTURES)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("0 fouten") == len(FIXTURES)


def test_check_of_a_file_with_fouten_exits_1_and_prints_them(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(
        "verslagjaar: 2024\norganisatie:\n  naam: X\nalgemene_informatie:\n  visie: ''\n"
        "pijlers:\n" + "".join(f"  - nummer: {n}\n" for n in (1, 2, 3, 4)),
        encoding="utf-8",
    )
    result = run("check", path)
    assert result.returncode == 1
    assert "FOUT" in result.stdout and "algemene_informatie.visie (regel 5)" in result.stdout


def test_check_of_invalid_input_exits_1_naming_every_problem(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(
        "verslagjaar: twee\norganisatie:\n  naam: X\n  plaats: 3\n  webstie: x\nalgemene_informatie: {}\npijlers: []\n",
        encoding="utf-8",
    )
    result = run("check", path)
    assert result.returncode == 1
    assert "verslagjaar (regel 1): hier hoort een geheel getal" in result.stdout
    assert "organisatie.webstie (regel 5): webstie: onbekend veld; bedoelt u website?" in result.stdout
    assert "pijler 1 (Veiligheid en persoonsgerichte zorg), pijler 2" in result.stdout


def test_check_of_an_unreadable_file_exits_2(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("verslagjaar: [2024\n", encoding="utf-8")
    result = run("check", path)
    assert result.returncode == 2
    assert "kan niet worden gelezen" in result.stdout and "regel" in result.stdout


def test_check_reports_every_file_even_after_a_bad_one(tmp_path):
    result = run("check", tmp_path / "weg.yaml", FIXTURES[0])
    assert result.returncode == 2
    assert "bestaat niet" in result.stdout and f"{FIXTURES[0]}: 0 fouten" in result.stdout


def test_new_writes_a_skeleton_that_loads(tmp_path):
    doel = tmp_path / "nieuw.yaml"
    result = run("new", "--jaar", 2025, "--organisatie", 'Stichting A & B: "Zorg"', "-o", doel)
    assert result.returncode == 0, result.stderr
    verslag = kd.load(doel)
    assert (verslag.verslagjaar, verslag.organisatie.naam) == (2025, 'Stichting A & B: "Zorg"')


def test_fresh_skeleton_fails_only_with_instructions_to_fill_in(tmp_path):
    doel = tmp_path / "nieuw.yaml"
    assert run("new", "--jaar", 2025, "-o", doel).returncode == 0
    result = run("check", doel)
    assert result.returncode == 1
    fouten = [b for b in kd.check(kd.load(doel)) if b.is_fout]
    assert fouten and all(any(w in b.melding for w in ("vul", "beschrijf", "schrijf", "noem")) for b in fouten)
    assert {b.pad for b in fouten} >= {"organisatie.naam", "algemene_informatie.visie", "pijlers[3].ontwikkelpunten"}


def test_new_does_not_overwrite_an_existing_file(tmp_path):
    doel = tmp_path / "bestaat.yaml"
    doel.write_text("mijn werk", encoding="utf-8")
    result = run("new", "-o", doel)
    assert result.returncode == 1 and "bestaat al" in result.stderr
    assert doel.read_text(encoding="utf-8") == "mijn werk"


def test_new_defaults_to_last_year_in_the_current_folder(tmp_path):
    import datetime as dt

    jaar = dt.date.today().year - 1
    assert run("new", cwd=tmp_path).returncode == 0
    assert kd.load(tmp_path / f"kwaliteitsverslag-{jaar}.yaml").verslagjaar == jaar


def test_unknown_command_exits_2_in_dutch():
    result = run("maak")
    assert result.returncode == 2 and "kkfz-docs: fout:" in result.stderr


def test_console_script_is_installed():
    result = subprocess.run(["kkfz-docs", "check", FIXTURES[0]], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
