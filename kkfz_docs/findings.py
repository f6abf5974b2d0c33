"""Bevinding: one finding of check(), an error (fout) or a warning (waarschuwing)."""

from __future__ import annotations

import enum

from attrs import define

from .errors import waar
from .paths import join_path

__all__ = ["Bevinding", "Niveau", "fout", "join_path", "waarschuwing"]


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

    @property
    def waar(self) -> str:
        """The field path and line: 'pijlers[0].reflectie (regel 12)'."""
        return waar(self.pad, self.regel)

    def __str__(self) -> str:
        return f"{self.niveau.value}: {self.waar}: {self.melding}"


def fout(pad: str, melding: str) -> Bevinding:
    return Bevinding(Niveau.FOUT, pad, melding)


def waarschuwing(pad: str, melding: str) -> Bevinding:
    return Bevinding(Niveau.WAARSCHUWING, pad, melding)
