"""The command line: kkfz-docs new | check | render | template, for verslagen and meerjarenplannen.

Everything it prints is Dutch, argparse's own texts included. No traceback reaches the screen:
an unexpected exception prints one line naming a file with the details (crash.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import string
import sys
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from . import crash
from .api import check, export_template
from .atomic import schrijffout, write_atomic
from .errors import OngeldigVerslag, WaardeFout
from .findings import Bevinding
from .load import load
from .meerjarenplan import Meerjarenplan
from .values import Periode
from .verslag import EERSTE_VERSLAGJAAR, Kwaliteitsverslag

__all__ = ["EXIT_AFGEBROKEN", "EXIT_FOUT", "EXIT_INTERN", "EXIT_OK", "EXIT_ONLEESBAAR", "EXIT_PIJP", "main", "skeleton"]

EXIT_OK, EXIT_FOUT, EXIT_ONLEESBAAR, EXIT_INTERN = 0, 1, 2, 3
EXIT_AFGEBROKEN = 130  # Ctrl-C, as a shell reports SIGINT
EXIT_PIJP = 141  # the reader of our output went away (kkfz-docs check ... | head), as for SIGPIPE

_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "dit ontbreekt: %s",
    "unrecognized arguments: %s": "onbekend: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "%(value)r is geen geldige waarde",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r bestaat niet; kies uit %(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "%(value)r bestaat niet; bedoelt u %(closest)r?",
    "expected one argument": "hier hoort een waarde bij",
    "expected at most one argument": "hier hoort hooguit één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s kan meer opties zijn: %(matches)s",
    "not allowed with argument %s": "kan niet samen met %s",
    "ignored explicit argument %r": "hier hoort geen waarde bij (%r)",
    "one of the arguments %s is required": "een van deze is nodig: %s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}


def _nl(message: str) -> str:
    return _ARGPARSE_NL.get(message, message)


def _nl_plural(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "hier horen %s waarden bij"
    return singular if n == 1 else plural


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """argparse's own texts in Dutch, while our parser is built and used (argparse asks gettext for them)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _nl, _nl_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch error lines and exit code 2 for a command line that is not right."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ONLEESBAAR, f"{self.prog}: fout: {message}\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} kan niet: geef een geheel getal van 1 of meer")
    return value


def _positive_seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal seconden") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} kan niet: geef een aantal seconden groter dan 0")
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kkfz-docs")
    except PackageNotFoundError:
        return "onbekend (niet geïnstalleerd)"


class _VersionAction(argparse.Action):
    """--version: the version is read from the package's metadata only when asked for (15 ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="kkfz-docs",
        description="Het kwaliteitsverslag volgens de handreiking van het "
        "Kwaliteitskader Forensische Zorg, en het meerjarenplan waarop het voortbouwt: invullen, controleren "
        "en opmaken.",
        epilog="Afsluitcodes: 0 gelukt, 1 fouten gevonden, 2 een bestand of de opdracht kon niet worden gelezen, "
        "3 een onverwachte fout in kkfz-docs, 130 afgebroken met Ctrl-C.",
    )
    p.add_argument("--version", action=_VersionAction, help="toon het versienummer en stop")
    sub = p.add_subparsers(dest="opdracht", required=True, metavar="opdracht", title="opdrachten")

    new = sub.add_parser(
        "new",
        help="maak een nieuw verslag (YAML) met uitleg bij elk veld, een nieuw meerjarenplan, of het verslag "
        "van dit jaar uit dat van vorig jaar",
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
        help="het bestand om te maken, of de map waarin het komt (standaard: kwaliteitsverslag-<jaar>.yaml, "
        "meerjarenplan-<periode>.yaml, of "
        "met --van naast het verslag van vorig jaar)",
    )
    new.add_argument("--overschrijf", action="store_true", help="overschrijf een bestaand bestand")

    chk = sub.add_parser("check", help="controleer verslagen (en meerjarenplannen) op de eisen van de handreiking")
    chk.add_argument(
        "bestanden", nargs="+", type=Path, metavar="BESTAND", help="verslagen (.yaml of .json) of mappen met verslagen"
    )

    ren = sub.add_parser("render", help="maak verslagen (en meerjarenplannen) op als Word- en PDF-bestand")
    ren.add_argument(
        "bestanden", nargs="+", type=Path, metavar="BESTAND", help="verslagen (.yaml of .json) of mappen met verslagen"
    )
    ren.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
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
        type=_positive_int,
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
        help="een eigen Word-sjabloon voor de meerjarenplannen, als u verslagen en plannen samen maakt "
        "(--sjabloon geldt dan voor de verslagen)",
    )
    ren.add_argument("--forceer", action="store_true", help="maak het verslag ook als de controle fouten vindt")
    ren.add_argument(
        "--tijdslimiet",
        type=_positive_seconds,
        default=60.0,
        metavar="SECONDEN",
        help="hoe lang één verslag mag duren; daarna stopt het met een fout (standaard 60)",
    )
    ren.add_argument(
        "--geheugenlimiet",
        type=_positive_int,
        default=1024,
        metavar="MB",
        help="hoeveel geheugen één verslag mag gebruiken, in MB (standaard 1024)",
    )

    tpl = sub.add_parser("template", help="bewaar het standaard Word-sjabloon om het in Word aan te passen")
    tpl.add_argument(
        "-o",
        "--uitvoer",
        type=Path,
        default=None,
        metavar="BESTAND",
        help="het bestand om te maken, of de map waarin het komt (standaard: kwaliteitsverslag-sjabloon.docx of "
        "meerjarenplan-sjabloon.docx)",
    )
    tpl.add_argument("--meerjarenplan", action="store_true", help="het sjabloon van het meerjarenplan")
    tpl.add_argument("--overschrijf", action="store_true", help="overschrijf een bestaand bestand")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code. Never lets a traceback reach the screen."""
    try:
        with _dutch_argparse():
            args = _parser().parse_args(argv)
        opdracht = {"new": _new, "render": _render, "template": _template, "check": _check}[args.opdracht]
        code = opdracht(args)
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return code
    except KeyboardInterrupt:
        print("\nkkfz-docs: afgebroken", file=sys.stderr)
        return EXIT_AFGEBROKEN
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIJP
    except Exception as e:
        gevraagd = " ".join(["kkfz-docs", *(sys.argv[1:] if argv is None else argv)])
        print(f"kkfz-docs: {crash.message(e, gevraagd)}", file=sys.stderr)
        return EXIT_INTERN


def _silence_stdout() -> None:
    """After a broken pipe, send what is left to /dev/null, so the exit flush prints no error."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def skeleton(jaar: int, organisatie: str = "") -> str:
    """The YAML text of a new, empty verslag with comments that explain each field."""
    template = resources.files("kkfz_docs").joinpath("templates/nieuw.yaml").read_text(encoding="utf-8")
    naam = json.dumps(organisatie, ensure_ascii=False) if organisatie else ""
    return string.Template(template).substitute(jaar=jaar, volgend_jaar=jaar + 1, organisatie=naam)


def _new(args: argparse.Namespace) -> int:
    if args.van is not None and args.meerjarenplan:
        return _fout("kies --van (een verslag uit dat van vorig jaar) of --meerjarenplan, niet allebei")
    for optie, gegeven, waarom in (  # an option that does not apply is refused, not silently ignored
        ("--periode", args.periode is not None and not args.meerjarenplan, "hoort bij --meerjarenplan"),
        ("--jaar", args.jaar is not None and args.meerjarenplan, "hoort bij een verslag; een plan heeft een --periode"),
        ("--organisatie", args.organisatie and args.van is not None, "komt met --van uit het verslag van vorig jaar"),
    ):
        if gegeven:
            return _fout(f"{optie} {waarom}; laat {optie} weg", EXIT_ONLEESBAAR)
    if args.van is not None:
        return _new_van(args)
    if args.meerjarenplan:
        return _new_meerjarenplan(args)
    vandaag = dt.date.today()
    jaar = args.jaar if args.jaar is not None else vandaag.year - 1
    if not EERSTE_VERSLAGJAAR <= jaar <= vandaag.year + 1:
        return _fout(
            f"--jaar {jaar}: een kwaliteitsverslag gaat over een jaar van {EERSTE_VERSLAGJAAR} (toen het KKFZ inging) "
            f"tot en met {vandaag.year + 1}",
            EXIT_ONLEESBAAR,
        )
    doel = _in_map(args.uitvoer, Path(f"kwaliteitsverslag-{jaar}.yaml"))
    return _write_new(doel, skeleton(jaar, args.organisatie), args.overschrijf)


def _in_map(uitvoer: Path | None, standaard: Path) -> Path:
    """Where a new file goes: -o as given, the default name inside it when -o is a folder, else the default."""
    if uitvoer is None:
        return standaard
    return uitvoer / standaard.name if os.path.isdir(uitvoer) else uitvoer


def _fout(melding: str, code: int = EXIT_FOUT) -> int:
    print(f"kkfz-docs: {melding}", file=sys.stderr)
    return code


def _new_meerjarenplan(args: argparse.Namespace) -> int:
    begin = dt.date.today().year
    periode = Periode(begin, begin + 3)
    if args.periode is not None:
        try:
            periode = Periode.parse(args.periode)
        except WaardeFout as e:
            return _fout(f"--periode: {e}", EXIT_ONLEESBAAR)
    doel = _in_map(args.uitvoer, Path(f"meerjarenplan-{periode.eerste_jaar}-{periode.laatste_jaar}.yaml"))
    from .nieuw import meerjarenplan_skelet

    text = meerjarenplan_skelet(periode.eerste_jaar, periode.laatste_jaar, args.organisatie)
    return _write_new(doel, text, args.overschrijf)


def _new_van(args: argparse.Namespace) -> int:
    from .nieuw import volgend_bestand, volgend_verslag

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
    doel = _in_map(args.uitvoer, volgend_bestand(args.van, jaar))
    if os.path.realpath(doel) == os.path.realpath(args.van):
        return _fout(f"{doel} is het verslag van vorig jaar zelf; kies met -o een andere naam")
    return _write_new(doel, volgend_verslag(args.van, doel), args.overschrijf)


def _write_new(doel: Path, text: str, overschrijf: bool) -> int:
    if os.path.lexists(doel) and not overschrijf:
        return _fout(f"{doel} bestaat al; kies een andere naam met -o of gebruik --overschrijf")
    try:
        write_atomic(doel, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as e:
        print(f"kkfz-docs: {schrijffout(e, [doel])}", file=sys.stderr)
        return EXIT_FOUT
    print(f"{doel} gemaakt. Vul het in en controleer het met: kkfz-docs check {doel}")
    return EXIT_OK


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


def _check(args: argparse.Namespace) -> int:
    from .batch import collect

    bestanden = [f for f, _ in collect(args.bestanden)]
    if not bestanden:
        print("kkfz-docs: geen verslagen gevonden (.yaml, .yml of .json)", file=sys.stderr)
        return EXIT_FOUT
    code = EXIT_OK
    for bestand in bestanden:
        try:
            verslag, code_bestand = _load(bestand)
            code = max(code, code_bestand)
            if verslag is None:
                continue
            bevindingen = check(verslag)
        except (KeyboardInterrupt, BrokenPipeError, MemoryError):
            raise
        except Exception as e:  # a bug: say so for this file, and go on with the others
            print(f"{bestand}: {crash.message(e, f'kkfz-docs check {bestand}')}")
            code = max(code, EXIT_INTERN)
            continue
        _print_findings(bestand, bevindingen)
        if any(b.is_fout for b in bevindingen):
            code = max(code, EXIT_FOUT)
    return code


def _render(args: argparse.Namespace) -> int:
    from .batch import Resultaat, render_many, tabel, voortgangsbalk

    if os.path.exists(args.uitvoer) and not os.path.isdir(args.uitvoer):
        print(f"kkfz-docs: de uitvoermap {args.uitvoer} is een bestand, geen map; kies een map met -o", file=sys.stderr)
        return EXIT_FOUT
    formaten = [f for f in ("docx", "pdf") if getattr(args, f)] or ["docx", "pdf"]
    klaar: list[Resultaat] = []
    balk = voortgangsbalk()

    def voortgang(done: int, total: int, resultaat: Resultaat) -> None:
        klaar.append(resultaat)
        balk(done, total, resultaat)

    try:
        resultaten = render_many(
            args.bestanden,
            args.uitvoer,
            formaten=formaten,
            sjabloon=args.sjabloon,
            sjabloon_meerjarenplan=args.sjabloon_meerjarenplan,
            max_pages=None if args.geen_paginalimiet else "standaard" if args.max_paginas is None else args.max_paginas,
            forceer=args.forceer,
            jobs=args.jobs,
            voortgang=voortgang,
            tijdslimiet=args.tijdslimiet,
            geheugenlimiet=args.geheugenlimiet,
        )
    except KeyboardInterrupt:
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if klaar:
            print(tabel(klaar))
        gedaan = (
            f"{len(klaar)} {'verslag' if len(klaar) == 1 else 'verslagen'} klaar (de tabel hierboven); van de andere "
            "is niets geschreven en staan bestaande bestanden er nog zoals ze waren."
            if klaar
            else "Er is niets geschreven; bestaande bestanden staan er nog zoals ze waren."
        )
        print(f"\nkkfz-docs: afgebroken. {gedaan}", file=sys.stderr)
        return EXIT_AFGEBROKEN
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
    uitvoer = _in_map(args.uitvoer, Path(f"{soort}-sjabloon.docx"))
    if os.path.lexists(uitvoer) and not args.overschrijf:
        return _fout(f"{uitvoer} bestaat al; kies een andere naam met -o of gebruik --overschrijf")
    try:
        export_template(uitvoer, soort)
    except OSError as e:
        return _fout(str(schrijffout(e, [uitvoer])))
    optie = "--sjabloon-meerjarenplan" if args.meerjarenplan else "--sjabloon"
    print(
        f"{uitvoer} gemaakt. Pas de opmaak aan in Word en gebruik het met: "
        f"kkfz-docs render {'MEERJARENPLAN' if args.meerjarenplan else 'VERSLAG'} {optie} {uitvoer}"
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
