"""A table as providers write them: column headers, rows with a label and one value per column."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Bevinding, fout, waarschuwing
from ..model import model
from ..paths import join_path
from ..values import Cel

__all__ = ["Tabel", "TabelRij", "bevindingen"]


@model
class TabelRij:
    label: str
    waarden: tuple[Cel, ...] = ()


@model
class Tabel:
    """A cross table, e.g. indicator 2: uitstroomcategorieën (rows) by setting (columns)."""

    kolommen: tuple[str, ...]
    rijen: tuple[TabelRij, ...] = ()
    kop: str = ""
    """The corner cell above the row labels (empty unless given)."""


def bevindingen(tabel: Tabel, pad: str, naam: str) -> Iterator[Bevinding]:
    """A table has columns and every row one value per column (regel 7); naam says whose table it is."""
    if not tabel.kolommen:
        yield fout(join_path(pad, "kolommen"), f"{naam}: de tabel heeft geen kolommen; noem de kolomkoppen")
    for j, rij in enumerate(tabel.rijen):
        if len(rij.waarden) != len(tabel.kolommen):
            yield fout(
                join_path(pad, "rijen", j, "waarden"),
                f"{naam}: rij '{rij.label}' heeft {len(rij.waarden)} waarden maar de tabel {len(tabel.kolommen)} "
                "kolommen; geef één waarde per kolom (null voor een lege cel)",
            )
    cellen = [w for rij in tabel.rijen for w in rij.waarden]
    if cellen and all(w is None or (isinstance(w, str) and not w.strip()) for w in cellen):
        yield waarschuwing(
            pad,
            f"{naam}: alle cellen van de tabel zijn leeg; vul de waarden in (bijvoorbeeld na 'kkfz-docs new --van', "
            "dat de waarden van vorig jaar leegmaakt) of haal de tabel weg",
        )
