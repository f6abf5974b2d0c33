"""The embedded font family (Carlito, metric-compatible with the Word template's Calibri).

Also answers which characters of a text the font cannot show, so check() can warn before a
PDF shows an empty box.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

FAMILY = "Carlito"
_FILES = {
    FAMILY: "Carlito-Regular.ttf",
    f"{FAMILY}-Bold": "Carlito-Bold.ttf",
    f"{FAMILY}-Italic": "Carlito-Italic.ttf",
    f"{FAMILY}-BoldItalic": "Carlito-BoldItalic.ttf",
}


@functools.cache
def register() -> str:
    """Register the family with ReportLab once per process; returns the regular font's name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, path(filename)))
    map_family()
    return FAMILY


def path(filename: str) -> str:
    return str(resources.files("kkfz_docs").joinpath("fonts").joinpath(filename))


def map_family() -> None:
    """Tell ReportLab which file is bold and italic. Registering a TrueType font maps all four
    styles of its family to itself, so this runs again after anything registers "Carlito"."""
    from reportlab.lib.fonts import addMapping

    for bold in (0, 1):
        for italic in (0, 1):
            suffix = {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[(bold, italic)]
            addMapping(FAMILY, bold, italic, FAMILY + suffix)


@functools.cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    return frozenset(pdfmetrics.getFont(FAMILY).face.charToGlyph)


def unprintable(text: str) -> str:
    """The distinct characters of text that the PDF cannot show properly, in order of appearance.

    That is every character missing from the font, plus right-to-left script (Arabic, Hebrew),
    which ReportLab neither shapes nor orders right to left even where a font has the letters.
    """
    covered = _covered()
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if ord(ch) not in covered or unicodedata.bidirectional(ch) in ("R", "AL"):
            seen.setdefault(ch)
    return "".join(seen)
