"""Checking the arguments of the public functions, with Dutch messages that name the argument.

A notebook user who passes a number where a path belongs, or "6" as a page limit, gets a TypeError
(the wrong kind of value) or a WaardeFout (the right kind, a wrong value) that says what to give,
before anything is made; never Python's own message from deep inside a renderer.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from .errors import WaardeFout

__all__ = ["datum", "formaten", "geheel_getal", "getal", "pad"]


def _soort(waarde: object) -> str:
    return "None" if waarde is None else type(waarde).__name__


def pad(naam: str, waarde: object) -> Path:
    """A path given as text or a path object (pathlib.Path)."""
    if isinstance(waarde, str | os.PathLike) and not isinstance(waarde, bytes):
        tekst = os.fspath(waarde)
        if isinstance(tekst, str):
            if not tekst.strip():
                raise WaardeFout(f"{naam}: het pad is leeg; geef de naam van een bestand")
            return Path(tekst)
    raise TypeError(f"{naam}: geef een pad als tekst of als pathlib.Path, geen {_soort(waarde)}")


def formaten(naam: str, waarde: object, toegestaan: Sequence[str]) -> tuple[str, ...]:
    """A list of formats, each one of toegestaan, at least one, in the order given (without repeats)."""
    keuzes = " en ".join(f"'{f}'" for f in toegestaan)
    voorbeeld = f"[{', '.join(repr(f) for f in toegestaan)}]"
    if isinstance(waarde, str) or not isinstance(waarde, Sequence | set | frozenset):
        raise TypeError(f"{naam}: geef een lijst van formaten, zoals {voorbeeld}, geen {_soort(waarde)}")
    onbekend = [f for f in waarde if f not in toegestaan]
    if onbekend:
        raise WaardeFout(f"{naam}: {onbekend[0]!r} is geen formaat dat kkfz-docs maakt; kies uit {keuzes}")
    if not waarde:
        raise WaardeFout(f"{naam}: de lijst is leeg; kies {keuzes} of beide, zoals {voorbeeld}")
    return tuple(dict.fromkeys(waarde))


def geheel_getal(naam: str, waarde: object, *, eenheid: str, geen: str = "") -> int | None:
    """A whole number of at least 1, or None when geen says what None means ("geen grens")."""
    if waarde is None and geen:
        return None
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        anders = f" (of None: {geen})" if geen else ""
        raise TypeError(f"{naam}: geef een heel getal {eenheid}{anders}, geen {_soort(waarde)} ({waarde!r})")
    if waarde < 1:
        raise WaardeFout(f"{naam}: {waarde} kan niet; geef 1 {eenheid} of meer")
    return waarde


def getal(naam: str, waarde: object, *, eenheid: str, geen: str = "") -> float | None:
    """A number above 0, or None when geen says what None means."""
    if waarde is None and geen:
        return None
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        anders = f" (of None: {geen})" if geen else ""
        raise TypeError(f"{naam}: geef een getal {eenheid}{anders}, geen {_soort(waarde)} ({waarde!r})")
    if not waarde > 0 or waarde != waarde or waarde == float("inf"):
        raise WaardeFout(f"{naam}: {waarde} kan niet; geef een getal boven 0 {eenheid}")
    return float(waarde)


def datum(naam: str, waarde: object) -> dt.date | None:
    """A date (datetime.date), or None."""
    if waarde is None or (isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime)):
        return waarde
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    raise TypeError(f"{naam}: geef een datum als datetime.date(2025, 5, 20), geen {_soort(waarde)} ({waarde!r})")
