"""Every public exception of kkfz-docs, under one base class; their messages are Dutch and say what to do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from attrs import define

from .paths import join_path

__all__ = [
    "TE_DIEP",
    "Invoerfout",
    "KkfzFout",
    "OngeldigVerslag",
    "PaginaLimietOverschreden",
    "Schrijffout",
    "SjabloonFout",
    "VerkeerdType",
    "WaardeFout",
    "describe",
    "waar",
]


TE_DIEP = "het bestand is te diep genest (lijsten in lijsten in lijsten...); een verslag heeft maar een paar niveaus"
"""Why a file nested deeper than Python can follow is refused (YAML, JSON or data)."""


def waar(pad: str, regel: int | None, geheel: str = "(het hele verslag)") -> str:
    """Where a problem is, as printed everywhere: 'pijlers[0].reflectie (regel 12)'."""
    plek = pad or geheel
    return f"{plek} (regel {regel})" if regel else plek


def describe(value: object) -> str:
    """A value as a Dutch reader recognises it in a message: "de tekst 'drie'", "een lijst"."""
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return f"'{'true' if value else 'false'}' (ja/nee)"
    if isinstance(value, str):
        kort = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst '{kort}'"
    if isinstance(value, list | tuple):
        return "een lijst"
    if isinstance(value, Mapping):
        return "een groep velden"
    return f"'{value}'"


class KkfzFout(Exception):
    """The base class of every exception kkfz-docs raises on purpose."""


class WaardeFout(KkfzFout, ValueError):
    """A value that breaks a rule; the message is Dutch and says how to fix it.

    .veld names the field when the value was given to a class in Python
    ("PijlerReflectie.successen[0]"); load() reports the field path and line instead.
    """

    def __init__(self, melding: str):
        super().__init__(melding)
        self.melding = melding
        self.segmenten: list[str | int] = []

    def binnen(self, segment: str | int) -> WaardeFout:
        """Say which field or index holds the value, from the inside out; returns self."""
        self.segmenten.insert(0, segment)
        return self

    @property
    def veld(self) -> str:
        return join_path("", *self.segmenten)

    def __str__(self) -> str:
        return f"{self.veld}: {self.melding}" if self.segmenten else self.melding


class VerkeerdType(WaardeFout, TypeError):
    """A value of the wrong kind: .verwacht says in Dutch what belongs there, .gekregen what was given."""

    def __init__(self, verwacht: str, gekregen: object):
        super().__init__(f"hier hoort {verwacht}, maar er staat {describe(gekregen)}")
        self.verwacht = verwacht
        self.gekregen = gekregen


@define(frozen=True)
class Invoerfout:
    """One problem in an input file: field path, YAML line (if known) and a Dutch message."""

    pad: str
    melding: str
    regel: int | None = None

    def __str__(self) -> str:
        return f"{waar(self.pad, self.regel, '(het hele bestand)')}: {self.melding}"


class OngeldigVerslag(KkfzFout, ValueError):
    """The input cannot be read as a kwaliteitsverslag; .fouten lists every problem found.

    .leesbaar is False when the file could not be read or parsed at all (no such file, YAML
    syntax error, not a mapping); the CLI exits 2 for those, 1 for content errors.
    """

    def __init__(self, fouten: list[Invoerfout], bestand: str | None = None, *, leesbaar: bool = True):
        self.fouten = fouten
        self.bestand = bestand
        self.leesbaar = leesbaar
        kop = f"{bestand}: " if bestand else ""
        n = len(fouten)
        regels = "\n".join(f"  - {f}" for f in fouten)
        super().__init__(f"{kop}{n} {'fout' if n == 1 else 'fouten'} in de invoer:\n{regels}")


class _Layout(Protocol):
    @property
    def pages(self) -> int: ...

    def melding(self) -> str: ...


class PaginaLimietOverschreden(KkfzFout):
    """The laid-out PDF has more pages than allowed; nothing was written.

    .info is the RenderInfo of the layout: the page count and each chapter's pages and words.
    """

    def __init__(self, info: _Layout, toevoeging: str = ""):
        self.info = info
        super().__init__(info.melding() + toevoeging)


class SjabloonFout(KkfzFout, ValueError):
    """A Word template cannot be used (missing, not a .docx, damaged, a tag that does not work or is not
    allowed, or over the time or memory limit); nothing was written."""


class Schrijffout(KkfzFout, OSError):
    """An output file cannot be written (the folder is a file, no rights, the disk is full); nothing was
    written, and files already at the target are unchanged. .errno is the operating system's code."""
