"""Previews for Jupyter: a verslag as HTML (Kwaliteitsverslag._repr_html_) and a PDF's pages as images."""

from __future__ import annotations

import base64
import io
import os
from html import escape
from typing import TYPE_CHECKING

from .text import paragraphs, strip_control_characters

if TYPE_CHECKING:
    from .verslag import Kwaliteitsverslag


def _t(text: str) -> str:
    return escape(strip_control_characters(text))


def _lijst(items) -> str:
    return "<ul>" + "".join(f"<li>{_t(i)}</li>" for i in items) + "</ul>" if items else ""


def to_html(verslag: Kwaliteitsverslag) -> str:
    from .format import getal, procent  # babel loads on first use, not on `import kkfz_docs`
    from .rules import check

    info = verslag.algemene_informatie
    c = info.clienten
    parts = [
        f"<h3>Kwaliteitsverslag {verslag.verslagjaar}: {_t(verslag.organisatie.naam)}</h3>",
        f"<p><b>Cliënten op {verslag.peildatum:%d-%m-%Y}:</b> {getal(c.forensische_zorg or 0)} forensische zorg "
        f"(DJI), {getal(c.totaal)} in totaal; percentage forensische zorg {procent(c.percentage_fz)}.</p>",
        "<p><b>Zorgtypen:</b> " + ", ".join(_t(z.setting) for z in info.zorgtypen) + "</p>",
    ]
    for p in verslag.pijlers_op_volgorde:
        beeld = "".join(f"<p>{_t(a)}</p>" for a in paragraphs(p.algemeen_beeld))
        parts.append(f"<h4>{_t(p.titel)}</h4>{beeld}")
        if p.successen:
            parts.append("<p><i>Successen</i></p>" + _lijst(p.successen))
        if p.aandachtspunten:
            parts.append("<p><i>Aandachtspunten</i></p>" + _lijst(p.aandachtspunten))
        parts.append("<p><i>Ontwikkelpunten</i></p>" + _lijst(o.omschrijving for o in p.ontwikkelpunten))
    if verslag.prestatie_indicatoren:
        parts.append(
            "<h4>Prestatie-indicatoren</h4>"
            + _lijst(
                f"{pi.nummer} {pi.naam}: " + ", ".join(f"{k} {getal(v)}" for k, v in pi.kengetallen.items())
                for pi in verslag.prestatie_indicatoren
            )
        )
    elif verslag.prestatie_indicatoren_nvt.strip():
        parts.append(f"<p><b>Prestatie-indicatoren:</b> n.v.t. ({_t(verslag.prestatie_indicatoren_nvt)})</p>")
    if verslag.spinnenweb is not None:
        scores = ", ".join(f"{p.value}. {p.korte_naam} {s}" for p, s in sorted(verslag.spinnenweb.scores.items()))
        parts.append(f"<p><b>Spinnenweb (PDCA 0-4):</b> {_t(scores)}</p>")
    bevindingen = check(verslag)
    if bevindingen:
        rows = "".join(
            f"<tr><td>{b.niveau.value}</td><td><code>{_t(b.pad)}</code></td><td>{_t(b.melding)}</td></tr>"
            for b in bevindingen
        )
        parts.append(f"<h4>Bevindingen ({len(bevindingen)})</h4><table>{rows}</table>")
    else:
        parts.append("<p>Geen bevindingen: het verslag bevat wat de handreiking vraagt.</p>")
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
    pngs = []
    document = pdfium.PdfDocument(str(pad))
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            pngs.append(buffer.getvalue())
    finally:
        document.close()
    return PdfPaginas(pngs)
