"""The default Word templates, generated from the outlines with python-docx.

A template is a normal Word document: built-in styles (Title, Heading 1-4, List Bullet, Strong), a
table style, and "Kaart" (the border of a meerjarenplan's speerpunt), so staff can restyle it in
Word. Its docxtpl tags come from render/outline.py, the single source of what each document type
prints; docs/sjabloon.md lists every variable. Rebuild the bundled templates with
`python scripts/build_template.py` after changing an outline or the layout.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import layout as L
from .core_properties import core_namespace
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
    Together,
)
from .soorten import met_naam

__all__ = ["TEMPLATE", "build"]

TEMPLATE = Path(str(resources.files("kkfz_docs").joinpath("templates/kwaliteitsverslag.docx")))
"""The bundled template of the kwaliteitsverslag."""

FONT = "Calibri"
"""The theme's body and heading font (Carlito in the PDF is its metric twin)."""
ACCENT = RGBColor.from_string(L.ACCENT)
GREY = RGBColor.from_string(L.GREY)
TABLE_STYLE = "KKFZ-tabel"
CELL_STYLE = "Tabeltekst"
HEADER_STYLE = "Tabelkop"
TOTAL_STYLE = "Tabeltotaal"
AFTER_TABLE_STYLE = "Na tabel"
CARD_STYLE = "Kaart"
LABEL_STYLE = "Strong"


def _styles(doc: WordDocument) -> None:
    """Word styles only, no direct formatting: a template restyled in Word restyles every text.

    Fonts come from the theme (Design > Lettertypen changes them all): body text the minor font,
    headings and the title the major font; every other style inherits from Normal.
    """
    _theme_fonts(doc)
    styles = doc.styles
    normal = styles["Normal"]
    _size(normal, L.BODY_PT)
    normal.paragraph_format.space_after = Pt(L.SPACE_AFTER_PT)
    normal.paragraph_format.line_spacing = L.LINE_SPACING
    normal.paragraph_format.widow_control = True
    _theme_font(normal, "minor")
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
        _size(style, size)
        style.font.bold = style.font.cs_bold = True
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        _theme_font(style, "major")
    styles["Heading 4"].font.italic = True
    title = styles["Title"]
    title.paragraph_format.space_after = Pt(2)
    # The default Title has a bottom border in python-docx's template; keep it, it reads as a rule,
    # in the accent colour (the PDF draws it too).
    for rule in title.element.pPr.iter(qn("w:bottom")):
        rule.set(qn("w:color"), L.ACCENT)
        rule.set(qn("w:sz"), str(round(L.TITLE_RULE_PT[0] * 8)))  # eighths of a point
        rule.set(qn("w:space"), str(round(L.TITLE_RULE_PT[1])))
        rule.attrib.pop(qn("w:themeColor"), None)
    for name in ("Title", "Subtitle"):  # python-docx's letter spacing and kerning: not in the PDF
        for leftover in ("w:spacing", "w:kern"):
            element = styles[name].element.rPr.find(qn(leftover))
            if element is not None:
                styles[name].element.rPr.remove(element)
    subtitle = styles["Subtitle"]
    _size(subtitle, L.SUBTITLE_PT)
    subtitle.font.italic = subtitle.font.cs_italic = False
    subtitle.font.color.rgb = GREY
    _theme_font(subtitle, "minor")
    numbering = subtitle.element.pPr.find(qn("w:numPr")) if subtitle.element.pPr is not None else None
    if numbering is not None:  # a leftover of python-docx's template: Subtitle is no list
        subtitle.element.pPr.remove(numbering)
    bullet = styles["List Bullet"]
    _drop_fonts(bullet)
    bullet.paragraph_format.space_after = Pt(2)
    for name in ("Header", "Footer"):
        _size(styles[name], L.HEADER_PT)
        styles[name].font.color.rgb = GREY
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    link = styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = ACCENT
    cell = styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.paragraph_format.space_after = Pt(0)
    head = styles.add_style(HEADER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = cell
    head.font.bold = head.font.cs_bold = True
    head.font.color.rgb = RGBColor.from_string("FFFFFF")  # the table style says so too; LibreOffice reads this
    total = styles.add_style(TOTAL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    total.base_style = cell
    total.font.bold = True  # Word also bolds the table style's last row; LibreOffice only reads this
    after_table = styles.add_style(AFTER_TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    after_table.base_style = normal
    _size(after_table, L.AFTER_TABLE_PT)
    after_table.paragraph_format.space_after = Pt(0)
    _table_style(doc)
    _card_style(doc)


def _size(style, pt: float) -> None:
    """The style's size, for complex scripts (Arabic, Hebrew) too."""
    style.font.size = Pt(pt)
    rpr = style.element.get_or_add_rPr()
    cs = rpr.find(qn("w:szCs"))
    if cs is None:
        cs = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(cs)
    cs.set(qn("w:val"), str(round(pt * 2)))


def _theme_fonts(doc: WordDocument) -> None:
    """Both theme fonts Calibri (python-docx's theme has Cambria for body text); accent 1 and the link
    colours are our accent, so what Word colours with the theme matches the rest (one palette)."""
    theme = next(p for p in doc.part.package.parts if p.partname.endswith("/theme1.xml"))
    xml = theme.blob.decode("utf-8")
    for kind in ("major", "minor"):
        start = xml.index(f"<a:{kind}Font>")
        end = xml.index("/>", start)
        xml = xml[:start] + f'<a:{kind}Font>\n        <a:latin typeface="{FONT}"' + xml[end:]
    for colour in ("accent1", "hlink", "folHlink"):  # links too: a template without our Hyperlink style
        xml = re.sub(rf'(<a:{colour}>\s*<a:srgbClr val=")[0-9A-Fa-f]{{6}}', rf"\g<1>{L.ACCENT}", xml)
    theme._blob = xml.encode("utf-8")


def _theme_font(style, kind: str) -> None:
    """The style takes the theme's major (headings) or minor (body) font."""
    fonts = _drop_fonts(style, keep=True)
    for attr, suffix in (
        ("w:asciiTheme", "HAnsi"),
        ("w:hAnsiTheme", "HAnsi"),
        ("w:eastAsiaTheme", "EastAsia"),
        ("w:cstheme", "Bidi"),
    ):
        fonts.set(qn(attr), f"{kind}{suffix}")


def _drop_fonts(style, keep: bool = False):
    """Remove the font names a style sets itself; keep=True leaves an empty w:rFonts to fill."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)
    if keep:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    return fonts


def _table_style(doc: WordDocument) -> None:
    """One table style: accent header row (white bold, 7:1 contrast), rules in the accent colour, a bold
    first column and a bold total row above a heavier rule. Cells use the Tabeltekst paragraph style."""
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    element = style.element
    accent, white = L.ACCENT, "FFFFFF"
    border = lambda side, size: f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{accent}"/>'  # noqa: E731
    xml = (
        f'<w:tblPr xmlns:w="{_W}"><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/>'
        f"<w:tblBorders>{border('top', 6)}{border('left', 6)}{border('bottom', 6)}{border('right', 6)}"
        f"{border('insideH', 4)}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    )
    element.append(parse_xml(xml))
    conditional = {
        "firstRow": f'<w:rPr><w:b/><w:bCs/><w:color w:val="{white}"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{accent}"/></w:tcPr>',
        "lastRow": f"<w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:tcBorders>{border('top', 12)}</w:tcBorders></w:tcPr>",
        "firstCol": "<w:rPr><w:b/><w:bCs/></w:rPr>",
    }
    for kind, inner in conditional.items():
        element.append(parse_xml(f'<w:tblStylePr xmlns:w="{_W}" w:type="{kind}">{inner}</w:tblStylePr>'))


def _card_style(doc: WordDocument) -> None:
    """The table style of a speerpunt's card: a thin border in the accent colour, room inside."""
    style = doc.styles.add_style(CARD_STYLE, WD_STYLE_TYPE.TABLE)
    size = int(L.CARD_BORDER_PT * 8)  # eighths of a point
    border = lambda side: f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{L.ACCENT}"/>'  # noqa: E731
    pad = lambda side, share: f'<w:{side} w:w="{int(L.CARD_PADDING_PT * 20 * share)}" w:type="dxa"/>'  # noqa: E731
    style.element.append(
        parse_xml(
            f'<w:tblPr xmlns:w="{_W}"><w:tblBorders>{border("top")}{border("left")}{border("bottom")}'
            f"{border('right')}</w:tblBorders><w:tblCellMar>{pad('top', 0.5)}{pad('left', 1)}"
            f"{pad('bottom', 0.5)}{pad('right', 1)}</w:tblCellMar></w:tblPr>"
        )
    )


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _page(doc: WordDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(L.PAGE_CM[0]), Cm(L.PAGE_CM[1])
    section.left_margin = section.right_margin = Cm(L.MARGIN_X_CM)
    section.top_margin, section.bottom_margin = Cm(L.MARGIN_TOP_CM), Cm(L.MARGIN_BOTTOM_CM)
    section.header_distance = section.footer_distance = Cm(L.HEADER_FOOTER_CM)

    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run("{{ koptekst }}")

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    for text, field in (("Pagina ", "PAGE"), (" van ", "NUMPAGES"), ("", None)):
        if text:
            footer.add_run(text)
        if field:
            _field(footer, field)


def _field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice fill in themselves."""

    def run_with(child):
        r = paragraph.add_run()
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
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


class Body:
    """Small helpers that write template paragraphs and tables, in the document or in a card's cell;
    `caption` is the heading a table sits under."""

    def __init__(self, doc: WordDocument, container: Any = None):
        self.doc = doc
        self.container = container if container is not None else doc
        self.caption = ""
        self.together = False  # inside a Together: every paragraph and table row keeps with the next

    def p(self, text: str, style: str | None = None) -> None:
        paragraph = self.container.add_paragraph(text, style=style)
        if self.together:
            paragraph.paragraph_format.keep_with_next = True

    def kenmerk(self, label: str, text: str) -> None:
        """A paragraph that starts with a label in Word's "Strong" style."""
        paragraph = self.container.add_paragraph()
        paragraph.add_run(label, style=LABEL_STYLE)
        if text:
            paragraph.add_run(f" {text}")

    def card(self) -> Body:
        """A one-cell table in the "Kaart" style whose row does not break across pages (Word keeps the
        card on one page where it fits); returns the Body that writes inside it."""
        table = self.container.add_table(rows=1, cols=1)
        table.style = self.doc.styles[CARD_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        width = L.PAGE_CM[0] - 2 * L.MARGIN_X_CM
        table.cell(0, 0).width = Cm(width)
        table._tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), str(Cm(width).twips))
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = table.cell(0, 0)
        cell._tc.remove(cell.paragraphs[0]._p)  # a new cell holds an empty paragraph; the body follows
        self.container.add_paragraph("", style=AFTER_TABLE_STYLE)
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

    def _table(self, rows: list[list[str]], widths_cm: list[float], total: bool) -> None:
        """A table of template rows: the header, the loop's rows, maybe a total; styled only by styles."""
        table = self.container.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.text = text
                last = total and r == len(rows) - 1
                style = HEADER_STYLE if r == 0 else TOTAL_STYLE if last else CELL_STYLE
                cell.paragraphs[0].style = self.doc.styles[style]
                cell.width = Cm(widths_cm[c])
            if self.together and r < len(rows) - 1:  # Word keeps a table on one page row by row
                for cell in table.rows[r].cells:
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
            props = table.rows[r]._tr.get_or_add_trPr()
            props.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            if r == 0:
                header = OxmlElement("w:tblHeader")  # the header row repeats on every page
                props.append(header)
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
            col.set(qn("w:w"), str(Cm(width).twips))  # the grid carries the widths too (LibreOffice reads it)
        tbl_pr = table._tbl.tblPr
        look = tbl_pr.find(qn("w:tblLook"))
        look.set(qn("w:lastRow"), "1" if total else "0")
        look.set(qn("w:noHBand"), "1")
        caption = OxmlElement("w:tblCaption")  # the table's alt text: what it shows
        caption.set(qn("w:val"), self.caption)
        tbl_pr.append(caption)
        self.container.add_paragraph("", style=AFTER_TABLE_STYLE)

    def table(
        self, headers: list[str], loop: str, cells: list[str], widths: list[float], footer: list[str] | None = None
    ) -> None:
        rows = [list(headers), [f"{{%tr for rij in {loop} %}}"], list(cells), ["{%tr endfor %}"]]
        rows += [list(footer)] if footer else []
        self._table([r + [""] * (len(headers) - len(r)) for r in rows], list(widths), total=bool(footer))

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
        header = [first_header, f"{{%tc for kolom in {columns} %}}", "{{ kolom }}", "{%tc endfor %}"]
        row = [label, f"{{%tc for waarde in {values} %}}", "{{ waarde }}", "{%tc endfor %}"]
        if trailing:
            header.append(trailing[0])
            row.append(trailing[1])
        rows = [header, [f"{{%tr for rij in {loop} %}}"], row, ["{%tr endfor %}"]]
        w = [widths[0], 0.3, widths[1], 0.3] + ([trailing_cm] if trailing else [])
        self._table([r + [""] * (len(header) - len(r)) for r in rows], w, total=False)


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
        elif isinstance(node, Together):
            body.together = True
            _write(body, node.body)
            body.together = False
        elif isinstance(node, Chapter):
            if node.als:
                body.tag(f"if {node.als}")
            body.p(node.titel, "Heading 1")
            body.caption = node.titel
            _write(body, node.body)
            if node.als:
                body.tag("endif")
        elif isinstance(node, Heading):
            body.p(node.tekst, f"Heading {node.niveau}")
            body.caption = node.tekst
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

    with core_namespace():
        props = doc.core_properties
        props.author = "kkfz-docs"
        props.title = document.titel
        props.language = "nl-NL"
        props.created = props.modified = dt.datetime(2026, 1, 1)
        props.last_modified_by = "kkfz-docs"
        props.comments = ""
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    target.write_bytes(_without_leftovers(buffer.getvalue()))
    return target


_LEFTOVERS = ("customXml/", "docProps/thumbnail.jpeg", "word/stylesWithEffects.xml")
"""Parts of python-docx's own template that are not ours: a bibliography, a blank thumbnail, Word 2010 styles."""


def _without_leftovers(docx: bytes) -> bytes:
    """The package without python-docx's leftovers, naming kkfz-docs, in Word's current mode, in Dutch."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename.startswith(_LEFTOVERS):
                continue
            data = source.read(item.filename).decode("utf-8")
            if item.filename.endswith(".rels") or item.filename == "[Content_Types].xml":
                data = re.sub(
                    r"<(?:Relationship|Override)[^>]*(?:customXml|thumbnail|stylesWithEffects)[^>]*/>", "", data
                )
            elif item.filename == "docProps/app.xml":
                data = re.sub(r"<Application>[^<]*</Application>", "<Application>kkfz-docs</Application>", data)
                data = re.sub(r"<Template>[^<]*</Template>", "", data)
            elif item.filename == "word/settings.xml":
                data = data.replace(
                    'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"',
                    'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"',
                )
                data = data.replace(
                    '<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>', '<w:themeFontLang w:val="nl-NL"/>'
                )
                data = data.replace(
                    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>',
                    '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>',
                )
                data = data.replace("<w:savePreviewPicture/>", "")
            target.writestr(
                item,
                data.encode("utf-8") if not item.filename.endswith((".jpeg", ".png")) else source.read(item.filename),
            )
    return out.getvalue()
