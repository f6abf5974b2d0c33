"""The verslag as printable content: cleaned texts and Dutch-formatted figures, in the handreiking's order.

Both renderers lay out this one context (Word through the docxtpl template, PDF through a
ReportLab story), so both files say the same thing. Every text is cleaned here (text.py):
control characters removed, a line break pasted from Word kept as "\\n" inside its paragraph,
which docxtpl writes as a w:br and the PDF as <br/>; names in headings and the running header
stay on one line. Escaping for XML or ReportLab markup is each renderer's own job.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import format as fmt
from ..convert import to_data
from ..sections.spinnenweb import PDCA
from ..sections.themas import Planning
from ..text import inline, one_line, paragraphs, strip_control_characters
from ..values import Pijler
from ..verslag import Kwaliteitsverslag

Context = dict[str, Any]


def _t(text: str) -> str:
    return inline(text)


def _alineas(text: str) -> list[str]:
    return paragraphs(text)


def _regels(items) -> list[str]:
    return [t for t in (_t(i) for i in items) if t]


def _waarde(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _t(value)
    if isinstance(value, Decimal) and value.as_tuple().exponent < 0:  # as typed: 12.50 prints 12,50
        return fmt.getal(value, -int(value.as_tuple().exponent))
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

    return clean(to_data(verslag))


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
        "terugblik": _alineas(verslag.terugblik),
        "vooruitblik": _alineas(verslag.vooruitblik),
        "algemene_informatie": _algemene_informatie(verslag),
        "pijlers": [_pijler(p, jaar) for p in verslag.pijlers_op_volgorde],
        "prestatie_indicatoren": [_indicator(pi) for pi in verslag.prestatie_indicatoren],
        "prestatie_indicatoren_nvt": _alineas(verslag.prestatie_indicatoren_nvt),
        "spinnenweb": _spinnenweb(verslag),
        "themas": _themas(verslag),
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
        "omzet_totaal": fmt.euro(omzet_totaal, centen),
        "omzet_aandeel": _aandeel(omzet_totaal, omzet_totaal),
    }


def _pijler(p, jaar: int) -> Context:
    return {
        "nummer": p.nummer.value,
        "titel": p.titel,
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
    }


def _ontwikkelpunt(o) -> str:
    extra = "; ".join(x for x in (str(o.wanneer) if o.wanneer else "", _t(o.verantwoordelijke)) if x)
    return " ".join(x for x in (_t(o.omschrijving), f"({extra})" if extra else "") if x)


def _indicator(pi) -> Context:
    tabel = None
    if pi.tabel is not None and (pi.tabel.rijen or pi.tabel.kolommen):
        tabel = {
            "kolommen": [_t(k) for k in pi.tabel.kolommen],
            "rijen": [{"label": _t(r.label), "waarden": [_waarde(w) for w in r.waarden]} for r in pi.tabel.rijen],
        }
    nummer, naam = one_line(pi.nummer), one_line(pi.naam)
    return {
        "titel": f"Indicator {nummer}: {naam}" if nummer else (naam or "Indicator"),  # never an empty heading
        "toelichting": _alineas(pi.toelichting),
        "kengetallen": [{"naam": _t(k), "waarde": _waarde(v)} for k, v in pi.kengetallen.items()],
        "tabel": tabel,
    }


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
    }


def _themas(verslag: Kwaliteitsverslag) -> Context | None:
    if not verslag.themas:
        return None
    jaren = sorted({j for t in verslag.themas for j in t.planning})
    return {
        "jaren": [str(j) for j in jaren],
        "rijen": [
            {
                "nummer": str(t.nummer),
                "naam": t.naam,
                "pijler": str(t.pijler.value),
                "planning": [t.planning[j].value if j in t.planning else "" for j in jaren],
                "toelichting": _t(t.toelichting),
            }
            for t in sorted(verslag.themas, key=lambda t: t.nummer)
        ],
        "legenda": ", ".join(f"{p.value} = {p.label}" for p in Planning) + ".",
    }
