"""One verslag, one consistent pair: Word and PDF together or not at all, one writer at a time,
stale temporary files removed, write errors in Dutch with the old files untouched."""

from __future__ import annotations

import errno
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, minimaal
from docx import Document
from pypdf import PdfReader
from sjablonen.corpus import met_tekst

import kkfz_docs as kd
from kkfz_docs import atomic


def lang(tmp_path: Path) -> Path:
    """A verslag of more than six pages: fixture (a) with every longer text three times."""

    def triple(x):
        if isinstance(x, str) and len(x) > 40:
            return (x.strip() + "\n\n") * 3
        if isinstance(x, dict):
            return {k: triple(v) for k, v in x.items()}
        if isinstance(x, list):
            return [triple(v) for v in x]
        return x

    bron = tmp_path / "lang.yaml"
    data = triple(yaml.safe_load(FIXTURES[0].read_text(encoding="utf-8")))
    bron.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return bron


def old_pair(folder: Path, stem: str = "v") -> dict[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    oud = {folder / f"{stem}.docx": b"oude Word-versie", folder / f"{stem}.pdf": b"oude PDF-versie"}
    for path, data in oud.items():
        path.write_bytes(data)
    return oud


def test_a_pdf_over_the_limit_writes_neither_file_and_says_the_old_ones_are_unchanged(tmp_path):
    oud = old_pair(tmp_path / "uit")
    with pytest.raises(kd.PaginaLimietOverschreden) as info:
        kd.render_files(kd.load(lang(tmp_path)), tmp_path / "uit" / "v")
    assert "de handreiking adviseert er hooguit 6" in str(info.value)
    assert str(info.value).endswith(
        f"Er is niets geschreven; {tmp_path / 'uit' / 'v.docx'} en {tmp_path / 'uit' / 'v.pdf'} zijn niet veranderd."
    )
    assert {p: p.read_bytes() for p in (tmp_path / "uit").iterdir()} == oud


def test_a_template_error_writes_neither_file(tmp_path):
    oud = old_pair(tmp_path / "uit")
    sjabloon = tmp_path / "tikfout.docx"
    sjabloon.write_bytes(met_tekst("{{ titell }}"))
    with pytest.raises(kd.SjabloonFout, match=r"'titell'.*zijn niet veranderd"):
        kd.render_files(kd.load(FIXTURES[0]), tmp_path / "uit" / "v", template=sjabloon)
    assert {p: p.read_bytes() for p in (tmp_path / "uit").iterdir()} == oud


def test_a_pair_is_written_with_matching_files(tmp_path):
    result = kd.render_files(kd.load(FIXTURES[1]), tmp_path / "uit" / "v")
    assert (result.docx, result.pdf) == (tmp_path / "uit" / "v.docx", tmp_path / "uit" / "v.pdf")
    assert result.info.pages == len(PdfReader(result.pdf).pages)
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["v.docx", "v.pdf"]


def test_the_cli_keeps_the_old_pair_when_a_longer_verslag_is_refused(tmp_path):
    kort = tmp_path / "kort" / "verslag.yaml"
    kort.parent.mkdir()
    kort.write_text(FIXTURES[2].read_text(encoding="utf-8"), encoding="utf-8")
    cli = [sys.executable, "-m", "kkfz_docs.cli", "render", "-o", str(tmp_path / "uit")]
    assert subprocess.run([*cli, str(kort)], capture_output=True, timeout=120).returncode == 0
    eerst = {p.name: p.read_bytes() for p in (tmp_path / "uit").iterdir()}
    langer = tmp_path / "lang" / "verslag.yaml"
    langer.parent.mkdir()
    lang(tmp_path).rename(langer)
    result = subprocess.run([*cli, str(langer)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    melding = " ".join(result.stderr.split())
    assert "adviseert er hooguit 6" in melding and "verslag.docx en" in melding and "zijn niet veranderd" in melding
    assert {p.name: p.read_bytes() for p in (tmp_path / "uit").iterdir()} == eerst


def test_one_format_beside_the_other_of_an_earlier_render_says_so(tmp_path):
    """--docx alone writes a new Word file; the PDF beside it is last time's, and may not match."""
    invoer = tmp_path / "verslag.yaml"
    invoer.write_text(FIXTURES[0].read_text(encoding="utf-8"), encoding="utf-8")
    [beide] = kd.render_many([invoer], tmp_path / "uit", jobs=1)
    assert beide.gelukt and not any("niet opnieuw gemaakt" in b.melding for b in beide.bevindingen)
    [alleen_word] = kd.render_many([invoer], tmp_path / "uit", formaten=("docx",), jobs=1)
    [oud] = [b for b in alleen_word.bevindingen if "niet opnieuw gemaakt" in b.melding]
    assert not oud.is_fout and "verslag.pdf" in oud.melding and "zonder --docx" in oud.melding
    [leeg] = kd.render_many([invoer], tmp_path / "nieuw", formaten=("pdf",), jobs=1)
    assert not any("niet opnieuw gemaakt" in b.melding for b in leeg.bevindingen)


def _render_repeatedly(naam: str, stem: str, keer: int) -> None:
    data = minimaal()
    data["organisatie"]["naam"] = naam
    verslag = kd.load(data)
    for _ in range(keer):
        kd.render_files(verslag, stem)


def test_concurrent_renders_to_one_target_leave_a_pair_from_one_input(tmp_path):
    stem = str(tmp_path / "zelfde")
    ctx = multiprocessing.get_context("spawn")
    processes = [
        ctx.Process(target=_render_repeatedly, args=(naam, stem, 4)) for naam in ("Stichting Alfa", "Stichting Beta")
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join(300)
        assert p.exitcode == 0
    word = Document(stem + ".docx").core_properties.author
    pdf = PdfReader(stem + ".pdf").metadata.author
    assert word == pdf and word in ("Stichting Alfa", "Stichting Beta")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zelfde.docx", "zelfde.pdf"]


def _hold_lock(stem: str, seconds: float, log: str) -> None:
    with atomic.locked(Path(stem)):
        Path(log).write_text(f"{time.time()}\n")
        time.sleep(seconds)
        with open(log, "a") as f:
            f.write(f"{time.time()}\n")


def test_the_lock_makes_a_second_writer_wait_and_leaves_no_file(tmp_path):
    log = tmp_path / "log"
    holder = multiprocessing.get_context("spawn").Process(target=_hold_lock, args=(str(tmp_path / "v"), 1.5, str(log)))
    holder.start()
    while not log.exists():
        time.sleep(0.02)
    with atomic.locked(tmp_path / "v"):
        got = time.time()
    holder.join(30)
    taken, released = map(float, log.read_text().split())
    assert got >= released > taken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log"]


def test_a_render_removes_temporary_files_a_killed_render_left(tmp_path):
    folder = tmp_path / "uit"
    folder.mkdir()
    stale = [folder / ".v.docx.k1ll3d.tmp", folder / ".v.pdf.x8y9z0.tmp"]
    other = folder / ".w.docx.andere.tmp"  # another target's: not this render's to remove
    for path in [*stale, other]:
        path.write_bytes(b"half")
        os.utime(path, (time.time() - 60, time.time() - 60))
    kd.render_files(kd.load(FIXTURES[1]), folder / "v")
    assert sorted(p.name for p in folder.iterdir()) == [".w.docx.andere.tmp", "v.docx", "v.pdf"]


def test_an_output_folder_that_is_a_file_is_a_dutch_schrijffout(tmp_path):
    (tmp_path / "uit").write_text("ik ben een bestand")
    with pytest.raises(kd.Schrijffout, match=r"de uitvoermap .*uit is een bestand, geen map; kies een andere map"):
        kd.render_files(kd.load(FIXTURES[1]), tmp_path / "uit" / "v")
    assert (tmp_path / "uit").read_text() == "ik ben een bestand"


@pytest.mark.parametrize(
    ("code", "melding", "failing"),
    [
        (errno.EACCES, "u mag niet schrijven in de map", 1),
        (errno.EROFS, "alleen gelezen kan worden", 1),
        (errno.ENOSPC, "is vol; maak ruimte vrij", 1),
        (errno.ENOSPC, "is vol; maak ruimte vrij", 2),  # the Word file was already in place: put back
    ],
)
def test_write_errors_are_dutch_and_leave_the_old_pair(tmp_path, monkeypatch, code, melding, failing):
    # Fault injection: a read-only folder or a full disk cannot be made without root, and tests
    # run as root in CI (where permissions do not stop a write). The OSError is the real one.
    oud = old_pair(tmp_path / "uit")
    real = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == failing:
            raise OSError(code, os.strerror(code), str(dst))
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(kd.Schrijffout) as info:
        kd.render_files(kd.load(FIXTURES[1]), tmp_path / "uit" / "v")
    assert melding in str(info.value) and "Er is niets geschreven" in str(info.value)
    assert info.value.errno == code
    assert {p: p.read_bytes() for p in (tmp_path / "uit").iterdir()} == oud  # no temporary file left either
