"""The command line speaks Dutch only, checks its options, and never shows a traceback."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import FIXTURES

ENGELS = re.compile(
    r"usage:|positional arguments|options:|show this help|show program|required|error:|invalid|expected"
)


def run(*args, cwd=None, code=None) -> subprocess.CompletedProcess:
    start = ["-c", code] if code else ["-m", "kkfz_docs.cli"]
    return subprocess.run(
        [sys.executable, *start, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize(
    "args", [["--help"], ["new", "--help"], ["check", "--help"], ["render", "--help"], ["template", "-h"]]
)
def test_help_is_dutch(args):
    result = run(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: kkfz-docs")
    assert "opties:" in result.stdout and "toon deze hulp en stop" in result.stdout
    assert not ENGELS.search(result.stdout), ENGELS.search(result.stdout)


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        ([], "kkfz-docs: fout: dit ontbreekt: opdracht"),
        (["render"], "kkfz-docs render: fout: dit ontbreekt: BESTAND"),
        (["check"], "kkfz-docs check: fout: dit ontbreekt: BESTAND"),
        (["render", "x.yaml", "-j", "0"], "-j/--jobs: 0 kan niet: geef een geheel getal van 1 of meer"),
        (["render", "x.yaml", "-j", "-2"], "-j/--jobs: -2 kan niet"),
        (["render", "x.yaml", "-j", "twee"], "-j/--jobs: 'twee' is geen geheel getal"),
        (["render", "x.yaml", "--max-paginas", "0"], "--max-paginas: 0 kan niet"),
        (
            ["render", "x.yaml", "--tijdslimiet", "0"],
            "--tijdslimiet: 0 kan niet: geef een aantal seconden groter dan 0",
        ),
        (["render", "x.yaml", "--geheugenlimiet", "0"], "--geheugenlimiet: 0 kan niet"),
        (["render", "x.yaml", "--onbekend"], "kkfz-docs: fout: onbekend: --onbekend"),
        (["new", "--jaar"], "--jaar: hier hoort een waarde bij"),
        (["new", "--jaar", "vorig"], "--jaar: 'vorig' is geen geldige waarde"),
        (["maak"], "opdracht: 'maak' bestaat niet; kies uit 'new', 'check', 'render', 'template'"),
    ],
)
def test_a_wrong_command_line_is_refused_in_dutch_with_exit_2(args, melding):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("gebruik: kkfz-docs")
    assert melding in result.stderr
    assert not ENGELS.search(result.stderr), result.stderr


def test_version_names_the_installed_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout == f"kkfz-docs {version('kkfz-docs')}\n"


def test_check_takes_folders_like_render(tmp_path):
    (tmp_path / "regio").mkdir()
    for f in FIXTURES:
        shutil.copy(f, tmp_path / "regio" / f.name)
    result = run("check", tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("0 fouten") == len(FIXTURES)
    assert f"{tmp_path / 'regio' / FIXTURES[0].name}: 0 fouten" in result.stdout
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = run("check", empty)
    assert result.returncode == 1 and "geen verslagen gevonden" in result.stderr


def test_check_into_a_pipe_that_closes_exits_quietly(tmp_path):
    for i in range(6):
        shutil.copy(FIXTURES[0], tmp_path / f"v{i}.yaml")
    result = subprocess.run(
        ["bash", "-c", f'set -o pipefail; "{sys.executable}" -m kkfz_docs.cli check "{tmp_path}" | head -1'],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.count("\n") == 1 and "0 fouten" in result.stdout
    assert result.stderr == ""
    assert result.returncode == 141  # the shell's code for a closed pipe


KAPOT = "import sys, kkfz_docs.cli as c\ndef kapot(*a, **k): raise RuntimeError('kapot')\n"


def test_an_unexpected_error_is_one_dutch_line_naming_a_file_with_the_details():
    result = run("render", FIXTURES[0], code=KAPOT + "c._render = kapot\nsys.exit(c.main(sys.argv[1:]))")
    assert result.returncode == 3
    [line] = result.stderr.splitlines()
    assert line.startswith("kkfz-docs: onverwachte fout (RuntimeError); de details staan in ")
    details = Path(re.search(r"de details staan in (\S+\.txt)", line).group(1))
    text = details.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: kapot" in text and "kkfz-docs render" in text
    details.unlink()


def test_check_reports_an_unexpected_error_for_one_file_and_goes_on():
    result = run("check", FIXTURES[0], FIXTURES[1], code=KAPOT + "c.check = kapot\nsys.exit(c.main(sys.argv[1:]))")
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all("onverwachte fout (RuntimeError); de details staan in" in x for x in lines)
    assert "Traceback" not in result.stdout + result.stderr
    for line in lines:
        Path(re.search(r"de details staan in (\S+\.txt)", line).group(1)).unlink()


def test_an_output_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "uit").write_text("bestand")
    result = run("render", FIXTURES[0], "-o", tmp_path / "uit")
    assert result.returncode == 1
    assert "de uitvoermap" in result.stderr and "is een bestand, geen map" in result.stderr
    result = run("template", "-o", tmp_path / "uit" / "sjabloon.docx")
    assert result.returncode == 1 and "is een bestand, geen map" in result.stderr
    assert "Traceback" not in result.stderr
