"""Bevinding: one finding of check(), an error (fout) or a warning (waarschuwing)."""

from __future__ import annotations

import enum
import json

from attrs import define

__all__ = ["Bevinding", "Niveau"]


class Niveau(enum.StrEnum):
    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


@define(frozen=True)
class Bevinding:
    """What is wrong (fout) or worth a look (waarschuwing), where, and how to fix it (Dutch)."""

    niveau: Niveau
    pad: str
    melding: str
    regel: int | None = None
    """Line in the YAML file, when the verslag was loaded from one."""

    @property
    def is_fout(self) -> bool:
        return self.niveau is Niveau.FOUT

    def __str__(self) -> str:
        waar = f"{self.pad} (regel {self.regel})" if self.regel else self.pad
        return f"{self.niveau.value}: {waar}: {self.melding}"


def fout(pad: str, melding: str) -> Bevinding:
    return Bevinding(Niveau.FOUT, pad, melding)


def waarschuwing(pad: str, melding: str) -> Bevinding:
    return Bevinding(Niveau.WAARSCHUWING, pad, melding)


def join_path(pad: str, segment: str | int) -> str:
    """Extend a field path: attribute names with a dot, list indices and other keys in brackets.

    ``join_path("pijlers", 2)`` is ``pijlers[2]``; a mapping key that is not a plain name is quoted:
    ``omzet["Forensische zorg"]``. Pijler numbers (IntEnum) print as numbers.
    """
    if isinstance(segment, int):
        return f"{pad}[{int(segment)}]"
    if segment.isidentifier() and segment.isascii():
        return f"{pad}.{segment}" if pad else segment
    return f"{pad}[{json.dumps(segment, ensure_ascii=False)}]"
