"""The public functions: check and render a kwaliteitsverslag or a meerjarenplan, as an object or a file.

This is the top layer where the model's rules meet the PDF's findings (page count, characters
the fonts cannot show), so kd.check reports both. The renderers are imported on first use:
they load docxtpl and ReportLab, which `import kkfz_docs` should not pay for.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Literal

import attrs

from .atomic import write_atomic
from .findings import Bevinding
from .load import load
from .meerjarenplan import Meerjarenplan
from .render.info import RenderInfo
from .rules import check_model
from .verslag import Kwaliteitsverslag

__all__ = ["Document", "DocumentOfPad", "VerslagOfPad", "check", "export_template", "render_docx", "render_pdf"]

Document = Kwaliteitsverslag | Meerjarenplan
"""A kwaliteitsverslag or a meerjarenplan."""
DocumentOfPad = Document | str | os.PathLike
"""A document, or the path of its YAML or JSON file."""
VerslagOfPad = DocumentOfPad
"""The name this type had before the meerjarenplan was a document of its own."""
PaginaLimiet = int | Literal["standaard"] | None
"""A PDF's page limit: a number, None (no limit), or "standaard": six for a verslag, none for a plan."""


def _document(document: DocumentOfPad) -> Document:
    if isinstance(document, Kwaliteitsverslag | Meerjarenplan):
        return document
    if isinstance(document, str | os.PathLike):
        return load(Path(document))
    raise TypeError(
        f"geef een Kwaliteitsverslag, een Meerjarenplan of het pad van een .yaml- of .json-bestand, geen "
        f"{type(document).__name__}; gegevens in een dict leest u eerst in met kkfz_docs.load(...)"
    )


def check(
    document: DocumentOfPad, *, vandaag: dt.date | None = None, max_pages: PaginaLimiet = "standaard"
) -> list[Bevinding]:
    """All findings for a verslag or a meerjarenplan, in document order; a fout means: do not publish like this.

    With a page limit (a verslag's is six unless given; a plan has none), the document is laid out as
    the PDF would be (without drawing the chart) to count its pages; max_pages=None skips that (faster).
    """
    from .render.pdf import bevindingen as pdf_bevindingen

    v = _document(document)
    bevindingen = check_model(v, vandaag=vandaag) + pdf_bevindingen(v, max_pages)
    if v.bron is not None:
        bevindingen = [attrs.evolve(b, regel=v.bron.regel(b.pad)) for b in bevindingen]
    return bevindingen


def render_docx(document: DocumentOfPad, path: str | os.PathLike, template: str | os.PathLike | None = None) -> Path:
    """Write the document as a Word file (atomically). template: a custom .docx; see docs/sjabloon.md."""
    from .render.docx import render_docx as render

    return render(_document(document), path, template)


def render_pdf(
    document: DocumentOfPad,
    path: str | os.PathLike,
    max_pages: PaginaLimiet = "standaard",
    template: str | os.PathLike | None = None,
) -> RenderInfo:
    """Write the document as a PDF (atomically); info.pages is its page count.

    Raises PaginaLimietOverschreden, writing nothing, when it runs over max_pages: "standaard" is six
    pages for a verslag (the handreiking's advice) and no limit for a meerjarenplan; None: no limit.
    template: the Word template of the house style; the PDF takes its fonts, sizes and colours.
    """
    from .render.pdf import render_pdf as render

    return render(_document(document), path, max_pages, template)


def export_template(path: str | os.PathLike, soort: str = "kwaliteitsverslag") -> Path:
    """Copy the bundled Word template of a document type ("kwaliteitsverslag" or "meerjarenplan") to
    path, to restyle in Word and pass back as template=."""
    from .render.docx import default_template

    bron = default_template(soort)
    return write_atomic(path, lambda tmp: shutil.copyfile(bron, tmp))
