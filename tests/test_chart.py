"""The spinnenweb: one chart description, drawn by Word itself (a DrawingML radar chart with an
embedded workbook) and as vectors with text in the PDF; the chart and its score table share a page."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile

import pytest
from conftest import FIXTURES, minimaal, soffice_to_pdf
from docx import Document
from lxml import etree
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.render import layout
from kkfz_docs.render.chart_pdf import text_box

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}
KORTEWIND = next(f for f in FIXTURES if f.stem == "a_kortewind")


@pytest.fixture(scope="module")
def kortewind(tmp_path_factory):
    out = tmp_path_factory.mktemp("chart")
    verslag = kd.load(KORTEWIND)
    return verslag, kd.render_docx(verslag, out / "a.docx"), kd.render_pdf(verslag, out / "a.pdf").pad


def scores(verslag, vorig=False) -> list[int]:
    web = verslag.spinnenweb.vorig_jaar if vorig else verslag.spinnenweb.scores
    return [web[p] for p in kd.Pijler]


def axis_labels() -> list[str]:
    return [f"{p.value} {p.korte_naam}" for p in kd.Pijler]


def chart_xml(docx) -> etree._Element:
    with zipfile.ZipFile(docx) as z:
        [name] = [n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
        return etree.fromstring(z.read(name))


def workbook_cells(docx) -> dict[str, str]:
    """The embedded workbook the chart links to, read as cell reference -> value."""
    with zipfile.ZipFile(docx) as z:
        [rels] = [n for n in z.namelist() if re.fullmatch(r"word/charts/_rels/chart\d+\.xml\.rels", n)]
        [target] = etree.fromstring(z.read(rels)).xpath("rel:Relationship[contains(@Type, '/package')]", namespaces=NS)
        book = zipfile.ZipFile(io.BytesIO(z.read("word/" + target.get("Target").removeprefix("../"))))
    shared = [
        "".join(si.itertext())
        for si in etree.fromstring(book.read("xl/sharedStrings.xml")).xpath("x:si", namespaces=NS)
    ]
    cells = {}
    for c in etree.fromstring(book.read("xl/worksheets/sheet1.xml")).xpath("//x:c", namespaces=NS):
        value = c.findtext("x:v", namespaces=NS)
        cells[c.get("r")] = shared[int(value)] if c.get("t") == "s" else value
    return cells


def cell_range(formula: str) -> list[str]:
    """'Blad1!$B$2:$B$6' -> ['B2', ..., 'B6']."""
    m = re.fullmatch(r"\w+!\$([A-Z])\$(\d+)(?::\$([A-Z])\$(\d+))?", formula)
    col, first, last = m.group(1), int(m.group(2)), int(m.group(4) or m.group(2))
    return [f"{col}{row}" for row in range(first, last + 1)]


def test_word_file_holds_a_radar_chart_with_this_years_and_last_years_scores(kortewind):
    verslag, docx, _ = kortewind
    chart = chart_xml(docx)
    [radar] = chart.xpath("//c:radarChart", namespaces=NS)
    series = radar.xpath("c:ser", namespaces=NS)
    assert [s.xpath("string(c:tx//c:v)", namespaces=NS) for s in series] == ["2024", "2023"]
    for s, expected in zip(series, (scores(verslag), scores(verslag, vorig=True)), strict=True):
        assert [int(v) for v in s.xpath("c:val//c:pt/c:v/text()", namespaces=NS)] == expected
        assert s.xpath("c:cat//c:pt/c:v/text()", namespaces=NS) == axis_labels()
    assert chart.xpath("//c:valAx/c:scaling/c:max/@val", namespaces=NS) == ["4"]
    assert chart.xpath("//c:valAx/c:scaling/c:min/@val", namespaces=NS) == ["0"]
    assert chart.xpath("//c:autoTitleDeleted/@val", namespaces=NS) == ["1"]  # no title of its own
    assert not chart.xpath("//c:title", namespaces=NS)


def test_the_embedded_workbook_holds_the_numbers_the_chart_refers_to(kortewind):
    verslag, docx, _ = kortewind
    chart = chart_xml(docx)
    cells = workbook_cells(docx)
    for s, expected in zip(
        chart.xpath("//c:ser", namespaces=NS), (scores(verslag), scores(verslag, vorig=True)), strict=True
    ):
        values = cell_range(s.xpath("string(c:val/c:numRef/c:f)", namespaces=NS))
        assert [int(cells[c]) for c in values] == expected
        assert [cells[c] for c in cell_range(s.xpath("string(c:cat/c:strRef/c:f)", namespaces=NS))] == axis_labels()
        assert [cells[c] for c in cell_range(s.xpath("string(c:tx/c:strRef/c:f)", namespaces=NS))] == [
            s.xpath("string(c:tx//c:v)", namespaces=NS)
        ]
    [link] = chart.xpath("//c:externalData/@r:id", namespaces=NS)
    with zipfile.ZipFile(docx) as z:
        rels = etree.fromstring(z.read("word/charts/_rels/chart1.xml.rels"))
    assert rels.xpath(f"rel:Relationship[@Id='{link}']/@Type", namespaces=NS)[0].endswith("/package")


def test_alt_text_states_every_score_in_words(kortewind):
    verslag, docx, _ = kortewind
    [descr] = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml")).xpath(
        "//wp:inline[.//c:chart]/wp:docPr/@descr", namespaces=NS
    )
    assert descr.startswith("Spinnenweb KKFZ 2024")
    for label, score in zip(axis_labels(), scores(verslag), strict=True):
        assert f"pijler {label} {score}" in descr
    assert (
        "Vorig jaar (2023): "
        + ", ".join(
            f"pijler {label} {s}" + {1: " (Plan)", 2: " (Do)", 3: " (Check)", 4: " (Act)"}.get(s, "")
            for label, s in zip(axis_labels(), scores(verslag, vorig=True), strict=True)
        )
        in descr
    )


def test_word_chart_draws_this_year_filled_and_last_year_dashed_in_the_layout_colours(kortewind):
    _, docx, _ = kortewind
    now, before = chart_xml(docx).xpath("//c:ser/c:spPr", namespaces=NS)
    assert now.xpath("a:solidFill/a:srgbClr/@val", namespaces=NS) == [layout.CHART_COLOUR]
    assert now.xpath("a:ln/a:solidFill/a:srgbClr/@val", namespaces=NS) == [layout.CHART_COLOUR]
    assert before.xpath("a:noFill", namespaces=NS)
    assert before.xpath("a:ln/a:solidFill/a:srgbClr/@val", namespaces=NS) == [layout.CHART_PREVIOUS_COLOUR]
    assert before.xpath("a:ln/a:prstDash/@val", namespaces=NS) == ["dash"]


def test_without_last_year_each_file_draws_one_series(tmp_path):
    data = minimaal()
    data["spinnenweb"] = {"scores": {1: 1, 2: 0, 3: 4, 4: 2, 5: 3}}
    verslag = kd.load(data)
    series = chart_xml(kd.render_docx(verslag, tmp_path / "v.docx")).xpath("//c:ser", namespaces=NS)
    assert len(series) == 1
    assert [int(v) for v in series[0].xpath("c:val//c:pt/c:v/text()", namespaces=NS)] == [1, 0, 4, 2, 3]
    drawing = pdf_drawing(verslag)
    assert [s.text for s in drawing.legend.contents if hasattr(s, "text")] == ["2024"]
    assert not [shape for shape in drawing.data.contents if shape.strokeDashArray]


def test_a_template_that_leaves_the_chart_out_gets_no_chart_part(tmp_path):
    sjabloon = tmp_path / "eigen.docx"
    doc = Document()
    doc.add_paragraph("{{ titel }}")
    doc.save(sjabloon)
    path = kd.render_docx(kd.load(KORTEWIND), tmp_path / "v.docx", template=sjabloon)
    with zipfile.ZipFile(path) as z:
        assert not [n for n in z.namelist() if n.startswith(("word/charts/", "word/embeddings/"))]
    assert Document(path).paragraphs[0].text == "Kwaliteitsverslag 2024"


def test_libreoffice_draws_the_word_chart_with_its_labels(kortewind, tmp_path):
    _, docx, _ = kortewind
    reader = PdfReader(soffice_to_pdf(docx, tmp_path))
    [page] = [p.extract_text() for p in reader.pages if "Spinnenweb KKFZ" in p.extract_text()]
    for label in [*axis_labels(), "2024", "2023"]:
        assert label in page


# The PDF


def pdf_drawing(verslag):
    from reportlab.lib.units import cm

    from kkfz_docs.render.chart_pdf import drawing
    from kkfz_docs.render.chart_spec import radar_chart

    return drawing(
        radar_chart(verslag.spinnenweb, verslag.verslagjaar), layout.CHART_WIDTH_CM * cm, layout.CHART_HEIGHT_CM * cm
    )


def test_pdf_draws_the_chart_as_vectors_with_its_labels_as_text_in_the_embedded_font(kortewind):
    _, _, pdf = kortewind
    reader = PdfReader(pdf)
    [page] = [p for p in reader.pages if "Spinnenweb KKFZ" in p.extract_text()]
    text = page.extract_text()
    for label in [*axis_labels(), "0", "1 Plan", "2 Do", "3 Check", "4 Act", "2024", "2023"]:
        assert label in text
    assert not [x for x in page["/Resources"].get("/XObject", {}).values() if x.get_object()["/Subtype"] == "/Image"]
    content = page.get_contents().get_data()
    used = {name.decode() for name in re.findall(rb"(/F[\w+]+) [\d.]+ Tf", content)}  # fonts text is set in
    fonts = [page["/Resources"]["/Font"][name].get_object() for name in used]
    assert fonts and all("Carlito" in f["/BaseFont"] for f in fonts)
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts)  # embedded
    assert re.search(rb"\[[\d. ]+\] \d+ d", content)  # a dash pattern: last year's line


def segments(drawing):
    """Every straight line of the web: the rings' edges and the spokes."""
    for ring in drawing.rings.contents:
        pts = list(zip(ring.points[::2], ring.points[1::2], strict=True))
        yield from itertools.pairwise([*pts, pts[0]])
    for spoke in drawing.spokes.contents:
        yield (spoke.x1, spoke.y1), (spoke.x2, spoke.y2)


def crosses(segment, box, margin=0.5) -> bool:
    (x1, y1), (x2, y2) = segment
    x0, y0, x3, y3 = box
    return any(
        x0 - margin <= x1 + (x2 - x1) * t / 400 <= x3 + margin
        and y0 - margin <= y1 + (y2 - y1) * t / 400 <= y3 + margin
        for t in range(401)
    )


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("vorig", [True, False])
def test_pdf_chart_labels_are_at_least_8pt_and_clear_of_the_web_and_of_each_other(vorig):
    data = minimaal()
    data["spinnenweb"] = {"scores": {1: 4, 2: 0, 3: 2, 4: 3, 5: 1}}
    if vorig:
        data["spinnenweb"]["vorig_jaar"] = {1: 3, 2: 0, 3: 1, 4: 3, 5: 1}
    drawing = pdf_drawing(kd.load(data))
    texts = [s for group in (drawing.labels, drawing.legend) for s in group.contents if hasattr(s, "text")]
    assert len(drawing.labels.contents) == 5 + 5  # the axes and the rings
    assert min(s.fontSize for s in texts) >= 8
    boxes = [text_box(s) for s in texts]
    for s, box in zip(texts, boxes, strict=True):
        assert 0 <= box[0] and box[2] <= drawing.width and 0 <= box[1] and box[3] <= drawing.height, s.text
        assert not [seg for seg in segments(drawing) if crosses(seg, box)], s.text
    for (a, box_a), (b, box_b) in itertools.combinations(zip(texts, boxes, strict=True), 2):
        assert not overlap(box_a, box_b), (a.text, b.text)


# One page for the chart and its table


FILLER = "Deze regel vult de pagina zodat het spinnenweb steeds op een andere hoogte begint, tot aan de voet."


def with_filler(lines: int):
    data = minimaal()
    data["spinnenweb"] = {"scores": {1: 3, 2: 2, 3: 3, 4: 2, 5: 2}, "vorig_jaar": {1: 2, 2: 2, 3: 2, 4: 1, 5: 1}}
    data["prestatie_indicatoren_nvt"] = "\n\n".join([FILLER] * lines) or "Geen."
    return kd.load(data)


def pages_of_chart_and_table(reader) -> tuple[int, int, int]:
    texts = [p.extract_text() for p in reader.pages]

    def page(needle: str) -> int:
        return next(i for i, t in enumerate(texts) if needle in t)

    return page("Spinnenweb KKFZ"), page("1 Veiligheid"), page("5. Informeren over resultaten")


FILLERS = range(0, 48, 4)


def test_pdf_keeps_the_chart_and_its_table_on_one_page(tmp_path):
    placed = set()
    for lines in FILLERS:
        path = tmp_path / f"v{lines}.pdf"
        kd.render_pdf(with_filler(lines), path, max_pages=None)
        heading, chart, table = pages_of_chart_and_table(PdfReader(path))
        assert heading == chart == table, lines
        placed.add(chart)
    assert len(placed) > 1  # the filler moved the chart across a page end


def test_libreoffice_keeps_the_word_chart_and_its_table_on_one_page(tmp_path):
    docs = [kd.render_docx(with_filler(lines), tmp_path / f"v{lines:02d}.docx") for lines in FILLERS]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, docs),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    placed = set()
    for docx in docs:
        heading, chart, table = pages_of_chart_and_table(PdfReader(docx.with_suffix(".pdf")))
        assert heading == chart == table, docx.name
        placed.add(chart)
    assert len(placed) > 1
