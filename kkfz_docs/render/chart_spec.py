"""What the spinnenweb chart shows, once, for both drawings (chart_pdf.py and chart_docx.py).

Axes, scores, ring labels, colours and the alt text are decided here; the two drawings only
place them. The chart has no title of its own: the heading above it names it.
"""

from __future__ import annotations

from attrs import define

from ..sections.spinnenweb import PDCA, Spinnenweb
from ..values import Pijler
from . import layout as L

__all__ = ["RadarChart", "radar_chart"]


@define(frozen=True)
class RadarChart:
    """The spinnenweb as data: five axes (pijler 1-5), a fixed 0-4 scale, one or two years."""

    year: int
    axes: tuple[str, ...]
    """Axis labels, pijler 1-5 with their short names: "1 Veiligheid"."""
    scores: tuple[int, ...]
    previous: tuple[int, ...] | None
    """Last year's scores, drawn as a dashed line; None when the verslag has none."""
    rings: tuple[str, ...] = tuple(f"{s} {PDCA[s][1]}".strip() for s in range(5))
    """Ring labels from the centre out: "0", "1 Plan", "2 Do", "3 Check", "4 Act"."""
    colour: str = L.CHART_COLOUR
    previous_colour: str = L.CHART_PREVIOUS_COLOUR
    fill_opacity: float = L.CHART_FILL_OPACITY
    grid_colour: str = L.CHART_GRID_COLOUR
    text_colour: str = L.CHART_TEXT_COLOUR

    @property
    def maximum(self) -> int:
        return len(self.rings) - 1

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def series(self) -> list[tuple[str, tuple[int, ...]]]:
        """(legend name, scores) per year drawn: this year first."""
        out = [(str(self.year), self.scores)]
        if self.previous is not None:
            out.append((str(self.previous_year), self.previous))
        return out

    @property
    def alt_text(self) -> str:
        """The chart in Dutch words, for readers who cannot see it."""

        def score(s: int) -> str:
            return f"{s} ({PDCA[s][1]})" if PDCA[s][1] else str(s)

        now = ", ".join(f"pijler {a} {score(s)}" for a, s in zip(self.axes, self.scores, strict=True))
        text = f"Spinnenweb KKFZ {self.year}, score per pijler op een schaal van 0 tot en met {self.maximum}: {now}."
        if self.previous is not None:
            before = ", ".join(f"pijler {a} {score(s)}" for a, s in zip(self.axes, self.previous, strict=True))
            text += f" Vorig jaar ({self.previous_year}): {before}."
        return text


def radar_chart(web: Spinnenweb, verslagjaar: int, colour: str = L.CHART_COLOUR) -> RadarChart:
    """The chart description of a verslag's spinnenweb; colour: this year's, the house style's accent."""
    return RadarChart(
        year=verslagjaar,
        axes=tuple(f"{p.value} {p.korte_naam}" for p in Pijler),
        scores=tuple(web.scores[p] for p in Pijler),
        previous=tuple(web.vorig_jaar[p] for p in Pijler) if web.vorig_jaar is not None else None,
        colour=colour,
    )
