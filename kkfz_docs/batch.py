"""render_many(): many verslagen (and meerjarenplannen) at once, in worker processes; one failure never
stops the rest.

Each verslag renders in a worker process under a wall-time and a memory limit (render/worker.py).
A worker that fails in any way (an exception, the limit, a signal) makes a failed row and is
replaced; the Word file and PDF of a verslag are written together or not at all (render/pair.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from attrs import define, evolve, field

from . import argumenten, crash
from .api import check
from .atomic import unchanged_note, write_together
from .errors import OngeldigVerslag, PaginaLimietOverschreden, Schrijffout, SjabloonFout
from .findings import Bevinding, waarschuwing
from .load import load
from .meerjarenplan import Meerjarenplan

__all__ = [
    "FORMATEN",
    "GEHEUGENLIMIET",
    "INVOER",
    "TIJDSLIMIET",
    "Resultaat",
    "collect",
    "render_many",
    "tabel",
    "voortgangsbalk",
]

FORMATEN = ("docx", "pdf")
INVOER = (".yaml", ".yml", ".json")
TIJDSLIMIET = 60.0
"""Seconds one verslag may take (both formats); change with tijdslimiet= or --tijdslimiet."""
GEHEUGENLIMIET = 1024
"""Megabytes one verslag may use; change with geheugenlimiet= or --geheugenlimiet."""
_PRELOAD = (
    "kkfz_docs.render.docx",
    "kkfz_docs.render.pdf",
    "kkfz_docs.render.chart_pdf",
    "kkfz_docs.render.chart_docx",
)


@define(frozen=True)
class Resultaat:
    """What happened to one input file."""

    bestand: Path
    gelukt: bool
    formaten: tuple[str, ...] = ()
    paginas: int | None = None
    melding: str = ""
    bevindingen: tuple[Bevinding, ...] = ()
    onleesbaar: bool = False

    @property
    def status(self) -> str:
        if self.gelukt:
            return "ok"
        return "onleesbaar" if self.onleesbaar else "fout"


@define(frozen=True)
class _Taak:
    bestand: Path
    doel: Path
    formaten: tuple[str, ...]
    sjabloon: Path | None
    max_pages: int | Literal["standaard"] | None
    forceer: bool
    sjabloon_meerjarenplan: Path | None = None

    def template(self, document: object) -> Path | None:
        """The template for this document: for a meerjarenplan the plans' one if given, else the one given."""
        if isinstance(document, Meerjarenplan) and self.sjabloon_meerjarenplan is not None:
            return self.sjabloon_meerjarenplan
        return self.sjabloon


@define(frozen=True)
class _Deel:
    """What a worker made of one task: the files in memory, or why not."""

    gelukt: bool
    data: dict[str, bytes] = field(factory=dict)
    paginas: int | None = None
    melding: str = ""
    bevindingen: tuple[Bevinding, ...] = ()
    onleesbaar: bool = False


def collect(paden: Iterable[str | os.PathLike]) -> list[tuple[Path, Path]]:
    """(input file, output path without suffix relative to the output folder) for files and folders.

    A folder contributes its YAML and JSON files (also in subfolders), keeping their relative
    paths, so two files with the same name in different subfolders do not overwrite each other.
    """
    uit: list[tuple[Path, Path]] = []
    for pad in map(Path, paden):
        if os.path.isdir(pad):
            for f in sorted(p for p in pad.rglob("*") if p.suffix.lower() in INVOER and p.is_file()):
                uit.append((f, f.relative_to(pad).with_suffix("")))
        else:
            uit.append((pad, Path(pad.stem)))
    return uit


def _render_part(taak: _Taak) -> _Deel:
    """In a worker: load, check and render one file's formats in memory; every failure is a _Deel."""
    from .render.pair import make
    from .render.soorten import max_pages

    try:
        try:
            verslag = load(taak.bestand)
        except OngeldigVerslag as e:
            return _Deel(False, melding="\n".join(map(str, e.fouten)), onleesbaar=not e.leesbaar)
        bevindingen = tuple(check(verslag, max_pages=None))  # the PDF render reports the page limit itself
        if any(b.is_fout for b in bevindingen) and not taak.forceer:
            return _Deel(
                False, melding="de controle vond fouten; los ze op of gebruik --forceer", bevindingen=bevindingen
            )
        data: dict[str, bytes] = {}
        paginas = None
        for fmt in taak.formaten:
            try:
                data[fmt], info = make(verslag, fmt, taak.template(verslag), max_pages(verslag, taak.max_pages))
            except (SjabloonFout, PaginaLimietOverschreden) as e:
                return _Deel(False, melding=str(e), bevindingen=bevindingen)
            if info is not None:
                paginas = info.pages
                # What the render itself noticed (a font of the template not on this computer).
                bevindingen += tuple(waarschuwing("", melding) for melding in info.meldingen)
        return _Deel(True, data, paginas, bevindingen=bevindingen)
    except MemoryError:
        raise  # the worker reports the memory limit and is replaced
    except Exception as e:  # a bug: the details to a file, the others go on
        return _Deel(False, melding=crash.message(e, f"verslag {taak.bestand}"))


def render_many(
    paden: Sequence[str | os.PathLike],
    uitvoer: str | os.PathLike,
    *,
    formaten: Sequence[str] = FORMATEN,
    sjabloon: str | os.PathLike | None = None,
    max_pages: int | Literal["standaard"] | None = "standaard",
    sjabloon_meerjarenplan: str | os.PathLike | None = None,
    forceer: bool = False,
    jobs: int | None = None,
    voortgang: Callable[[int, int, Resultaat], None] | None = None,
    tijdslimiet: float | None = TIJDSLIMIET,
    geheugenlimiet: int | None = GEHEUGENLIMIET,
) -> list[Resultaat]:
    """Render every file (folders: their .yaml/.yml/.json files) into uitvoer, jobs processes at once.

    Returns one Resultaat per input file, in input order. voortgang(done, total, resultaat) is
    called as each file finishes. Each file renders in a worker process within tijdslimiet seconds
    and geheugenlimiet MB (None: no limit); over a limit, that file fails and the others go on.
    Ctrl-C (KeyboardInterrupt) stops every worker; files not yet written are not written.

    A file may be a kwaliteitsverslag or a meerjarenplan: sjabloon is the Word template of the
    verslagen, sjabloon_meerjarenplan that of the plans (without it the plans get sjabloon too; without
    either, each its type's bundled one). max_pages
    "standaard": six pages for a verslag, no limit for a plan; a number or None applies to every file.
    """
    from .render.pair import FORMATS
    from .render.soorten import paginalimiet
    from .render.worker import Limits, run_many

    if isinstance(paden, str | os.PathLike) and not isinstance(paden, bytes):
        paden = [paden]  # one file or folder
    jobs = argumenten.geheel_getal("jobs", jobs, eenheid="processen", geen="één per processorkern")
    limits = Limits(
        argumenten.getal("tijdslimiet", tijdslimiet, eenheid="seconden", geen="geen grens"),
        argumenten.geheel_getal("geheugenlimiet", geheugenlimiet, eenheid="MB", geen="geen grens"),
    )
    formaten = argumenten.formaten("formaten", formaten, FORMATS)
    max_pages = paginalimiet(max_pages)
    uitvoer = argumenten.pad("uitvoer", uitvoer)
    taken = [
        _Taak(
            f,
            uitvoer / rel,
            formaten,
            Path(sjabloon) if sjabloon else None,
            max_pages,
            forceer,
            Path(sjabloon_meerjarenplan) if sjabloon_meerjarenplan else None,
        )
        for f, rel in collect(paden)
    ]
    resultaten: dict[int, Resultaat] = {}
    eerder: dict[Path, Path] = {}
    for i, taak in enumerate(taken):  # two inputs that would write the same output file
        if taak.doel in eerder:
            resultaten[i] = Resultaat(
                taak.bestand,
                False,
                melding=f"zou dezelfde uitvoer maken als {eerder[taak.doel]}; "
                "geef een van beide een andere naam of maak ze apart",
            )
        else:
            eerder[taak.doel] = taak.bestand
    te_doen = [i for i in range(len(taken)) if i not in resultaten]
    for eigen in (sjabloon, sjabloon_meerjarenplan):
        fout = _template_problem(Path(eigen), limits) if eigen is not None and te_doen else ""
        if fout:
            for i in te_doen:
                resultaten[i] = Resultaat(taken[i].bestand, False, melding=fout)
            te_doen = []
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(te_doen) * len(formaten) or 1))
    # Fewer files than processes: give each format of a file its own process (Word and PDF at once).
    splits = len(te_doen) < jobs and len(formaten) > 1
    delen = [
        (i, evolve(taken[i], formaten=(fmt,)) if splits else taken[i])
        for i in te_doen
        for fmt in (formaten if splits else formaten[:1])
    ]
    verwacht = {i: len(formaten) if splits else 1 for i in te_doen}
    binnen: dict[int, list[_Deel]] = {i: [] for i in te_doen}
    klaar = 0
    for n, outcome in run_many(_render_part, [d for _, d in delen], jobs, limits, _PRELOAD):
        i, taak = delen[n]
        binnen[i].append(_deel(outcome, taak, limits))
        if len(binnen[i]) == verwacht[i]:
            resultaten[i] = _afronden(taken[i], binnen.pop(i))
            klaar += 1
            if voortgang:
                voortgang(klaar, len(te_doen), resultaten[i])
    return [resultaten[i] for i in range(len(taken))]


def _check_template(sjabloon: str) -> str:
    """In a worker: the Dutch reason a template file cannot be used at all, or ''."""
    from .render import template_file

    try:
        template_file.read(sjabloon)
    except SjabloonFout as e:
        return str(e)
    return ""


def _template_problem(sjabloon: Path, limits) -> str:
    """Check the template once, before every file fails on it; in a worker, as reading it is work too."""
    from .render.pair import advice
    from .render.worker import describe, run_once

    outcome = run_once(_check_template, os.path.abspath(sjabloon), limits, ("kkfz_docs.render.template_file",))
    if outcome.stopped:
        return f"het sjabloon {sjabloon.name}: {describe(outcome, limits)}. {advice(outcome)}"
    if outcome.error is not None:
        return crash.message(outcome.error, f"sjabloon {sjabloon}")
    return outcome.value


def _deel(outcome, taak: _Taak, limits) -> _Deel:
    """A worker's outcome as a _Deel: also when it was stopped or raised."""
    from .render.pair import advice
    from .render.worker import describe

    if outcome.stopped:
        eigen = taak.sjabloon is not None or taak.sjabloon_meerjarenplan is not None
        hint = advice(outcome) if eigen or outcome.stopped == "gestopt" else _meer(outcome)
        return _Deel(False, melding=f"{describe(outcome, limits)}. {hint}")
    if outcome.error is not None:
        return _Deel(False, melding=crash.message(outcome.error, f"verslag {taak.bestand}"))
    return outcome.value


def _meer(outcome) -> str:
    if outcome.stopped == "tijd":
        return "Geef meer tijd met --tijdslimiet SECONDEN (in Python: tijdslimiet=)"
    return "Geef meer geheugen met --geheugenlimiet MB (in Python: geheugenlimiet=)"


def _oud(doelen: list[Path]) -> list[Bevinding]:
    """A waarschuwing for the other format's file of an earlier render, left beside a single new one."""
    if len(doelen) != 1:
        return []
    [nieuw] = doelen
    return [
        waarschuwing(
            "",
            f"{ander} is niet opnieuw gemaakt en hoort misschien niet meer bij {nieuw}; maak beide opnieuw "
            f"(zonder --{nieuw.suffix[1:]}) of haal {ander.name} weg",
        )
        for ander in (nieuw.with_suffix(f".{fmt}") for fmt in ("docx", "pdf"))
        if ander != nieuw and ander.is_file()
    ]


def _afronden(taak: _Taak, delen: list[_Deel]) -> Resultaat:
    """Write a file's formats together when every part succeeded; else nothing, saying why."""
    doelen = [taak.doel.with_name(f"{taak.doel.name}.{fmt}") for fmt in taak.formaten]
    bevindingen = next((d.bevindingen for d in delen if d.bevindingen), ())
    paginas = next((d.paginas for d in delen if d.paginas is not None), None)
    onleesbaar = any(d.onleesbaar for d in delen)
    meldingen = list(dict.fromkeys(d.melding for d in delen if d.melding))
    if all(d.gelukt for d in delen):
        data = {fmt: blob for d in delen for fmt, blob in d.data.items()}
        try:
            write_together({doel: data[fmt] for doel, fmt in zip(doelen, taak.formaten, strict=True)})
        except Schrijffout as e:
            return Resultaat(taak.bestand, False, (), None, str(e), bevindingen)
        return Resultaat(taak.bestand, True, taak.formaten, paginas, bevindingen=(*bevindingen, *_oud(doelen)))
    if any(os.path.isfile(doel) for doel in doelen):
        meldingen.append(unchanged_note(doelen))
    return Resultaat(taak.bestand, False, (), None, "\n".join(meldingen), bevindingen, onleesbaar)


def voortgangsbalk(stream=sys.stderr) -> Callable[[int, int, Resultaat], None]:
    """A one-line progress bar on a terminal; on anything else, nothing (logs stay clean)."""
    if not stream.isatty():
        return lambda _done, _total, _r: None

    def toon(done: int, total: int, resultaat: Resultaat) -> None:
        breedte = 30
        vol = breedte * done // total
        stream.write(f"\r[{'#' * vol}{'.' * (breedte - vol)}] {done}/{total} {resultaat.bestand.name[:40]:<40}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return toon


def tabel(resultaten: Sequence[Resultaat]) -> str:
    """The closing table: file, pages, formats, status."""
    rijen = [("Bestand", "Pagina's", "Formaten", "Status")]
    for r in resultaten:
        rijen.append(
            (str(r.bestand), "" if r.paginas is None else str(r.paginas), ", ".join(r.formaten) or "-", r.status)
        )
    breedtes = [max(len(rij[i]) for rij in rijen) for i in range(4)]
    regels = ["  ".join(cel.ljust(b) for cel, b in zip(rij, breedtes, strict=True)).rstrip() for rij in rijen]
    regels.insert(1, "  ".join("-" * b for b in breedtes))
    return "\n".join(regels)
