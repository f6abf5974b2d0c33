"""Plain-text helpers shared by the rules and the renderers: control characters, paragraphs, walking texts."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from .findings import join_path

__all__ = ["editing_note", "has_control_characters", "iter_texts", "paragraphs", "strip_control_characters"]

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed), plus the
# Unicode non-characters U+FFFE/U+FFFF and lone surrogates that no file format can hold.
_ONGELDIG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

_BEWERKNOTITIE = re.compile(
    r"\bTODO\b|\bXXX\b|\bFIXME\b|\?\?\?|\[\s*(?:PM|p\.m\.|invullen|aanvullen|nog|\.\.\.|…)[^\]]*\]|"
    r"\bnog (?:in|aan)vullen\b|\bherformuler",
    re.IGNORECASE,
)


def has_control_characters(text: str) -> bool:
    return _ONGELDIG.search(text) is not None


def strip_control_characters(text: str) -> str:
    """Remove characters that XML (Word) and PDF text cannot hold; keeps tabs and newlines."""
    return _ONGELDIG.sub("", text)


def editing_note(text: str) -> str | None:
    """The first leftover editing note in text ('TODO', '[invullen]', 'herformulering'), if any."""
    match = _BEWERKNOTITIE.search(text)
    return match.group(0) if match else None


def paragraphs(text: str) -> list[str]:
    """Split free text on blank lines; single newlines inside a paragraph become spaces."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


def iter_texts(obj: object, pad: str = "") -> Iterator[tuple[str, str]]:
    """Every text in an attrs object tree, with its field path (dict keys count as texts too)."""
    if isinstance(obj, enum.Enum):
        return
    if isinstance(obj, str):
        yield pad, obj
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            if f.eq:  # skips bookkeeping such as Kwaliteitsverslag.bron
                yield from iter_texts(getattr(obj, f.name), join_path(pad, f.name))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            kpad = join_path(pad, key)
            if isinstance(key, str):
                yield kpad, key
            yield from iter_texts(value, kpad)
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            yield from iter_texts(item, join_path(pad, i))
