"""The fonts of the PDF: Carlito (metric-compatible with the Word template's Calibri) and, for the
characters Carlito lacks, bundled fallback fonts and then a TrueType font of the system.

Also answers which characters of a text no font can show, so check() can warn before a PDF
shows an empty box.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import subprocess
import unicodedata
from importlib import resources

__all__ = [
    "ARABIC",
    "EMOJI",
    "FALLBACKS",
    "FAMILY",
    "INVISIBLE",
    "fallback",
    "font_for",
    "forget_system_fonts",
    "has_glyph",
    "invisible",
    "map_family",
    "path",
    "register",
    "unprintable",
    "variant",
]

FAMILY = "Carlito"
_FILES = {
    FAMILY: "Carlito-Regular.ttf",
    f"{FAMILY}-Bold": "Carlito-Bold.ttf",
    f"{FAMILY}-Italic": "Carlito-Italic.ttf",
    f"{FAMILY}-BoldItalic": "Carlito-BoldItalic.ttf",
}
# Fallbacks in the order they are tried, with a bold file where one exists. All are TrueType
# (glyf) fonts: ReportLab embeds nothing else. kkfz_docs/fonts/README.txt says where they come from.
FALLBACKS = {
    "NotoSansArabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "NotoSansHebrew": ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    "NotoSansTifinagh": ("NotoSansTifinagh-Regular.ttf", None),
    "Symbola": ("Symbola.ttf", None),
}
ARABIC = "NotoSansArabic"
EMOJI = "Symbola"
INVISIBLE = "Symbola"
"""The font whose glyphs for format characters (bidi marks, joiners, variation selectors) are empty."""


@functools.cache
def _font_class():
    """ReportLab's TTFont, with the ToUnicode entries of characters beyond U+FFFF (emoji) written
    as UTF-16; ReportLab 5.1 writes them as an odd-length hex string that no reader decodes, so
    the emoji would not extract from the PDF."""
    import re

    from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

    def utf16(match: re.Match) -> str:
        return f"<{match[1]}> <{chr(int(match[2], 16)).encode('utf-16-be').hex().upper()}>"

    class Font(TTFont):
        def addObjects(self, doc) -> None:
            state = self.state.get(doc)
            subsets = [list(s) for s in state.subsets] if state is not None else []
            super().addObjects(doc)
            for n, subset in enumerate(subsets):
                if max(subset, default=0) <= 0xFFFF:
                    continue
                base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
                stream = doc.idToObject.get("toUnicodeCMap:" + base)
                if stream is not None:
                    stream.content = re.sub(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>", utf16, stream.content)

    return Font


@functools.cache
def register() -> str:
    """Register Carlito with ReportLab once per process; returns the regular font's name. The
    fallbacks are registered when a text first needs them (fallback())."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, path(filename)))
    map_family()
    return FAMILY


@functools.cache
def fallback(name: str) -> str:
    """Register a bundled fallback font (name or name-Bold) with ReportLab; returns the name."""
    from reportlab.pdfbase import pdfmetrics

    regular, bold = FALLBACKS[name.removesuffix("-Bold")]
    pdfmetrics.registerFont(_font_class()(name, path(bold if name.endswith("-Bold") and bold else regular)))
    return name


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


def variant(name: str, bold: bool) -> str:
    """The bold font of a fallback where it has one, else the font itself."""
    if name not in FALLBACKS:
        return name
    return fallback(f"{name}-Bold" if bold and FALLBACKS[name][1] is not None else name)


@functools.cache
def _charmap(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    if name.removesuffix("-Bold") in FALLBACKS:
        fallback(name)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _covered() -> frozenset[int]:
    return _charmap(FAMILY)


def has_glyph(name: str, ch: str) -> bool:
    return ord(ch) in _charmap(name)


@functools.cache
def font_for(ch: str) -> str | None:
    """The (regular) font that draws ch: Carlito, else the first bundled fallback that has it, else
    a TrueType font of the system (found with fontconfig); None when no font has it."""
    for name in (FAMILY, *FALLBACKS):
        if has_glyph(name, ch):
            return name
    return _system_font(ch)


_system_names: list[str] = []
_numbers = itertools.count()


def forget_system_fonts() -> None:
    """Look the system fonts up again (after fonts were installed, or in tests)."""
    font_for.cache_clear()
    _catalog.cache_clear()
    _register_system.cache_clear()
    _system_names.clear()


def _system_font(ch: str) -> str | None:
    for name in _system_names:
        if has_glyph(name, ch):
            return name
    cp = ord(ch)
    for file, index, ranges in _catalog():
        if any(lo <= cp <= hi for lo, hi in ranges):
            found = _register_system(file, index)
            if found is not None and has_glyph(found, ch):
                return found
    return None


@functools.cache
def _catalog() -> list[tuple[str, int, list[tuple[int, int]]]]:
    """The system's fonts with the characters each has, from one fc-list call; empty without
    fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        found = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{charset}\n"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    catalog = []
    for line in sorted(found.splitlines()):
        file, index, charset = [*line.split("\t"), "", ""][:3]
        try:
            ranges = [(int(a, 16), int(b or a, 16)) for a, _, b in (r.partition("-") for r in charset.split())]
            catalog.append((file, int(index or 0), ranges))
        except ValueError:
            continue
    return catalog


@functools.cache
def _register_system(file: str, index: int) -> str | None:
    """Register a system font under a name of its own; None when ReportLab cannot embed it
    (PostScript/CFF outlines, colour bitmaps, an unreadable file)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    name = f"System{next(_numbers)}"  # never reused: _charmap() remembers each name's characters
    try:
        font = _font_class()(name, file, subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None
    if "glyf" not in font.face.table or not font.face.charToGlyph:
        return None
    pdfmetrics.registerFont(font)
    _system_names.append(name)
    return name


def invisible(ch: str) -> bool:
    """A character that is never drawn: a control or format character (bidi marks, joiners,
    soft hyphen, word joiner), a variation selector or a combining grapheme joiner."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Cc", "Cf") or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or cp == 0x034F
    )


def unprintable(text: str) -> str:
    """The distinct characters of text that no font of the PDF can show, in order of appearance.

    Whitespace and invisible characters (controls, bidi marks, joiners) do not count: the PDF
    does not draw them, and they change nothing a reader could miss.
    """
    seen: dict[str, None] = {}
    for ch in text:
        if ch.isspace() or invisible(ch):
            continue
        if font_for(ch) is None:
            seen.setdefault(ch)
    return "".join(seen)
