"""Prestatie-indicatoren forensische psychiatrie (indien van toepassing): cijfers plus toelichting."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import field

from ..findings import Bevinding, fout
from ..model import model
from ..paths import join_path
from ..values import Cyclus, Getal
from . import tabel as _tabel
from .tabel import Tabel, TabelRij

__all__ = ["PrestatieIndicator", "Tabel", "TabelRij", "regels"]


@model
class PrestatieIndicator:
    nummer: str
    naam: str
    toelichting: str = ""
    kengetallen: dict[str, Getal] = field(factory=dict)
    tabel: Tabel | None = None
    bron: str = ""
    """Where the figures come from, printed under them (e.g. the gids prestatie-indicatoren)."""


def regels(pi: PrestatieIndicator, pad: str, _cyclus: Cyclus) -> Iterator[Bevinding]:
    """Regel 7 of docs/regels.md, for one indicator (the verslag checks that indicators or a reason are given)."""
    naam = f"indicator {pi.nummer} ({pi.naam})" if pi.naam.strip() else f"indicator {pi.nummer}"
    if not pi.naam.strip():
        yield fout(
            join_path(pad, "naam"), f"{naam}: de naam ontbreekt; vul de naam uit de gids prestatie-indicatoren in"
        )
    if not pi.toelichting.strip():
        yield fout(
            join_path(pad, "toelichting"),
            f"{naam}: de kwalitatieve toelichting ontbreekt; leg uit wat de cijfers zeggen",
        )
    if not pi.kengetallen and (pi.tabel is None or not pi.tabel.rijen):
        yield fout(pad, f"{naam}: er staan geen cijfers bij; vul 'kengetallen' of een 'tabel' in")
    if pi.tabel is not None:
        yield from _tabel.bevindingen(pi.tabel, join_path(pad, "tabel"), naam)
