"""Tables alike in both files: the same columns at the same widths, numbers aligned right, no word
broken inside, an empty column left out, a small table kept on one page.

The Word file is read with python-docx and, where the layout matters, as LibreOffice lays it out;
the PDF with pypdfium2 (where each character stands) and pypdf (its structure tree).
"""

from __future__ import annotations

import copy
import itertools

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURES, minimaal, soffice_to_pdf
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

import kkfz_docs as kd
from kkfz_docs.render import layout as L
from kkfz_docs.render.tables import _fit, is_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("35", True),
        ("1.495", True),
        ("38,9%", True),
        ("€\xa01.495.580", True),
        ("€ 12,50", True),
        ("<5", True),
        ("100,0%", True),
        ("2024", True),
        ("Q2 2025", False),
        ("2024-2025", False),
        ("niveau 1", False),
        ("n.v.t.", False),
        ("", False),
    ],
)
def test_what_counts_as_a_number(text, number):
    assert is_number(text) is number


def grid_widths(table) -> list[float]:
    """A Word table's column widths in points, from its grid."""
    return [int(c.get(qn("w:w"))) / 20 for c in table._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]


def chars(path, page: int, text: str) -> list[tuple[float, float, float, float]]:
    """The boxes (left, bottom, right, top) of the characters of each occurrence of text on a page."""
    textpage = pdfium.PdfDocument(path)[page].get_textpage()
    found = []
    searcher = textpage.search(text, match_case=True, match_whole_word=True)
    while (hit := searcher.get_next()) is not None:
        start, count = hit
        found.append([textpage.get_charbox(i) for i in range(start, start + count)])
    return found


@pytest.fixture(scope="module")
def kortewind(tmp_path_factory):
    out = tmp_path_factory.mktemp("tabellen")
    verslag = kd.load(FIXTURES[0])
    return kd.render_docx(verslag, out / "a.docx"), kd.render_pdf(verslag, out / "a.pdf").pad


def test_numbers_are_aligned_right_in_both_files(kortewind):
    docx, pdf = kortewind
    clienten = next(t for t in Document(docx).tables if t.rows[0].cells[0].text == "Financiering")
    right = WD_ALIGN_PARAGRAPH.RIGHT
    for row in clienten.rows:
        assert [c.paragraphs[0].alignment for c in row.cells] == [None, right, right]
    # In the PDF the numbers of a column (and its header) end at one x; the texts of the first begin at one.
    *_, [*_, header] = chars(pdf, 0, "Cliënten")  # the table's header: below the heading with that word
    below = header[1]

    def in_table(values, edge):
        return [boxes[edge][2 * (edge == -1)] for v in values for boxes in chars(pdf, 0, v) if boxes[0][3] < below]

    rights = [header[2], *in_table(("35", "40", "90"), -1)]
    assert len(rights) == 4 and max(rights) - min(rights) < 0.6
    *_, [*_, aandeel] = chars(pdf, 0, "Aandeel")
    shares = [aandeel[2], *in_table(("38,9%", "44,4%", "10,0%", "6,7%", "100,0%"), -1)]
    assert len(shares) == 6 and max(shares) - min(shares) < 0.6
    lefts = in_table(("WLZ", "WMO", "Totaal"), 0)
    assert len(lefts) == 3 and max(lefts) - min(lefts) < 0.6
    assert min(lefts) < min(rights) - 100


def test_word_and_pdf_give_the_columns_the_same_widths(kortewind):
    docx, pdf = kortewind
    table = next(t for t in Document(docx).tables if t.rows[0].cells[0].text == "Setting")
    widths = grid_widths(table)
    assert sum(widths) == pytest.approx(sum(cm * 72 / 2.54 for cm in L.COLUMNS_CM["zorgtypen"]), abs=0.5)
    # In the PDF each header starts its column's padding after the column's left edge.
    starts = [chars(pdf, 0, h)[0][0][0] for h in ("Setting", "Beveiligingsniveau", "Toelichting")]
    assert [b - a for a, b in itertools.pairwise(starts)] == pytest.approx(widths[:2], abs=0.6)
    for row in table.rows:
        assert [round(c.width.pt) for c in row.cells] == [round(w) for w in widths]  # cells and grid agree


def test_a_column_is_never_narrower_than_its_longest_word(tmp_path):
    data = minimaal()
    data["themas"] = [
        {"nummer": n, "planning": {j: "I" for j in range(2025, 2031)}, "toelichting": "uitleg " * 12}
        for n in (1, 5, 11)
    ]
    verslag = kd.load(data)
    docx = kd.render_docx(verslag, tmp_path / "v.docx")
    pdf = kd.render_pdf(verslag, tmp_path / "v.pdf").pad
    lo = soffice_to_pdf(docx, tmp_path / "lo")
    table = Document(docx).tables[-1]
    years = [c.text for c in table.rows[0].cells[1:-1]]
    assert years == [str(j) for j in range(2025, 2031)]
    for path in (pdf, lo):
        # The header row: every year whole on the line of the last column's header ("202 / 5" is not).
        page, [first, *_] = [
            (n, boxes) for n in range(len(PdfReader(path).pages)) for boxes in chars(path, n, "Toelichting")
        ][-1]
        on_the_line = [y for y in years for boxes in chars(path, page, y) if abs(boxes[0][1] - first[1]) < 2]
        assert on_the_line == years, path


def test_an_empty_column_is_left_out_of_both_files(tmp_path):
    data = minimaal()
    data["spinnenweb"] = {"scores": {1: 2, 2: 2, 3: 1, 4: 3, 5: 0}}
    verslag = kd.load(data)
    docx = Document(kd.render_docx(verslag, tmp_path / "v.docx"))
    pdf = kd.render_pdf(verslag, tmp_path / "v.pdf").pad
    scores = docx.tables[-1]
    assert [c.text for c in scores.rows[0].cells] == ["Pijler", "Score 2024", "Betekenis"]
    assert len(grid_widths(scores)) == 3
    assert sum(grid_widths(scores)) == pytest.approx(sum(cm * 72 / 2.54 for cm in L.COLUMNS_CM["spinnenweb"]), abs=0.5)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Pijler Score 2024 Betekenis" in " ".join(text.split())
    # With last year, the column is there; a column a provider named stays even when it is empty.
    data["spinnenweb"]["vorig_jaar"] = {1: 1, 2: 2, 3: 1, 4: 2, 5: 0}
    data["prestatie_indicatoren"] = [
        {
            "nummer": "2",
            "naam": "Continuïteit van zorg",
            "tabel": {
                "kop": "Uitstroom",
                "kolommen": ["PPC", "Thuis"],
                "rijen": [{"label": "A", "waarden": [None, 3]}],
            },
        }
    ]
    docx = Document(kd.render_docx(kd.load(data), tmp_path / "w.docx"))
    assert [c.text for c in docx.tables[-1].rows[0].cells] == ["Pijler", "Score 2024", "2023", "Betekenis"]
    assert [c.text for c in docx.tables[-2].rows[0].cells] == ["Uitstroom", "PPC", "Thuis"]


def table_pages(reader: PdfReader) -> list[set[int]]:
    """Per Table element of the structure tree, the pages its rows' cells are drawn on."""
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}

    def kids(element):
        k = element.get("/K", [])
        objects = [x.get_object() for x in (k if isinstance(k, list) else [k])]
        return [x for x in objects if isinstance(x, DictionaryObject)]

    found = []

    def walk(element):
        if element.get("/S") == "/Table":
            found.append({pages[cell.raw_get("/Pg").idnum] for tr in kids(element) for cell in kids(tr)})
        for kid in kids(element):
            if kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object())
    return found


def test_a_small_table_is_kept_on_one_page_in_both_files(tmp_path):
    """The cliënten table (five rows) moves down a line at a time past the end of page 1: it is never split."""
    base = minimaal()
    base["algemene_informatie"]["clienten"]["anders_gefinancierd"] = {"WLZ": 25, "WMO": 9, "Zvw": 4}
    pages = {}
    for n in range(16, 24):
        data = copy.deepcopy(base)
        data["inleiding"] = "\n\n".join(f"Alinea {i}." for i in range(n))
        verslag = kd.load(data)
        reader = PdfReader(kd.render_pdf(verslag, tmp_path / f"{n}.pdf").pad)
        [clienten] = table_pages(reader)[1:2]
        assert len(clienten) == 1, n
        pages[n] = clienten.pop()
        if n % 2:  # the Word file as LibreOffice lays it out: the rows on one page too
            lo = PdfReader(soffice_to_pdf(kd.render_docx(verslag, tmp_path / f"{n}.docx"), tmp_path / "lo"))
            first = [i for i, page in enumerate(lo.pages) if "Forensische zorg (DJI)" in page.extract_text()]
            total = [i for i, page in enumerate(lo.pages) if "Totaal" in page.extract_text()]
            assert first == total == [pages[n]], n
    assert set(pages.values()) == {0, 1}  # the table stood on page 1, then on page 2: it crossed the page end whole


def test_a_template_whose_cells_have_no_widths_takes_them_from_the_grid(tmp_path):
    """Another word processor may write the widths in the table grid only: they are kept."""
    template = Document(kd.export_template(tmp_path / "standaard.docx"))
    for tc_w in list(template.element.body.iter(qn("w:tcW"))):
        tc_w.getparent().remove(tc_w)
    template.save(tmp_path / "zonder-celbreedtes.docx")
    verslag = kd.load(FIXTURES[0])
    standard = Document(kd.render_docx(verslag, tmp_path / "a.docx"))
    grid_only = Document(kd.render_docx(verslag, tmp_path / "b.docx", template=tmp_path / "zonder-celbreedtes.docx"))
    expected = [grid_widths(t) for t in standard.tables]
    assert [grid_widths(t) for t in grid_only.tables] == expected
    assert all(len(set(w)) > 1 for w in expected)


@given(
    st.lists(st.tuples(st.floats(0.1, 500), st.floats(0, 500)), min_size=1, max_size=12),
    st.floats(10, 600),
)
def test_column_widths_fill_the_table_and_respect_the_longest_words_where_they_can(columns, total):
    wanted = [w for w, _ in columns]
    wanted = [w * total / sum(wanted) for w in wanted]
    minimum = [m for _, m in columns]
    widths = _fit(wanted, minimum, total)
    assert sum(widths) == pytest.approx(total, rel=1e-6)
    assert all(w > 0 for w in widths)
    if sum(minimum) <= total:
        assert all(w >= m - 1e-6 for w, m in zip(widths, minimum, strict=True))
