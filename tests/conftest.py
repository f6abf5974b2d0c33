"""Shared helpers: a minimal valid verslag as data, and the fixtures folder."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kkfz_docs.render.fonts import forget_system_fonts

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.yaml"))

MINIMAAL: dict = {
    "verslagjaar": 2024,
    "organisatie": {"naam": "Stichting Proef"},
    "algemene_informatie": {
        "visie": "Veilig en herstelgericht.",
        "zorgtypen": [{"setting": "Ambulante begeleiding"}],
        "clienten": {"forensische_zorg": 7, "anders_gefinancierd": {"WMO": 25}},
    },
    "pijlers": [
        {
            "nummer": n,
            "algemeen_beeld": f"Beeld {n}.",
            "reflectie": f"Reflectie {n}.",
            "successen": [f"Succes {n}."],
            "aandachtspunten": [f"Aandachtspunt {n}."],
            "ontwikkelpunten": [{"omschrijving": f"Ontwikkelpunt {n}.", "wanneer": "Q2 2025"}],
        }
        for n in (1, 2, 3, 4)
    ],
    "prestatie_indicatoren_nvt": "Geen indicatoren voor ambulante begeleiding.",
}


def minimaal() -> dict:
    """A fresh deep copy of a small verslag that passes check() without findings."""
    return copy.deepcopy(MINIMAAL)


@pytest.fixture
def data() -> dict:
    return minimaal()


@dataclass(frozen=True)
class Rendered:
    """A fixture loaded and rendered once for the whole test session (read, never changed)."""

    verslag: Any
    docx: Path
    pdf: Path
    info: Any  # the RenderInfo of the PDF


@pytest.fixture(scope="session")
def rendered_fixtures(tmp_path_factory) -> dict[str, Rendered]:
    """Every verslag in fixtures/ as Word and PDF, by file stem; shared by the test modules that read them."""
    import kkfz_docs as kd

    out = tmp_path_factory.mktemp("fixtures")
    result = {}
    for f in FIXTURES:
        verslag = kd.load(f)
        info = kd.render_pdf(verslag, out / f"{f.stem}.pdf")
        result[f.stem] = Rendered(verslag, kd.render_docx(verslag, out / f"{f.stem}.docx"), info.pad, info)
    return result


def soffice_to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice headless, the real word processor of the tests."""
    return soffice_convert(docx, outdir, "pdf")


def soffice_convert(document: Path, outdir: Path, kind: str) -> Path:
    """Open a document in LibreOffice headless and save it as kind ("pdf", "docx") in outdir."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice ontbreekt: installeer libreoffice-writer-nogui (.ci/run doet dat)"
    converted = outdir / f"{document.stem}.{kind}"
    assert converted.resolve() != document.resolve(), "LibreOffice would overwrite the document itself"
    profile = outdir / "lo-profiel"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            kind,
            "--outdir",
            str(outdir),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0 and converted.exists(), result.stderr + result.stdout
    return converted


def _hypothesis_profiles() -> None:
    """In CI (CI=true) Hypothesis reports a failure without minimising it first: shrinking a whole
    verslag can take minutes, and the CI run has a time limit."""
    import os

    from hypothesis import Phase, settings

    settings.register_profile("ci", phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target], print_blob=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()


@pytest.fixture
def system_fonts(tmp_path, monkeypatch):
    """Point fontconfig at the given folders only; no folders: a computer without any font."""

    def use(*folders):
        conf = tmp_path / "fonts.conf"
        dirs = "".join(f"<dir>{d}</dir>" for d in folders)
        conf.write_text(f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{tmp_path}/fc</cachedir></fontconfig>')
        monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
        forget_system_fonts()

    yield use
    monkeypatch.undo()
    forget_system_fonts()
