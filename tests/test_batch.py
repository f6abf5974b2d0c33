"""Many verslagen at once: render_many and `kkfz-docs render` with folders and -j."""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys

from conftest import FIXTURES
from docx import Document
from pypdf import PdfReader

import kkfz_docs as kd


def test_render_many_renders_a_folder_in_parallel_and_keeps_going_after_a_failure(tmp_path):
    bron = tmp_path / "bron"
    (bron / "regio-oost").mkdir(parents=True)
    for f in FIXTURES:
        shutil.copy(f, bron / f.name)
    shutil.copy(FIXTURES[0], bron / "regio-oost" / FIXTURES[0].name)  # same name, other folder
    (bron / "kapot.yaml").write_text("verslagjaar: [\n", encoding="utf-8")
    seen = []
    resultaten = kd.render_many([bron], tmp_path / "uit", jobs=2, voortgang=lambda d, t, r: seen.append((d, t)))
    status = {r.bestand.relative_to(bron).as_posix(): r.status for r in resultaten}
    assert status == {
        **{f.name: "ok" for f in FIXTURES},
        "kapot.yaml": "onleesbaar",
        "regio-oost/a_kortewind.yaml": "ok",
    }
    assert seen[-1] == (len(FIXTURES) + 2, len(FIXTURES) + 2)
    for rel in ("a_kortewind", "regio-oost/a_kortewind", "c_hoogeveld"):
        assert Document(tmp_path / "uit" / f"{rel}.docx").paragraphs[0].text.startswith("Kwaliteitsverslag")
        assert len(PdfReader(tmp_path / "uit" / f"{rel}.pdf").pages) <= 6
    kapot = next(r for r in resultaten if r.status == "onleesbaar")
    assert "de YAML klopt niet" in kapot.melding


def test_cli_batch_prints_a_table_and_exits_1_listing_the_failures(tmp_path):
    (tmp_path / "leeg.yaml").write_text("", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kkfz_docs.cli",
            "render",
            *map(str, FIXTURES),
            str(tmp_path / "leeg.yaml"),
            "-o",
            str(tmp_path / "uit"),
            "-j",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[lines.index(next(line for line in lines if line.startswith("Bestand")))].split() == [
        "Bestand",
        "Pagina's",
        "Formaten",
        "Status",
    ]
    assert any(line.endswith("docx, pdf  ok") and "a_kortewind" in line for line in lines)
    assert f"1 van {len(FIXTURES) + 1} niet (helemaal) gelukt" in result.stderr
    assert "het bestand is leeg" in result.stderr


def test_an_empty_folder_is_reported(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "render", str(tmp_path), "-o", str(tmp_path / "uit")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "geen verslagen gevonden" in result.stderr


def _render_to(target: str) -> None:
    verslag = kd.load(FIXTURES[0])
    for _ in range(3):
        kd.render_docx(verslag, target)
        kd.render_pdf(verslag, target + ".pdf")


def test_two_renders_to_the_same_target_at_once_leave_one_whole_file(tmp_path):
    target = str(tmp_path / "zelfde.docx")
    ctx = multiprocessing.get_context("spawn")
    processes = [ctx.Process(target=_render_to, args=(target,)) for _ in range(2)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(120)
        assert p.exitcode == 0
    assert Document(target).core_properties.author == "Stichting Kortewind Wonen & Begeleiding"
    assert len(PdfReader(target + ".pdf").pages) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zelfde.docx", "zelfde.docx.pdf"]


def test_two_inputs_with_the_same_name_do_not_overwrite_each_other(tmp_path):
    for folder in ("oost", "west"):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES[1], tmp_path / folder / "verslag.yaml")
    resultaten = kd.render_many(
        [tmp_path / "oost" / "verslag.yaml", tmp_path / "west" / "verslag.yaml"],
        tmp_path / "uit",
        formaten=("docx",),
        jobs=1,
    )
    assert [r.status for r in resultaten] == ["ok", "fout"]
    assert "dezelfde uitvoer" in resultaten[1].melding and str(tmp_path / "oost") in resultaten[1].melding
