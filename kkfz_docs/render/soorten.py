"""The document types the renderers know: for each its outline, context, Word template and page limit.

The renderers (word_template.py, docx.py, pdf.py) and the preview take any of these; a new
document type is a root class, a context builder, an outline and an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from attrs import define

from .. import argumenten
from ..errors import WaardeFout
from ..jaarcyclus import ingevuld
from ..meerjarenplan import Meerjarenplan
from ..verslag import Kwaliteitsverslag
from . import context, context_plan, outline

__all__ = ["SOORTEN", "STANDAARD", "PaginaLimiet", "Soort", "max_pages", "met_naam", "paginalimiet", "van"]

STANDAARD: Literal["standaard"] = "standaard"
"""max_pages="standaard": the document type's own page limit (six for a verslag, none for a plan)."""
PaginaLimiet = int | Literal["standaard"] | None


@define(frozen=True)
class Soort:
    """One document type as the renderers see it."""

    naam: str
    """As a file says it under `soort:`."""
    titel: str
    """The type's name in a sentence or a Word property: "Kwaliteitsverslag"."""
    outline: tuple[outline.Node, ...]
    context: Callable[[Any], context.Context]
    template: str
    """The bundled Word template's file name in kkfz_docs/templates/."""
    max_pages: int | None
    """The page limit unless asked otherwise: the handreiking's advice for a verslag, none for a plan."""
    voorbereid: Callable[[Any], Any] = lambda document: document
    """The document as it prints (a verslag with what its plan and last year fill in)."""

    def default_template(self) -> Path:
        return Path(str(resources.files("kkfz_docs").joinpath("templates").joinpath(self.template)))


SOORTEN: dict[type, Soort] = {
    Kwaliteitsverslag: Soort(
        "kwaliteitsverslag", "Kwaliteitsverslag", outline.DOCUMENT, context.build, "kwaliteitsverslag.docx", 6, ingevuld
    ),
    Meerjarenplan: Soort(
        "meerjarenplan", "Meerjarenplan", outline.MEERJARENPLAN, context_plan.build, "meerjarenplan.docx", None
    ),
}


def van(document: object) -> Soort:
    """The type of a document; a TypeError (in Dutch) for anything else."""
    soort = SOORTEN.get(type(document))
    if soort is None:
        raise TypeError(f"geef een Kwaliteitsverslag of een Meerjarenplan, geen {type(document).__name__}")
    return soort


def met_naam(naam: str) -> Soort:
    """The type called naam ("kwaliteitsverslag", "meerjarenplan")."""
    for soort in SOORTEN.values():
        if soort.naam == naam:
            return soort
    raise WaardeFout(f"'{naam}' is geen soort document; kies {' of '.join(s.naam for s in SOORTEN.values())}")


def paginalimiet(limiet: object) -> PaginaLimiet:
    """A page limit as given to the API (max_pages=), checked: "standaard", None or a whole number from 1."""
    if limiet == STANDAARD or limiet is None:
        return limiet
    if isinstance(limiet, str):
        raise WaardeFout(
            f"max_pages: {limiet!r} kan niet; geef een aantal pagina's als getal (max_pages=6), "
            f"'{STANDAARD}' of None (geen grens)"
        )
    return argumenten.geheel_getal("max_pages", limiet, eenheid="pagina's", geen="geen grens")


def max_pages(document: object, limiet: PaginaLimiet) -> int | None:
    """The page limit that applies: the type's own for "standaard", else as given (None: no limit)."""
    limiet = paginalimiet(limiet)
    if isinstance(limiet, str):  # "standaard"
        return van(document).max_pages
    return limiet
