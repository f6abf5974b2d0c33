"""The Word file, rendered from a docxtpl template that staff may restyle in Word.

The bundled template renders in this process. A custom template is read defensively first
(render/template_file.py) and renders in the sandbox (render/sandbox.py); the API runs it in a
worker process under a time and memory limit (render/pair.py, render/worker.py). Pictures reach a
template as opaque Ooxml values (render/ooxml.py), never as library objects.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import TemplateAssertionError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from .. import images
from ..errors import SjabloonFout
from . import fonts, house_style, layout, soorten, template_file
from .context import cleaned_data
from .core_properties import core_namespace
from .links import word_links
from .ooxml import Ooxml, picture
from .sandbox import FORMAT_FILTERS as FILTERS
from .sandbox import Geweigerd, environment
from .tables import KEEP_TOGETHER_ROWS, table_layout

__all__ = ["FILTERS", "default_template", "environment", "render_bytes", "tpl_text"]


def default_template(soort: str = "kwaliteitsverslag") -> Path:
    """The path of the bundled Word template of a document type ("kwaliteitsverslag", "meerjarenplan")."""
    return soorten.met_naam(soort).default_template()


def render_bytes(verslag, template: str | os.PathLike | None = None) -> bytes:
    """The verslag (or meerjarenplan) as a Word file, in memory.

    template: a .docx with docxtpl tags (see docs/sjabloon.md); the type's bundled one by default.
    Raises SjabloonFout, in Dutch and naming the tag, when the template cannot be used.
    """
    soort = soorten.van(verslag)
    verslag = soort.voorbereid(verslag)
    if template is None:
        source = soort.default_template()
        tpl, naam, tekst = DocxTemplate(source), source.name, lambda: tpl_text(source)
    else:
        checked = template_file.read(template)
        tpl, naam, tekst = DocxTemplate(io.BytesIO(checked.data)), checked.name, lambda: checked.text
    try:
        tpl.init_docx()
    except MemoryError:
        raise  # the worker reports the memory limit; the template is not to blame
    except Exception:  # python-docx on a part it cannot read: not a template we can use
        raise SjabloonFout(
            f"{naam} is geen Word-bestand dat kkfz-docs kan lezen; open het in Word en sla het opnieuw op als "
            "Word-document (.docx)"
        ) from None
    context = soort.context(verslag)
    context["gegevens"] = cleaned_data(verslag)
    house = house_style.read(template) if template is not None else house_style.default()
    context["spinnenweb_grafiek"] = _chart(tpl, verslag, house.table_fill)
    context["logo"] = _logo(tpl, verslag, context["organisatie"]["naam"])
    _cell_widths_from_grid(tpl.docx)
    try:
        tpl.render(context, jinja_env=environment(), autoescape=True)
    except MemoryError:
        raise  # the worker reports the memory limit
    except Exception as e:  # anything a template's code raises while it renders
        raise SjabloonFout(template_message(naam, tekst(), e, soort.naam)) from None
    word_links(tpl.docx, context["organisatie"]["website"], house.link)
    if getattr(verslag, "spinnenweb", None) is not None:
        from .chart_docx import drop_unprinted

        drop_unprinted(tpl.docx)
    _lay_out_tables(tpl.docx, house)
    _long_cards_break(tpl.docx, house)
    _set_properties(tpl, context)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return _unique_parts(buffer.getvalue())


def _unique_parts(data: bytes) -> bytes:
    """The zip with each part once (a safety net: python-docx can add a part the template also has)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if len({i.filename for i in infos}) == len(infos):
            return data
        last = {i.filename: i for i in infos}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in last.values():
                new.writestr(info, zf.read(info))
        return out.getvalue()


def tpl_text(source: str | os.PathLike | io.BytesIO) -> str:
    """All text of a template's body, tables, headers and footers, tags included."""
    from docx import Document

    doc = Document(source if isinstance(source, io.BytesIO) else os.fspath(source))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        for hf in (section.header, section.footer):
            parts += [p.text for p in hf.paragraphs]
    return "\n".join(parts)


_TAG = re.compile(r"\{[{%].*?[%}]\}")


def _tag(text: str, pattern: str) -> str:
    """The first tag in the template's text that matches pattern, or ''."""
    if not pattern:
        return ""
    return next((t for t in _TAG.findall(text) if re.search(pattern, t)), "")


def template_message(naam: str, text: str, e: BaseException, soort: str = "kwaliteitsverslag") -> str:
    """The Dutch message for an error a template raised while it rendered, naming the tag where possible."""
    kan_niet = f"het sjabloon {naam} kan niet worden gebruikt"
    if isinstance(e, Geweigerd):
        tag = _tag(text, e.zoek)
        return f"{kan_niet}{f' (de tag {tag})' if tag else ''}: {e.melding}"
    if isinstance(e, SecurityError):
        return (
            f"{kan_niet}: het vraagt iets wat een sjabloon niet mag ({e}). Een sjabloon kan alleen de variabelen "
            "en filters uit docs/sjabloon.md gebruiken"
        )
    if isinstance(e, UndefinedError):
        return _undefined_message(naam, text, e, soort)
    if isinstance(e, TemplateAssertionError):
        match = re.search(r"No (filter|test) named '([^']+)'", e.message or "")
        if match:
            soort, wat = ("filter", "filters") if match.group(1) == "filter" else ("test", "tests")
            tag = _tag(text, rf"\b{re.escape(match.group(2))}\b")
            return (
                f"{kan_niet}: het {soort} '{match.group(2)}'{f' in {tag}' if tag else ''} bestaat niet of mag niet "
                f"in een sjabloon. docs/sjabloon.md noemt de {wat} die u kunt gebruiken"
            )
    if isinstance(e, TemplateSyntaxError):
        regel = " ".join(" ".join(getattr(e, "docx_context", []) or []).split())
        return (
            f"het sjabloon {naam} bevat een tag die niet klopt: {_syntax_nl(e.message or '')}, bij: "
            f"'{regel[:120]}'. Controleer de accolades en de %-tekens; docs/sjabloon.md noemt de tags"
        )
    soorten = {
        RecursionError: "een macro roept zichzelf te vaak aan",
        ZeroDivisionError: "het deelt door nul",
        OverflowError: "een getal wordt te groot",
    }
    uitleg = next((u for t, u in soorten.items() if isinstance(e, t)), "")
    if uitleg:
        return f"{kan_niet}: {uitleg}. Controleer de tags met een berekening of een macro"
    if type(e).__module__.startswith("lxml"):
        return (
            f"{kan_niet}: na het invullen is het geen geldig Word-bestand meer ({e}). Controleer de tags "
            "{%p ...%}, {%tr ...%} en {%tc ...%}: elk hoort in een eigen alinea, tabelrij of tabelcel"
        )
    return f"{kan_niet}: een tag lukt niet ({type(e).__name__}: {e}). Controleer de tags met een berekening"


_TOKENS = {
    "end of statement block": "het einde van de tag (%})",
    "end of print statement": "het einde van de tag (}})",
    "end of template": "het einde van het sjabloon",
    "name": "een naam",
}


def _syntax_nl(message: str) -> str:
    """Jinja's syntax error in Dutch (the common ones; any other stays as Jinja wrote it)."""

    def token(t: str) -> str:
        return _TOKENS.get(t, f"'{t}'")

    block = re.search(r"The innermost block that needs to be closed is '(\w+)'", message)
    open_ = f"{{% {block.group(1)} %}} is nog niet gesloten met {{% end{block.group(1)} %}}" if block else ""
    patterns = [
        (
            r"Encountered unknown tag '(\w+)'",
            lambda m: f"de tag {{% {m.group(1)} %}} bestaat niet hier" + (f"; {open_}" if open_ else ""),
        ),
        (
            r"Unexpected end of template",
            lambda m: f"het sjabloon houdt op, maar {open_ or 'een tag is nog niet gesloten'}",
        ),
        (
            r"Expected an expression, got '([^']+)'",
            lambda m: f"er ontbreekt een naam of waarde vóór {token(m.group(1))}",
        ),
        (
            r"expected token '([^']+)', got '([^']+)'",
            lambda m: f"verwacht {token(m.group(1))}, maar er staat {token(m.group(2))}",
        ),
        (r"unexpected char '(.)' at \d+", lambda m: f"het teken '{m.group(1)}' hoort hier niet"),
        (r"unexpected '([^']+)'", lambda m: f"'{m.group(1)}' hoort hier niet"),
        (r"tag name expected", lambda m: "na {% hoort de naam van een tag"),
    ]
    for pattern, dutch in patterns:
        match = re.search(pattern, message)
        if match:
            return dutch(match)
    return f"({message})"


def _undefined_message(naam: str, text: str, e: UndefinedError, soort: str = "kwaliteitsverslag") -> str:
    match = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", e.message or "")
    wat = next((g for g in match.groups() if g), "") if match else ""
    tag = _tag(text, rf"\b{re.escape(wat)}\b") if wat else ""
    waar = f" in {tag}" if tag else ""
    return (
        f"het sjabloon {naam} gebruikt '{wat}'{waar}, maar die variabele bestaat niet in een {soort}. Controleer "
        "de spelling, en of het sjabloon bij deze soort document hoort (een meerjarenplan heeft een eigen "
        "sjabloon: kkfz-docs template --meerjarenplan; geef het bij render met --sjabloon-meerjarenplan); "
        "docs/sjabloon.md noemt alle variabelen"
    )


def _lay_out_tables(document, house: house_style.HouseStyle) -> None:
    """Apply render/tables.py to every table of the filled-in template, as the PDF story does: leave
    out empty columns (in a table whose header row repeats), align numbers right, widen a column to
    its longest word, and keep a small table on one page.

    The widths go into the grid as well as the cells: python-docx writes equal grid columns and
    docxtpl's column loops ({%tc %}) repeat a cell without touching the grid; LibreOffice lays out by
    the grid, Word by the cells. A table's preferred widths are its header cells' (w:tcW), or its
    grid's when the cells have none (a template saved by another program).
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from reportlab.lib.fonts import tt2ps

    if not document.sections:
        return
    available, _height = _text_area(document.sections[0])
    fonts.register()
    bold = tt2ps(house.body.font, 1, 0)
    for table in document.tables:
        tbl = table._tbl
        rows = [tr.findall(qn("w:tc")) for tr in tbl.findall(qn("w:tr"))]
        grid = tbl.find(qn("w:tblGrid"))
        merged = any(tc.find(f"{qn('w:tcPr')}/{qn(m)}") is not None for r in rows for tc in r for m in _MERGES)
        if not rows or grid is None or merged or len({len(r) for r in rows}) != 1:
            continue
        texts = [
            ["\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))) for tc in r]
            for r in rows
        ]
        header_repeats = tbl.find(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        preferred = _preferred(rows[0], grid) or [available / len(rows[0])] * len(rows[0])
        shape = table_layout(
            texts[0], texts[1:], preferred, available, bold, house.body.size, drop_empty=header_repeats
        )
        for column in reversed([c for c, show in enumerate(shape.shown) if not show]):
            for r in rows:
                r[column].getparent().remove(r.pop(column))
        for col in list(grid):
            grid.remove(col)
        twips = [round(w * 20) for w in shape.widths]
        for w in twips:
            grid.append(grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(w)}))
        width = tbl.tblPr.find(qn("w:tblW"))
        if width is not None and width.get(qn("w:type")) == "dxa":
            width.set(qn("w:w"), str(sum(twips)))
        small = len(rows) <= KEEP_TOGETHER_ROWS
        for i, r in enumerate(rows):
            for tc, w, numeric in zip(r, twips, shape.numeric, strict=True):
                tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
                tc_w.set(qn("w:w"), str(w))
                tc_w.set(qn("w:type"), "dxa")
                for p in tc.iter(qn("w:p")):
                    if numeric:  # a rule of the data, whatever the template's cell style says
                        p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.RIGHT
                    if small and i < len(rows) - 1:  # Word keeps a table on one page row by row
                        p.get_or_add_pPr().keepNext_val = True


def _long_cards_break(document, house: house_style.HouseStyle) -> None:
    """Let a speerpunt's card that is longer than a page break across pages, as the PDF does.

    A card is a one-row table in the style "Kaart" whose row may not split, so Word and LibreOffice
    keep it on one page where it fits. A row taller than a page cannot fit anywhere: LibreOffice then
    moves it to a new page anyway, leaving the heading kept with it alone on the page before. The
    card's height is estimated from its text, in the house style's font and size, at the card's
    text width."""
    import math

    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not document.sections:
        return
    width, page = _text_area(document.sections[0])
    width -= 2 * (layout.CARD_PADDING_PT + layout.CARD_BORDER_PT)
    cards = (s for s in document.styles if s.type == WD_STYLE_TYPE.TABLE and (s.name or "").lower() == "kaart")
    style = next(cards, None)
    if style is None:
        return
    body = house.body
    line = body.size * layout.LINE_HEIGHT_EM * body.line_spacing
    fonts.register()
    font = tt2ps(body.font, 0, 0)
    for tbl in document.element.body.iter(qn("w:tbl")):
        look = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if look is None or look.get(qn("w:val")) != style.style_id:
            continue
        height = 0.0
        for p in tbl.iter(qn("w:p")):
            indent = 18 if p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None else 0
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            breaks = sum(1 for _ in p.iter(qn("w:br")))
            lines = max(1, math.ceil(stringWidth(text, font, body.size) / (width - indent))) + breaks
            height += lines * line + body.space_after
        if height > page:
            for cant_split in tbl.iter(qn("w:cantSplit")):
                cant_split.getparent().remove(cant_split)
            # LibreOffice keeps a heading with the whole of the table after it, moving both to a new
            # page even when the row may split: the heading before the card lets go of it (the
            # card's first lines follow it on its page).
            before = tbl.getprevious()
            if before is not None and before.tag == qn("w:p"):
                before.get_or_add_pPr().keepNext_val = False  # w:keepNext w:val="0", over the style's


def _text_area(section) -> tuple[float, float]:
    """The width and height (points) inside a section's margins."""
    emu = 12700  # per point
    return (
        (section.page_width - section.left_margin - section.right_margin) / emu,
        (section.page_height - section.top_margin - section.bottom_margin) / emu,
    )


_MERGES = ("w:gridSpan", "w:vMerge", "w:hMerge")


def _cell_widths_from_grid(document) -> None:
    """Give the cells of a template table that has its widths only in the grid (as some word
    processors save it) the grid's widths, before docxtpl repeats cells in column loops ({%tc %})."""
    from docx.oxml.ns import qn

    for tbl in document.element.body.iter(qn("w:tbl")):
        grid = [_twips(col) for col in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
        if not all(grid):
            continue
        for tr in tbl.findall(qn("w:tr")):
            cells = tr.findall(qn("w:tc"))
            if len(cells) != len(grid) or any(_twips(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")) for tc in cells):
                continue
            for tc, width in zip(cells, grid, strict=True):
                tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
                tc_w.set(qn("w:w"), str(width))
                tc_w.set(qn("w:type"), "dxa")


def _preferred(header: list, grid) -> list[float] | None:
    """The widths (points) a table's header cells ask for, else its grid's; None when neither says."""
    from docx.oxml.ns import qn

    cells = [tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}") for tc in header]
    for widths in (cells, grid.findall(qn("w:gridCol"))):
        twips = [_twips(element) for element in widths]
        if len(twips) == len(header) and all(twips):
            return [w / 20 for w in twips]
    return None


def _twips(element) -> int:
    """A width (w:w) in twentieths of a point; 0 when absent or not in those (a percentage, "auto")."""
    from docx.oxml.ns import qn

    if element is None or element.get(qn("w:type"), "dxa") != "dxa":
        return 0
    value = element.get(qn("w:w")) or ""
    return int(value) if value.isdigit() else 0


def _chart(tpl: DocxTemplate, verslag, colour: str) -> Ooxml | str:
    """The spinnenweb as a native Word chart in the template's accent colour, printed by
    {{ spinnenweb_grafiek }} as its own run."""
    if getattr(verslag, "spinnenweb", None) is None:  # a meerjarenplan has none
        return ""
    from .chart_docx import add_chart
    from .chart_spec import radar_chart

    drawing = add_chart(
        tpl.docx,
        radar_chart(verslag.spinnenweb, verslag.verslagjaar, colour),
        layout.CHART_WIDTH_CM,
        layout.CHART_HEIGHT_CM,
    )
    return Ooxml(lambda: f'</w:t></w:r><w:r>{drawing}</w:r><w:r><w:t xml:space="preserve">')


def _logo(tpl: DocxTemplate, verslag, naam: str) -> Ooxml | str:
    logo = verslag.logo_afbeelding
    if logo is None:
        return ""  # check() reports a missing or unusable logo; the verslag still renders
    data = logo.data
    try:
        from docx.image.image import Image

        Image.from_blob(data)
    except Exception:  # a JPEG variant python-docx cannot read (no JFIF or Exif header)
        data = images.as_png(data)
    return picture(tpl, data, f"Logo van {naam}", name="Logo", height=Mm(layout.LOGO_HEIGHT_CM * 10))


def _property(text: str) -> str:
    """Core properties hold at most 255 characters (the document text itself is never cut)."""
    return text if len(text) <= 255 else text[:254] + "…"


def _set_properties(tpl: DocxTemplate, context: dict) -> None:
    """Core properties from the same metadata the PDF gets (render/context.py)."""
    meta = context["metadata"]
    naam = _property(context["organisatie"]["naam"])
    with core_namespace():
        props = tpl.docx.core_properties
        props.title = _property(meta["titel"])
        props.author = naam
        props.last_modified_by = naam
        props.subject = _property(meta["onderwerp"])
        props.keywords = ", ".join(meta["trefwoorden"])
        props.language = "nl-NL"
        props.comments = "Gemaakt met kkfz-docs"
        props.category = meta["categorie"]
        props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        props.revision = 1
