"""The corpus of hostile templates (tests/sjablonen/corpus.py): each gives its Dutch message and writes
nothing, anywhere, through the API and the command line; the resource attacks stop within their limit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, minimaal
from docx import Document
from sjablonen.corpus import GEHEUGENLIMIET, GEVALLEN, ONTSNAPT, TIJDSLIMIET

import kkfz_docs as kd

FIXTURE = FIXTURES[0]  # has a spinnenweb, so spinnenweb_grafiek is a picture
GEWEIGERD = [g for g in GEVALLEN if g.melding is not None]
# The command line runs the same code as the API after parsing its options; one case of each kind
# (escape, other file, size, time, memory, typo, zip, DTD) keeps this part of the suite short.
OP_DE_OPDRACHTREGEL = [
    g
    for g in GEWEIGERD
    if g.naam
    in {
        "ontsnap_save.docx",
        "include.docx",
        "herhaling.docx",
        "lussen.docx",
        "verdubbel.docx",
        "accolade.docx",
        "zipbom.docx",
        "lachen.docx",
    }
]


@pytest.fixture(scope="module")
def verslag():
    return kd.load(FIXTURE)


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_every_case_has_its_own_file_name():
    assert len({g.naam for g in GEVALLEN}) == len(GEVALLEN)
    assert len(OP_DE_OPDRACHTREGEL) == 8


@pytest.mark.parametrize("geval", GEWEIGERD, ids=lambda g: g.naam)
def test_the_api_refuses_with_the_message_and_writes_nothing(tmp_path, monkeypatch, verslag, geval):
    monkeypatch.chdir(tmp_path)  # a relative path in an escape attempt would land here
    sjabloon = tmp_path / geval.naam
    sjabloon.write_bytes(geval.maak())
    before = files_under(tmp_path)
    start = time.monotonic()
    with pytest.raises(kd.SjabloonFout) as info:
        kd.render_files(
            verslag, tmp_path / "uit" / "v", template=sjabloon, time_limit=TIJDSLIMIET, memory_limit_mb=GEHEUGENLIMIET
        )
    assert geval.melding in str(info.value)
    assert str(info.value).endswith("Er is niets geschreven.")
    assert files_under(tmp_path) == before
    assert time.monotonic() - start < TIJDSLIMIET + 30  # stopped within its limit, not run to the end
    assert not (tmp_path / ONTSNAPT).exists()


@pytest.mark.parametrize("geval", OP_DE_OPDRACHTREGEL, ids=lambda g: g.naam)
def test_the_command_line_refuses_with_the_message_and_writes_nothing(tmp_path, geval):
    # A verslag without a spinnenweb renders fastest (no chart); the API test above has the chart.
    (tmp_path / "v.yaml").write_text(yaml.safe_dump(minimaal(), allow_unicode=True), encoding="utf-8")
    sjabloon = tmp_path / geval.naam
    sjabloon.write_bytes(geval.maak())
    before = files_under(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kkfz_docs.cli",
            "render",
            "v.yaml",
            "-o",
            "uit",
            "--docx",
            "--sjabloon",
            geval.naam,
            "--tijdslimiet",
            str(TIJDSLIMIET),
            "--geheugenlimiet",
            str(GEHEUGENLIMIET),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert geval.melding in " ".join(result.stderr.split())
    assert "Traceback" not in result.stdout + result.stderr
    assert files_under(tmp_path) == before


def test_a_zip_with_a_part_twice_renders_with_the_last_one_and_each_part_once(tmp_path, verslag):
    [geval] = [g for g in GEVALLEN if g.naam == "dubbel_deel.docx"]
    (tmp_path / geval.naam).write_bytes(geval.maak())
    path = kd.render_docx(verslag, tmp_path / "v.docx", template=tmp_path / geval.naam)
    names = zipfile.ZipFile(path).namelist()
    assert len(names) == len(set(names))
    assert "Kwaliteitsverslag 2024" in [p.text for p in Document(path).paragraphs]


def test_switching_autoescape_off_still_prints_text_literally(tmp_path, verslag):
    [geval] = [g for g in GEVALLEN if g.naam == "autoescape_uit.docx"]
    (tmp_path / geval.naam).write_bytes(geval.maak())
    path = kd.render_docx(verslag, tmp_path / "v.docx", template=tmp_path / geval.naam)
    assert "<w:br/>Stichting Kortewind Wonen & Begeleiding" in [p.text for p in Document(path).paragraphs]


def test_the_corpus_script_writes_every_case(tmp_path):
    root = Path(__file__).resolve().parent
    result = subprocess.run(
        [sys.executable, str(root / "sjablonen" / "corpus.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(root.parent)},
    )
    assert result.returncode == 0, result.stderr
    assert {p.name for p in tmp_path.iterdir()} == {g.naam for g in GEVALLEN}
