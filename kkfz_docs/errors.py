"""The exceptions of kkfz-docs; their messages are Dutch and say what to do."""

from __future__ import annotations

from attrs import define

__all__ = ["Invoerfout", "OngeldigVerslag", "PaginaLimietOverschreden", "Schrijffout", "SjabloonFout"]


@define(frozen=True)
class Invoerfout:
    """One problem in an input file: field path, YAML line (if known) and a Dutch message."""

    pad: str
    melding: str
    regel: int | None = None

    def __str__(self) -> str:
        waar = self.pad or "(het hele bestand)"
        if self.regel:
            waar += f" (regel {self.regel})"
        return f"{waar}: {self.melding}"


class OngeldigVerslag(ValueError):
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


class PaginaLimietOverschreden(Exception):
    """The laid-out PDF has more pages than allowed; nothing was written.

    .info is the RenderInfo of the layout: the page count and each chapter's pages and words.
    """

    def __init__(self, info, toevoeging: str = ""):
        self.info = info
        super().__init__(info.melding() + toevoeging)


class SjabloonFout(ValueError):
    """A Word template cannot be used (missing, not a .docx, damaged, a tag that does not work or is not
    allowed, or over the time or memory limit); nothing was written."""


class Schrijffout(OSError):
    """An output file cannot be written (the folder is a file, no rights, the disk is full); nothing was
    written, and files already at the target are unchanged. .errno is the operating system's code."""
