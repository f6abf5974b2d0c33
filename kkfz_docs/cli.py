"""The command line: kkfz-docs new | check | render | template, for verslagen and meerjarenplannen."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import string
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .api import check, export_template
from .atomic import write_atomic
from .errors import OngeldigVerslag, WaardeFout
from .findings import Bevinding
from .load import load
from .meerjarenplan import Meerjarenplan
from .nieuw import meerjarenplan_skelet, volgend_bestand, volgend_verslag
from .values import Periode
from .verslag import Kwaliteitsverslag

EXIT_OK, EXIT_FOUT, EXIT_ONLEESBAAR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch error lines (its own help texts we write ourselves)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ONLEESBAAR, f"kkfz-docs: fout: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="kkfz-docs",
        description="Het kwaliteitsverslag volgens de handreiking van het "
        "Kwaliteitskader Forensische Zorg: invullen, controleren en opmaken.",
    )
    sub = p.add_subparsers(dest="opdracht", required=True, metavar="opdracht")

    new = sub.add_parser(
        "new",
        help="maak een nieuw verslag (YAML) met uitleg bij elk veld, een nieuw meerjarenplan, of het "
        "verslag van dit jaar uit dat van vorig jaar",
    )
    new.add_argument("--jaar", type=int, default=None, help="het verslagjaar (standaard: vorig jaar)")
    new.add_argument("--organisatie", default="", help="de naam van de organisatie")
    new.add_argument(
        "--van",
        type=Path,
        metavar="BESTAND",
        help="begin met het verslag van vorig jaar: neem de blijvende teksten over (om na te lezen), maak van "
        "de ontwikkelpunten de doelen van dit jaar en zet de cijfers van vorig jaar ernaast",
    )
    new.add_argument("--meerjarenplan", action="store_true", help="maak een nieuw, leeg meerjarenplan")
    new.add_argument(
        "--periode",
        default=None,
        metavar="JAAR-JAAR",
        help="de periode van het meerjarenplan, bijvoorbeeld 2025-2028 (standaard: dit jaar en drie jaar verder)",
    )
    new.add_argument(
        "-o",
        "--uitvoer",
        type=Path,
        help="het bestand om te maken (standaard: kwaliteitsverslag-<jaar>.yaml, meerjarenplan-<periode>.yaml, of "
        "met --van naast het verslag van vorig jaar)",
    )
    new.add_argument("--overschrijf", action="store_true", help="overschrijf een bestaand bestand")

    chk = sub.add_parser("check", help="controleer verslagen op de eisen van de handreiking")
    chk.add_argument("bestanden", nargs="+", type=Path, metavar="BESTAND")

    ren = sub.add_parser("render", help="maak verslagen op als Word- en PDF-bestand")
    ren.add_argument(
        "bestanden", nargs="+", type=Path, metavar="BESTAND", help="verslagen (.yaml of .json) of mappen met verslagen"
    )
    ren.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="hoeveel verslagen tegelijk (standaard: het aantal processorkernen)",
    )
    ren.add_argument(
        "-o",
        "--uitvoer",
        type=Path,
        default=Path("."),
        metavar="MAP",
        help="de map voor de bestanden (standaard: de huidige map)",
    )
    ren.add_argument("--docx", action="store_true", help="maak een Word-bestand (standaard: alle formaten)")
    ren.add_argument("--pdf", action="store_true", help="maak een PDF (standaard: alle formaten)")
    ren.add_argument(
        "--max-paginas",
        type=int,
        default=None,
        metavar="N",
        help="het hoogste aantal pagina's van de PDF (standaard: 6 voor een verslag, het advies van de "
        "handreiking; geen grens voor een meerjarenplan)",
    )
    ren.add_argument("--geen-paginalimiet", action="store_true", help="maak de PDF ook als die te lang is")
    ren.add_argument("--sjabloon", type=Path, metavar="BESTAND", help="een eigen Word-sjabloon (huisstijl)")
    ren.add_argument(
        "--sjabloon-meerjarenplan",
        type=Path,
        metavar="BESTAND",
        help="een eigen Word-sjabloon voor de meerjarenplannen (--sjabloon geldt voor de verslagen)",
    )
    ren.add_argument("--forceer", action="store_true", help="maak het verslag ook als de controle fouten vindt")

    tpl = sub.add_parser("template", help="bewaar het standaard Word-sjabloon om het in Word aan te passen")
    tpl.add_argument(
        "-o",
        "--uitvoer",
        type=Path,
        default=None,
        metavar="BESTAND",
        help="standaard: kwaliteitsverslag-sjabloon.docx of meerjarenplan-sjabloon.docx",
    )
    tpl.add_argument("--meerjarenplan", action="store_true", help="het sjabloon van het meerjarenplan")
    tpl.add_argument("--overschrijf", action="store_true", help="overschrijf een bestaand bestand")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.opdracht == "new":
        return _new(args)
    if args.opdracht == "render":
        return _render(args)
    if args.opdracht == "template":
        return _template(args)
    return _check(args.bestanden)


def skeleton(jaar: int, organisatie: str = "") -> str:
    """The YAML text of a new, empty verslag with comments that explain each field."""
    template = resources.files("kkfz_docs").joinpath("templates/nieuw.yaml").read_text(encoding="utf-8")
    naam = json.dumps(organisatie, ensure_ascii=False) if organisatie else ""
    return string.Template(template).substitute(jaar=jaar, volgend_jaar=jaar + 1, organisatie=naam)


def _new(args: argparse.Namespace) -> int:
    if args.van is not None and args.meerjarenplan:
        return _fout("kies --van (een verslag uit dat van vorig jaar) of --meerjarenplan, niet allebei")
    if args.van is not None:
        return _new_van(args)
    if args.meerjarenplan:
        return _new_meerjarenplan(args)
    jaar = args.jaar if args.jaar is not None else dt.date.today().year - 1
    doel: Path = args.uitvoer or Path(f"kwaliteitsverslag-{jaar}.yaml")
    return _write_new(doel, skeleton(jaar, args.organisatie), args.overschrijf)


def _fout(melding: str, code: int = EXIT_FOUT) -> int:
    print(f"kkfz-docs: {melding}", file=sys.stderr)
    return code


def _write_new(doel: Path, text: str, overschrijf: bool) -> int:
    if doel.exists() and not overschrijf:
        return _fout(f"{doel} bestaat al; kies een andere naam met -o of gebruik --overschrijf")
    write_atomic(doel, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    print(f"{doel} gemaakt. Vul het in en controleer het met: kkfz-docs check {doel}")
    return EXIT_OK


def _new_meerjarenplan(args: argparse.Namespace) -> int:
    begin = dt.date.today().year
    periode = Periode(begin, begin + 3)
    if args.periode is not None:
        try:
            periode = Periode.parse(args.periode)
        except WaardeFout as e:
            return _fout(f"--periode: {e}", EXIT_ONLEESBAAR)
    doel: Path = args.uitvoer or Path(f"meerjarenplan-{periode.eerste_jaar}-{periode.laatste_jaar}.yaml")
    return _write_new(
        doel, meerjarenplan_skelet(periode.eerste_jaar, periode.laatste_jaar, args.organisatie), args.overschrijf
    )


def _new_van(args: argparse.Namespace) -> int:
    vorig, code = _load(args.van)
    if vorig is None:
        return code
    if not isinstance(vorig, Kwaliteitsverslag):
        return _fout(f"{args.van} is een meerjarenplan; geef met --van het kwaliteitsverslag van vorig jaar")
    jaar = vorig.verslagjaar + 1
    if args.jaar is not None and args.jaar != jaar:
        return _fout(
            f"{args.van} gaat over {vorig.verslagjaar}, dus het nieuwe verslag over {jaar}, niet over {args.jaar}"
        )
    doel: Path = args.uitvoer or volgend_bestand(args.van, jaar)
    if doel.resolve() == args.van.resolve():
        return _fout(f"{doel} is het verslag van vorig jaar zelf; kies met -o een andere naam")
    return _write_new(doel, volgend_verslag(args.van, doel), args.overschrijf)


def _print_findings(bestand: Path, bevindingen: Sequence[Bevinding]) -> None:
    fouten = sum(b.is_fout for b in bevindingen)
    waarschuwingen = len(bevindingen) - fouten
    print(
        f"{bestand}: {fouten} {'fout' if fouten == 1 else 'fouten'}, {waarschuwingen} "
        f"{'waarschuwing' if waarschuwingen == 1 else 'waarschuwingen'}"
    )
    for b in bevindingen:
        print(f"  {b.niveau.value.upper():<13} {b.waar}: {b.melding}")


def _load(bestand: Path) -> tuple[Kwaliteitsverslag | Meerjarenplan | None, int]:
    """Load one file; on failure print why and return the exit code it earns."""
    try:
        return load(bestand), EXIT_OK
    except OngeldigVerslag as e:
        print(f"{bestand}: {'kan niet worden gelezen' if not e.leesbaar else 'ongeldige invoer'}")
        for f in e.fouten:
            print(f"  {'FOUT':<13} {f}")
        return None, EXIT_FOUT if e.leesbaar else EXIT_ONLEESBAAR


def _check(bestanden: Sequence[Path]) -> int:
    code = EXIT_OK
    for bestand in bestanden:
        verslag, code_bestand = _load(bestand)
        code = max(code, code_bestand)
        if verslag is None:
            continue
        bevindingen = check(verslag)
        _print_findings(bestand, bevindingen)
        if any(b.is_fout for b in bevindingen):
            code = max(code, EXIT_FOUT)
    return code


def _render(args: argparse.Namespace) -> int:
    from .batch import render_many, tabel, voortgangsbalk

    formaten = [f for f in ("docx", "pdf") if getattr(args, f)] or ["docx", "pdf"]
    resultaten = render_many(
        args.bestanden,
        args.uitvoer,
        formaten=formaten,
        sjabloon=args.sjabloon,
        sjabloon_meerjarenplan=args.sjabloon_meerjarenplan,
        max_pages=None if args.geen_paginalimiet else "standaard" if args.max_paginas is None else args.max_paginas,
        forceer=args.forceer,
        jobs=args.jobs,
        voortgang=voortgangsbalk(),
    )
    if not resultaten:
        print("kkfz-docs: geen verslagen gevonden (.yaml, .yml of .json)", file=sys.stderr)
        return EXIT_FOUT
    for r in resultaten:
        if r.bevindingen:
            _print_findings(r.bestand, r.bevindingen)
    print(tabel(resultaten))
    mislukt = [r for r in resultaten if not r.gelukt]
    if mislukt:
        print(f"\n{len(mislukt)} van {len(resultaten)} niet (helemaal) gelukt:", file=sys.stderr)
        for r in mislukt:
            melding = r.melding.replace("\n", "\n    ")
            print(f"  {r.bestand}: {melding}", file=sys.stderr)
    if any(r.onleesbaar for r in mislukt) and len(mislukt) == len(resultaten):
        return EXIT_ONLEESBAAR
    return EXIT_FOUT if mislukt else EXIT_OK


def _template(args: argparse.Namespace) -> int:
    soort = "meerjarenplan" if args.meerjarenplan else "kwaliteitsverslag"
    uitvoer: Path = args.uitvoer or Path(f"{soort}-sjabloon.docx")
    if uitvoer.exists() and not args.overschrijf:
        return _fout(f"{uitvoer} bestaat al; kies een andere naam met -o of gebruik --overschrijf")
    export_template(uitvoer, soort)
    print(
        f"{uitvoer} gemaakt. Pas de opmaak aan in Word en gebruik het met: "
        f"kkfz-docs render {'MEERJARENPLAN' if args.meerjarenplan else 'VERSLAG'} --sjabloon {uitvoer}"
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
