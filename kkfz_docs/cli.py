"""The command line: kkfz-docs new | check (render and template follow with the renderers)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import string
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .atomic import write_atomic
from .errors import OngeldigVerslag
from .findings import Bevinding
from .load import load
from .rules import check

EXIT_OK, EXIT_FOUT, EXIT_ONLEESBAAR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch error lines (its own help texts we write ourselves)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ONLEESBAAR, f"kkfz-docs: fout: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kkfz-docs", description="Het kwaliteitsverslag volgens de handreiking van het "
                "Kwaliteitskader Forensische Zorg: invullen, controleren en opmaken.")
    sub = p.add_subparsers(dest="opdracht", required=True, metavar="opdracht")

    new = sub.add_parser("new", help="maak een nieuw, leeg verslag (YAML) met uitleg bij elk veld")
    new.add_argument("--jaar", type=int, default=dt.date.today().year - 1, help="het verslagjaar (standaard: "
                     "vorig jaar)")
    new.add_argument("--organisatie", default="", help="de naam van de organisatie")
    new.add_argument("-o", "--uitvoer", type=Path, help="het bestand om te maken (standaard: "
                     "kwaliteitsverslag-<jaar>.yaml)")
    new.add_argument("--overschrijf", action="store_true", help="overschrijf een bestaand bestand")

    chk = sub.add_parser("check", help="controleer verslagen op de eisen van de handreiking")
    chk.add_argument("bestanden", nargs="+", type=Path, metavar="BESTAND")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.opdracht == "new":
        return _new(args)
    return _check(args.bestanden)


def skeleton(jaar: int, organisatie: str = "") -> str:
    """The YAML text of a new, empty verslag with comments that explain each field."""
    template = resources.files("kkfz_docs").joinpath("templates/nieuw.yaml").read_text(encoding="utf-8")
    naam = json.dumps(organisatie, ensure_ascii=False) if organisatie else ""
    return string.Template(template).substitute(jaar=jaar, volgend_jaar=jaar + 1, organisatie=naam)


def _new(args: argparse.Namespace) -> int:
    doel: Path = args.uitvoer or Path(f"kwaliteitsverslag-{args.jaar}.yaml")
    if doel.exists() and not args.overschrijf:
        print(f"kkfz-docs: {doel} bestaat al; kies een andere naam met -o of gebruik --overschrijf",
              file=sys.stderr)
        return EXIT_FOUT
    text = skeleton(args.jaar, args.organisatie)
    write_atomic(doel, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    print(f"{doel} gemaakt. Vul het in en controleer het met: kkfz-docs check {doel}")
    return EXIT_OK


def _print_findings(bestand: Path, bevindingen: Sequence[Bevinding]) -> None:
    fouten = sum(b.is_fout for b in bevindingen)
    waarschuwingen = len(bevindingen) - fouten
    print(f"{bestand}: {fouten} {'fout' if fouten == 1 else 'fouten'}, {waarschuwingen} "
          f"{'waarschuwing' if waarschuwingen == 1 else 'waarschuwingen'}")
    for b in bevindingen:
        waar = f"{b.pad} (regel {b.regel})" if b.regel else b.pad
        print(f"  {b.niveau.value.upper():<13} {waar}: {b.melding}")


def _check(bestanden: Sequence[Path]) -> int:
    code = EXIT_OK
    for bestand in bestanden:
        try:
            verslag = load(bestand)
        except OngeldigVerslag as e:
            print(f"{bestand}: {'kan niet worden gelezen' if not e.leesbaar else 'ongeldige invoer'}")
            for f in e.fouten:
                print(f"  {'FOUT':<13} {f}")
            code = max(code, EXIT_FOUT if e.leesbaar else EXIT_ONLEESBAAR)
            continue
        bevindingen = check(verslag)
        _print_findings(bestand, bevindingen)
        if any(b.is_fout for b in bevindingen):
            code = max(code, EXIT_FOUT)
    return code


if __name__ == "__main__":
    sys.exit(main())
