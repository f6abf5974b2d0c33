"""Ooxml: a piece of Word XML made by the renderer, which a template can print and nothing else.

Pictures (the logo, the spinnenweb) reach a Word template as Ooxml values. docxtpl's own
InlineImage carries the live DocxTemplate as `.tpl`, through which a template could save files
anywhere or copy system files into the output; an Ooxml value has no public attributes, cannot be
changed or pickled, and the sandbox (render/sandbox.py) refuses every attribute of it anyway.
"""

from __future__ import annotations

import io
from collections.abc import Callable

__all__ = ["Ooxml", "picture"]


class Ooxml:
    """Run-level WordprocessingML, produced when the template prints it.

    The XML is made at print time because it may depend on the part being rendered (a picture
    in a header needs a relationship of the header part, not of the body).
    """

    __slots__ = ("_produce",)
    _produce: Callable[[], str]

    def __init__(self, produce: Callable[[], str]) -> None:
        object.__setattr__(self, "_produce", produce)

    def __html__(self) -> str:
        """What autoescaping prints: the XML itself."""
        return self._produce()

    __str__ = __html__

    def __repr__(self) -> str:
        return "<Ooxml>"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Ooxml values cannot be changed")

    def __reduce__(self):
        raise TypeError("Ooxml values belong to one render and cannot be pickled")


def picture(
    tpl, image: bytes, alt: str, *, name: str = "Afbeelding", width: int | None = None, height: int | None = None
) -> Ooxml:
    """An inline picture (PNG or JPEG bytes python-docx can read) for a docxtpl template.

    alt: its alternative text (what a screen reader says, Word's "Alternatieve tekst"); name: the
    name Word shows in its selection pane. width and height are in EMU; give one to keep the aspect
    ratio. tpl is the DocxTemplate being rendered; only this closure holds it.
    """

    def produce() -> str:
        part = tpl.current_rendering_part
        inline = part.new_pic_inline(io.BytesIO(image), width, height)
        inline.docPr.set("name", name)
        inline.docPr.set("descr", alt)
        # Close the text run the tag stands in, place the drawing in a run of its own, reopen.
        return f'</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'

    return Ooxml(produce)
