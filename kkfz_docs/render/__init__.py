"""Renderers: Word (docxtpl) and PDF (ReportLab).

These wrappers are the public entry points; each imports its renderer, and so docxtpl or
ReportLab, only when it is called, which keeps `import kkfz_docs` fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..verslag import Kwaliteitsverslag
    from .pdf import RenderInfo


def render_docx(verslag: Kwaliteitsverslag, path: str | os.PathLike, template: str | os.PathLike | None = None) -> Path:
    """Write the verslag as a Word file (atomically). template: a custom .docx; see docs/sjabloon.md."""
    from .docx import render_docx as render

    return render(verslag, path, template)


def render_pdf(verslag: Kwaliteitsverslag, path: str | os.PathLike, max_pages: int | None = 6) -> RenderInfo:
    """Write the verslag as a PDF (atomically); info.pages is its page count.

    Raises PaginaLimietOverschreden, writing nothing, when it runs over max_pages (None: no limit).
    """
    from .pdf import render_pdf as render

    return render(verslag, path, max_pages)


def export_template(path: str | os.PathLike) -> Path:
    """Copy the bundled Word template to path, to restyle in Word and pass back as template=."""
    import shutil

    from ..atomic import write_atomic
    from .docx import default_template

    return write_atomic(path, lambda tmp: shutil.copyfile(default_template(), tmp))
