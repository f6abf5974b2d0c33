"""render_pdf(): the PDF read back with pypdf, the page limit, and parity with the Word file."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURES, minimaal, soffice_to_pdf
from docx import Document
from pypdf import PdfReader

import kkfz_docs as kd
from kkfz_docs.text import iter_texts, paragraphs, strip_control_characters


def norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def pdf_text(path, strip_running=True) -> str:
    pages = []
    for page in PdfReader(path).pages:
        lines = page.extract_text().splitlines()
        if strip_running:  # header and footer
            lines = [
                line
                for line in lines
                if not re.fullmatch(r"Pagina \d+ van \d+", line.strip()) and " · Kwaliteitsverslag " not in line
            ]
        pages.append("\n".join(lines))
    return norm("\n".join(pages))


@pytest.fixture(scope="module")
def rendered(rendered_fixtures):
    return {stem: (r.verslag, r.info, r.pdf, r.docx) for stem, r in rendered_fixtures.items()}


def verdrievoudigd(tmp_path, times: int = 3):
    """Fixture (a) with every longer text written out three times (or as many as asked)."""

    def triple(x):
        if isinstance(x, str) and len(x) > 40:
            return (x.strip() + "\n\n") * times
        if isinstance(x, dict):
            return {k: triple(v) for k, v in x.items()}
        if isinstance(x, list):
            return [triple(v) for v in x]
        return x

    path = tmp_path / ("lang.yaml" if times == 3 else f"lang{times}.yaml")
    path.write_text(
        yaml.safe_dump(triple(yaml.safe_load(FIXTURES[0].read_text("utf-8"))), allow_unicode=True), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_fixture_fits_six_pages(rendered, fixture):
    _, info, path, _ = rendered[fixture.stem]
    assert 1 <= info.pages <= 6
    assert len(PdfReader(path).pages) == info.pages


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_pdf_holds_every_text_of_the_fixture(rendered, fixture):
    verslag, _, path, _ = rendered[fixture.stem]
    text = pdf_text(path)
    missing = [
        t
        for pad, tekst in iter_texts(verslag)
        if not pad.endswith(".logo")
        for t in paragraphs(strip_control_characters(tekst))
        if norm(t) not in text
    ]
    assert missing == []


def test_pdf_numbers_are_formatted_in_dutch(rendered):
    text = pdf_text(rendered["a_kortewind"][2])
    for expected in ("38,9%", "€ 1.495.580", "€ 3.647.127", "31 december 2024", "14 mei 2025"):
        assert expected in text


def test_footer_and_header_on_every_page(rendered):
    _, info, path, _ = rendered["a_kortewind"]
    for n, page in enumerate(PdfReader(path).pages, 1):
        text = page.extract_text()
        assert f"Pagina {n} van {info.pages}" in text
        assert "Stichting Kortewind Wonen & Begeleiding · Kwaliteitsverslag 2024" in text


def test_every_character_is_drawn_in_an_embedded_font(rendered):
    _, _, path, _ = rendered["a_kortewind"]
    used = {}

    def visit(text, _cm, _tm, font, _size):
        if text.strip() and font is not None:
            descriptor = font.get("/FontDescriptor")
            used[font["/BaseFont"]] = descriptor is not None and "/FontFile2" in descriptor.get_object()

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    assert used and all(used.values()), used
    assert {name.split("+")[-1] for name in used} == {"Carlito", "Carlito-Bold"}


def test_outline_has_an_entry_per_section_and_pijler(rendered):
    _, info, path, docx = rendered["a_kortewind"]
    titles = [item["/Title"] for item in PdfReader(path).outline if not isinstance(item, list)]  # parts nest below
    kop1 = [p.text for p in Document(docx).paragraphs if p.style.name == "Heading 1"]
    assert titles == kop1
    assert "Pijler 3: Organisatie van zorg" in titles
    assert [s.titel for s in info.secties][1:] == titles


def test_metadata_title_language_and_window_title(rendered):
    reader = PdfReader(rendered["c_hoogeveld"][2])
    meta = reader.metadata
    assert meta.title == "Kwaliteitsverslag 2025 Forensisch Centrum Hoogeveld"
    assert meta.author == "Forensisch Centrum Hoogeveld"
    assert "Kwaliteitskader Forensische Zorg" in meta.subject and "KKFZ" in meta["/Keywords"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_spinnenweb_is_vector_graphics(rendered):
    _, _, path, _ = rendered["a_kortewind"]
    reader = PdfReader(path)
    # The chart has no title of its own (the heading above it names it); its labels are text.
    text = pdf_text(path)
    assert "Spinnenweb KKFZ 2024" not in text
    assert all(label in text for label in ("1 Veiligheid", "5 Informeren", "1 Plan", "4 Act", "2023"))
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    drawing = b"".join(p.get_contents().get_data() for p in reader.pages)
    assert drawing.count(b" c ") + drawing.count(b" l ") > 100  # curves and lines: the web and its labels


def test_over_the_limit_is_refused_with_figures_per_section_and_nothing_written(tmp_path):
    verslag = kd.load(verdrievoudigd(tmp_path))
    doel = tmp_path / "lang.pdf"
    doel.write_bytes(b"vorige versie")
    with pytest.raises(kd.PaginaLimietOverschreden) as info:
        kd.render_pdf(verslag, doel)
    assert doel.read_bytes() == b"vorige versie"
    message = str(info.value)
    assert re.search(r"het verslag telt \d+ pagina's, de handreiking adviseert er hooguit 6", message)
    assert re.search(r"Pijler 1: Veiligheid en persoonsgerichte zorg: pagina \d+(-\d+)?, \d+ woorden", message)
    assert info.value.info.te_veel_woorden > 0
    assert f"Schrap ongeveer {info.value.info.te_veel_woorden} woorden" in message


def test_over_the_limit_renders_with_the_limit_off(tmp_path):
    verslag = kd.load(verdrievoudigd(tmp_path))
    info = kd.render_pdf(verslag, tmp_path / "lang.pdf", max_pages=None)
    assert info.pages > 6 and len(PdfReader(tmp_path / "lang.pdf").pages) == info.pages


def test_check_warns_about_the_page_limit_with_the_same_layout(tmp_path):
    verslag = kd.load(verdrievoudigd(tmp_path))
    [b] = [b for b in kd.check(verslag) if "pagina's" in b.melding]
    assert b.niveau is kd.Niveau.WAARSCHUWING and b.pad == ""
    with pytest.raises(kd.PaginaLimietOverschreden) as info:
        kd.render_pdf(verslag, tmp_path / "x.pdf")
    assert str(info.value) == b.melding
    assert [b for b in kd.check(kd.load(FIXTURES[0])) if "pagina's" in b.melding] == []


def test_cli_exits_1_over_the_limit_and_renders_without_it(tmp_path):
    bron = verdrievoudigd(tmp_path)
    cli = [sys.executable, "-m", "kkfz_docs.cli", "render", str(bron), "-o", str(tmp_path / "uit"), "--pdf"]
    refused = subprocess.run(cli, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "handreiking adviseert er hooguit 6" in refused.stderr
    assert not (tmp_path / "uit" / "lang.pdf").exists()
    more = subprocess.run([*cli, "--max-paginas", "12"], capture_output=True, text=True, timeout=120)
    assert more.returncode == 0, more.stderr
    forced = subprocess.run([*cli, "--geen-paginalimiet"], capture_output=True, text=True, timeout=120)
    assert forced.returncode == 0 and (tmp_path / "uit" / "lang.pdf").exists()


def test_cli_renders_both_formats_by_default(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kkfz_docs.cli", "render", str(FIXTURES[2]), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert {p.suffix for p in tmp_path.iterdir()} == {".docx", ".pdf"}


HOSTILE = "R&D <b>vet</b> a<b {{ x }} &amp; 5 > 3 <script>x</script>\x0b na"


def test_markup_characters_print_literally_and_control_characters_go(tmp_path):
    data = minimaal()
    data["algemene_informatie"]["visie"] = HOSTILE
    data["pijlers"][0]["successen"] = ["a<b", "R&D"]
    path = tmp_path / "v.pdf"
    kd.render_pdf(kd.load(data), path)
    text = pdf_text(path)
    assert norm(HOSTILE.replace("\x0b", "")) in text
    assert "a<b" in text and "R&D" in text and "R&D;" not in text


def test_emoji_and_arabic_need_no_warning_but_what_no_font_has_does(tmp_path, system_fonts):
    # Emoji and Arabic have fonts in the PDF now (tests/test_pdf_scripts.py); Chinese has none
    # on a computer without a Chinese TrueType font.
    system_fonts()
    data = minimaal()
    data["pijlers"][2]["successen"] = ["Feest 🎉", "مرحبا بالعالم", "文"]
    verslag = kd.load(data)
    found = {b.pad: b.melding for b in kd.check(verslag) if "PDF kan deze tekens" in b.melding}
    assert set(found) == {"pijlers[2].successen[2]"}
    assert "文" in found["pijlers[2].successen[2]"]
    assert kd.render_pdf(verslag, tmp_path / "v.pdf").pages >= 1  # renders all the same


def test_dutch_letters_need_no_warning(tmp_path):
    data = minimaal()
    data["algemene_informatie"]["visie"] = "Zorgcoöperatie, ĳverig, café, € 12, “aanhalingstekens” – streepje"
    assert [b for b in kd.check(kd.load(data)) if "PDF kan deze tekens" in b.melding] == []


def test_a_very_long_table_cell_does_not_break_the_layout(tmp_path):
    data = minimaal()
    data["pijlers"][0]["doelen"] = [{"titel": "Lang", "gepland": 2025, "toelichting": "woord " * 1500}]
    data["algemene_informatie"]["zorgtypen"][0]["toelichting"] = "x" * 3000
    info = kd.render_pdf(kd.load(data), tmp_path / "v.pdf", max_pages=None)
    assert info.pages >= 2
    assert pdf_text(tmp_path / "v.pdf").count("woord") == 1500


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_word_and_pdf_say_the_same_thing(rendered, fixture):
    _, _, pdf, docx = rendered[fixture.stem]
    doc = Document(docx)
    word = [norm(p.text) for p in doc.paragraphs if p.text.strip()]
    cells = [norm(cell.text) for table in doc.tables for row in table.rows for cell in row.cells]
    text = pdf_text(pdf)
    assert [w for w in word if w not in text] == []
    # Table cells wrap, and pypdf reads a table row line by line across its cells: compare words.
    pdf_words = set(text.split())
    assert [w for w in " ".join(cells).split() if w not in pdf_words] == []
    word_words = set(" ".join(word + cells).split())
    # The chart is a Word chart (its labels are no paragraph text) and vectors with text in the PDF;
    # Word's bullets are numbering.
    chart = {
        "•",
        "Spinnenweb",
        "KKFZ",
        *(str(p.value) for p in kd.Pijler),
        *(p.korte_naam for p in kd.Pijler),
        "Plan",
        "Do",
        "Check",
        "Act",
        *map(str, range(5)),
        *map(str, range(2021, 2030)),
    }
    assert [w for w in text.split() if w not in word_words | chart] == []
    kop = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    position = 0
    for heading in kop:  # every heading, in the Word file's order (index raises if one is missing)
        position = text.index(norm(heading), position) + 1


def test_libreoffice_page_count_of_the_docx_is_close_to_the_pdf(rendered, tmp_path):
    """The Word file (as LibreOffice lays it out) and the PDF have the same number of pages."""
    for stem, (_, info, _, docx) in rendered.items():
        lo_pages = len(PdfReader(soffice_to_pdf(docx, tmp_path)).pages)
        assert lo_pages == info.pages, (stem, lo_pages, info.pages)


def test_logo_is_on_the_first_page_in_both_files(tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 100), "teal").save(tmp_path / "logo.png")
    (tmp_path / "kapot.png").write_bytes(b"geen afbeelding")
    data = minimaal()
    data["organisatie"]["logo"] = "logo.png"
    bron = tmp_path / "v.yaml"
    bron.write_text(yaml.safe_dump(data), encoding="utf-8")
    kd.render_pdf(kd.load(bron), tmp_path / "v.pdf")
    images = [
        x
        for x in PdfReader(tmp_path / "v.pdf").pages[0]["/Resources"]["/XObject"].values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    data["organisatie"]["logo"] = "kapot.png"
    bron.write_text(yaml.safe_dump(data), encoding="utf-8")
    verslag = kd.load(bron)
    assert [b.pad for b in kd.check(verslag)] == ["organisatie.logo"]
    kd.render_pdf(verslag, tmp_path / "v2.pdf")  # renders, without the logo
    assert "/XObject" not in PdfReader(tmp_path / "v2.pdf").pages[0]["/Resources"]
    assert not Document(kd.render_docx(verslag, tmp_path / "v2.docx")).inline_shapes


def test_the_page_limit_figures_name_the_pages_where_the_chapters_start(tmp_path):
    """Per chapter, the page-limit message names the page its heading is drawn on (where its bookmark
    points), also when keep-with-next carried the heading to the next page; a chapter ends where the
    next starts, or on the page before when the next one opens its page."""
    from kkfz_docs.render.pdf import MARGIN_TOP

    at_top = 0
    for source in [*FIXTURES, verdrievoudigd(tmp_path), verdrievoudigd(tmp_path, 6)]:
        info = kd.render_pdf(kd.load(source), tmp_path / "v.pdf", max_pages=None)
        reader = PdfReader(tmp_path / "v.pdf")
        items = [item for item in reader.outline if not isinstance(item, list)]
        chapters = [reader.get_destination_page_number(item) + 1 for item in items]
        assert [s.eerste_pagina for s in info.secties] == [1, *chapters], source.name
        top = float(reader.pages[0].mediabox.top) - MARGIN_TOP
        ends = [p - 1 if abs(float(item.top) - top) < 1 else p for p, item in zip(chapters, items, strict=True)]
        at_top += sum(e < p for e, p in zip(ends, chapters, strict=True))
        assert [s.laatste_pagina for s in info.secties[:-1]] == ends, source.name
        assert info.secties[-1].laatste_pagina == info.pages
        assert 0 < info.laatste_pagina_vol < 1  # the last page is not full
    assert at_top  # a chapter did open a page


def test_no_paragraph_leaves_a_single_line_at_a_page_end_or_start(tmp_path):
    """No widows or orphans: a paragraph broken over two pages has at least two lines on each (in the
    Word file, Normal's widow control does the same)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    path = tmp_path / "lang.pdf"
    zin = "Deze alinea is lang genoeg om over een pagina heen te lopen, met zinnen als deze. "
    data = minimaal()
    for n, veld in enumerate(("inleiding", "terugblik", "vooruitblik")):  # paragraphs of 4 to 9 lines
        data[veld] = "\n\n".join(zin * (5 + (n + i) % 6) for i in range(8))
    kd.render_pdf(kd.load(data), path, max_pages=None)
    reader = PdfReader(path)
    document = pdfium.PdfDocument(path)
    lines = {}  # (page, mcid) -> the baselines of its text
    for n in range(len(document)):
        for obj in document[n].get_objects():
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                lines.setdefault((n, mcid), set()).add(round(obj.get_bounds()[1]))
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}
    split = 0
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    todo = [root["/K"].get_object()]
    while todo:
        element = todo.pop()
        k = element.get("/K", [])
        kids = [x.get_object() for x in (k if isinstance(k, list) else [k])]
        todo += [x for x in kids if hasattr(x, "get") and x.get("/Type") == "/StructElem"]
        if element["/S"] not in ("/P", "/LBody"):
            continue
        own = pages[element.raw_get("/Pg").idnum]
        parts = [(own, x) for x in kids if isinstance(x, int)]
        parts += [
            (pages[x.raw_get("/Pg").idnum], x["/MCID"]) for x in kids if hasattr(x, "get") and x.get("/Type") == "/MCR"
        ]
        if len({page for page, _ in parts}) > 1:
            split += 1
            for page in {page for page, _ in parts}:
                count = len(set().union(*(lines.get((page, mcid), set()) for p, mcid in parts if p == page)))
                assert count >= 2, (page + 1, count)
    assert split >= 1  # a paragraph did break over pages


def test_lines_of_body_text_hold_about_ninety_characters(rendered):
    """Readable lines: a full line of body text holds about 90 characters (it was 105)."""
    import ctypes
    import statistics

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from kkfz_docs.render import layout as L

    text_width = (L.PAGE_CM[0] - 2 * L.MARGIN_X_CM) / 2.54 * 72
    lengths = []
    for _, _, path, _ in rendered.values():
        for page in pdfium.PdfDocument(path):
            textpage = page.get_textpage()
            for obj in page.get_objects():
                size = ctypes.c_float()
                if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT or not pdfium_c.FPDFTextObj_GetFontSize(
                    obj.raw, ctypes.byref(size)
                ):
                    continue
                x0, _, x1, _ = obj.get_bounds()
                if abs(size.value - L.BODY_PT) > 0.01 or x1 - x0 < 0.92 * text_width:
                    continue  # not body text, or not a full line
                count = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
                buffer = (ctypes.c_ushort * (count // 2))()
                pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, count)
                lengths.append(len(bytes(buffer).decode("utf-16-le").rstrip("\x00").strip()))
    assert len(lengths) > 40
    assert 80 <= statistics.median(lengths) <= 92 and max(lengths) <= 100
