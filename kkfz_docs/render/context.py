"""The verslag as printable content: cleaned texts and Dutch-formatted figures, in the handreiking's order.

Both renderers lay out this one context (Word through the docxtpl template, PDF through a
ReportLab story), so both files say the same thing. Every text is cleaned here (text.py):
control characters removed, a line break pasted from Word kept as "\\n" inside its paragraph,
which docxtpl writes as a w:br and the PDF as <br/>; names in headings and the running header
stay on one line. Escaping for XML or ReportLab markup is each renderer's own job.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .. import format as fmt
from ..convert import to_data
from ..sections.paragrafen import Paragraaf
from ..sections.spinnenweb import PDCA
from ..sections.tabel import Tabel
from ..sections.themas import Planning
from ..text import inline, one_line, paragraphs, strip_control_characters
from ..values import Pijler
from ..verslag import Kwaliteitsverslag
from .chart_spec import radar_chart

__all__ = ["Context", "build", "cleaned_data"]

Context = dict[str, Any]


def _t(text: str) -> str:
    return inline(text)


def _alineas(text: str) -> list[str]:
    return paragraphs(text)


def _regels(items) -> list[str]:
    return [t for t in (_t(i) for i in items) if t]


def _waarde(value: int | float | Decimal | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _t(value)
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    if isinstance(exponent, int) and exponent < 0:  # as typed: 12.50 prints 12,50
        return fmt.getal(value, -exponent)
    return fmt.getal(value)


def _aandeel(deel: int | Decimal, totaal: int | Decimal) -> str:
    return fmt.procent(deel / totaal * 100 if totaal else None)


def cleaned_data(verslag: Kwaliteitsverslag) -> Context:
    """The verslag as raw data (numbers unformatted), texts stripped of control characters."""

    def clean(value: object) -> object:
        if isinstance(value, str):
            return strip_control_characters(value)
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    data = clean(to_data(verslag))
    assert isinstance(data, dict)
    return data


def build(verslag: Kwaliteitsverslag) -> Context:
    """Everything a template or the PDF story prints, as plain dicts, lists and strings."""
    jaar = verslag.verslagjaar
    org = verslag.organisatie
    naam, plaats, website = one_line(org.naam), one_line(org.plaats), one_line(org.website)
    titel = f"Kwaliteitsverslag {jaar}"
    return {
        "verslagjaar": jaar,
        "volgend_jaar": jaar + 1,
        "titel": titel,
        "organisatie": {
            "naam": naam,
            "plaats": plaats,
            "website": website,
            "regel": naam + (f", {plaats}" if plaats else "") + (f" · {website}" if website else ""),
        },
        "koptekst": f"{naam} · {titel}",
        "metadata": {
            "titel": f"{titel} {naam}".strip(),
            "onderwerp": f"{titel} volgens het Kwaliteitskader Forensische Zorg",
            "trefwoorden": ["KKFZ", "kwaliteitsverslag", "forensische zorg", str(jaar)],
        },
        "ondertitel": _ondertitel(verslag),
        "logo": verslag.logo_bruikbaar,  # the Word renderer puts the picture here
        "inleiding": _alineas(verslag.inleiding),
        "leeswijzer": _alineas(verslag.leeswijzer),
        "paragrafen": _blokken(verslag.paragrafen, 2),
        "terugblik": _alineas(verslag.terugblik),
        "vooruitblik": _alineas(verslag.vooruitblik),
        "algemene_informatie": _algemene_informatie(verslag),
        "pijlers": [_pijler(p, jaar) for p in verslag.pijlers_op_volgorde],
        "prestatie_indicatoren": [_indicator(pi) for pi in verslag.prestatie_indicatoren],
        "prestatie_indicatoren_nvt": _alineas(verslag.prestatie_indicatoren_nvt),
        "spinnenweb": _spinnenweb(verslag),
        "themas": _themas(verslag),
        "hoofdstukken": _blokken(verslag.hoofdstukken, 1),
    }


def _ondertitel(verslag: Kwaliteitsverslag) -> str:
    delen = []
    if verslag.opgesteld_door.strip():
        delen.append(f"Opgesteld door {_t(verslag.opgesteld_door)}")
    if verslag.vastgesteld_op:
        delen.append(f"vastgesteld op {fmt.datum(verslag.vastgesteld_op)}")
    tekst = ", ".join(delen)
    return tekst[:1].upper() + tekst[1:]


def _algemene_informatie(verslag: Kwaliteitsverslag) -> Context:
    info = verslag.algemene_informatie
    c = info.clienten
    peildatum = fmt.datum(verslag.peildatum)
    fz = c.forensische_zorg or 0
    rijen = [{"financiering": "Forensische zorg (DJI)", "aantal": fmt.getal(fz), "aandeel": _aandeel(fz, c.totaal)}]
    rijen += [
        {"financiering": _t(vorm), "aantal": fmt.getal(n), "aandeel": _aandeel(n, c.totaal)}
        for vorm, n in c.anders_gefinancierd.items()
    ]
    if c.totaal:
        samenvatting = (
            f"Op {peildatum} kregen {fmt.getal(fz)} van de {fmt.getal(c.totaal)} cliënten forensische "
            f"zorg die DJI financiert: {fmt.procent(c.percentage_fz)}. De andere "
            f"{fmt.getal(c.totaal - fz)} cliënten kregen anders gefinancierde zorg."
        )
    else:
        samenvatting = f"Op {peildatum} had de organisatie geen cliënten; het percentage forensische zorg is n.v.t."
    omzet_totaal = sum(info.omzet.values(), Decimal(0))
    centen = any(b != b.to_integral_value() for b in info.omzet.values())  # then every amount shows cents
    return {
        "visie": _alineas(info.visie),
        "zorgtypen": [
            {
                "setting": _t(z.setting),
                "beveiligingsniveau": f"niveau {z.beveiligingsniveau}" if z.beveiligingsniveau else "n.v.t.",
                "toelichting": _t(z.toelichting),
            }
            for z in info.zorgtypen
        ],
        "clienten": {
            "peildatum": peildatum,
            "samenvatting": samenvatting,
            "rijen": rijen,
            "totaal": fmt.getal(c.totaal),
            "totaal_aandeel": _aandeel(c.totaal, c.totaal),
            "percentage_fz": fmt.procent(c.percentage_fz),
        },
        "omzet": [
            {"financiering": _t(vorm), "bedrag": fmt.euro(bedrag, centen), "aandeel": _aandeel(bedrag, omzet_totaal)}
            for vorm, bedrag in info.omzet.items()
        ],
        "paragrafen": _blokken(info.paragrafen, 2),
        "omzet_totaal": fmt.euro(omzet_totaal, centen),
        "omzet_aandeel": _aandeel(omzet_totaal, omzet_totaal),
    }


def _pijler(p, jaar: int) -> Context:
    return {
        "nummer": p.nummer.value,
        "titel": p.titel,
        "inleiding": _alineas(p.inleiding),
        "algemeen_beeld": _alineas(p.algemeen_beeld),
        "reflectie": _alineas(p.reflectie),
        "successen": _regels(p.successen),
        "aandachtspunten": _regels(p.aandachtspunten),
        "doelen": [
            {
                "titel": _t(d.titel),
                "gepland": str(d.gepland) if d.gepland else "",
                "status": d.status.label if d.status else "",
                "toelichting": _t(d.toelichting),
            }
            for d in p.doelen
        ],
        "ontwikkelpunten": [t for t in map(_ontwikkelpunt, p.ontwikkelpunten) if t],
        "paragrafen": _blokken(p.paragrafen, 2),
    }


def _ontwikkelpunt(o) -> str:
    extra = "; ".join(x for x in (str(o.wanneer) if o.wanneer else "", _t(o.verantwoordelijke)) if x)
    return " ".join(x for x in (_t(o.omschrijving), f"({extra})" if extra else "") if x)


def _indicator(pi) -> Context:
    nummer, naam = one_line(pi.nummer), one_line(pi.naam)
    return {
        "titel": f"Indicator {nummer}: {naam}" if nummer else (naam or "Indicator"),  # never an empty heading
        "toelichting": _alineas(pi.toelichting),
        "kengetallen": [{"naam": _t(k), "waarde": _waarde(v)} for k, v in pi.kengetallen.items()],
        "tabel": _tabel(pi.tabel),
        "bron": _t(pi.bron),
    }


def _tabel(tabel: Tabel | None) -> Context | None:
    """A table with its corner cell, columns and rows; None when it has neither rows nor columns."""
    if tabel is None or not (tabel.rijen or tabel.kolommen):
        return None
    return {
        "kop": _t(tabel.kop),
        "kolommen": [_t(k) for k in tabel.kolommen],
        "rijen": [{"label": _t(r.label), "waarden": [_waarde(w) for w in r.waarden]} for r in tabel.rijen],
    }


def _blokken(paragrafen: Sequence[Paragraaf], niveau: int) -> list[Context]:
    """Own paragrafen as a flat list in reading order, each with its heading level (1 = a chapter)."""
    blokken: list[Context] = []
    for p in paragrafen:
        blokken.append(
            {
                "niveau": niveau,
                "titel": one_line(p.titel),  # a heading: one line
                "tekst": _alineas(p.tekst),
                "opsomming": _regels(p.opsomming),
                "tabel": _tabel(p.tabel),
            }
        )
        blokken += _blokken(p.paragrafen, niveau + 1)
    return blokken


def _spinnenweb(verslag: Kwaliteitsverslag) -> Context | None:
    web = verslag.spinnenweb
    if web is None:
        return None
    return {
        "scores": [
            {
                "pijler": f"{p.value}. {p.naam}",
                "score": str(web.scores[p]),
                "vorig_jaar": str(web.vorig_jaar[p]) if web.vorig_jaar else "",
                "betekenis": PDCA[web.scores[p]][0]
                + (f" ({PDCA[web.scores[p]][1]})" if PDCA[web.scores[p]][1] else ""),
            }
            for p in Pijler
        ],
        "heeft_vorig_jaar": web.vorig_jaar is not None,
        "vorig_jaar_kop": str(verslag.verslagjaar - 1) if web.vorig_jaar is not None else "",
        "toelichting": _alineas(web.toelichting),
        "beschrijving": radar_chart(web, verslag.verslagjaar).alt_text,
    }


def _themas(verslag: Kwaliteitsverslag) -> Context | None:
    if not verslag.themas:
        return None
    jaren = sorted({j for t in verslag.themas for j in t.planning})
    return {
        "jaren": [str(j) for j in jaren],
        "rijen": [
            {
                "nummer": "" if t.nummer is None else str(t.nummer),
                "naam": _t(t.titel),
                "titel": _t(t.titel) if t.nummer is None else f"{t.nummer}. {_t(t.titel)}",
                "pijler": str(t.bij_pijler.value) if t.bij_pijler else "",
                "planning": [t.planning[j].value if j in t.planning else "" for j in jaren],
                "toelichting": _t(t.toelichting),
            }
            for t in sorted(verslag.themas, key=lambda t: t.volgorde)
        ],
        "legenda": ", ".join(f"{p.value} = {p.label}" for p in Planning) + ".",
    }
