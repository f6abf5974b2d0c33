"""New files to fill in: next year's verslag from last year's, and an empty meerjarenplan.

`kkfz-docs new --van kwaliteitsverslag-2024.yaml` starts the verslag over 2025 from the one over 2024
(volgend_verslag): lasting texts are carried over with the review mark (jaarcyclus.markering) as
their first line, so check() warns until someone has read them and taken the mark out; last year's
ontwikkelpunten become this year's doelen, followed by last year's doelen that were not yet
behaald or vervallen and the plan's speerpunten due in the new year, all with the status to fill
in; `vorig_verslag` and
`meerjarenplan` point at last year's files; counts and amounts are left empty, with last year's
value in a comment beside them. The file is written as YAML with comments (PyYAML writes no
comments), by a small writer for exactly this: mappings, lists, texts, numbers and dates.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path

import yaml
from attrs import define, field

from .convert import to_data
from .document import pad_vanaf
from .errors import OngeldigVerslag
from .format import getal
from .jaarcyclus import markering
from .load import load
from .meerjarenplan import Meerjarenplan
from .sections.paragrafen import Paragraaf
from .sections.pijlers import DoelStatus
from .values import Pijler
from .verslag import Kwaliteitsverslag

__all__ = ["meerjarenplan_skelet", "volgend_bestand", "volgend_verslag"]


# --- an empty meerjarenplan ------------------------------------------------------------------------


def meerjarenplan_skelet(begin: int, eind: int, organisatie: str = "") -> str:
    """The YAML text of a new, empty meerjarenplan with comments that explain each field."""
    template = resources.files("kkfz_docs").joinpath("templates/nieuw_meerjarenplan.yaml").read_text(encoding="utf-8")
    naam = yaml.safe_dump(organisatie, allow_unicode=True, width=10**6).removesuffix("\n...\n").strip()
    return string.Template(template).substitute(begin=begin, eind=eind, organisatie=naam if organisatie else "")


# --- next year's verslag -------------------------------------------------------------------------


def volgend_bestand(bron: Path, jaar: int) -> Path:
    """Where next year's file goes: beside last year's, its year in the name replaced ("...-2024" ->
    "...-2025"), or kwaliteitsverslag-<year>.yaml."""
    stem = bron.stem
    vorig = str(jaar - 1)
    if vorig in stem:
        head, _, tail = stem.rpartition(vorig)
        return bron.with_name(f"{head}{jaar}{tail}{bron.suffix if bron.suffix != '.json' else '.yaml'}")
    return bron.with_name(f"kwaliteitsverslag-{jaar}.yaml")


def volgend_verslag(bron: str | os.PathLike, doel: str | os.PathLike) -> str:
    """The YAML text of next year's verslag, started from last year's file `bron`, to be saved as `doel`
    (the links in it are relative to doel's folder). Raises OngeldigVerslag when bron cannot be read,
    TypeError when it is a meerjarenplan."""
    bron, doel = Path(bron), Path(doel)
    vorig = load(bron, koppelingen=False)
    if not isinstance(vorig, Kwaliteitsverslag):
        raise TypeError(f"{bron} is een meerjarenplan; 'new --van' begint een verslag uit het verslag van vorig jaar")
    jaar = vorig.verslagjaar + 1
    kop = [
        f"Kwaliteitsverslag {jaar}, begonnen uit {bron.name} met 'kkfz-docs new --van'.",
        "",
        f"Teksten die uit het verslag over {vorig.verslagjaar} zijn overgenomen, beginnen met de regel",
        f"  {markering(vorig.verslagjaar)}",
        "Lees ze na, werk ze bij en haal die regel weg; tot dan waarschuwt 'kkfz-docs check'.",
        "Leeg gelaten en nog in te vullen: de aantallen en bedragen (vorig jaar staat erachter), per pijler",
        f"de reflectie, successen, aandachtspunten en ontwikkelpunten voor {jaar + 1}, en de status van de",
        f"doelen (de ontwikkelpunten van vorig jaar). Controleer het bestand met: kkfz-docs check {doel.name}",
    ]
    return "\n".join(f"# {r}".rstrip() for r in kop) + "\n" + "\n".join(_mapping(_verslag(vorig, bron, doel), 0)) + "\n"


@define(frozen=True)
class Veld:
    """A value as written: with a comment after its key, and lines below it written as comments."""

    waarde: object = None
    opmerking: str = ""
    uit: tuple[str, ...] = field(default=(), converter=lambda regels: tuple(str(r) for r in regels))
    """Lines under the key, commented out: what to fill in, as the user would uncomment it."""


def _verslag(vorig: Kwaliteitsverslag, bron: Path, doel: Path) -> dict:
    oud, jaar = vorig.verslagjaar, vorig.verslagjaar + 1

    def pad(naar: str) -> str:
        """A path from last year's file, as seen from the new file (lexically: a link may point nowhere)."""
        van = os.path.abspath(pad_vanaf(vorig.bron, naar))
        return Path(os.path.relpath(van, os.path.abspath(doel.parent))).as_posix()

    def nalezen(tekst: str) -> str | None:
        return f"{markering(oud)}\n\n{tekst.strip()}\n" if tekst.strip() else None

    org = {k: v for k, v in to_data(vorig.organisatie).items() if v}
    if vorig.organisatie.logo.strip():
        org["logo"] = pad(vorig.organisatie.logo.strip())
    data: dict = {"soort": Kwaliteitsverslag.SOORT, "verslagjaar": jaar}
    if vorig.meerjarenplan.strip():
        data["meerjarenplan"] = pad(vorig.meerjarenplan.strip())
    data["vorig_verslag"] = pad(bron.name)
    data["organisatie"] = org
    if vorig.opgesteld_door.strip():
        data["opgesteld_door"] = vorig.opgesteld_door
    data["vastgesteld_op"] = Veld(None, f"de datum van vaststelling, uiterlijk {jaar + 1}-05-31")
    for naam in ("inleiding", "leeswijzer"):
        if getattr(vorig, naam).strip():
            data[naam] = nalezen(getattr(vorig, naam))
    if vorig.paragrafen:
        data["paragrafen"] = _paragrafen(vorig.paragrafen, oud)
    if vorig.terugblik.strip():
        data["terugblik"] = Veld(None, f"een korte terugblik op {jaar}")
    if vorig.vooruitblik.strip():
        data["vooruitblik"] = Veld(None, f"een vooruitblik op {jaar + 1}")
    data["algemene_informatie"] = _algemene_informatie(vorig, nalezen)
    plan = _plan(pad_vanaf(vorig.bron, vorig.meerjarenplan.strip())) if vorig.meerjarenplan.strip() else None
    data["pijlers"] = [_pijler(p, oud, nalezen, plan) for p in vorig.pijlers_op_volgorde]
    if vorig.prestatie_indicatoren_nvt.strip():
        data["prestatie_indicatoren_nvt"] = nalezen(vorig.prestatie_indicatoren_nvt)
    if vorig.prestatie_indicatoren:
        data["prestatie_indicatoren"] = [_indicator(pi, oud, nalezen) for pi in vorig.prestatie_indicatoren]
    if vorig.spinnenweb is not None:
        scores = ", ".join(f"{p.value}: {vorig.spinnenweb.scores[p]}" for p in Pijler)
        data["spinnenweb"] = Veld(
            None,
            f"haal de hekjes weg en geef per pijler uw score over {jaar}, 0 tot en met 4",
            (
                "scores: {1: , 2: , 3: , 4: , 5: }",
                f"vorig_jaar: {{{scores}}}  # uit het verslag over {oud}",
            ),
        )
    if vorig.themas:
        data["themas"] = [
            {k: v for k, v in to_data(t).items() if v not in (None, "", {})}
            | ({"toelichting": nalezen(t.toelichting)} if t.toelichting.strip() else {})
            for t in vorig.themas
        ]
    if vorig.hoofdstukken:
        data["hoofdstukken"] = _paragrafen(vorig.hoofdstukken, oud)
    return data


def _algemene_informatie(vorig: Kwaliteitsverslag, nalezen) -> dict:
    info, oud = vorig.algemene_informatie, vorig.verslagjaar
    c = info.clienten
    uit: dict = {}
    if info.visie.strip():
        uit["visie"] = nalezen(info.visie)
    uit["zorgtypen"] = [
        {k: v for k, v in to_data(z).items() if v not in (None, "")}
        | {"toelichting": nalezen(z.toelichting) or markering(oud)}
        for z in info.zorgtypen
    ]
    vorig_fz = f" ({oud}: {c.forensische_zorg})" if c.forensische_zorg is not None else ""
    uit["clienten"] = {
        "forensische_zorg": Veld(None, f"cliënten met forensische zorg van DJI op 31 december {oud + 1}{vorig_fz}"),
        "anders_gefinancierd": Veld(
            None,
            "alle andere cliënten per financieringsvorm; haal de hekjes weg en vul de aantallen in",
            (f"{_sleutel(vorm)}:  # {oud}: {n}" for vorm, n in c.anders_gefinancierd.items()),
        ),
    }
    if info.omzet:
        uit["omzet"] = Veld(
            None,
            "de omzet per financieringsvorm in euro; haal de hekjes weg en vul de bedragen in",
            (f"{_sleutel(vorm)}:  # {oud}: {getal(b)}" for vorm, b in info.omzet.items()),
        )
    if info.paragrafen:
        uit["paragrafen"] = _paragrafen(info.paragrafen, oud)
    return uit


def _plan(pad: Path) -> Meerjarenplan | None:
    """Last year's meerjarenplan, if it can be read (if not, check() of the new file says why)."""
    try:
        plan = load(pad, koppelingen=False)
    except OngeldigVerslag:
        return None
    return plan if isinstance(plan, Meerjarenplan) else None


def _pijler(p, oud: int, nalezen, plan: Meerjarenplan | None) -> dict:
    uit: dict = {"nummer": p.nummer.value}
    for naam in ("inleiding", "algemeen_beeld"):
        if getattr(p, naam).strip():
            uit[naam] = nalezen(getattr(p, naam))
    uit["reflectie"] = Veld(None, f"de reflectie op de resultaten van {oud + 1}")
    uit["successen"] = []
    uit["aandachtspunten"] = []
    keuzes = ", ".join(s.value for s in DoelStatus)
    doelen = [
        {
            "titel": o.omschrijving,
            "gepland": o.wanneer.to_data() if o.wanneer is not None else oud + 1,
            "status": Veld(None, keuzes),
            "toelichting": None,
        }
        for o in p.ontwikkelpunten
        if o.omschrijving.strip()
    ]
    # Goals that were still running go on too (a speerpunt by its code: the plan has its titel).
    for d in p.doelen:
        if d.status in (DoelStatus.BEHAALD, DoelStatus.VERVALLEN):
            continue
        if d.speerpunt.strip():
            doelen.append({"speerpunt": d.speerpunt.strip(), "status": Veld(None, keuzes), "toelichting": None})
        elif d.titel.strip():
            gepland = d.gepland.to_data() if d.gepland is not None else None
            doelen.append({"titel": d.titel, "gepland": gepland, "status": Veld(None, keuzes), "toelichting": None})
    # And the plan's speerpunten of this pijler that are due in the new year.
    genoemd = {d.get("speerpunt") for d in doelen}
    for pp, sp in plan.speerpunten if plan is not None else ():
        if pp.nummer is p.nummer and sp.deadline is not None and sp.deadline.laatste_jaar == oud + 1:
            if sp.code.strip() not in genoemd:
                doelen.append({"speerpunt": sp.code.strip(), "status": Veld(None, keuzes), "toelichting": None})
    uit["doelen"] = Veld(
        doelen,
        f"de ontwikkelpunten uit het verslag over {oud}, de doelen die toen nog liepen en de speerpunten "
        f"met een deadline in {oud + 1}: hoe staan ze ervoor?",
    )
    uit["ontwikkelpunten"] = Veld([], f"de plannen voor {oud + 2}: omschrijving, wanneer, verantwoordelijke")
    if p.paragrafen:
        uit["paragrafen"] = _paragrafen(p.paragrafen, oud)
    return uit


def _indicator(pi, oud: int, nalezen) -> dict:
    uit: dict = {
        "nummer": pi.nummer,
        "naam": pi.naam,
        "toelichting": Veld(None, f"wat de cijfers over {oud + 1} zeggen"),
    }
    if pi.kengetallen:
        uit["kengetallen"] = Veld(
            None,
            "haal de hekjes weg en vul de getallen in",
            (f"{_sleutel(k)}:  # {oud}: {_waarde(v)}" for k, v in pi.kengetallen.items()),
        )
    if pi.tabel is not None:
        tabel = to_data(pi.tabel)
        tabel["rijen"] = [{"label": r.label, "waarden": [None] * len(r.waarden)} for r in pi.tabel.rijen]
        uit["tabel"] = {k: v for k, v in tabel.items() if v not in ("", None)}
    if pi.bron.strip():
        uit["bron"] = nalezen(pi.bron)
    return uit


def _paragrafen(paragrafen: Iterable[Paragraaf], oud: int) -> list[dict]:
    """Own paragrafen carried over, each with content of its own marked for review."""
    uit = []
    for p in paragrafen:
        data = {k: v for k, v in to_data(p).items() if v not in ("", None, [])}
        if p.tekst.strip() or p.opsomming or p.tabel is not None:
            data["tekst"] = markering(oud) + (f"\n\n{p.tekst.strip()}\n" if p.tekst.strip() else "")
        if p.paragrafen:
            data["paragrafen"] = _paragrafen(p.paragrafen, oud)
        uit.append({"titel": data.pop("titel"), **data})
    return uit


def _waarde(value: int | float | Decimal | str) -> str:
    return value if isinstance(value, str) else getal(value)


def _sleutel(key: str) -> str:
    """A mapping key as written in a comment line, ready to uncomment."""
    return _scalar(" ".join(str(key).split()))


# --- a YAML writer with comments -------------------------------------------------------------------


def _scalar(value: object) -> str:
    """One line of YAML for a number, date, None or single-line text."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _block(text: str) -> list[str] | None:
    """A multi-line text as a literal block (its indicator, then its lines at no indentation), or None
    when YAML cannot hold it as one (control characters, leading spaces): then it is quoted."""
    dumped = yaml.safe_dump(text, default_style="|", allow_unicode=True, width=10**6)
    if not re.match(r"\|[-+]?\n", dumped):
        return None
    first, *rest = dumped.rstrip("\n").split("\n")
    return [first, *(r[2:] for r in rest)]


def _flow(value: list | dict) -> str | None:
    """A short list of plain values, or a mapping keyed by numbers (years, pijlers), on one line
    ("[PPC, Beschermd wonen]", "{2024: I, 2025: M}"); None for anything else."""
    if isinstance(value, Mapping) and not all(isinstance(k, int) for k in value):
        return None
    items = value.values() if isinstance(value, Mapping) else value
    if any(isinstance(v, list | dict | Veld) or (isinstance(v, str) and "\n" in v) for v in items):
        return None
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6).strip()
    return text if len(text) <= 90 else None


def _value(prefix: str, value: object, indent: int, opmerking: str) -> list[str]:
    """The lines of `prefix` ("key:" or "-") followed by value, at indent."""
    pre, comment = " " * indent, f"  # {opmerking}" if opmerking else ""
    if value is None:
        return [f"{pre}{prefix}{comment}"]
    if isinstance(value, dict | list):
        flow = _flow(value) if value else ("{}" if isinstance(value, dict) else "[]")
        if flow is not None:
            return [f"{pre}{prefix} {flow}{comment}"]
        inner = _mapping(value, indent + 2) if isinstance(value, dict) else _sequence(value, indent + 2)
        return [f"{pre}{prefix}{comment}", *inner]
    if isinstance(value, str) and "\n" in value:
        block = _block(value)
        if block is not None:
            indicator, *lines = block
            return [f"{pre}{prefix} {indicator}{comment}", *(f"{pre}  {r}" if r else "" for r in lines)]
    return [f"{pre}{prefix} {_scalar(value)}{comment}"]


def _mapping(data: Mapping, indent: int) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        veld = value if isinstance(value, Veld) else Veld(value)
        lines += _value(f"{_scalar(key)}:", veld.waarde, indent, veld.opmerking)
        lines += [f"{' ' * (indent + 2)}# {regel}" for regel in veld.uit]
    return lines


def _sequence(items: list, indent: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping(item, indent + 2)
            lines += [" " * indent + "- " + inner[0][indent + 2 :], *inner[1:]]
        else:
            lines += _value("-", item, indent, "")
    return lines
