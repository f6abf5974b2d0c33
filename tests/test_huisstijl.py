"""A template restyled in Word restyles the Word file everywhere, and the PDF takes its house style."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, soffice_convert, soffice_to_pdf
from contrast import colour_pairs, low_contrast
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.render import fonts
from kkfz_docs.render import layout as L

COLOURS = {"Normal": "2F2F2F", "Title": "8B1A1A", "Heading 1": "6A2C91", "Heading 2": "1E6B30", "List Bullet": "5A3E1B"}
TABLE_FILL = "7A3B00"
LINK = "0B6E4F"


def restyle(source, target, heading_font: str = "Symbola") -> None:
    """What a communications department does in Word: other colours, sizes and fonts in the styles."""
    doc = Document(source)
    for name, colour in COLOURS.items():
        doc.styles[name].font.color.rgb = RGBColor.from_string(colour)
    doc.styles["Title"].font.size = Pt(28)
    doc.styles["Hyperlink"].font.color.rgb = RGBColor.from_string(LINK)
    rfonts = doc.styles["Heading 1"].element.rPr.rFonts
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    rfonts.set(qn("w:ascii"), heading_font)
    rfonts.set(qn("w:hAnsi"), heading_font)
    table_style = next(s for s in doc.styles if s.name == "KKFZ-tabel")
    for shd in table_style.element.iter(qn("w:shd")):
        shd.set(qn("w:fill"), TABLE_FILL)
    doc.save(target)


def fill_colours(pdf) -> set[str]:
    """Every fill colour set on any page, as hex."""
    found = set()
    for page in PdfReader(pdf).pages:
        content = page.get_contents().get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", content):
            found.add("".join(f"{round(float(x) * 255):02X}" for x in (r, g, b)))
    return found


def font_sizes(pdf, text: str) -> set[float]:
    sizes = set()
    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, fd, fs: sizes.add(round(fs, 1)) if text in t else None)
    return sizes


@pytest.fixture
def huisstijl(tmp_path, system_fonts):
    system_fonts(fonts.path(""))  # Symbola, a bundled fallback font, stands in for a font on the system
    template = tmp_path / "huisstijl.docx"
    restyle(kd.export_template(tmp_path / "standaard.docx"), template)
    return template


def test_the_default_pdf_has_the_default_house_style(tmp_path):
    pdf = kd.render_pdf(kd.load(FIXTURES[0]), tmp_path / "v.pdf").pad
    assert {L.ACCENT, L.TABLE_HEADER, L.GREY} <= fill_colours(pdf)


def test_a_restyled_template_restyles_every_text_of_the_word_file(huisstijl, tmp_path):
    path = kd.render_docx(kd.load(FIXTURES[0]), tmp_path / "v.docx", template=huisstijl)
    doc = Document(path)
    for name, colour in COLOURS.items():
        assert doc.styles[name].font.color.rgb == RGBColor.from_string(colour)
    # No text carries a colour, size or font of its own: everything follows the styles.
    direct = [
        r
        for r in doc.element.body.iter(qn("w:rPr"))
        if r.find(qn("w:color")) is not None or r.find(qn("w:sz")) is not None or r.find(qn("w:rFonts")) is not None
    ]
    assert direct == []


def test_the_pdf_takes_the_colours_sizes_and_fonts_of_a_restyled_template(huisstijl, tmp_path):
    info = kd.render_pdf(kd.load(FIXTURES[0]), tmp_path / "v.pdf", template=huisstijl)
    colours = fill_colours(info.pad)
    assert {*COLOURS.values(), TABLE_FILL, LINK} <= colours  # the website: a link in the Hyperlink style's colour
    assert L.ACCENT not in colours
    assert font_sizes(info.pad, "Kwaliteitsverslag 2024") == {28.0, L.HEADER_PT}  # the title, the running header
    used = {
        str(f["/BaseFont"]).split("+")[-1]
        for page in PdfReader(info.pad).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any(name.startswith("Symbola") for name in used)
    assert info.meldingen == ()


def test_a_template_font_that_is_not_on_the_computer_gives_carlito_and_a_warning(tmp_path, system_fonts):
    system_fonts()  # no fonts at all
    template = tmp_path / "huisstijl.docx"
    restyle(kd.export_template(tmp_path / "standaard.docx"), template, heading_font="Fantasieletter Pro")
    info = kd.render_pdf(kd.load(FIXTURES[0]), tmp_path / "v.pdf", template=template)
    assert len(info.meldingen) == 1 and "Fantasieletter Pro" in info.meldingen[0] and "Carlito" in info.meldingen[0]


def test_render_reports_a_template_font_that_is_not_on_the_computer(tmp_path, system_fonts):
    system_fonts()  # no fonts at all
    template = tmp_path / "huisstijl.docx"
    restyle(kd.export_template(tmp_path / "standaard.docx"), template, heading_font="Fantasieletter Pro")
    [resultaat] = kd.render_many([FIXTURES[0]], tmp_path / "uit", sjabloon=template, jobs=1)
    assert resultaat.gelukt
    assert any("Fantasieletter Pro" in b.melding and not b.is_fout for b in resultaat.bevindingen)


def grid_widths(document) -> list[list[int]]:
    return [
        [int(c.get(qn("w:w"))) for c in t._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))] for t in document.tables
    ]


def style_colour(document, name: str) -> str | None:
    """A paragraph style's colour; LibreOffice writes built-in names capitalised ("Heading 1")."""
    [style] = [s for s in document.styles if s.type == 1 and s.name.lower() == name.lower()]
    return str(style.font.color.rgb) if style.font.color.rgb is not None else None


def test_a_template_restyled_and_saved_by_libreoffice_keeps_the_house_style_and_the_widths(tmp_path):
    """A communications department restyles the template and saves it with LibreOffice, which writes
    its own idea of every table, paragraph and style: the verslag follows the house style all the same."""
    restyle(kd.export_template(tmp_path / "standaard.docx"), tmp_path / "huisstijl.docx", heading_font="Carlito")
    template = soffice_convert(tmp_path / "huisstijl.docx", tmp_path / "lo", "docx")
    verslag = kd.load(FIXTURES[0])
    standard = Document(kd.render_docx(verslag, tmp_path / "standaard-verslag.docx"))
    path = kd.render_docx(verslag, tmp_path / "v.docx", template=template)
    doc = Document(path)
    assert {name: style_colour(doc, name) for name in COLOURS} == COLOURS
    direct = [
        r
        for r in doc.element.body.iter(qn("w:rPr"))
        if r.find(qn("w:color")) is not None or r.find(qn("w:sz")) is not None or r.find(qn("w:rFonts")) is not None
    ]
    assert direct == []  # no text carries a colour, size or font of its own
    widths = grid_widths(doc)
    assert len(widths) == len(standard.tables) and all(len(set(w)) > 1 for w in widths)  # not equal columns
    assert widths == [[pytest.approx(w, abs=2) for w in table] for table in grid_widths(standard)]
    info = kd.render_pdf(verslag, tmp_path / "v.pdf", template=template)
    assert {*COLOURS.values(), TABLE_FILL} <= fill_colours(info.pad)
    # The Word file as LibreOffice shows it: every character readable, as many pages as the PDF.
    shown = soffice_to_pdf(path, tmp_path / "getoond")
    assert low_contrast(colour_pairs(shown)) == []
    assert len(PdfReader(shown).pages) == info.pages


def test_the_pdfs_own_house_style_is_what_the_bundled_template_says(tmp_path):
    """house_style.default() (the PDF without a template) and the bundled template read back agree,
    measure for measure: layout.py reaches both files."""
    from kkfz_docs.render import house_style

    def rounded(value):
        if isinstance(value, float):
            return round(value, 2)
        if isinstance(value, tuple | list):
            return type(value)(rounded(v) for v in value)
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        if hasattr(value, "__attrs_attrs__"):
            return {a.name: rounded(getattr(value, a.name)) for a in value.__attrs_attrs__}
        return value

    read = house_style.read(kd.export_template(tmp_path / "standaard.docx"))
    assert rounded(read) == rounded(house_style.default())
    assert house_style.default().title_rule == (L.ACCENT, *L.TITLE_RULE_PT)
