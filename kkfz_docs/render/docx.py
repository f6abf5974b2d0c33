"""render_docx(): the Word file, rendered from a docxtpl template that staff may restyle in Word.

The Jinja environment is sandboxed (templates come from users' disks), autoescapes (docxtpl's
default is off, and its lenient XML parser then silently drops '&' and '<'), and is strict about
undefined variables, so a typo in a custom template fails loudly instead of printing nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import zipfile
from importlib import resources
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .. import format as fmt
from ..atomic import write_atomic
from ..errors import SjabloonFout
from ..verslag import Kwaliteitsverslag
from . import layout
from .context import build, cleaned_data

FILTERS = {
    "getal": fmt.getal,
    "procent": fmt.procent,
    "euro": fmt.euro,
    "datum": fmt.datum,
    "kwartaal": fmt.kwartaal,
}
"""Jinja filters offered to every template: {{ gegevens.algemene_informatie.omzet.WLZ | euro }}."""


def default_template() -> Path:
    """The path of the bundled Word template."""
    return Path(str(resources.files("kkfz_docs").joinpath("templates/kwaliteitsverslag.docx")))


def _finalize(value: object) -> object:
    """Escape text for XML, and write braces as character references.

    After rendering, docxtpl turns '{_{' into '{{' (and '%_}' into '%}') in the XML text; a brace
    written as '&#123;' is only a brace once the XML is parsed, so user text stays exactly as typed.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value


class _Environment(SandboxedEnvironment):
    """Compiles each template part once per process: docxtpl hands the same XML to from_string on
    every render, and compiling it is a sizeable part of a render."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= 32:  # a few templates with a header and footer each
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


@functools.cache
def environment() -> SandboxedEnvironment:
    """The Jinja environment for Word templates: sandboxed, autoescaping, strict, with the filters."""
    env = _Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=_finalize)
    env.filters.update(FILTERS)
    return env


def render_docx(
    verslag: Kwaliteitsverslag,
    path: str | os.PathLike,
    template: str | os.PathLike | None = None,
) -> Path:
    """Write the verslag as a Word file at path (atomically) and return the path.

    template: a .docx with docxtpl tags (see docs/sjabloon.md); the bundled one by default.
    Raises SjabloonFout, in Dutch, when the template cannot be used; nothing is written then.
    """
    source = Path(template) if template is not None else default_template()
    tpl = _open(source)
    context = build(verslag)
    context["gegevens"] = cleaned_data(verslag)
    context["spinnenweb_grafiek"] = _chart(tpl, verslag)
    context["logo"] = _logo(tpl, verslag)
    try:
        tpl.render(context, jinja_env=environment(), autoescape=True)
    except UndefinedError as e:
        raise SjabloonFout(_undefined_message(source, tpl_text(source), e)) from None
    except TemplateSyntaxError as e:
        regel = " ".join(getattr(e, "docx_context", []) or []).strip()
        raise SjabloonFout(
            f"het sjabloon {source.name} bevat een tag die niet klopt ({e.message}) bij: "
            f"'{regel[:120]}'. Controleer de accolades en de %-tekens"
        ) from None
    except TemplateError as e:
        raise SjabloonFout(f"het sjabloon {source.name} kan niet worden gebruikt: {e}") from None
    if verslag.spinnenweb is not None:
        from .chart_docx import drop_unprinted

        drop_unprinted(tpl.docx)
    _fit_tables(tpl.docx)
    _set_properties(tpl, context)
    return write_atomic(path, tpl.save)


def _open(source: Path) -> DocxTemplate:
    if not source.is_file():
        raise SjabloonFout(
            f"het sjabloon {source} bestaat niet; controleer de naam of maak er een met "
            "'kkfz-docs template -o huisstijl.docx'"
        )
    if not zipfile.is_zipfile(source):
        raise SjabloonFout(f"{source.name} is geen Word-bestand (.docx); sla het sjabloon op als Word-document")
    tpl = DocxTemplate(source)
    tpl.init_docx()
    return tpl


def tpl_text(source: Path) -> str:
    """All text of a template's body, headers and footers, tags included."""
    from docx import Document

    doc = Document(source)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        for hf in (section.header, section.footer):
            parts += [p.text for p in hf.paragraphs]
    return "\n".join(parts)


def _undefined_message(source: Path, text: str, e: UndefinedError) -> str:
    match = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", e.message or "")
    naam = next((g for g in match.groups() if g), "") if match else ""
    tags = [t for t in re.findall(r"\{[{%].*?[%}]\}", text) if naam and re.search(rf"\b{re.escape(naam)}\b", t)]
    waar = f" in {tags[0]}" if tags else ""
    return (
        f"het sjabloon {source.name} gebruikt '{naam}'{waar}, maar die variabele bestaat niet. Controleer de "
        "spelling; docs/sjabloon.md noemt alle variabelen"
    )


def _fit_tables(document) -> None:
    """Give each table's grid the widths of its header cells, scaled to fit between the margins.

    python-docx writes equal grid columns and docxtpl's column loops ({%tc %}) repeat a cell
    without touching the grid; LibreOffice lays out by the grid, Word by the cells. Syncing the
    two makes both show the widths the template asks for.
    """
    from docx.oxml.ns import qn

    section = document.sections[0]
    available = section.page_width - section.left_margin - section.right_margin
    for table in document.tables:
        tbl = table._tbl
        rows = tbl.findall(qn("w:tr"))
        if not rows:
            continue
        widths = []
        for tc in rows[0].findall(qn("w:tc")):
            tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
            widths.append(int(tcw.get(qn("w:w"))) if tcw is not None and tcw.get(qn("w:w")) else 0)
        if not widths or 0 in widths:
            continue
        limit = available // 635  # EMU -> twentieths of a point
        scale = min(1.0, limit / sum(widths))
        widths = [int(w * scale) for w in widths]
        grid = tbl.find(qn("w:tblGrid"))
        for col in list(grid):
            grid.remove(col)
        for w in widths:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): str(w)})
            grid.append(col)
        for tr in rows:
            for tc, w in zip(tr.findall(qn("w:tc")), widths, strict=False):
                tcw = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
                if tcw is not None:
                    tcw.set(qn("w:w"), str(w))
                    tcw.set(qn("w:type"), "dxa")


def _chart(tpl: DocxTemplate, verslag: Kwaliteitsverslag) -> Markup | str:
    """The spinnenweb as a native Word chart, printed by {{ spinnenweb_grafiek }} as its own run."""
    if verslag.spinnenweb is None:
        return ""
    from .chart_docx import add_chart
    from .chart_spec import radar_chart

    drawing = add_chart(
        tpl.docx, radar_chart(verslag.spinnenweb, verslag.verslagjaar), layout.CHART_WIDTH_CM, layout.CHART_HEIGHT_CM
    )
    return Markup(f'</w:t></w:r><w:r>{drawing}</w:r><w:r><w:t xml:space="preserve">')


def _logo(tpl: DocxTemplate, verslag: Kwaliteitsverslag) -> object:
    if not verslag.logo_bruikbaar:
        return ""  # check() reports a missing or unusable logo; the verslag still renders
    return InlineImage(tpl, str(verslag.logo_pad), height=Mm(layout.LOGO_HEIGHT_CM * 10))


def _property(text: str) -> str:
    """Core properties hold at most 255 characters (the document text itself is never cut)."""
    return text if len(text) <= 255 else text[:254] + "…"


def _set_properties(tpl: DocxTemplate, context: dict) -> None:
    """Core properties from the same metadata the PDF gets (render/context.py)."""
    meta = context["metadata"]
    naam = _property(context["organisatie"]["naam"])
    props = tpl.docx.core_properties
    props.title = _property(meta["titel"])
    props.author = naam
    props.last_modified_by = naam
    props.subject = _property(meta["onderwerp"])
    props.keywords = ", ".join(meta["trefwoorden"])
    props.language = "nl-NL"
    props.comments = "Gemaakt met kkfz-docs"
    props.category = "Kwaliteitsverslag"
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1
