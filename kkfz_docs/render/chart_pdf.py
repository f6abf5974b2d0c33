"""The spinnenweb for the PDF: a ReportLab Drawing (vectors, text as text in the embedded font).

The web's rings are pentagons. Their labels stand at the bottom, between the axes of pijler 3
and 4 where each ring's edge is level, each just below its own ring: there they touch no ring,
no axis and no other label at any size of the chart. Axis labels stand outside the web, the
legend in the empty top right corner. The drawing keeps its parts as attributes (rings, spokes,
data, backdrops, labels, legend) so tests can measure them.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import fonts
from .chart_spec import RadarChart

__all__ = [
    "ASCENT",
    "AXIS_PT",
    "DASH",
    "DESCENT",
    "GAP",
    "LEGEND_PT",
    "LINE_NOW",
    "LINE_PREVIOUS",
    "RING_GAP",
    "RING_PT",
    "drawing",
    "text_box",
]

AXIS_PT, RING_PT, LEGEND_PT = 9.0, 8.0, 8.5
ASCENT, DESCENT = 0.75, 0.25  # of the font size: how far Carlito's letters reach above and below the baseline
GAP = 4.0  # between the web and an axis label
RING_GAP = 2.0  # between a ring's edge and its label
LINE_NOW, LINE_PREVIOUS = 2.0, 1.4
DASH = [4, 2.5]


def _colour(hex_: str, alpha: float = 1.0) -> colors.Color:
    c = colors.HexColor(f"#{hex_}")
    return colors.Color(c.red, c.green, c.blue, alpha)


def _angle(i: int, n: int) -> float:
    """Pijler 1 at the top, then clockwise."""
    return math.pi / 2 - 2 * math.pi * i / n


def text_box(s: String) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of a label as drawn."""
    w = stringWidth(s.text, s.fontName, s.fontSize)
    x0 = {"start": s.x, "middle": s.x - w / 2, "end": s.x - w}[s.textAnchor]
    return x0, s.y - DESCENT * s.fontSize, x0 + w, s.y + ASCENT * s.fontSize


def drawing(chart: RadarChart, width: float, height: float) -> Drawing:
    """The chart, width x height points, the web as large as its labels allow."""
    font = fonts.register()
    n = len(chart.axes)
    angles = [_angle(i, n) for i in range(n)]
    tan_half = math.tan(math.pi / n)  # the bottom ring edges are level for an odd number of axes
    cos_half = math.cos(math.pi / n)

    # Vertical room: the top label above the web, the lowest axis labels and the outer ring label below it.
    low = min(math.sin(a) for a in angles)  # -cos(36°) for five axes
    below = max(GAP + (ASCENT + DESCENT) * AXIS_PT, RING_GAP + (ASCENT + DESCENT) * RING_PT)
    radius = (height - 2 - (GAP + (ASCENT + DESCENT) * AXIS_PT) - below) / (1 - low)
    cy = height - 1 - (GAP + (ASCENT + DESCENT) * AXIS_PT) - radius

    # Horizontal room: centre the web and its axis labels.
    def label_extent(i: int) -> tuple[float, float]:
        c = math.cos(angles[i])
        w = stringWidth(chart.axes[i], font, AXIS_PT)
        x = c * (radius + GAP)
        anchor = _anchor(c)
        return {"start": (x, x + w), "middle": (x - w / 2, x + w / 2), "end": (x - w, x)}[anchor]

    left = min(label_extent(i)[0] for i in range(n))
    right = max(label_extent(i)[1] for i in range(n))
    cx = (width - (right - left)) / 2 - left

    def point(i: int, r: float) -> tuple[float, float]:
        return cx + r * math.cos(angles[i]), cy + r * math.sin(angles[i])

    d = Drawing(width, height, initialFontName=font, initialFontSize=AXIS_PT)  # else it starts in Helvetica
    grid = _colour(chart.grid_colour)
    text = _colour(chart.text_colour)

    rings = Group()
    for k in range(1, chart.maximum + 1):
        pts = [c for i in range(n) for c in point(i, radius * k / chart.maximum)]
        rings.add(Polygon(pts, fillColor=None, strokeColor=grid, strokeWidth=0.6))
    spokes = Group()
    for i in range(n):
        spokes.add(Line(cx, cy, *point(i, radius), strokeColor=grid, strokeWidth=0.6))

    def outline(values: tuple[int, ...]) -> list[float]:
        return [c for i, v in enumerate(values) for c in point(i, radius * v / chart.maximum)]

    data = Group()
    if chart.previous is not None:  # below this year's translucent fill and line
        pts = outline(chart.previous)
        data.add(
            PolyLine(
                [*pts, *pts[:2]],
                strokeColor=_colour(chart.previous_colour),
                strokeWidth=LINE_PREVIOUS,
                strokeDashArray=DASH,
                strokeLineJoin=1,
            )
        )
    data.add(
        Polygon(
            outline(chart.scores),
            fillColor=_colour(chart.colour, chart.fill_opacity),
            strokeColor=_colour(chart.colour),
            strokeWidth=LINE_NOW,
            strokeLineJoin=1,
        )
    )

    labels, backdrops = Group(), Group()
    for i, label in enumerate(chart.axes):
        c, s = math.cos(angles[i]), math.sin(angles[i])
        x, y = point(i, radius + GAP)
        if s > 0.3:
            baseline = y + DESCENT * AXIS_PT  # above the point
        elif s < -0.3:
            baseline = y - ASCENT * AXIS_PT  # below it
        else:
            baseline = y + (DESCENT - ASCENT) / 2 * AXIS_PT  # centred on it
        labels.add(String(x, baseline, label, fontName=font, fontSize=AXIS_PT, fillColor=text, textAnchor=_anchor(c)))
    for k, label in enumerate(chart.rings):
        # Below ring k, centred between the two lowest axes; "0" just below the centre, clear of both axes.
        edge = cy - radius * k / chart.maximum * cos_half
        half = stringWidth(label, font, RING_PT) / 2
        drop = RING_GAP if k else 0.0
        drop = max(drop, (half + RING_GAP) / tan_half - (cy - edge))  # wide enough between the axes
        baseline = edge - drop - ASCENT * RING_PT
        ring_label = String(cx, baseline, label, fontName=font, fontSize=RING_PT, fillColor=text, textAnchor="middle")
        labels.add(ring_label)
        # A light backdrop keeps the label readable where this year's or last year's line crosses it.
        x0, y0, x1, y1 = text_box(ring_label)
        backdrops.add(
            Rect(x0 - 1, y0, x1 - x0 + 2, y1 - y0, rx=1.5, fillColor=_colour("FFFFFF", 0.8), strokeColor=None)
        )

    legend = Group()
    x = width - 2 - max(stringWidth(name, font, LEGEND_PT) for name, _ in chart.series) - 26
    y = height - 1 - ASCENT * LEGEND_PT
    legend.add(
        Rect(
            x,
            y - 0.5,
            20,
            7,
            fillColor=_colour(chart.colour, chart.fill_opacity),
            strokeColor=_colour(chart.colour),
            strokeWidth=LINE_NOW,
        )
    )
    legend.add(String(x + 26, y, str(chart.year), fontName=font, fontSize=LEGEND_PT, fillColor=text))
    if chart.previous is not None:
        y -= LEGEND_PT * 1.6
        legend.add(
            Line(
                x,
                y + 3,
                x + 20,
                y + 3,
                strokeColor=_colour(chart.previous_colour),
                strokeWidth=LINE_PREVIOUS,
                strokeDashArray=DASH,
            )
        )
        legend.add(String(x + 26, y, str(chart.previous_year), fontName=font, fontSize=LEGEND_PT, fillColor=text))

    d.add(rings, name="rings")
    d.add(spokes, name="spokes")
    d.add(data, name="data")
    d.add(backdrops, name="backdrops")
    d.add(labels, name="labels")
    d.add(legend, name="legend")
    return d


def _anchor(cos: float) -> str:
    if cos > 0.3:
        return "start"
    if cos < -0.3:
        return "end"
    return "middle"
