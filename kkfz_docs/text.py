"""Plain-text helpers shared by the rules and the renderers: control characters, line breaks,
paragraphs, list markers, walking texts.

A text as a renderer prints it: control characters removed; a line break pasted from Word
(Shift+Enter arrives as \\x0b) or U+2028 is a line break inside the paragraph, written "\\n" in the
printed text (docxtpl makes that a w:br, the PDF a <br/>); U+2029 and a blank line start a new
paragraph; other single newlines are spaces, except before a line that starts with a list marker
('- ', '•', '1.'), which keeps its own line so pasted bullets never run together.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from .findings import join_path

__all__ = [
    "LINE_BREAKS",
    "LIST_MARKER",
    "editing_note",
    "has_control_characters",
    "inline",
    "iter_texts",
    "one_line",
    "paragraphs",
    "pasted_bullets",
    "strip_control_characters",
]

LINE_BREAKS = "\x0b\u2028"
"""A line break inside a paragraph: Word's manual line break pasted as text, and Unicode's LINE SEPARATOR."""
_PARAGRAPH_BREAK = "\u2029"

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed), the C1 controls
# (U+0080-U+009F, never meant to be seen, often a Windows-1252 mix-up), and the Unicode
# non-characters U+FFFE/U+FFFF and lone surrogates that no file format can hold. Not the line breaks.
_ONGELDIG = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")

_BEWERKNOTITIE = re.compile(
    r"\bTODO\b|\bXXX\b|\bFIXME\b|\?\?\?|\[\s*(?:PM|p\.m\.|invullen|aanvullen|nog|\.\.\.|…)[^\]]*\]|"
    r"\bnog (?:in|aan)vullen\b|\bherformuler",
    re.IGNORECASE,
)

_BULLETS = "•◦▪▫‣⁃●○■□➢➤►\uf0b7\uf0a7\uf0d8"  # the last three: Word's Symbol and Wingdings bullets
LIST_MARKER = re.compile(rf"(?:[{_BULLETS}]|[-*–—](?=\s)|\d{{1,2}}[.)](?=\s))")
"""What starts a list item typed or pasted as text: a bullet character, '- ', '* ', '– ', '1. ', '2) '."""


def has_control_characters(text: str) -> bool:
    """Whether text holds characters that are removed when it is printed (line breaks are kept)."""
    return _ONGELDIG.search(text) is not None


def strip_control_characters(text: str) -> str:
    """Remove characters that XML (Word) and PDF text cannot hold; keeps tabs and newlines, and
    turns pasted line breaks into newlines (so "Wachtlijst\\x0bbeschermd" never glues two words)."""
    text = _ONGELDIG.sub("", text).replace(_PARAGRAPH_BREAK, "\n\n")
    return re.sub(f"[{LINE_BREAKS}]", "\n", text)


_HARD = "\x00"  # stands in for a line break while paragraphs are split (controls are gone by then)


def paragraphs(text: str) -> list[str]:
    """Free text as paragraphs: split on blank lines; a single newline is a space unless the next
    line starts with a list marker; a pasted line break is "\\n" in the paragraph."""
    text = _ONGELDIG.sub("", text).replace("\r\n", "\n").replace("\r", "\n").replace(_PARAGRAPH_BREAK, "\n\n")
    text = re.sub(f"[{LINE_BREAKS}]", _HARD, text)
    uit = []
    for block in re.split(r"\n\s*\n", text):
        regels = [regel.strip() for regel in block.split("\n") if regel.strip()]
        alinea = "".join(
            ("" if i == 0 else _HARD if LIST_MARKER.match(regel) else " ") + regel for i, regel in enumerate(regels)
        )
        alinea = re.sub(rf"[^\S\n]*{_HARD}[^\S\n]*", "\n", alinea).strip()
        if alinea:
            uit.append(alinea)
    return uit


def inline(text: str) -> str:
    """A text as one paragraph (a table cell, a list item): its paragraphs on lines of their own."""
    return "\n".join(paragraphs(text))


def one_line(text: str) -> str:
    """A text on one line (a name in a heading or the running header): every break a space."""
    return " ".join(inline(text).split("\n"))


def pasted_bullets(text: str) -> str | None:
    """The bullet character that shows several list items pasted into one line, if any.

    '• Alle medewerkers ... • Het aantal ...' or '• Alle medewerkers ... - Het aantal ...': a
    bullet after other text on its line, or a line that starts with a bullet and has a ' - ' later.
    """
    for regel in strip_control_characters(text).splitlines():
        regel = regel.strip()
        later = re.search(f"[{_BULLETS}]", regel[1:])
        if later:
            return later.group(0)
        if regel[:1] in _BULLETS and re.search(r"\s[-–*]\s", regel):
            return regel[0]
    return None


def editing_note(text: str) -> str | None:
    """The first leftover editing note in text ('TODO', '[invullen]', 'herformulering'), if any."""
    match = _BEWERKNOTITIE.search(text)
    return match.group(0) if match else None


def iter_texts(obj: object, pad: str = "", *, keys: bool = True) -> Iterator[tuple[str, str]]:
    """Every text in an attrs object tree, with its field path (dict keys count as texts too, unless keys=False)."""
    if isinstance(obj, enum.Enum):
        return
    if isinstance(obj, str):
        yield pad, obj
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):  # type: ignore[arg-type]  # attrs.has() said so
            if f.eq:  # skips bookkeeping such as Kwaliteitsverslag.bron
                yield from iter_texts(getattr(obj, f.name), join_path(pad, f.name), keys=keys)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            kpad = join_path(pad, key)
            if keys and isinstance(key, str):
                yield kpad, key
            yield from iter_texts(value, kpad, keys=keys)
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            yield from iter_texts(item, join_path(pad, i), keys=keys)
