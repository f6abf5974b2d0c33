"""Accessibility of both files as a reader sees them: alternative texts, and the contrast of every
character against what is behind it (WCAG 2.1 AA asks 4.5:1 for text).

The contrast is measured, not looked up: each character's fill colour as pdfium reads it, against
the median colour of its box on the same page rendered without any text. The Word file is measured
as LibreOffice lays it out.
"""

from __future__ import annotations

import ctypes
import io
import zipfile

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import FIXTURES, soffice_to_pdf
from lxml import etree
from PIL import Image, ImageStat
from pypdf import PdfWriter
from pypdf.generic import ContentStream

import kkfz_docs as kd
from kkfz_docs.render import layout as L

TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}
WCAG_AA = 4.5


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (0-255 per channel)."""

    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[:2], 16), int(hex6[2:4], 16), int(hex6[4:], 16)


def without_text(path) -> bytes:
    """The PDF with every text-showing operator removed: what lies behind the text."""
    writer = PdfWriter(clone_from=path)
    for page in writer.pages:
        content = ContentStream(page.get_contents(), writer)
        content.operations = [(operands, op) for operands, op in content.operations if op not in TEXT_SHOWING]
        page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def colour_pairs(path, scale: float = 3) -> dict[tuple[tuple, tuple], str]:
    """(text colour, background colour) -> the characters drawn so, for every visible character."""
    document, bare = pdfium.PdfDocument(path), pdfium.PdfDocument(without_text(path))
    pairs: dict[tuple[tuple, tuple], str] = {}
    for n in range(len(document)):
        page = document[n]
        text = page.get_textpage()
        background = bare[n].render(scale=scale).to_pil().convert("RGB")
        height = page.get_height()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.strip():
                continue
            rgba = [ctypes.c_uint() for _ in range(4)]
            assert pdfium_c.FPDFText_GetFillColor(text.raw, i, *(ctypes.byref(c) for c in rgba))
            x0, y0, x1, y1 = text.get_charbox(i)
            box = (int(x0 * scale), int((height - y1) * scale), int(x1 * scale) + 1, int((height - y0) * scale) + 1)
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            behind = tuple(round(v) for v in ImageStat.Stat(background.crop(box)).median)
            key = (tuple(c.value for c in rgba[:3]), behind)
            pairs[key] = pairs.get(key, "") + char
    return pairs


def low_contrast(pairs) -> list[str]:
    return [
        f"{fg} op {bg}: {contrast(fg, bg):.2f} ({chars[:40]!r})"
        for (fg, bg), chars in pairs.items()
        if contrast(fg, bg) < WCAG_AA
    ]


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
