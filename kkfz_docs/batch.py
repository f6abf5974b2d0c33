"""render_many(): many verslagen (and meerjarenplannen) at once, in parallel processes; one failure never
stops the rest."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from attrs import define, evolve

from .api import check, render_docx, render_pdf
from .errors import OngeldigVerslag, PaginaLimietOverschreden, SjabloonFout
from .findings import Bevinding
from .load import load
from .meerjarenplan import Meerjarenplan

FORMATEN = ("docx", "pdf")
INVOER = (".yaml", ".yml", ".json")


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
    max_pages: int | str | None
    forceer: bool
    sjabloon_meerjarenplan: Path | None = None


def collect(paden: Iterable[str | os.PathLike]) -> list[tuple[Path, Path]]:
    """(input file, output path without suffix relative to the output folder) for files and folders.

    A folder contributes its YAML and JSON files (also in subfolders), keeping their relative
    paths, so two files with the same name in different subfolders do not overwrite each other.
    """
    uit: list[tuple[Path, Path]] = []
    for pad in map(Path, paden):
        if pad.is_dir():
            for f in sorted(p for p in pad.rglob("*") if p.suffix.lower() in INVOER and p.is_file()):
                uit.append((f, f.relative_to(pad).with_suffix("")))
        else:
            uit.append((pad, Path(pad.stem)))
    return uit


def _render_one(taak: _Taak) -> Resultaat:
    """Render one file; every failure becomes a Resultaat, never an exception."""
    try:
        verslag = load(taak.bestand)
    except OngeldigVerslag as e:
        return Resultaat(taak.bestand, False, melding="\n".join(map(str, e.fouten)), onleesbaar=not e.leesbaar)
    bevindingen = tuple(check(verslag, max_pages=None))  # the PDF render reports the page limit itself
    if any(b.is_fout for b in bevindingen) and not taak.forceer:
        return Resultaat(
            taak.bestand,
            False,
            melding="de controle vond fouten; los ze op of gebruik --forceer",
            bevindingen=bevindingen,
        )
    gemaakt: list[str] = []
    paginas = None
    try:
        for fmt in taak.formaten:
            doel = taak.doel.with_name(f"{taak.doel.name}.{fmt}")
            if fmt == "docx":
                plan = isinstance(verslag, Meerjarenplan)
                render_docx(verslag, doel, template=taak.sjabloon_meerjarenplan if plan else taak.sjabloon)
            else:
                paginas = render_pdf(verslag, doel, max_pages=taak.max_pages).pages
            gemaakt.append(fmt)
    except (SjabloonFout, PaginaLimietOverschreden) as e:
        return Resultaat(taak.bestand, False, tuple(gemaakt), paginas, str(e), bevindingen)
    except Exception as e:  # a bug or a full disk: report it with the file, go on with the others
        return Resultaat(
            taak.bestand,
            False,
            tuple(gemaakt),
            paginas,
            f"onverwachte fout ({type(e).__name__}: {e}); meld dit met het invoerbestand",
            bevindingen,
        )
    return Resultaat(taak.bestand, True, tuple(gemaakt), paginas, bevindingen=bevindingen)


def render_many(
    paden: Sequence[str | os.PathLike],
    uitvoer: str | os.PathLike,
    *,
    formaten: Sequence[str] = FORMATEN,
    sjabloon: str | os.PathLike | None = None,
    max_pages: int | str | None = "standaard",
    sjabloon_meerjarenplan: str | os.PathLike | None = None,
    forceer: bool = False,
    jobs: int | None = None,
    voortgang: Callable[[int, int, Resultaat], None] | None = None,
) -> list[Resultaat]:
    """Render every file (folders: their .yaml/.yml/.json files) into uitvoer, jobs processes at once.

    A file may be a kwaliteitsverslag or a meerjarenplan: sjabloon is the Word template of the
    verslagen, sjabloon_meerjarenplan that of the plans (the bundled one when not given). max_pages
    "standaard": six pages for a verslag, no limit for a plan; a number or None applies to every file.

    Returns one Resultaat per input file, in input order. voortgang(done, total, resultaat) is
    called as each file finishes.
    """
    uitvoer = Path(uitvoer)
    taken = [
        _Taak(
            f,
            uitvoer / rel,
            tuple(formaten),
            Path(sjabloon) if sjabloon else None,
            max_pages,
            forceer,
            Path(sjabloon_meerjarenplan) if sjabloon_meerjarenplan else None,
        )
        for f, rel in collect(paden)
    ]
    eerder: dict[Path, Path] = {}
    dubbel: dict[int, Resultaat] = {}  # two inputs that would write the same output file
    for i, taak in enumerate(taken):
        if taak.doel in eerder:
            dubbel[i] = Resultaat(
                taak.bestand,
                False,
                melding=f"zou dezelfde uitvoer maken als {eerder[taak.doel]}; "
                "geef een van beide een andere naam of maak ze apart",
            )
        else:
            eerder[taak.doel] = taak.bestand
    volgorde = list(range(len(taken)))
    taken = [t for i, t in enumerate(taken) if i not in dubbel]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(taken) * len(formaten) or 1))
    # Fewer files than processes: give each format of a file its own process (Word and PDF at once).
    if len(taken) < jobs and len(formaten) > 1:
        delen = [[evolve(t, formaten=(fmt,)) for fmt in t.formaten] for t in taken]
    else:
        delen = [[t] for t in taken]
    resultaten: list[Resultaat] = []

    def klaar(stukken: list[Resultaat]) -> None:
        resultaten.append(_samen(stukken))
        if voortgang:
            voortgang(len(resultaten), len(taken), resultaten[-1])

    if jobs == 1:
        for stukjes in delen:
            klaar([_render_one(t) for t in stukjes])
        return _met_dubbele(resultaten, dubbel, volgorde)
    from concurrent.futures import ProcessPoolExecutor  # not at import: it costs start-up time

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        uitkomsten = pool.map(_render_one, [t for stukjes in delen for t in stukjes])
        for stukjes in delen:
            klaar([next(uitkomsten) for _ in stukjes])
    return _met_dubbele(resultaten, dubbel, volgorde)


def _met_dubbele(resultaten: list[Resultaat], dubbel: dict[int, Resultaat], volgorde: list[int]) -> list[Resultaat]:
    """Put the refused duplicates back in their place in the input order."""
    if not dubbel:
        return resultaten
    gedaan = iter(resultaten)
    return [dubbel[i] if i in dubbel else next(gedaan) for i in volgorde]


def _samen(stukken: list[Resultaat]) -> Resultaat:
    """One file's result from the results of its formats."""
    if len(stukken) == 1:
        return stukken[0]
    eerste = stukken[0]
    meldingen = list(dict.fromkeys(r.melding for r in stukken if r.melding))
    return Resultaat(
        eerste.bestand,
        all(r.gelukt for r in stukken),
        tuple(f for r in stukken for f in r.formaten),
        next((r.paginas for r in stukken if r.paginas is not None), None),
        "\n".join(meldingen),
        eerste.bevindingen,
        any(r.onleesbaar for r in stukken),
    )


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
