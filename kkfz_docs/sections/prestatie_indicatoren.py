"""Prestatie-indicatoren forensische psychiatrie (indien van toepassing): cijfers plus toelichting."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import define, field

from ..findings import Bevinding, fout, waarschuwing

Getal = int | float
Cel = int | float | str | None
"""A table cell: a number, a short text such as '<5', or None for an empty cell."""


@define(frozen=True)
class TabelRij:
    label: str
    waarden: tuple[Cel, ...] = ()


@define(frozen=True)
class Tabel:
    """A cross table, e.g. indicator 2: uitstroomcategorieën (rows) by setting (columns)."""

    kolommen: tuple[str, ...]
    rijen: tuple[TabelRij, ...] = ()


@define(frozen=True)
class PrestatieIndicator:
    nummer: str
    naam: str
    toelichting: str = ""
    kengetallen: dict[str, Getal] = field(factory=dict)
    tabel: Tabel | None = None


def regels(indicatoren: tuple[PrestatieIndicator, ...], nvt: str, pad: str) -> Iterator[Bevinding]:
    if not indicatoren and not nvt.strip():
        yield waarschuwing(
            pad,
            "er zijn geen prestatie-indicatoren ingevuld; geef de resultaten met een toelichting, "
            "of schrijf onder 'prestatie_indicatoren_nvt' waarom ze niet van toepassing zijn",
        )
    for i, pi in enumerate(indicatoren):
        ipad = f"{pad}[{i}]"
        naam = f"indicator {pi.nummer} ({pi.naam})" if pi.naam.strip() else f"indicator {pi.nummer}"
        if not pi.naam.strip():
            yield fout(f"{ipad}.naam", f"{naam}: de naam ontbreekt; vul de naam uit de gids prestatie-indicatoren in")
        if not pi.toelichting.strip():
            yield fout(
                f"{ipad}.toelichting", f"{naam}: de kwalitatieve toelichting ontbreekt; leg uit wat de cijfers zeggen"
            )
        if not pi.kengetallen and (pi.tabel is None or not pi.tabel.rijen):
            yield fout(ipad, f"{naam}: er staan geen cijfers bij; vul 'kengetallen' of een 'tabel' in")
        if pi.tabel is not None:
            if not pi.tabel.kolommen:
                yield fout(f"{ipad}.tabel.kolommen", f"{naam}: de tabel heeft geen kolommen; noem de kolomkoppen")
            for j, rij in enumerate(pi.tabel.rijen):
                if len(rij.waarden) != len(pi.tabel.kolommen):
                    yield fout(
                        f"{ipad}.tabel.rijen[{j}].waarden",
                        f"{naam}: rij '{rij.label}' heeft "
                        f"{len(rij.waarden)} waarden maar de tabel {len(pi.tabel.kolommen)} kolommen; geef "
                        "één waarde per kolom (null voor een lege cel)",
                    )
