"""Build the default Word template kkfz_docs/templates/kwaliteitsverslag.docx with python-docx.

The template is a normal Word document: built-in styles (Title, Heading 1-2, List Bullet, a table
style), so staff can restyle it in Word. Its docxtpl tags are the single source of what the Word
file prints; docs/sjabloon.md lists every variable. Run:  python scripts/build_template.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from kkfz_docs.render import layout as L

TARGET = Path(__file__).resolve().parent.parent / "kkfz_docs" / "templates" / "kwaliteitsverslag.docx"

FONT = "Calibri"
ACCENT = RGBColor.from_string(L.ACCENT)
GREY = RGBColor.from_string(L.GREY)
TABLE_STYLE = "Light List Accent 1"


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
        ("Heading 1", L.HEADINGS["h1"]),
        ("Heading 2", L.HEADINGS["h2"]),
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
    """Small helpers that write template paragraphs and tables."""

    def __init__(self, doc: Document):
        self.doc = doc

    def p(self, text: str, style: str | None = None):
        return self.doc.add_paragraph(text, style=style)

    def tag(self, tag: str) -> None:
        """A paragraph-level docxtpl tag ({%p ... %}); the paragraph disappears on render."""
        self.doc.add_paragraph(f"{{%p {tag} %}}")

    def paragraphs(self, expr: str, style: str | None = None) -> None:
        self.tag(f"for alinea in {expr}")
        self.p("{{ alinea }}", style)
        self.tag("endfor")

    def bullets(self, expr: str) -> None:
        self.tag(f"for regel in {expr}")
        self.p("{{ regel }}", "List Bullet")
        self.tag("endfor")

    def table(
        self,
        headers: list[str],
        loop: str,
        cells: list[str],
        widths: list[float],
        footer: list[str] | None = None,
        keep_together: bool = False,
    ) -> None:
        rows = 4 + (1 if footer else 0)
        table = self.doc.add_table(rows=rows, cols=len(headers))
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
        if keep_together:  # Word's way to keep a table on one page: each row keeps with the next
            for row in table.rows:
                row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        self.doc.add_paragraph("", style="Normal").paragraph_format.space_after = Pt(2)

    def dynamic_table(
        self,
        first_header: str,
        columns: str,
        loop: str,
        label: str,
        values: str,
        widths: tuple[float, float],
        trailing: tuple[str, str] | None = None,
    ) -> None:
        """A table whose columns come from the data ({%tc %}), e.g. a cross table or the thema grid."""
        extra = 1 if trailing else 0
        table = self.doc.add_table(rows=4, cols=4 + extra)
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
        w = [widths[0], 0.3, widths[1], 0.3] + ([L.THEMA_TABLE_CM[2]] if trailing else [])
        _widths(table, w)
        self.doc.add_paragraph("", style="Normal").paragraph_format.space_after = Pt(2)


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


def _drop_legacy_parts(doc: Document) -> None:
    """python-docx's starting document carries Word 2010's stylesWithEffects.xml (438 kB that Word
    and LibreOffice do without) and a thumbnail of an empty page; every render would parse, write
    and compress them again."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid)


def build(target: Path = TARGET) -> Path:
    doc = Document()
    _styles(doc)
    _page(doc)
    body = Body(doc)
    # python-docx starts with one empty paragraph in some versions; start clean.
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)

    body.tag("if logo")
    body.p("{{ logo }}")
    body.tag("endif")
    body.p("{{ titel }}", "Title")
    body.p("{{ organisatie.regel }}", "Subtitle")
    body.tag("if ondertitel")
    body.p("{{ ondertitel }}")
    body.tag("endif")

    body.tag("if inleiding or terugblik or vooruitblik")
    body.p("Inleiding", "Heading 1")
    body.paragraphs("inleiding")
    body.tag("if terugblik")
    body.p("Terugblik op {{ verslagjaar }}", "Heading 2")
    body.paragraphs("terugblik")
    body.tag("endif")
    body.tag("if vooruitblik")
    body.p("Vooruitblik", "Heading 2")
    body.paragraphs("vooruitblik")
    body.tag("endif")
    body.tag("endif")

    body.p("Algemene informatie", "Heading 1")
    body.p("Visie op forensische zorg", "Heading 2")
    body.paragraphs("algemene_informatie.visie")
    body.p("Type forensische zorg", "Heading 2")
    body.table(
        ["Setting", "Beveiligingsniveau", "Toelichting"],
        "algemene_informatie.zorgtypen",
        ["{{ rij.setting }}", "{{ rij.beveiligingsniveau }}", "{{ rij.toelichting }}"],
        L.COLUMNS_CM["zorgtypen"],
    )
    body.p("Cliënten op {{ algemene_informatie.clienten.peildatum }}", "Heading 2")
    body.p("{{ algemene_informatie.clienten.samenvatting }}")
    body.table(
        ["Financiering", "Cliënten", "Aandeel"],
        "algemene_informatie.clienten.rijen",
        ["{{ rij.financiering }}", "{{ rij.aantal }}", "{{ rij.aandeel }}"],
        L.COLUMNS_CM["clienten"],
        footer=[
            "Totaal",
            "{{ algemene_informatie.clienten.totaal }}",
            "{{ algemene_informatie.clienten.totaal_aandeel }}",
        ],
    )
    body.tag("if algemene_informatie.omzet")
    body.p("Omzet {{ verslagjaar }}", "Heading 2")
    body.table(
        ["Financiering", "Omzet", "Aandeel"],
        "algemene_informatie.omzet",
        ["{{ rij.financiering }}", "{{ rij.bedrag }}", "{{ rij.aandeel }}"],
        L.COLUMNS_CM["omzet"],
        footer=["Totaal", "{{ algemene_informatie.omzet_totaal }}", "{{ algemene_informatie.omzet_aandeel }}"],
    )
    body.tag("endif")

    body.tag("for pijler in pijlers")
    body.p("{{ pijler.titel }}", "Heading 1")
    body.p("Algemeen beeld", "Heading 2")
    body.paragraphs("pijler.algemeen_beeld")
    body.tag("if pijler.reflectie")
    body.p("Reflectie op {{ verslagjaar }}", "Heading 2")
    body.paragraphs("pijler.reflectie")
    body.tag("endif")
    body.tag("if pijler.successen")
    body.p("Successen", "Heading 2")
    body.bullets("pijler.successen")
    body.tag("endif")
    body.tag("if pijler.aandachtspunten")
    body.p("Aandachtspunten", "Heading 2")
    body.bullets("pijler.aandachtspunten")
    body.tag("endif")
    body.tag("if pijler.doelen")
    body.p("Doelen uit het meerjarenplan", "Heading 2")
    body.table(
        ["Doel", "Gepland", "Status", "Toelichting"],
        "pijler.doelen",
        ["{{ rij.titel }}", "{{ rij.gepland }}", "{{ rij.status }}", "{{ rij.toelichting }}"],
        L.COLUMNS_CM["doelen"],
    )
    body.tag("endif")
    body.p("Ontwikkelpunten voor {{ volgend_jaar }}", "Heading 2")
    body.bullets("pijler.ontwikkelpunten")
    body.tag("endfor")

    body.tag("if prestatie_indicatoren or prestatie_indicatoren_nvt")
    body.p("Prestatie-indicatoren", "Heading 1")
    body.paragraphs("prestatie_indicatoren_nvt")
    body.tag("for indicator in prestatie_indicatoren")
    body.p("{{ indicator.titel }}", "Heading 2")
    body.paragraphs("indicator.toelichting")
    body.tag("if indicator.kengetallen")
    body.table(
        ["Kengetal", "Waarde"],
        "indicator.kengetallen",
        ["{{ rij.naam }}", "{{ rij.waarde }}"],
        L.COLUMNS_CM["kengetallen"],
    )
    body.tag("endif")
    body.tag("if indicator.tabel")
    body.dynamic_table(
        "Uitstroom naar",
        "indicator.tabel.kolommen",
        "indicator.tabel.rijen",
        "{{ rij.label }}",
        "rij.waarden",
        L.CROSS_TABLE_CM,
    )
    body.tag("endif")
    body.tag("endfor")
    body.tag("endif")

    body.tag("if spinnenweb")
    body.p("Spinnenweb KKFZ", "Heading 1")
    body.p("{{ spinnenweb_grafiek }}").paragraph_format.keep_with_next = True  # the chart stays with its table
    body.table(
        [
            "Pijler",
            "Score {{ verslagjaar }}",
            "{% if spinnenweb.heeft_vorig_jaar %}{{ spinnenweb.vorig_jaar_kop }}{% endif %}",
            "Betekenis",
        ],
        "spinnenweb.scores",
        ["{{ rij.pijler }}", "{{ rij.score }}", "{{ rij.vorig_jaar }}", "{{ rij.betekenis }}"],
        L.COLUMNS_CM["spinnenweb"],
        keep_together=True,
    )
    body.paragraphs("spinnenweb.toelichting")
    body.tag("endif")

    body.tag("if themas")
    body.p("Thema's", "Heading 1")
    body.dynamic_table(
        "Thema",
        "themas.jaren",
        "themas.rijen",
        "{{ rij.nummer }}. {{ rij.naam }}",
        "rij.planning",
        L.THEMA_TABLE_CM[:2],
        trailing=("Toelichting", "{{ rij.toelichting }}"),
    )
    body.p("I = implementatie, M = monitoren.")
    body.tag("endif")

    _drop_legacy_parts(doc)
    props = doc.core_properties
    props.author = "kkfz-docs"
    props.title = "Kwaliteitsverslag"
    props.language = "nl-NL"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.last_modified_by = "kkfz-docs"
    props.comments = ""
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
