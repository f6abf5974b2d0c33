"""Batches that finish: a killed worker, a timeout, too much memory or a crash is one failed row; the
others render, the table prints, Ctrl-C stops cleanly."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml
from conftest import minimaal
from sjablonen.corpus import met_tekst

import kkfz_docs as kd

TRAAG = (
    "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"
)
VEEL_GEHEUGEN = (
    "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}"
    "{{ d(titel, 40) }}"
)


def verslagen(folder: Path, namen: list[str]) -> list[Path]:
    """One small verslag per organisation name."""
    folder.mkdir(parents=True, exist_ok=True)
    paden = []
    for i, naam in enumerate(namen):
        data = minimaal()
        data["organisatie"]["naam"] = naam
        pad = folder / f"{i:02d}_{naam.split()[-1].lower()}.yaml"
        pad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paden.append(pad)
    return paden


def sjabloon_voor(tmp_path: Path, naam: str, tag: str) -> Path:
    """The default template, doing `tag` for the organisation called naam only."""
    path = tmp_path / "sjabloon.docx"
    path.write_bytes(met_tekst(f"{{% if organisatie.naam == '{naam}' %}}{tag}{{% endif %}}{{{{ titel }}}}"))
    return path


def test_a_killed_worker_is_one_failed_row_and_the_rest_render(tmp_path):
    paden = verslagen(tmp_path / "in", [f"Stichting {n}" for n in "ABCDEF"])
    killed: list[int] = []

    def kill_every_worker(done: int, _total: int, _r: kd.Resultaat) -> None:
        if done == 1:  # the other worker is busy with the next file: kill it as the OOM killer would
            for child in multiprocessing.active_children():
                killed.append(child.pid)
                os.kill(child.pid, signal.SIGKILL)

    resultaten = kd.render_many(paden, tmp_path / "uit", formaten=("docx",), jobs=2, voortgang=kill_every_worker)
    assert killed
    assert [r.bestand for r in resultaten] == paden
    gestopt = [r for r in resultaten if not r.gelukt]
    assert 1 <= len(gestopt) <= 2
    for r in gestopt:
        assert "is onverwacht gestopt (signaal SIGKILL)" in r.melding
    assert sum(r.gelukt for r in resultaten) == len(paden) - len(gestopt)
    written = sorted(p.stem for p in (tmp_path / "uit").iterdir())
    assert written == sorted(r.bestand.stem for r in resultaten if r.gelukt)  # nothing half-written
    assert len(kd.batch.tabel(resultaten).splitlines()) == len(paden) + 2


def test_a_file_over_the_time_limit_fails_and_the_others_render(tmp_path):
    paden = verslagen(tmp_path / "in", ["Stichting Snel", "Stichting Traag", "Stichting Ook Snel"])
    sjabloon = sjabloon_voor(tmp_path, "Stichting Traag", TRAAG)
    start = time.monotonic()
    resultaten = kd.render_many(paden, tmp_path / "uit", sjabloon=sjabloon, jobs=2, tijdslimiet=8)
    assert time.monotonic() - start < 60
    assert [r.status for r in resultaten] == ["ok", "fout", "ok"]
    assert "het maken duurde langer dan 8 seconden en is gestopt" in resultaten[1].melding
    assert "--tijdslimiet" in resultaten[1].melding
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "00_snel.docx",
        "00_snel.pdf",
        "02_snel.docx",
        "02_snel.pdf",
    ]


def test_a_file_over_the_memory_limit_fails_and_the_others_render(tmp_path):
    paden = verslagen(tmp_path / "in", ["Stichting Zuinig", "Stichting Gulzig", "Stichting Ook Zuinig"])
    sjabloon = sjabloon_voor(tmp_path, "Stichting Gulzig", VEEL_GEHEUGEN)
    resultaten = kd.render_many(
        paden, tmp_path / "uit", sjabloon=sjabloon, formaten=("docx",), jobs=1, tijdslimiet=60, geheugenlimiet=300
    )
    assert [r.status for r in resultaten] == ["ok", "fout", "ok"]
    assert "het maken had meer dan 300 MB geheugen nodig en is gestopt" in resultaten[1].melding


def test_a_raw_control_character_in_one_file_does_not_end_the_batch(tmp_path):
    paden = verslagen(tmp_path / "in", ["Stichting Een", "Stichting Twee", "Stichting Drie"])
    kapot = paden[1]
    kapot.write_text(kapot.read_text(encoding="utf-8").replace("Twee", "Tw\x01ee"), encoding="utf-8")
    resultaten = kd.render_many(paden, tmp_path / "uit", jobs=2)
    # The file loads (issue 9: pasted control characters are read); the character is left out, with
    # a waarschuwing that names the field, and the other files render as well.
    assert [r.gelukt for r in resultaten] == [True, True, True]
    [b] = [b for b in resultaten[1].bevindingen if b.pad == "organisatie.naam"]
    assert "stuurtekens" in b.melding


def test_ctrl_c_stops_the_workers_prints_what_finished_and_exits_130(tmp_path):
    paden = verslagen(tmp_path / "in", ["Stichting Snel", "Stichting Traag", "Stichting Traag Twee", "Stichting Drie"])
    sjabloon = tmp_path / "sjabloon.docx"
    sjabloon.write_bytes(
        met_tekst(f"{{% if organisatie.naam != 'Stichting Snel' %}}{TRAAG}{{% endif %}}{{{{ titel }}}}")
    )
    uit = tmp_path / "uit"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kkfz_docs.cli",
            "render",
            *map(str, paden),
            "-o",
            str(uit),
            "-j",
            "2",
            "--sjabloon",
            str(sjabloon),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    deadline = time.monotonic() + 120
    while not (uit / "00_snel.pdf").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # the two workers are now in the slow files
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stdout + stderr
    assert "afgebroken" in stderr and "1 verslag klaar" in stderr
    assert any(line.endswith("docx, pdf  ok") and "00_snel" in line for line in stdout.splitlines())
    assert sorted(p.name for p in uit.iterdir()) == ["00_snel.docx", "00_snel.pdf"]  # no temporary or lock file
    time.sleep(0.5)
    try:
        os.killpg(process.pid, 0)
        left = True
    except ProcessLookupError:
        left = False
    assert not left  # no worker outlives the command
