"""Previews for Jupyter: a verslag or meerjarenplan as HTML (_repr_html_) and a PDF's pages as images."""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING

from . import argumenten
from .document import set_html_preview
from .errors import WaardeFout
from .rules import Document, check_model
from .text import strip_control_characters
from .verslag import Kwaliteitsverslag

if TYPE_CHECKING:
    from .render import outline

__all__ = ["PdfPaginas", "pdf_paginas", "to_html"]


def _t(text: object) -> str:
    return escape(strip_control_characters(str(text)))


def _outline_html(document: Document) -> Iterator[str]:
    """The document as its outline lays it out (render/outline.py), without the chart and the logo."""
    from .render import outline, soorten  # with the first preview, not with `import kkfz_docs`

    soort = soorten.van(document)
    ctx = soort.context(soort.voorbereid(document))
    yield from _nodes(soort.outline, outline.Scope(ctx))


def _nodes(nodes, outer: outline.Scope) -> Iterator[str]:
    from .render import outline

    for node, scope in outline.walk(nodes, outer):
        if isinstance(node, outline.Chapter):
            yield f"<h4>{_t(outline.fill(scope, node.titel))}</h4>"
        elif isinstance(node, outline.Heading):
            tag = f"h{node.niveau + 3}"
            yield f"<{tag}>{_t(outline.fill(scope, node.tekst))}</{tag}>"
        elif isinstance(node, outline.Paragraph):
            tag = {"title": "h3", "subtitle": "p", "body": "p"}[node.stijl]
            yield f"<{tag}>{_t(outline.fill(scope, node.tekst))}</{tag}>"
        elif isinstance(node, outline.Kenmerk):
            tekst = outline.fill(scope, node.tekst)
            yield f"<p><b>{_t(outline.fill(scope, node.label))}</b>{' ' + _t(tekst) if tekst else ''}</p>"
        elif isinstance(node, outline.Card):
            yield "<div style='border:1px solid #1f5f74;padding:0 0.8em;margin:0 0 0.8em 0'>"
            yield from _nodes(node.body, scope)
            yield "</div>"
        elif isinstance(node, outline.Paragraphs):
            yield "".join(f"<p>{_t(a)}</p>" for a in outline.items(scope, node.pad))
        elif isinstance(node, outline.Bullets):
            yield "<ul>" + "".join(f"<li>{_t(i)}</li>" for i in outline.items(scope, node.pad)) + "</ul>"
        elif isinstance(node, outline.Table | outline.CrossTable):
            t = outline.fill_table(node, scope)
            rows = t.rijen + ([t.totaal] if t.totaal else [])
            head = "".join(f"<th>{_t(h)}</th>" for h in t.koppen)
            body = "".join("<tr>" + "".join(f"<td>{_t(c)}</td>" for c in row) + "</tr>" for row in rows)
            yield f"<table><tr>{head}</tr>{body}</table>"


def to_html(verslag: Document) -> str:
    """The verslag or meerjarenplan as HTML for a notebook, with the findings of the model's rules.

    The page count needs a whole PDF layout, so it is not part of the preview: kkfz_docs.check()
    reports it.
    """
    parts = list(_outline_html(verslag))
    bevindingen = check_model(verslag)
    if bevindingen:
        rows = "".join(
            f"<tr><td>{b.niveau.value}</td><td><code>{_t(b.pad)}</code></td><td>{_t(b.melding)}</td></tr>"
            for b in bevindingen
        )
        parts.append(f"<h4>Bevindingen ({len(bevindingen)})</h4><table>{rows}</table>")
    else:
        parts.append(
            "<p>Geen bevindingen: het verslag bevat wat de handreiking vraagt.</p>"
            if isinstance(verslag, Kwaliteitsverslag)
            else "<p>Geen bevindingen.</p>"
        )
    return "<div class='kkfz-docs'>" + "".join(parts) + "</div>"


class PdfPaginas:
    """The pages of a PDF as PNG images; a notebook shows them side by side."""

    def __init__(self, pngs: list[bytes]):
        self.pngs = pngs

    def __len__(self) -> int:
        return len(self.pngs)

    def _repr_html_(self) -> str:
        images = "".join(
            f"<img src='data:image/png;base64,{base64.b64encode(png).decode()}' alt='pagina {n}' "
            "style='width:32%;margin:0 1% 1% 0;border:1px solid #ccc;display:inline-block'>"
            for n, png in enumerate(self.pngs, 1)
        )
        return f"<div class='kkfz-docs-pdf'>{images}</div>"


def pdf_paginas(pad: str | os.PathLike, dpi: int = 60) -> PdfPaginas:
    """Render each page of a PDF (from render_pdf) to a PNG, to look at in a notebook."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # an optional extra
        raise ImportError("voor pagina-afbeeldingen is pypdfium2 nodig: pip install 'kkfz-docs[notebook]'") from None
    pad = argumenten.pad("pad", pad)
    if not os.path.isfile(pad):
        raise WaardeFout(f"{pad} bestaat niet of is geen bestand; geef het pad van een PDF (van kd.render_pdf)")
    pngs = []
    try:
        document = pdfium.PdfDocument(str(pad))
    except pdfium.PdfiumError:
        raise WaardeFout(f"{pad} is geen PDF of is beschadigd; geef het pad van een PDF (van kd.render_pdf)") from None
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            pngs.append(buffer.getvalue())
    finally:
        document.close()
    return PdfPaginas(pngs)


set_html_preview(to_html)
