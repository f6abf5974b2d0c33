"""The default Word templates, generated from the outlines with python-docx.

A template is a normal Word document: built-in styles (Title, Heading 1-4, List Bullet, Strong, a
table style) and one of its own, "Kaart" (the border of a meerjarenplan's speerpunt), so staff can
restyle it in Word. Its docxtpl tags come from render/outline.py, the single source of what each
document type prints; docs/sjabloon.md lists every variable. Rebuild the bundled templates with
`python scripts/build_template.py` after changing an outline or the layout.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import layout as L
from .links import HYPERLINK_STYLE
from .outline import (
    Bullets,
    Card,
    Chapter,
    CrossTable,
    Figure,
    ForEach,
    Heading,
    If,
    Image,
    Kenmerk,
    Node,
    Paragraph,
    Paragraphs,
    Table,
)
from .soorten import met_naam

__all__ = ["TEMPLATE", "build"]

TEMPLATE = Path(str(resources.files("kkfz_docs").joinpath("templates/kwaliteitsverslag.docx")))
"""The bundled template of the kwaliteitsverslag."""

FONT = "Calibri"
ACCENT = RGBColor.from_string(L.ACCENT)
GREY = RGBColor.from_string(L.GREY)
TABLE_STYLE = "Light List Accent 1"
CARD_STYLE = "Kaart"


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(L.BODY_PT)
    normal.paragraph_format.space_after = Pt(L.SPACE_AFTER_PT)
    normal.paragraph_format.line_spacing = L.LINE_SPACING
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    # Language of the whole document: Dutch (spelling check, hyphenation).
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")

    for name, (size, before, after) in (
        ("Title", (L.TITLE_PT, 0, 2)),
        *((f"Heading {name[1]}", measures) for name, measures in L.HEADINGS.items()),
    ):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            style.element.get_or_add_rPr().insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme_attr), None)
    styles["Heading 4"].font.italic = True
    link = styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = ACCENT
    title = styles["Title"]
    title.paragraph_format.space_after = Pt(2)
    # The default Title has a bottom border in python-docx's template; keep it, it reads as a rule.
    subtitle = styles["Subtitle"]
    subtitle.font.name = FONT
    subtitle.font.size = Pt(L.SUBTITLE_PT)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    bullet = styles["List Bullet"]
    bullet.font.name = FONT
    bullet.paragraph_format.space_after = Pt(2)
    _card_style(doc)


def _card_style(doc: Document) -> None:
    """The table style of a speerpunt's card: a thin border in the accent colour, room inside."""
    style = doc.styles.add_style(CARD_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    tbl_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), str(int(L.CARD_BORDER_PT * 8)))  # eighths of a point
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), L.ACCENT)
        borders.append(border)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(L.CARD_PADDING_PT * 20 * (0.5 if side in ("top", "bottom") else 1))))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    style.element.append(tbl_pr)


def _page(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(L.PAGE_CM[0]), Cm(L.PAGE_CM[1])
    section.left_margin = section.right_margin = Cm(L.MARGIN_X_CM)
    section.top_margin, section.bottom_margin = Cm(L.MARGIN_TOP_CM), Cm(L.MARGIN_BOTTOM_CM)
    section.header_distance = section.footer_distance = Cm(L.HEADER_FOOTER_CM)

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("{{ koptekst }}")
    run.font.size, run.font.color.rgb = Pt(L.HEADER_PT), GREY

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, field in (("Pagina ", "PAGE"), (" van ", "NUMPAGES"), ("", None)):
        if text:
            r = footer.add_run(text)
            r.font.size, r.font.color.rgb = Pt(L.HEADER_PT), GREY
        if field:
            _field(footer, field)


def _field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice fill in themselves."""

    def run_with(child):
        r = paragraph.add_run()
        r.font.size, r.font.color.rgb = Pt(L.HEADER_PT), GREY
        r._r.append(child)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run("1").font.size = Pt(L.HEADER_PT)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


class Body:
    """Small helpers that write template paragraphs and tables, in the document or in a table cell."""

    def __init__(self, doc: Document, container=None):
        self.doc = doc
        self.container = container if container is not None else doc

    def p(self, text: str, style: str | None = None) -> None:
        self.container.add_paragraph(text, style=style)

    def kenmerk(self, label: str, text: str) -> None:
        """A paragraph that starts with a label in Word's "Strong" style."""
        paragraph = self.container.add_paragraph()
        paragraph.add_run(label, style="Strong")
        if text:
            paragraph.add_run(f" {text}")

    def card(self) -> Body:
        """A one-cell table in the "Kaart" style that Word keeps on one page where it fits; returns the
        Body that writes inside it."""
        table = self.container.add_table(rows=1, cols=1)
        table.style = self.doc.styles[CARD_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        _widths(table, [L.PAGE_CM[0] - 2 * L.MARGIN_X_CM])
        cell = table.cell(0, 0)
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)  # a cell starts with an empty paragraph
        self.container.add_paragraph("", style="Normal").paragraph_format.space_after = Pt(2)
        return Body(self.doc, cell)

    def tag(self, tag: str) -> None:
        """A paragraph-level docxtpl tag ({%p ... %}); the paragraph disappears on render."""
        self.container.add_paragraph(f"{{%p {tag} %}}")

    def paragraphs(self, expr: str, style: str | None = None) -> None:
        self.tag(f"for alinea in {expr}")
        self.p("{{ alinea }}", style)
        self.tag("endfor")

    def bullets(self, expr: str) -> None:
        self.tag(f"for regel in {expr}")
        self.p("{{ regel }}", "List Bullet")
        self.tag("endfor")

    def table(
        self, headers: list[str], loop: str, cells: list[str], widths: list[float], footer: list[str] | None = None
    ) -> None:
        rows = 4 + (1 if footer else 0)
        table = self.container.add_table(rows=rows, cols=len(headers))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _repeat_header(table.rows[0])
        for i, text in enumerate(headers):
            table.cell(0, i).text = text
        table.cell(1, 0).text = f"{{%tr for rij in {loop} %}}"
        for i, text in enumerate(cells):
            table.cell(2, i).text = text
        table.cell(3, 0).text = "{%tr endfor %}"
        if footer:
            for i, text in enumerate(footer):
                table.cell(4, i).text = text
                for run in table.cell(4, i).paragraphs[0].runs:
                    run.bold = True
        _widths(table, widths)
        self.container.add_paragraph("", style="Normal").paragraph_format.space_after = Pt(2)

    def dynamic_table(
        self,
        first_header: str,
        columns: str,
        loop: str,
        label: str,
        values: str,
        widths: tuple[float, float],
        trailing: tuple[str, str] | None = None,
        trailing_cm: float = 0.0,
    ) -> None:
        """A table whose columns come from the data ({%tc %}), e.g. a cross table or the thema grid."""
        extra = 1 if trailing else 0
        table = self.container.add_table(rows=4, cols=4 + extra)
        table.style = self.doc.styles[TABLE_STYLE]
        _repeat_header(table.rows[0])
        header = [first_header, f"{{%tc for kolom in {columns} %}}", "{{ kolom }}", "{%tc endfor %}"]
        row = [label, f"{{%tc for waarde in {values} %}}", "{{ waarde }}", "{%tc endfor %}"]
        if trailing:
            header.append(trailing[0])
            row.append(trailing[1])
        for i, text in enumerate(header):
            table.cell(0, i).text = text
        table.cell(1, 0).text = f"{{%tr for rij in {loop} %}}"
        for i, text in enumerate(row):
            table.cell(2, i).text = text
        table.cell(3, 0).text = "{%tr endfor %}"
        w = [widths[0], 0.3, widths[1], 0.3] + ([trailing_cm] if trailing else [])
        _widths(table, w)
        self.container.add_paragraph("", style="Normal").paragraph_format.space_after = Pt(2)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:  # compact rows, as in the PDF
                paragraph.paragraph_format.space_after = Pt(0)


STYLES = {"body": None, "title": "Title", "subtitle": "Subtitle"}


def _write(body: Body, nodes: tuple[Node, ...]) -> None:
    """The outline as template paragraphs and tables, with docxtpl tags for its conditions and loops."""
    for node in nodes:
        if isinstance(node, If):
            body.tag(f"if {node.als}")
            _write(body, node.body)
            body.tag("endif")
        elif isinstance(node, ForEach):
            body.tag(f"for {node.naam} in {node.pad}")
            _write(body, node.body)
            body.tag("endfor")
        elif isinstance(node, Chapter):
            if node.als:
                body.tag(f"if {node.als}")
            body.p(node.titel, "Heading 1")
            _write(body, node.body)
            if node.als:
                body.tag("endif")
        elif isinstance(node, Heading):
            body.p(node.tekst, f"Heading {node.niveau}")
        elif isinstance(node, Paragraph):
            body.p(node.tekst, STYLES[node.stijl])
        elif isinstance(node, Kenmerk):
            body.kenmerk(node.label, node.tekst)
        elif isinstance(node, Card):
            _write(body.card(), node.body)
        elif isinstance(node, Paragraphs):
            body.paragraphs(node.pad)
        elif isinstance(node, Bullets):
            body.bullets(node.pad)
        elif isinstance(node, Table):
            body.table(
                list(node.koppen),
                node.rijen,
                list(node.cellen),
                list(node.breedtes_cm),
                list(node.totaal) if node.totaal else None,
            )
        elif isinstance(node, CrossTable):
            body.dynamic_table(
                node.hoek,
                node.kolommen,
                node.rijen,
                node.label,
                node.waarden,
                node.breedtes_cm,
                node.laatste,
                node.laatste_cm,
            )
        elif isinstance(node, Figure | Image):
            body.p(f"{{{{ {node.pad} }}}}")
        else:
            raise TypeError(f"onbekend onderdeel van de opzet: {node!r}")


def build(target: Path = TEMPLATE, soort: str = "kwaliteitsverslag") -> Path:
    """Write the default Word template of a document type ("kwaliteitsverslag", "meerjarenplan") to target."""
    document = met_naam(soort)
    doc = Document()
    _styles(doc)
    _page(doc)
    # python-docx starts with one empty paragraph in some versions; start clean.
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    _write(Body(doc), document.outline)

    props = doc.core_properties
    props.author = "kkfz-docs"
    props.title = document.titel
    props.language = "nl-NL"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.last_modified_by = "kkfz-docs"
    props.comments = ""
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)
    return target
