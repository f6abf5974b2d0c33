"""User text into ReportLab paragraph markup, in the font that has each character.

markup() escapes the text and wraps every run of characters Carlito lacks in <font name=...>
with the fallback that has them (render/fonts.py). Arabic runs are shaped here with HarfBuzz
(joined letter forms, lam-alef ligatures) and written as the font's presentation-form characters
in logical order; Paragraph reorders each laid-out line right to left where needed (render/bidi.py).

Why not ReportLab's own shaping (ParagraphStyle.shaping with uharfbuzz): in ReportLab 5.1 it
shapes a word that mixes two fonts with the first font's glyph numbers (a KeyError or wrong
glyphs for "Feest🎉"), and its bidi support needs rlbidi, which is not on PyPI and is switched
off for paragraphs with more than one font anyway.

Invisible characters are never drawn as boxes: bidi marks, embeddings, isolates, joiners, the
word joiner and variation selectors are written in a font whose glyphs for them are empty
(they stay in the text and steer the bidi algorithm); the soft hyphen is left to ReportLab,
which shows it only where it breaks a line; other controls (C1) are left out of the drawing.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph as _Paragraph

from . import bidi, fonts
from .links import split_links, target

__all__ = ["Paragraph", "markup"]

_SOFT_HYPHEN = "\xad"
_JOINERS = "\u200c\u200d"


def markup(text: str, font: str, links: tuple[str, str] | None = None) -> str:
    """Paragraph markup for user text in a style whose font is `font` (e.g. "Carlito-Bold").

    A line break inside the text (a manual line break pasted from Word) stays one: <br/>.
    links: (the organisation's website, the colour of links as six hex digits): every web address
    in the text, and the website as typed, becomes a link (<a href>) in that colour; None: none does.
    """
    if "\n" in text:
        return "<br/>".join(markup(line, font, links) for line in text.split("\n"))
    if links is None:
        return _fonts(text, font)
    website, colour = links
    return "".join(
        f'<a href="{html.escape(target(piece))}" color="#{colour}">{_fonts(piece, font)}</a>'
        if is_address
        else _fonts(piece, font)
        for piece, is_address in split_links(text, website)
    )


def _fonts(text: str, font: str) -> str:
    """The text escaped, each run of characters Carlito lacks in the font that has them."""
    bold = "Bold" in font
    out: list[str] = []
    for name, run in _runs(text):
        if name == fonts.ARABIC:
            run = _shape_arabic(run, fonts.variant(name, bold))
        if name is None:
            out.append(escape(run))
        else:
            out.append(f'<font name="{fonts.variant(name, bold)}">{escape(run)}</font>')
    return "".join(out)


def _runs(text: str) -> list[tuple[str | None, str]]:
    """(font, characters) runs; None is the paragraph's own font (Carlito)."""
    runs: list[tuple[str | None, str]] = []
    previous: str | None = None
    for ch in text:
        found = _font(ch, previous)
        if found == "":
            continue  # never drawn
        previous = found
        name = None if found == fonts.FAMILY else found
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


def _font(ch: str, previous: str | None) -> str:
    """The font for ch, "" to leave it out. A character no font has goes to Carlito, where
    ReportLab draws nothing in its place; check() names it (fonts.unprintable)."""
    if ch.isspace() or ch == _SOFT_HYPHEN:
        return fonts.FAMILY
    if ch in _JOINERS and previous == fonts.ARABIC:
        return previous  # shaped with the letters around it
    if fonts.invisible(ch):
        return fonts.INVISIBLE if fonts.has_glyph(fonts.INVISIBLE, ch) else ""
    if 0x1F3FB <= ord(ch) <= 0x1F3FF and previous == fonts.EMOJI:
        return ""  # a skin tone after an emoji: a black-and-white emoji has none
    if unicodedata.category(ch).startswith("M") and previous and fonts.has_glyph(previous, ch):
        return previous  # a combining mark stays with its letter
    return fonts.font_for(ch) or fonts.FAMILY


def _is_arabic_letter(ch: str) -> bool:
    return unicodedata.bidirectional(ch) == "AL" or (unicodedata.category(ch) == "Mn" and "ARABIC" in _name(ch))


def _name(ch: str) -> str:
    return unicodedata.name(ch, "")


def _shape_arabic(run: str, font: str) -> str:
    """The run with each word of Arabic letters replaced by its shaped glyphs, written as the
    characters the font maps to them, in logical order (right to left reversed)."""
    out: list[str] = []
    word: list[str] = []
    for ch in run + "\0":
        if _is_arabic_letter(ch) or ch in _JOINERS:
            word.append(ch)
            continue
        if word:
            out.append(_shape_word("".join(word), font))
            word = []
        if ch != "\0":
            out.append(ch)
    return "".join(out)


@functools.cache
def _shape_word(word: str, font: str) -> str:
    import uharfbuzz as hb

    hb_font, codepoints = _harfbuzz(font)
    buf = hb.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    visual: list[str] = []
    for info in buf.glyph_infos:
        if word[info.cluster] in _JOINERS:
            continue  # HarfBuzz hides them; they did their work
        cp = codepoints.get(info.codepoint)
        if cp is None:
            return word  # a glyph no character maps to: draw the letters unshaped
        visual.append(chr(cp))
    return "".join(reversed(visual))


@functools.cache
def _harfbuzz(font: str):
    import uharfbuzz as hb
    from reportlab.pdfbase import pdfmetrics

    fonts.register()
    face = pdfmetrics.getFont(font).face
    hb_font = hb.Font(hb.Face(hb.Blob(face._ttf_data)))
    codepoints: dict[int, int] = {}
    for cp, gid in sorted(face.charToGlyph.items(), reverse=True):
        codepoints[gid] = cp  # the lowest code point wins: the base letter over its presentation form
    return hb_font, codepoints


class Paragraph(_Paragraph):
    """A ReportLab Paragraph that draws each line in visual order when it holds right-to-left text.

    Line breaking and page splitting stay in logical order (ReportLab's); only drawPara sees
    the reordered lines.
    """

    def drawPara(self, debug=0):
        blPara = self.blPara
        if not bidi.has_rtl(_text(blPara)):
            return super().drawPara(debug)
        self.blPara = _visual(blPara)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = blPara


def _text(blPara) -> str:
    if blPara.kind == 0:
        return " ".join(w for line in blPara.lines for w in line[1])
    return "".join(getattr(f, "text", "") for line in blPara.lines for f in line.words)


def _fixed(frag) -> bool:
    """A piece of a line that is not plain text (an image, an anchor, a line break)."""
    text = getattr(frag, "text", None)
    return not isinstance(text, str) or hasattr(frag, "cbDefn") or bool(getattr(frag, "lineBreak", False))


def _visual(blPara):
    if blPara.kind == 0:
        lines = []
        for extra, words in blPara.lines:
            text = "".join(s for s, _ in bidi.reorder([(" ".join(words), None)]))
            lines.append((extra, text.split(" ")))
        return blPara.clone(lines=lines)
    lines = []
    for line in blPara.lines:
        fixed = [f for f in line.words if _fixed(f)]
        if fixed and line.words[-len(fixed) :] != fixed:
            lines.append(line)  # an image or anchor in the line: leave it as laid out
            continue
        texts = [f for f in line.words if f not in fixed]
        words = [f.clone(text=s) for s, f in bidi.reorder([(f.text, f) for f in texts])]
        lines.append(line.clone(words=words + fixed))
    return blPara.clone(lines=lines)
