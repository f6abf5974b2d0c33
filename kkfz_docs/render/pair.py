"""One verslag (or meerjarenplan), one consistent pair: its Word file and its PDF are written together or
not at all.

Both files are made in memory first. Only when every asked format is made are they written, under
one lock (atomic.write_together), so a PDF refused for its length or a template error leaves the
files already there exactly as they were, and two renders to the same target never mix. The API
(render_docx, render_pdf, render_files) and the batch (batch.py) both write through here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from attrs import define, evolve

from ..atomic import unchanged_note, write_together
from ..errors import PaginaLimietOverschreden, SjabloonFout
from ..meerjarenplan import Meerjarenplan
from ..verslag import Kwaliteitsverslag
from . import soorten
from .info import RenderInfo
from .worker import Limits, describe, run_once

__all__ = ["FORMATS", "Rendered", "advice", "make", "make_docx", "render", "target", "write"]

FORMATS = ("docx", "pdf")
Document = Kwaliteitsverslag | Meerjarenplan


@define(frozen=True)
class Rendered:
    """What render_files() wrote: the paths and, for a PDF, its pages and chapters."""

    docx: Path | None = None
    pdf: Path | None = None
    info: RenderInfo | None = None
    """The PDF's RenderInfo (pages, chapters), or None without a PDF."""


def target(stem: str | os.PathLike, fmt: str) -> Path:
    """uit/verslag + 'pdf' -> uit/verslag.pdf"""
    stem = Path(stem)
    return stem.with_name(f"{stem.name}.{fmt}")


def make(verslag: Document, fmt: str, template: str | os.PathLike | None, max_pages: int | None):
    """One format in memory, in this process: (bytes, RenderInfo or None).

    Raises PaginaLimietOverschreden (pdf) or SjabloonFout (docx).
    """
    if fmt == "pdf":
        from .pdf import layout

        data, info = layout(verslag, max_pages, template=template)  # the PDF takes the template's house style
        if max_pages is not None and info.pages > max_pages:
            raise PaginaLimietOverschreden(info)
        return data, info
    if fmt == "docx":
        from .docx import render_bytes

        return render_bytes(verslag, template), None
    raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")


def _docx_in_worker(arg: tuple[Document, str]) -> bytes:
    from .docx import render_bytes

    verslag, template = arg
    return render_bytes(verslag, template)


def make_docx(verslag: Document, template: str | os.PathLike | None, limits: Limits) -> bytes:
    """The Word file in memory; a custom template renders in a worker process under limits."""
    if template is None:  # our own template: trusted, linear in the size of the input
        return make(verslag, "docx", None, None)[0]
    arg = (verslag, os.path.abspath(template))  # a kept worker may have another current folder
    outcome = run_once(_docx_in_worker, arg, limits, ("kkfz_docs.render.docx",))
    if outcome.error is not None:
        raise outcome.error
    if outcome.stopped:
        raise SjabloonFout(f"het sjabloon {Path(template).name}: {describe(outcome, limits)}. {advice(outcome)}")
    return outcome.value


def advice(outcome) -> str:
    """What to do about a worker that stopped (Dutch)."""
    if outcome.stopped == "tijd":
        return (
            "Controleer het sjabloon op lussen in lussen of macro's die zichzelf aanroepen, of geef meer tijd met "
            "--tijdslimiet SECONDEN (in Python: time_limit=)"
        )
    if outcome.stopped == "geheugen":
        return (
            "Controleer het sjabloon op lussen die heel veel tekst maken, of geef meer geheugen met "
            "--geheugenlimiet MB (in Python: memory_limit_mb=)"
        )
    return "Probeer het opnieuw; gebeurt het weer, meld het dan met het invoerbestand en het sjabloon"


def render(
    verslag: Document,
    stem: str | os.PathLike,
    formats: Sequence[str] = FORMATS,
    *,
    template: str | os.PathLike | None = None,
    max_pages: soorten.PaginaLimiet = soorten.STANDAARD,
    limits: Limits | None = None,
) -> Rendered:
    """Write stem.docx and/or stem.pdf, all or none. See render/__init__.py for the public wrapper."""
    limits = limits or Limits()
    formats = tuple(dict.fromkeys(formats))
    targets = {fmt: target(stem, fmt) for fmt in formats}
    return write(verslag, targets, template=template, max_pages=max_pages, limits=limits)


def write(
    verslag: Document,
    targets: dict[str, Path],
    *,
    template: str | os.PathLike | None,
    max_pages: soorten.PaginaLimiet,
    limits: Limits,
) -> Rendered:
    """Make every format in targets ({'docx': path, ...}), then write them together.

    max_pages "standaard": the document type's own limit (six pages for a verslag, none for a plan)."""
    max_pages = soorten.max_pages(verslag, max_pages)
    note = f" {unchanged_note(list(targets.values()))}" if len(targets) > 1 else ""
    data: dict[Path, bytes] = {}
    info = None
    try:
        if "pdf" in targets:  # first: the cheaper one, and the one most often refused
            data[targets["pdf"]], info = make(verslag, "pdf", template, max_pages)
        if "docx" in targets:
            data[targets["docx"]] = make_docx(verslag, template, limits)
    except PaginaLimietOverschreden as e:
        if note:
            raise PaginaLimietOverschreden(e.info, note) from None
        raise
    except SjabloonFout as e:
        if note:
            raise SjabloonFout(f"{str(e).rstrip('.')}.{note}") from None
        raise
    order = [targets[f] for f in FORMATS if f in targets]
    write_together({path: data[path] for path in order})
    if info is not None:
        info = evolve(info, pad=targets["pdf"])
    return Rendered(targets.get("docx"), targets.get("pdf"), info)
