"""What every document type shares: where it was loaded from, its logo file, its notebook preview.

A kwaliteitsverslag and a meerjarenplan are both root classes (verslag.py, meerjarenplan.py); this
module holds the little they have in common below both, so neither imports the other for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import define, field

from .findings import Bevinding
from .images import ImageCheck, inspect
from .paths import parent

__all__ = [
    "Bron",
    "RootDocument",
    "html_preview",
    "logo_afbeelding",
    "logo_pad",
    "map_van",
    "pad_vanaf",
    "set_html_preview",
]


@define(frozen=True)
class Bron:
    """Where a document was loaded from: the file, the YAML line of each field path, and the
    waarschuwingen about what YAML did to a text (a comment that cut it short, yes/no read as text)."""

    pad: Path | None = None
    regels: dict[str, int] = field(factory=dict)
    bevindingen: tuple[Bevinding, ...] = ()

    def regel(self, pad: str) -> int | None:
        """Line of the field at pad, or of the nearest enclosing field that is in the file."""
        while pad:
            if pad in self.regels:
                return self.regels[pad]
            pad = parent(pad)
        return None


def map_van(bron: Bron | None) -> Path:
    """The folder that paths in a document are relative to: its file's folder, else the current one."""
    return bron.pad.parent if bron is not None and bron.pad is not None else Path.cwd()


def pad_vanaf(bron: Bron | None, genoemd: str) -> Path:
    """The file a document names (a logo, a linked file), relative to the document's folder.

    A path written on Windows (`plannen\\plan.yaml`) is followed on every system: where a backslash
    is not a separator and no file has the name as written, each backslash counts as a '/'.
    """
    pad = map_van(bron) / genoemd
    if "\\" in genoemd and os.sep == "/" and not os.path.lexists(pad):
        return map_van(bron) / genoemd.replace("\\", "/")
    return pad


def logo_pad(logo: str, bron: Bron | None) -> Path | None:
    """The logo's file, relative to the document's file (or the current folder); None if not given."""
    logo = logo.strip()
    return pad_vanaf(bron, logo) if logo else None


def logo_afbeelding(pad: Path | None) -> ImageCheck | None:
    """The checked logo (images.inspect), or None when there is none or it cannot be used."""
    if pad is None:
        return None
    logo = inspect(pad)
    return logo if logo.usable else None


class RootDocument:
    """What a kwaliteitsverslag and a meerjarenplan derive alike from their organisatie and bron: the
    logo and the notebook preview. A base of both root classes, with no fields of its own."""

    __slots__ = ()
    if TYPE_CHECKING:  # the fields of each root class; not annotations at run time, which attrs would read
        organisatie: Any
        bron: Bron | None

    @property
    def logo_pad(self) -> Path | None:
        """The logo's file, relative to the document's file (or the current folder); None if not given."""
        return logo_pad(self.organisatie.logo, self.bron)

    @property
    def logo_bruikbaar(self) -> bool:
        """Whether the logo is a PNG or JPEG file both renderers can place (images.inspect)."""
        return self.logo_afbeelding is not None

    @property
    def logo_afbeelding(self) -> ImageCheck | None:
        """The checked logo, or None when there is none or it cannot be used (check() says why)."""
        return logo_afbeelding(self.logo_pad)

    def _repr_html_(self) -> str | None:
        return html_preview(self)


_html_preview: list[Callable[[Any], str]] = []


def set_html_preview(preview: Callable[[Any], str]) -> None:
    """Called by kkfz_docs.preview, a higher layer, so that a notebook shows a document as HTML."""
    _html_preview[:] = [preview]


def html_preview(document: object) -> str | None:
    """The document as HTML for a notebook (_repr_html_), once kkfz_docs.preview is imported."""
    return _html_preview[0](document) if _html_preview else None
