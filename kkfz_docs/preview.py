"""A readable HTML preview of a verslag for Jupyter (Kwaliteitsverslag._repr_html_)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .format import getal, procent
from .rules import check
from .text import paragraphs, strip_control_characters

if TYPE_CHECKING:
    from .verslag import Kwaliteitsverslag


def _t(text: str) -> str:
    return escape(strip_control_characters(text))


def _lijst(items) -> str:
    return "<ul>" + "".join(f"<li>{_t(i)}</li>" for i in items) + "</ul>" if items else ""


def to_html(verslag: Kwaliteitsverslag) -> str:
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
    bevindingen = check(verslag)
    if bevindingen:
        rows = "".join(f"<tr><td>{b.niveau.value}</td><td><code>{_t(b.pad)}</code></td><td>{_t(b.melding)}</td></tr>"
                       for b in bevindingen)
        parts.append(f"<h4>Bevindingen ({len(bevindingen)})</h4><table>{rows}</table>")
    else:
        parts.append("<p>Geen bevindingen: het verslag bevat wat de handreiking vraagt.</p>")
    return "<div class='kkfz-docs'>" + "".join(parts) + "</div>"
