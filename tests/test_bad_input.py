"""The corpus of broken input in tests/bad/: each file gets its own Dutch message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import kkfz_docs as kd

BAD = Path(__file__).parent / "bad"
VERWACHT = yaml.safe_load((BAD / "verwacht.yaml").read_text(encoding="utf-8"))


def test_every_file_in_the_corpus_has_an_expectation():
    assert sorted(p.name for p in BAD.iterdir() if p.name != "verwacht.yaml") == sorted(VERWACHT)


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_load_refuses_with_the_expected_dutch_message(naam):
    verwacht = VERWACHT[naam]
    with pytest.raises(kd.OngeldigVerslag) as info:
        kd.load(BAD / naam)
    assert info.value.leesbaar is (verwacht["code"] == 1)
    assert any(verwacht["melding"] in str(f) for f in info.value.fouten), info.value.fouten
    if "regel" in verwacht:
        assert info.value.fouten[0].regel == verwacht["regel"]


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_cli_check_gives_the_message_and_exit_code_without_a_traceback(naam):
    # The timeout guards against a hang; docs/performance.md records how long each file takes.
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "check", str(BAD / naam)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == VERWACHT[naam]["code"]
    assert VERWACHT[naam]["melding"] in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    groot = tmp_path / "groot.yaml"
    with groot.open("wb") as f:
        f.write(b"verslagjaar: 2024\ninleiding: |\n")
        f.write((b"  " + b"tekst " * 15 + b"\n") * (50 * 1024 * 1024 // 93))
    assert groot.stat().st_size > 49 * 1024 * 1024
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "check", str(groot)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2 and "het bestand is 49 MB" in result.stdout


def test_deeply_nested_json_is_refused(tmp_path):
    diep = tmp_path / "diep.json"
    diep.write_text('{"verslagjaar": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(kd.OngeldigVerslag, match="te diep genest"):
        kd.load(diep)


def test_yaml_brackets_nested_past_any_verslag_are_refused_before_pyyaml_grinds_through_them(tmp_path):
    """PyYAML's scanner revisits every open bracket for each token: 3,000 of them took it seconds.
    Past a hundred levels, which no verslag has, the file is refused as too deep."""
    diep = tmp_path / "diep.yaml"
    diep.write_text("verslagjaar: " + "[" * 101 + "2024" + "]" * 101 + "\n", encoding="utf-8")
    with pytest.raises(kd.OngeldigVerslag, match="te diep genest"):
        kd.load(diep)
    ondiep = tmp_path / "ondiep.yaml"
    ondiep.write_text("verslagjaar: " + "[" * 99 + "2024" + "]" * 99 + "\n", encoding="utf-8")
    with pytest.raises(kd.OngeldigVerslag) as e:
        kd.load(ondiep)
    assert "te diep" not in str(e.value) and "verslagjaar" in str(e.value)
