"""What a PDF layout holds: its page count and, per chapter, the pages and words; the page-limit message."""

from __future__ import annotations

import math
from pathlib import Path

from attrs import define

__all__ = ["RenderInfo", "SectieInfo"]


@define(frozen=True)
class SectieInfo:
    """Where one chapter of the PDF lies and how long it is."""

    titel: str
    eerste_pagina: int
    laatste_pagina: int
    woorden: int

    @property
    def paginas(self) -> str:
        if self.eerste_pagina == self.laatste_pagina:
            return f"pagina {self.eerste_pagina}"
        return f"pagina {self.eerste_pagina}-{self.laatste_pagina}"


@define(frozen=True)
class RenderInfo:
    """What render_pdf() laid out: the page count and, per chapter, its pages and words."""

    pages: int
    secties: tuple[SectieInfo, ...]
    max_pages: int | None
    laatste_pagina_vol: float
    """How full the last page is, 0-1."""
    pad: Path | None = None
    meldingen: tuple[str, ...] = ()
    """Warnings of the render itself, e.g. a font of the template that was not found."""

    @property
    def woorden(self) -> int:
        return sum(s.woorden for s in self.secties)

    @property
    def te_veel_woorden(self) -> int:
        """Roughly how many words to cut to fit max_pages (0 when it fits), rounded up to tens."""
        if self.max_pages is None or self.pages <= self.max_pages:
            return 0
        overflow = self.pages - self.max_pages - 1 + self.laatste_pagina_vol
        per_pagina = self.woorden / max(self.pages - 1 + self.laatste_pagina_vol, 1)
        return int(math.ceil(overflow * per_pagina / 10) * 10)

    def melding(self) -> str:
        """The Dutch explanation of a verslag over the page limit."""
        delen = "".join(f"\n  - {s.titel}: {s.paginas}, {s.woorden} woorden" for s in self.secties)
        return (
            f"het verslag telt {self.pages} pagina's, de handreiking adviseert er hooguit {self.max_pages}. "
            f"Schrap ongeveer {self.te_veel_woorden} woorden, vooral in de langste onderdelen, of maak de PDF "
            f"toch met --geen-paginalimiet (in Python: max_pages=None). Per onderdeel:{delen}"
        )
