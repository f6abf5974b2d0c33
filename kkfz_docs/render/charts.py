"""The spinnenweb chart, drawn with matplotlib and saved as PNG (Word) or SVG (PDF, as vectors).

The chart uses the document's font (Carlito). Its SVG keeps text as text, which the PDF renderer
draws in the same embedded font; that is also far faster to convert than glyph outlines.
matplotlib is imported inside the functions, so importing kkfz_docs stays fast.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Literal

from ..sections.spinnenweb import PDCA, Spinnenweb
from ..values import Pijler

KLEUR = "#1f5f74"
KLEUR_VORIG = "#8a8a8a"
KLEUR_VLAK = "#c7d7dd"  # KLEUR at 25% on white, opaque: SVG importers differ in how they read alpha
DPI = 200  # the Word file shows the 5.6-inch-wide chart at 12.5 cm: about 227 dpi on paper


@functools.cache
def _matplotlib_font() -> str:
    from matplotlib import font_manager

    from .fonts import FAMILY, files, path

    for filename in files():
        font_manager.fontManager.addfont(path(filename))
    return FAMILY


def spinnenweb(web: Spinnenweb, verslagjaar: int, fmt: Literal["png", "svg"] = "png") -> bytes:
    """The radar chart: five axes (pijler 1-5), fixed scale 0-4 with PDCA rings, a legend."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    with matplotlib.rc_context({"font.family": _matplotlib_font(), "svg.fonttype": "none"}):
        fig = _figure(_key(web), verslagjaar)
        buffer = io.BytesIO()
        # PNG at zlib level 1: a third of the encoding time, for a somewhat larger image.
        fig.savefig(
            buffer,
            format=fmt,
            dpi=DPI,
            metadata=_metadata(fmt),
            **({"pil_kwargs": {"compress_level": 1}} if fmt == "png" else {}),
        )
        return buffer.getvalue()


def _key(web: Spinnenweb) -> tuple:
    vorig = tuple(web.vorig_jaar[p] for p in Pijler) if web.vorig_jaar is not None else None
    return tuple(web.scores[p] for p in Pijler), vorig


@functools.lru_cache(maxsize=1)
def _figure(key: tuple, verslagjaar: int):
    """The figure for one set of scores. The last one is kept, so the Word file's PNG and the PDF's
    SVG of the same verslag are saved from one figure (building it is half the cost of a chart)."""
    scores, vorig = key
    return _draw(
        dict(zip(Pijler, scores, strict=True)), dict(zip(Pijler, vorig, strict=True)) if vorig else None, verslagjaar
    )


def forget() -> None:
    """Drop the kept figure (the benchmarks use this to time a chart drawn from scratch)."""
    _figure.cache_clear()


def _draw(scores: dict, vorig_jaar: dict | None, verslagjaar: int):
    from matplotlib.figure import Figure

    pijlers = list(Pijler)
    hoeken = [2 * math.pi * i / len(pijlers) for i in range(len(pijlers))]
    hoeken_rond = [*hoeken, hoeken[0]]

    fig = Figure(figsize=(5.6, 4.2))
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)  # pijler 1 at the top, then clockwise
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 4)
    ax.set_yticks([1, 2, 3, 4], [f"{s} {PDCA[s][1]}" for s in (1, 2, 3, 4)])
    ax.set_rlabel_position(180 / len(pijlers))
    ax.set_xticks(hoeken, [f"{p.value}. {p.korte_naam}" for p in pijlers])
    ax.tick_params(axis="x", labelsize=9, pad=4)
    ax.tick_params(axis="y", labelsize=7, labelcolor="#555555")
    ax.grid(color="#cccccc", linewidth=0.6)
    ax.spines["polar"].set_color("#999999")

    nu = [scores[p] for p in pijlers]
    ax.fill(hoeken_rond, [*nu, nu[0]], color=KLEUR_VLAK, zorder=0.5)  # below the rings and their labels
    if vorig_jaar is not None:
        vorig = [vorig_jaar[p] for p in pijlers]
        ax.plot(
            hoeken_rond,
            [*vorig, vorig[0]],
            color=KLEUR_VORIG,
            linestyle="--",
            linewidth=1.4,
            label=str(verslagjaar - 1),
            zorder=3,
        )
    ax.plot(hoeken_rond, [*nu, nu[0]], color=KLEUR, linewidth=2, label=str(verslagjaar), zorder=4)
    ax.set_title(f"Spinnenweb KKFZ {verslagjaar}", fontsize=11, pad=16)
    ax.legend(loc="upper right", bbox_to_anchor=(1.32, 1.12), fontsize=8, frameon=False)
    fig.subplots_adjust(left=0.12, right=0.82, top=0.84, bottom=0.08)
    return fig


def _metadata(fmt: str) -> dict:
    # No software name and no date in the file: the same verslag gives the same bytes.
    if fmt == "svg":
        return {"Creator": None, "Date": None}
    return {"Software": None}
