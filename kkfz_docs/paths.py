"""Field paths, built one way: 'pijlers[2].ontwikkelpunten[0].wanneer', 'omzet["Forensische zorg"]'."""

from __future__ import annotations

import json

__all__ = ["join_path", "parent"]


def join_path(pad: str, *segments: str | int) -> str:
    """Extend a field path: attribute names with a dot, list indices and other keys in brackets.

    ``join_path("pijlers", 2, "reflectie")`` is ``pijlers[2].reflectie``; a mapping key that is not a
    plain name is quoted: ``omzet["Forensische zorg"]``. Pijler numbers (IntEnum) print as numbers.
    """
    for segment in segments:
        if isinstance(segment, int):
            pad = f"{pad}[{int(segment)}]"
        elif segment.isidentifier() and segment.isascii():
            pad = f"{pad}.{segment}" if pad else segment
        else:
            pad = f"{pad}[{json.dumps(segment, ensure_ascii=False)}]"
    return pad


def parent(pad: str) -> str:
    """The enclosing field's path: parent('pijlers[2].reflectie') == 'pijlers[2]'; '' at the top."""
    cut = max(pad.rfind("."), pad.rfind("["))
    return pad[:cut] if cut > 0 else ""
