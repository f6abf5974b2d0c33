"""Page, type and table measures shared by the Word template (scripts/build_template.py) and the PDF.

One place, so the Word file and the PDF break lines and pages alike; change a measure here and
rebuild the template with `python scripts/build_template.py`.
"""

from __future__ import annotations

__all__ = [
    "ACCENT",
    "BODY_PT",
    "CHART_COLOUR",
    "CHART_FILL_OPACITY",
    "CHART_GRID_COLOUR",
    "CHART_HEIGHT_CM",
    "CHART_PREVIOUS_COLOUR",
    "CHART_TEXT_COLOUR",
    "CHART_WIDTH_CM",
    "COLUMNS_CM",
    "CROSS_TABLE_CM",
    "GREY",
    "HEADER_FOOTER_CM",
    "HEADER_PT",
    "HEADINGS",
    "LINE_HEIGHT_EM",
    "LINE_SPACING",
    "LOGO_HEIGHT_CM",
    "MARGIN_BOTTOM_CM",
    "MARGIN_TOP_CM",
    "MARGIN_X_CM",
    "PAGE_CM",
    "SPACE_AFTER_PT",
    "SUBTITLE_PT",
    "TABLE_HEADER",
    "THEMA_TABLE_CM",
    "TITLE_PT",
]

PAGE_CM = (21.0, 29.7)  # A4
MARGIN_X_CM, MARGIN_TOP_CM, MARGIN_BOTTOM_CM = 3.2, 2.2, 2.0
"""Left and right 3.2 cm: a text width of 14.6 cm, lines of about 90 characters at the body size."""
HEADER_FOOTER_CM = 1.0  # distance of the running header and footer from the page edge

BODY_PT = 10.5
LINE_SPACING = 1.08  # Word's "1.08 lines"
LINE_HEIGHT_EM = 1.22  # a single line of Calibri (and of Carlito, its metric twin), in em
SPACE_AFTER_PT = 4
HEADER_PT = 8.5
AFTER_TABLE_PT = 4
"""The size of the empty paragraph after each table (Word needs one): its height is one line of it."""
TITLE_PT, SUBTITLE_PT = 24, 12
TITLE_RULE_PT = (1.0, 4.0)
"""The rule under the title: its thickness, and the gap between the title and it."""
HEADINGS = {"h1": (16, 14, 4), "h2": (13, 9, 2), "h3": (10.5, 6, 2), "h4": (10.5, 4, 1)}
"""Size, space before, space after (pt). h3 and h4 are for own paragrafen deeper down; h4 is italic."""

ACCENT = "1F5F74"
GREY = "404040"
"""Running header and footer, subtitle, chart text. 10.4:1 on white, and still 4.5:1 on the chart's
translucent fill of any colour (Word and LibreOffice draw the value axis labels over it)."""
TABLE_HEADER = ACCENT  # white bold text on it: contrast 7.1:1 (WCAG AA asks 4.5:1)

COLUMNS_CM = {  # each table's preferred widths; render/tables.py widens a column to its longest word
    "zorgtypen": (4.4, 3.3, 6.9),
    "clienten": (7.4, 2.8, 2.4),
    "clienten_vorig": (5.2, 2.4, 1.8, 2.4, 1.8),
    "omzet": (7.4, 2.8, 2.4),
    "doelen": (4.4, 2.0, 2.6, 5.6),
    "kengetallen": (7.4, 2.8),
    "kengetallen_vorig": (7.4, 2.4, 2.4),
    "overzicht": (1.4, 7.4, 2.2, 3.6),
    "spinnenweb": (5.0, 2.2, 1.4, 6.0),
}
CARD_PADDING_PT = 7  # the space inside a speerpunt's border
CARD_BORDER_PT = 0.75
CROSS_TABLE_CM = (4.6, 2.6)  # the label column, then each value column
THEMA_TABLE_CM = (5.2, 1.2, 5.0)  # the thema, each year, the toelichting
CHART_WIDTH_CM, CHART_HEIGHT_CM = 12.5, 8.6
CHART_COLOUR = ACCENT  # this year: a solid line over a light fill
CHART_PREVIOUS_COLOUR = "7F7F7F"  # last year: a dashed line, told apart without colour
CHART_FILL_OPACITY = 0.3
CHART_GRID_COLOUR = "BFBFBF"
CHART_TEXT_COLOUR = GREY
LOGO_HEIGHT_CM = 1.4
