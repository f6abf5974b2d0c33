"""The public functions: check and render a verslag given as an object or as the path of its file.

This is the top layer where the model's rules meet the PDF's findings (page count, characters
the fonts cannot show), so kd.check reports both. The renderers are imported on first use:
they load docxtpl and ReportLab, which `import kkfz_docs` should not pay for.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import attrs

from .atomic import write_atomic
from .findings import Bevinding
from .load import load
from .render.info import RenderInfo
from .rules import check_model
from .verslag import Kwaliteitsverslag

__all__ = ["VerslagOfPad", "check", "export_template", "render_docx", "render_pdf"]

VerslagOfPad = Kwaliteitsverslag | str | os.PathLike
"""A verslag, or the path of its YAML or JSON file."""


def _verslag(verslag: VerslagOfPad) -> Kwaliteitsverslag:
    if isinstance(verslag, Kwaliteitsverslag):
        return verslag
    if isinstance(verslag, str | os.PathLike):
        return load(Path(verslag))
    raise TypeError(
        f"geef een Kwaliteitsverslag of het pad van een .yaml- of .json-bestand, geen {type(verslag).__name__}; "
        "gegevens in een dict leest u eerst in met kkfz_docs.load(...)"
    )


def check(verslag: VerslagOfPad, *, vandaag: dt.date | None = None, max_pages: int | None = 6) -> list[Bevinding]:
    """All findings for a verslag, in document order; a fout means: do not publish like this.

    With max_pages set, the verslag is laid out as the PDF would be (without drawing the chart) to
    count its pages; max_pages=None skips that (faster).
    """
    from .render.pdf import bevindingen as pdf_bevindingen

    v = _verslag(verslag)
    bevindingen = check_model(v, vandaag=vandaag) + pdf_bevindingen(v, max_pages)
    if v.bron is not None:
        bevindingen = [attrs.evolve(b, regel=b.regel or v.bron.regel(b.pad)) for b in bevindingen]
    return bevindingen


def render_docx(verslag: VerslagOfPad, path: str | os.PathLike, template: str | os.PathLike | None = None) -> Path:
    """Write the verslag as a Word file (atomically). template: a custom .docx; see docs/sjabloon.md."""
    from .render.docx import render_docx as render

    return render(_verslag(verslag), path, template)


def render_pdf(verslag: VerslagOfPad, path: str | os.PathLike, max_pages: int | None = 6) -> RenderInfo:
    """Write the verslag as a PDF (atomically); info.pages is its page count.

    Raises PaginaLimietOverschreden, writing nothing, when it runs over max_pages (None: no limit).
    """
    from .render.pdf import render_pdf as render

    return render(_verslag(verslag), path, max_pages)


def export_template(path: str | os.PathLike) -> Path:
    """Copy the bundled Word template to path, to restyle in Word and pass back as template=."""
    from .render.docx import default_template

    return write_atomic(path, lambda tmp: shutil.copyfile(default_template(), tmp))
