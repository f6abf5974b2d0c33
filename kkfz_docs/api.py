"""The public functions: check and render a kwaliteitsverslag or a meerjarenplan, as an object or a file.

This is the top layer where the model's rules meet the PDF's findings (page count, characters
the fonts cannot show), so kd.check reports both. The renderers are imported on first use:
they load docxtpl and ReportLab, which `import kkfz_docs` should not pay for.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from . import argumenten
from .atomic import write_atomic
from .findings import Bevinding
from .load import load
from .meerjarenplan import Meerjarenplan
from .render.info import RenderInfo
from .rules import check_model
from .verslag import Kwaliteitsverslag

if TYPE_CHECKING:
    from .render.pair import Rendered

__all__ = [
    "MEMORY_LIMIT_MB",
    "TIME_LIMIT",
    "Document",
    "DocumentOfPad",
    "PaginaLimiet",
    "VerslagOfPad",
    "check",
    "export_template",
    "render_docx",
    "render_files",
    "render_pdf",
]

Document = Kwaliteitsverslag | Meerjarenplan
"""A kwaliteitsverslag or a meerjarenplan."""
DocumentOfPad = Document | str | os.PathLike
"""A document, or the path of its YAML or JSON file."""
VerslagOfPad = DocumentOfPad
"""The name this type had before the meerjarenplan was a document of its own."""
PaginaLimiet = int | Literal["standaard"] | None
"""A PDF's page limit: a number, None (no limit), or "standaard": six for a verslag, none for a plan."""


def _verslag(verslag: DocumentOfPad) -> Document:
    if isinstance(verslag, Kwaliteitsverslag | Meerjarenplan):
        return verslag
    if isinstance(verslag, str | os.PathLike) and not isinstance(verslag, bytes):
        return load(argumenten.pad("verslag", verslag))
    raise TypeError(
        f"geef een Kwaliteitsverslag, een Meerjarenplan of het pad van een .yaml- of .json-bestand, geen "
        f"{type(verslag).__name__}; gegevens in een dict leest u eerst in met kkfz_docs.load(...)"
    )


def check(
    verslag: DocumentOfPad, *, vandaag: dt.date | None = None, max_pages: PaginaLimiet = "standaard"
) -> list[Bevinding]:
    """All findings for a verslag or a meerjarenplan, in document order; a fout means: do not publish like this.

    With a page limit (a verslag's is six unless given; a plan has none), the document is laid out as
    the PDF would be (without drawing the chart) to count its pages; max_pages=None skips that (faster).
    """
    from .render.pdf import bevindingen as pdf_bevindingen
    from .render.soorten import paginalimiet

    vandaag = argumenten.datum("vandaag", vandaag)
    max_pages = paginalimiet(max_pages)
    v = _verslag(verslag)
    bevindingen = check_model(v, vandaag=vandaag) + pdf_bevindingen(v, max_pages)
    if v.bron is not None:
        bevindingen = [attrs.evolve(b, regel=b.regel or v.bron.regel(b.pad)) for b in bevindingen]
    return bevindingen


TIME_LIMIT = 60.0
"""Seconds a custom Word template may take to render (None: no limit)."""
MEMORY_LIMIT_MB = 1024
"""Megabytes of memory a custom Word template may use while it renders (None: no limit)."""


def render_docx(
    verslag: DocumentOfPad,
    path: str | os.PathLike,
    template: str | os.PathLike | None = None,
    *,
    time_limit: float | None = TIME_LIMIT,
    memory_limit_mb: int | None = MEMORY_LIMIT_MB,
) -> Path:
    """Write the verslag or meerjarenplan as a Word file (atomically). template: a custom .docx of that
    document type (the bundled one of its type by default); see docs/sjabloon.md.

    A custom template renders in a worker process within time_limit seconds and memory_limit_mb;
    raises SjabloonFout (Dutch) when it cannot be used or runs over a limit, and Schrijffout when the
    file cannot be written. Nothing is written then.
    """
    from .render.pair import write

    doel = argumenten.pad("path", path)
    limits = _limits(time_limit, memory_limit_mb)
    write(_verslag(verslag), {"docx": doel}, template=_sjabloon(template), max_pages=None, limits=limits)
    return doel


def render_pdf(
    verslag: DocumentOfPad,
    path: str | os.PathLike,
    max_pages: PaginaLimiet = "standaard",
    template: str | os.PathLike | None = None,
) -> RenderInfo:
    """Write the verslag or meerjarenplan as a PDF (atomically); info.pages is its page count.

    Raises PaginaLimietOverschreden, writing nothing, when it runs over max_pages: "standaard" is six
    pages for a verslag (the handreiking's advice) and no limit for a meerjarenplan; None: no limit.
    template: the Word template of the house style; the PDF takes its fonts, sizes and colours.
    """
    from .render.pair import write
    from .render.soorten import paginalimiet
    from .render.worker import Limits

    doel, max_pages, template = argumenten.pad("path", path), paginalimiet(max_pages), _sjabloon(template)
    rendered = write(_verslag(verslag), {"pdf": doel}, template=template, max_pages=max_pages, limits=Limits())
    assert rendered.info is not None  # a PDF was made
    return rendered.info


def render_files(
    verslag: DocumentOfPad,
    stem: str | os.PathLike,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    template: str | os.PathLike | None = None,
    max_pages: PaginaLimiet = "standaard",
    time_limit: float | None = TIME_LIMIT,
    memory_limit_mb: int | None = MEMORY_LIMIT_MB,
) -> Rendered:
    """Write stem.docx and stem.pdf (or the formats asked) together or not at all.

    A PDF over max_pages or a template error writes neither file and leaves files already there as
    they were (the exception's message says so). Returns what was written: .docx, .pdf, .info.
    """
    from .render.pair import FORMATS, render
    from .render.soorten import paginalimiet

    stem, formats = argumenten.pad("stem", stem), argumenten.formaten("formats", formats, FORMATS)
    max_pages, template, limits = paginalimiet(max_pages), _sjabloon(template), _limits(time_limit, memory_limit_mb)
    return render(_verslag(verslag), stem, formats, template=template, max_pages=max_pages, limits=limits)


def export_template(path: str | os.PathLike, soort: str = "kwaliteitsverslag") -> Path:
    """Copy the bundled Word template of a document type ("kwaliteitsverslag" or "meerjarenplan") to
    path, to restyle in Word and pass back as template=."""
    from .render.docx import default_template

    doel = argumenten.pad("path", path)
    bron = default_template(soort)
    return write_atomic(doel, lambda tmp: shutil.copyfile(bron, tmp))


def _sjabloon(template: object) -> Path | None:
    return None if template is None else argumenten.pad("template", template)


def _limits(time_limit: object, memory_limit_mb: object):
    from .render.worker import Limits

    seconden = argumenten.getal("time_limit", time_limit, eenheid="seconden", geen="geen grens")
    mb = argumenten.geheel_getal("memory_limit_mb", memory_limit_mb, eenheid="MB", geen="geen grens")
    return Limits(seconden, mb)
