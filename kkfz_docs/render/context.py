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
from ..jaarcyclus import ingevuld
from ..sections.algemene_informatie import Clienten
from ..sections.paragrafen import Paragraaf
from ..sections.prestatie_indicatoren import PrestatieIndicator
from ..sections.spinnenweb import PDCA
from ..sections.tabel import Tabel
from ..sections.themas import Planning
from ..text import inline, one_line, paragraphs, strip_control_characters
from ..values import Pijler
from ..verslag import Kwaliteitsverslag
from .chart_spec import radar_chart

__all__ = ["Context", "build", "cleaned_data", "kop"]

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


def cleaned_data(verslag) -> Context:
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


def kop(document, titel: str, categorie: str, trefwoorden: list[str]) -> Context:
    """What every document type prints first and in its header and metadata: title, organisation,
    running header, subtitle, logo."""
    org = document.organisatie
    naam, plaats, website = one_line(org.naam), one_line(org.plaats), one_line(org.website)
    return {
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
            "trefwoorden": ["KKFZ", *trefwoorden],
            "categorie": categorie,
        },
        "ondertitel": _ondertitel(document),
        "logo": document.logo_bruikbaar,  # the Word renderer puts the picture here
    }


def build(verslag: Kwaliteitsverslag) -> Context:
    """Everything a template or the PDF story prints, as plain dicts, lists and strings.

    The verslag as it prints (jaarcyclus.ingevuld): doelen with the titel and deadline of their
    speerpunt, the spinnenweb with last year's scores; last year's figures beside this year's.
    """
    verslag = ingevuld(verslag)
    jaar = verslag.verslagjaar
    vorig = verslag.vorig
    return {
        "verslagjaar": jaar,
        "volgend_jaar": jaar + 1,
        **kop(
            verslag,
            f"Kwaliteitsverslag {jaar}",
            "Kwaliteitsverslag",
            ["kwaliteitsverslag", "forensische zorg", str(jaar)],
        ),
        "vorig": {"verslagjaar": vorig.verslagjaar} if vorig is not None else None,
        "inleiding": _alineas(verslag.inleiding),
        "leeswijzer": _alineas(verslag.leeswijzer),
        "paragrafen": _blokken(verslag.paragrafen, 2),
        "terugblik": _alineas(verslag.terugblik),
        "vooruitblik": _alineas(verslag.vooruitblik),
        "algemene_informatie": _algemene_informatie(verslag),
        "pijlers": [_pijler(p, jaar) for p in verslag.pijlers_op_volgorde],
        "prestatie_indicatoren": [_indicator(pi, vorig) for pi in verslag.prestatie_indicatoren],
        "prestatie_indicatoren_nvt": _alineas(verslag.prestatie_indicatoren_nvt),
        "spinnenweb": _spinnenweb(verslag),
        "themas": _themas(verslag),
        "hoofdstukken": _blokken(verslag.hoofdstukken, 1),
    }


def _ondertitel(verslag) -> str:
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
    vorig = verslag.vorig.algemene_informatie.clienten if verslag.vorig is not None else Clienten()
    peildatum = fmt.datum(verslag.peildatum)
    fz = c.forensische_zorg or 0
    vorig_fz = vorig.forensische_zorg or 0
    rijen = [
        {
            "financiering": "Forensische zorg (DJI)",
            "aantal": fmt.getal(fz),
            "aandeel": _aandeel(fz, c.totaal),
            "vorig_aantal": fmt.getal(vorig_fz) if verslag.vorig is not None else "",
            "vorig_aandeel": _aandeel(vorig_fz, vorig.totaal) if verslag.vorig is not None else "",
        }
    ]
    # This year's financieringsvormen, then those only last year had (empty this year).
    vormen = list(c.anders_gefinancierd) + [v for v in vorig.anders_gefinancierd if v not in c.anders_gefinancierd]
    for vorm in vormen:
        n, m = c.anders_gefinancierd.get(vorm), vorig.anders_gefinancierd.get(vorm)
        rijen.append(
            {
                "financiering": _t(vorm),
                "aantal": "" if n is None else fmt.getal(n),
                "aandeel": "" if n is None else _aandeel(n, c.totaal),
                "vorig_aantal": "" if m is None else fmt.getal(m),
                "vorig_aandeel": "" if m is None else _aandeel(m, vorig.totaal),
            }
        )
    if c.totaal:
        samenvatting = (
            f"Op {peildatum} kregen {fmt.getal(fz)} van de {fmt.getal(c.totaal)} cliënten forensische "
            f"zorg die DJI financiert: {fmt.procent(c.percentage_fz)}. De andere "
            f"{fmt.getal(c.totaal - fz)} cliënten kregen anders gefinancierde zorg."
        )
    else:
        samenvatting = f"Op {peildatum} had de organisatie geen cliënten; het percentage forensische zorg is n.v.t."
    if verslag.vorig is not None:
        vorig_peildatum = fmt.datum(verslag.vorig.peildatum)
        samenvatting += (
            f" Op {vorig_peildatum} waren dat {fmt.getal(vorig_fz)} van de {fmt.getal(vorig.totaal)} cliënten "
            f"({fmt.procent(vorig.percentage_fz)})."
            if vorig.totaal
            else f" Op {vorig_peildatum} had de organisatie geen cliënten."
        )
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
            "vorig_totaal": fmt.getal(vorig.totaal) if verslag.vorig is not None else "",
            "vorig_totaal_aandeel": _aandeel(vorig.totaal, vorig.totaal) if verslag.vorig is not None else "",
            "vorig_percentage_fz": fmt.procent(vorig.percentage_fz) if verslag.vorig is not None else "",
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
                # A speerpunt of the plan is named by its code too: "1.2 Signaleringsplannen".
                "titel": " ".join(x for x in (_t(d.speerpunt), _t(d.titel)) if x),
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


def _indicator(pi: PrestatieIndicator, vorig: Kwaliteitsverslag | None) -> Context:
    nummer, naam = one_line(pi.nummer), one_line(pi.naam)
    vorige = _vorige_kengetallen(pi, vorig)
    kengetallen = [
        {"naam": _t(k), "waarde": _waarde(v), "vorig": _waarde(vorige.get(_naam(k)))} for k, v in pi.kengetallen.items()
    ]
    return {
        "titel": f"Indicator {nummer}: {naam}" if nummer else (naam or "Indicator"),  # never an empty heading
        "toelichting": _alineas(pi.toelichting),
        "kengetallen": kengetallen,
        "met_vorig_jaar": any(k["vorig"] for k in kengetallen),
        "tabel": _tabel(pi.tabel),
        "bron": _t(pi.bron),
    }


def _naam(tekst: str) -> str:
    """A name as matched with last year's: case and spacing do not count."""
    return " ".join(tekst.casefold().split())


def _vorige_kengetallen(pi: PrestatieIndicator, vorig: Kwaliteitsverslag | None) -> dict[str, Any]:
    """Last year's kengetallen of the indicator with the same number (or, without one, the same name)."""
    if vorig is None:
        return {}
    sleutel = (lambda i: _naam(i.nummer)) if pi.nummer.strip() else (lambda i: _naam(i.naam))
    gelijk = [i for i in vorig.prestatie_indicatoren if sleutel(i) == sleutel(pi)]
    return {_naam(k): v for i in gelijk[:1] for k, v in i.kengetallen.items()}


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
