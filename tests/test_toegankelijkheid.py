"""Accessibility of both files as a reader sees them: alternative texts, and the contrast of every
character against what is behind it (WCAG 2.1 AA asks 4.5:1 for text).

The contrast is measured, not looked up: each character's fill colour as pdfium reads it, against
the median colour of its box on the same page rendered without any text. The Word file is measured
as LibreOffice lays it out.
"""

from __future__ import annotations

import zipfile

import pytest
from conftest import FIXTURES, soffice_to_pdf
from contrast import colour_pairs, hex_rgb, low_contrast
from lxml import etree
from PIL import Image

import kkfz_docs as kd
from kkfz_docs.render import layout as L


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Fixture (a): logo-less, with a website link, tables with a header row, the chart with last year."""
    out = tmp_path_factory.mktemp("contrast")
    verslag = kd.load(FIXTURES[0])
    assert verslag.spinnenweb.vorig_jaar is not None
    pdf = kd.render_pdf(verslag, out / "a.pdf").pad
    word = soffice_to_pdf(kd.render_docx(verslag, out / "a-word.docx"), out)
    return pdf, word


def test_the_measure_sees_each_kind_of_text(files):
    """The pairs the layout promises are found: body text, headings, white on the table header."""
    pdf, word = files
    for path in (pdf, word):
        found = {(fg, bg) for fg, bg in colour_pairs(path)}
        white, accent = hex_rgb("FFFFFF"), hex_rgb(L.TABLE_HEADER)
        assert ((0, 0, 0), white) in found
        assert (hex_rgb(L.ACCENT), white) in found
        assert (white, accent) in found  # the table header


@pytest.mark.parametrize("kind", ["pdf", "word"])
def test_every_character_has_a_contrast_of_at_least_4_5(files, kind):
    pairs = colour_pairs(files[0] if kind == "pdf" else files[1])
    assert sum(len(c) for c in pairs.values()) > 5000  # every page's text was measured
    assert low_contrast(pairs) == []


def test_the_measure_fails_grey_on_a_light_fill(tmp_path):
    """The measure itself: a light grey on white is caught."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "grijs.pdf"))
    canvas.setFillColor(HexColor("#DDEEFF"))
    canvas.rect(50, 700, 300, 40, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#8C8C8C"))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(60, 715, "Grijs op lichtblauw")
    canvas.save()
    [problem] = low_contrast(colour_pairs(tmp_path / "grijs.pdf"))
    assert "(140, 140, 140) op (221, 238, 255)" in problem


def test_the_logo_and_the_chart_have_alternative_text_in_word(tmp_path):
    Image.new("RGB", (300, 100), "teal").save(tmp_path / "logo.png")
    bron = FIXTURES[0].read_text("utf-8").replace("  website:", "  logo: logo.png\n  website:", 1)
    (tmp_path / "v.yaml").write_text(bron, encoding="utf-8")
    verslag = kd.load(tmp_path / "v.yaml")
    assert verslag.logo_bruikbaar
    docx = kd.render_docx(verslag, tmp_path / "v.docx")
    xml = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    described = {p.get("name"): p.get("descr") for p in xml.iterfind(".//wp:docPr", ns)}
    assert described["Logo"] == "Logo van Stichting Kortewind Wonen & Begeleiding"
    assert described["Spinnenweb"].startswith("Spinnenweb KKFZ 2024, score per pijler")
