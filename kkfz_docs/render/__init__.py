"""Renderers: Word (docxtpl) and PDF (ReportLab).

These wrappers are the public entry points; each imports its renderer, and so docxtpl or
ReportLab, only when it is called, which keeps `import kkfz_docs` fast. All of them write through
render/pair.py: files are made in memory, then written atomically under a lock.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..verslag import Kwaliteitsverslag
    from .pair import Rendered
    from .pdf import RenderInfo

TIME_LIMIT = 60.0
"""Seconds a custom Word template may take to render (None: no limit)."""
MEMORY_LIMIT_MB = 1024
"""Megabytes of memory a custom Word template may use while it renders (None: no limit)."""


def render_docx(
    verslag: Kwaliteitsverslag,
    path: str | os.PathLike,
    template: str | os.PathLike | None = None,
    *,
    time_limit: float | None = TIME_LIMIT,
    memory_limit_mb: int | None = MEMORY_LIMIT_MB,
) -> Path:
    """Write the verslag as a Word file (atomically). template: a custom .docx; see docs/sjabloon.md.

    A custom template renders in a worker process within time_limit seconds and memory_limit_mb;
    raises SjabloonFout (Dutch) when it cannot be used or runs over a limit, and Schrijffout when the
    file cannot be written. Nothing is written then.
    """
    from .pair import write
    from .worker import Limits

    limits = Limits(time_limit, memory_limit_mb)
    write(verslag, {"docx": Path(path)}, template=template, max_pages=None, limits=limits)
    return Path(path)


def render_pdf(verslag: Kwaliteitsverslag, path: str | os.PathLike, max_pages: int | None = 6) -> RenderInfo:
    """Write the verslag as a PDF (atomically); info.pages is its page count.

    Raises PaginaLimietOverschreden, writing nothing, when it runs over max_pages (None: no limit).
    """
    from .pair import write
    from .worker import Limits

    return write(verslag, {"pdf": Path(path)}, template=None, max_pages=max_pages, limits=Limits()).info


def render_files(
    verslag: Kwaliteitsverslag,
    stem: str | os.PathLike,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    template: str | os.PathLike | None = None,
    max_pages: int | None = 6,
    time_limit: float | None = TIME_LIMIT,
    memory_limit_mb: int | None = MEMORY_LIMIT_MB,
) -> Rendered:
    """Write stem.docx and stem.pdf (or the formats asked) together or not at all.

    A PDF over max_pages or a template error writes neither file and leaves files already there as
    they were (the exception's message says so). Returns what was written: .docx, .pdf, .info.
    """
    from .pair import render as render_pair
    from .worker import Limits

    return render_pair(
        verslag,
        stem,
        formats,
        template=template,
        max_pages=max_pages,
        limits=Limits(time_limit, memory_limit_mb),
    )


def export_template(path: str | os.PathLike) -> Path:
    """Copy the bundled Word template to path, to restyle in Word and pass back as template=."""
    import shutil

    from ..atomic import write_atomic
    from .docx import default_template

    return write_atomic(path, lambda tmp: shutil.copyfile(default_template(), tmp))
