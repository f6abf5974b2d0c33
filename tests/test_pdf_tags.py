"""The tagged PDF read back with pypdf: bookmarks, structure tree, marked content, metadata, fonts.

Each fixture's PDF is parsed from its bytes; the Word file of the same verslag and the fixture's own
data are the independent sources of what the structure must hold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, minimaal
from docx import Document
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

import kkfz_docs as kd

TEXT_SHOWING = {b"Tj", b"TJ", b"'", b'"'}
PAINTING = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"BI"}


def norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def rendered(rendered_fixtures):
    return {stem: (r.verslag, PdfReader(r.pdf), Document(r.docx)) for stem, r in rendered_fixtures.items()}


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every bookmark, in order."""
    entries = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def elements(reader: PdfReader) -> list[DictionaryObject]:
    """The structure elements, depth first in reading order."""
    found = []

    def walk(ref):
        element = ref.get_object()
        found.append(element)
        for kid in kids(element):
            if isinstance(kid, IndirectObject) and kid.get_object().get("/Type") == "/StructElem":
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].raw_get("/K"))
    return found


def kids(element) -> list:
    k = element.get("/K", [])
    return list(k) if isinstance(k, list) else [k]


def children(element, role: str | None = None) -> list[DictionaryObject]:
    return [
        k.get_object()
        for k in kids(element)
        if isinstance(k, IndirectObject)
        and k.get_object().get("/Type") == "/StructElem"
        and (role is None or k.get_object()["/S"] == role)
    ]


def page_index(reader: PdfReader, element) -> int:
    """The index of the page an element's (or a marked-content reference's) /Pg names."""
    number = element.raw_get("/Pg").idnum
    return next(i for i, page in enumerate(reader.pages) if page.indirect_reference.idnum == number)


def marked_text(page) -> list[tuple[str, dict, str]]:
    """(tag, properties, text) for the text pypdf reads inside each marked-content sequence, its lines
    joined (text objects that hold several sequences come out under the last one)."""
    stack, found = [("", {})], []

    def before(op, args, _cm, _tm):
        if op == b"BDC":
            stack.append((args[0], dict(args[1])))
        elif op == b"BMC":
            stack.append((args[0], {}))
        elif op == b"EMC":
            stack.pop()

    def text(t, _cm, _tm, _font, _size):
        if t.strip():
            if found and found[-1][0] is stack[-1]:
                found[-1][1].append(t)
            else:
                found.append((stack[-1], [t]))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return [(tag, props, norm(" ".join(lines))) for (tag, props), lines in found]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_bookmark_opens_the_page_that_shows_its_heading(rendered, fixture):
    _, reader, docx = rendered[fixture.stem]
    entries = outline(reader)
    headings = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [title for _, title, _ in entries] == [text for _, text in headings]
    assert [level for level, _, _ in entries] == [int(style[-1]) - 1 for style, _ in headings]  # H2 nested
    assert len({page for _, _, page in entries}) > 1
    shown = {}  # page -> the heading texts drawn there, in order
    for n, page in enumerate(reader.pages):
        shown[n] = [t for tag, _, t in marked_text(page) if tag in ("/H1", "/H2")]
    seen = {n: 0 for n in shown}
    last_page = 0
    for _, title, page in entries:  # in order: each heading is the next one drawn on its page
        assert page >= last_page, title
        assert shown[page][seen[page]] == norm(title), (title, page + 1, shown[page])
        seen[page] += 1
        last_page = page
    assert all(seen[n] == len(shown[n]) for n in shown)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_structure_tree_lists_the_headings_in_outline_order(rendered, fixture):
    _, reader, _ = rendered[fixture.stem]
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject is always truthy)
    tree = elements(reader)
    assert tree[0]["/S"] == "/Document"
    headings = [e for e in tree if e["/S"] in ("/H1", "/H2")]
    entries = outline(reader)
    assert [(e["/S"], page_index(reader, e)) for e in headings] == [
        ("/H1" if level == 0 else "/H2", page) for level, _, page in entries
    ]
    roles = {e["/S"][1:] for e in tree}
    assert set("Document Title H1 H2 P L LI Lbl LBody Table TR TH TD Figure".split()) <= roles
    assert root["/StructTreeRoot"]["/RoleMap"]["/Title"] == "/H1"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_the_chart_is_a_figure_whose_alt_text_states_the_scores(rendered, fixture):
    verslag, reader, _ = rendered[fixture.stem]
    [figure] = [e for e in elements(reader) if e["/S"] == "/Figure"]
    alt = figure["/Alt"]
    assert alt.startswith(f"Spinnenweb KKFZ {verslag.verslagjaar}")
    for pijler, score in verslag.spinnenweb.scores.items():
        assert f"pijler {pijler.value} {pijler.korte_naam} {score}" in alt
    if verslag.spinnenweb.vorig_jaar:
        vorig = alt.split("Vorig jaar")[1]
        for pijler, score in verslag.spinnenweb.vorig_jaar.items():
            assert f"pijler {pijler.value} {pijler.korte_naam} {score}" in vorig
    x0, y0, x1, y1 = figure["/A"][0]["/BBox"]
    assert x1 - x0 > 300 and y1 - y0 > 200  # the chart's box on the page
    # The chart's own labels are inside the figure's content, not loose text.
    page = reader.pages[page_index(reader, figure)]
    in_figure = " ".join(t for tag, _, t in marked_text(page) if tag == "/Figure")
    assert "1 Veiligheid" in in_figure and "Check" in in_figure


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_tables_have_header_cells_with_a_scope(rendered, fixture):
    _, reader, docx = rendered[fixture.stem]
    tables = [e for e in elements(reader) if e["/S"] == "/Table"]
    assert len(tables) == len(docx.tables)
    for table, word in zip(tables, docx.tables, strict=True):
        rows = children(table)
        assert [r["/S"] for r in rows] == ["/TR"] * len(word.rows)
        header = children(rows[0])
        assert len(header) == len(word.columns)
        assert all(c["/S"] == "/TH" and c["/A"][0]["/Scope"] == "/Column" for c in header)
        for row in rows[1:]:
            cells = children(row)
            assert len(cells) == len(header)
            assert cells[0]["/S"] == "/TH" and cells[0]["/A"][0]["/Scope"] == "/Row"
            assert {c["/S"] for c in cells[1:]} <= {"/TD"}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_bullets_are_lists_with_label_and_body(rendered, fixture):
    _, reader, docx = rendered[fixture.stem]
    items = [e for e in elements(reader) if e["/S"] == "/LI"]
    assert len(items) == sum(p.style.name == "List Bullet" for p in docx.paragraphs)
    for item in items:
        assert [k["/S"] for k in children(item)] == ["/Lbl", "/LBody"]
        assert all(kids(k) for k in children(item))  # both have content


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_everything_drawn_is_marked_content_or_an_artifact(rendered, fixture):
    _, reader, _ = rendered[fixture.stem]
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    parents = dict(zip(root["/ParentTree"]["/Nums"][::2], root["/ParentTree"]["/Nums"][1::2], strict=True))
    for n, page in enumerate(reader.pages):
        stack, mcids, drawn = [], [], 0
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op in (b"BDC", b"BMC"):
                props = operands[1] if op == b"BDC" else {}
                if "/MCID" in props:
                    mcids.append(props["/MCID"])
                stack.append("/MCID" in props or operands[0] == "/Artifact")
            elif op == b"EMC":
                stack.pop()
            elif op in TEXT_SHOWING | PAINTING:
                drawn += 1
                assert any(stack), (n + 1, op, operands)
        assert stack == [] and drawn > 0
        assert mcids == list(range(len(mcids)))  # each MCID once, numbered in order
        owners = parents[page["/StructParents"]]
        assert len(owners) == len(mcids)
        for mcid, owner in enumerate(owners):  # each sequence's element points back at it
            owner = owner.get_object()
            own_page = page_index(reader, owner) == n
            assert any(
                (k == mcid and own_page)
                or (isinstance(k, DictionaryObject) and k.get("/MCID") == mcid and page_index(reader, k) == n)
                for k in kids(owner)
            )
        assert page["/Tabs"] == "/S"


def test_running_header_and_footer_are_artifacts(rendered):
    _, reader, _ = rendered["a_kortewind"]
    for n, page in enumerate(reader.pages, 1):
        marked = marked_text(page)
        header = [t for tag, p, t in marked if tag == "/Artifact" and p.get("/Subtype") == "/Header"]
        footer = [t for tag, p, t in marked if tag == "/Artifact" and p.get("/Subtype") == "/Footer"]
        assert [norm(t) for t in header] == ["Stichting Kortewind Wonen & Begeleiding · Kwaliteitsverslag 2024"]
        assert [norm(t) for t in footer] == [f"Pagina {n} van {len(reader.pages)}"]
        assert not [t for tag, _, t in marked if tag != "/Artifact" and "Pagina" in t]


def test_a_table_header_repeated_on_the_next_page_is_an_artifact(tmp_path):
    data = minimaal()
    data["pijlers"][0]["doelen"] = [
        {"titel": f"Doel {i}", "gepland": 2025, "toelichting": "lang " * 40} for i in range(60)
    ]
    kd.render_pdf(kd.load(data), tmp_path / "v.pdf", max_pages=None)
    reader = PdfReader(tmp_path / "v.pdf")
    [table] = [e for e in elements(reader) if e["/S"] == "/Table" and len(children(e)) == 61]
    header = children(children(table)[0])
    assert len({page_index(reader, c) for c in header}) == 1  # the header's content: once
    repeated = [
        t
        for page in reader.pages[1:]
        for tag, p, t in marked_text(page)
        if tag == "/Artifact" and p.get("/Type") == "/Pagination" and "/Subtype" not in p  # not header, footer
    ]
    assert "Doel" in " ".join(repeated) and "Gepland" in " ".join(repeated)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_the_website_is_a_link_in_the_structure(rendered, fixture):
    verslag, reader, _ = rendered[fixture.stem]
    links = [e for e in elements(reader) if e["/S"] == "/Link"]
    if not verslag.organisatie.website:
        assert links == [] and "/Annots" not in reader.pages[0]
        return
    [link] = links
    [annotation] = [k["/Obj"] for k in kids(link) if isinstance(k, DictionaryObject) and k.get("/Type") == "/OBJR"]
    assert annotation["/Subtype"] == "/Link" and annotation["/A"]["/URI"] == verslag.organisatie.website
    assert annotation["/Contents"] == f"Website van {verslag.organisatie.naam}"
    assert [a.get_object() for a in reader.pages[0]["/Annots"]] == [annotation]
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    owner = dict(zip(nums[::2], nums[1::2], strict=True))[annotation["/StructParent"]].get_object()
    assert owner == link and link.get("/P").get_object()["/S"] == "/P"
    assert any(isinstance(k, int) for k in kids(link))  # the URL's text is the link's content


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_metadata_language_and_title_for_pdf_ua(rendered, fixture):
    _, reader, _ = rendered[fixture.stem]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL" and root["/PageMode"] == "/UseOutlines"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    xmp = ET.fromstring(root["/Metadata"].get_object().get_data())
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    }
    assert xmp.find(".//pdfuaid:part", ns).text == "1"
    assert xmp.find(".//dc:title/rdf:Alt/rdf:li", ns).text == reader.metadata.title
    assert xmp.find(".//dc:creator/rdf:Seq/rdf:li", ns).text == reader.metadata.author


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_font_is_embedded_and_used(rendered, fixture):
    _, reader, _ = rendered[fixture.stem]
    used = set()
    for page in reader.pages:
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                used.add(operands[0])
    for page in reader.pages:
        listed = page["/Resources"]["/Font"]
        assert set(listed) <= used, set(listed) - used  # no font listed that nothing draws with
        for font in listed.values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
                "/FontDescriptor"
            ]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


def test_a_website_typed_without_scheme_over_several_lines_is_one_link(tmp_path):
    data = minimaal()
    data["organisatie"]["naam"] = "Stichting " + "Heel Lange Naam & Co " * 3
    data["organisatie"]["website"] = "www.een-" + "zeer-lange-" * 8 + "naam.example/pad?a=1&b=2"
    verslag = kd.load(data)
    kd.render_pdf(verslag, tmp_path / "v.pdf")
    reader = PdfReader(tmp_path / "v.pdf")
    [link] = [e for e in elements(reader) if e["/S"] == "/Link"]
    annotations = [k["/Obj"] for k in kids(link) if isinstance(k, DictionaryObject) and k.get("/Type") == "/OBJR"]
    assert len(annotations) >= 2  # one over each line's part of the URL, from the top down
    assert {a["/A"]["/URI"] for a in annotations} == {"https://" + data["organisatie"]["website"]}
    bottoms = [a["/Rect"][1] for a in annotations]
    assert bottoms == sorted(bottoms, reverse=True) and len(set(bottoms)) == len(bottoms)
    text = "".join(reader.pages[0].extract_text().split())  # the URL is broken over lines
    assert "".join(f"{data['organisatie']['naam']} · {data['organisatie']['website']}".split()) in text


LINKS = {  # the address, and the text before it
    "/LBody": ("https://proef.example/leefklimaat?meting=2024&locatie=1", "gemeten ("),
    "/P": ("https://proef.example/meerjarenplan.pdf", "staat op "),
    "/TD": ("http://proef.example/fare", "zie "),
}


def link_elements(reader: PdfReader) -> list[tuple[str, DictionaryObject, list]]:
    """(role of its parent, Link element, its annotations) for every Link in the structure tree."""
    found = []
    for element in elements(reader):
        if element["/S"] == "/Link":
            annotations = [
                k["/Obj"] for k in kids(element) if isinstance(k, DictionaryObject) and k.get("/Type") == "/OBJR"
            ]
            found.append((element["/P"].get_object()["/S"], element, annotations))
    return found


def char_boxes(path, page: int, text: str) -> list[tuple[float, float, float, float]]:
    """The box of each character of the first occurrence of text on the page."""
    import pypdfium2 as pdfium

    textpage = pdfium.PdfDocument(path)[page].get_textpage()
    start, count = textpage.search(text, match_case=True).get_next()
    return [textpage.get_charbox(i) for i in range(start, start + count)]


def mcid_texts(path, page: int) -> dict[int, str]:
    """The text of each marked-content sequence (by MCID) of a page, as pdfium reads its text objects."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf_page = pdfium.PdfDocument(path)[page]
    textpage = pdf_page.get_textpage()
    texts: dict[int, str] = {}
    for obj in pdf_page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = (ctypes.c_ushort * (size // 2))()
            pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
            mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
            texts[mcid] = texts.get(mcid, "") + bytes(buffer).decode("utf-16-le").rstrip("\x00")
    return texts


def test_a_web_address_in_a_text_a_list_item_and_a_table_cell_is_a_link(tmp_path):
    data = minimaal()
    data["inleiding"] = f"Ons meerjarenplan staat op {LINKS['/P'][0]} en wordt elk jaar herzien."
    data["pijlers"][0]["successen"] = [f"Leefklimaat gemeten ({LINKS['/LBody'][0]}), met de cliëntenraad."]
    data["pijlers"][0]["doelen"] = [{"titel": "FARE", "gepland": 2024, "toelichting": f"zie {LINKS['/TD'][0]}."}]
    path = tmp_path / "v.pdf"
    kd.render_pdf(kd.load(data), path)
    reader = PdfReader(path)
    found = {parent: (link, annotations) for parent, link, annotations in link_elements(reader)}
    assert set(found) == set(LINKS)
    for parent, (url, word) in LINKS.items():
        link, [annotation] = found[parent]
        assert annotation["/Subtype"] == "/Link" and annotation["/A"]["/URI"] == url, parent
        assert annotation["/Contents"] == f"Link naar {url}"
        page = page_index(reader, link)
        assert [a.get_object() for a in reader.pages[page]["/Annots"]].count(annotation) == 1
        # Over the address, and only the address: from its first character to its last, after the word before.
        x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
        boxes = char_boxes(path, page, url)
        assert x0 - 0.5 <= boxes[0][0] and boxes[-1][2] <= x1 + 0.5 and y0 <= boxes[0][1] and boxes[0][3] <= y1
        before = char_boxes(path, page, word + url)[len(word.rstrip()) - 1]
        assert before[2] < x0 and boxes[0][0] - x0 < 1.5
        # The Link's content is the address's text (marked inside its paragraph's text object).
        texts = mcid_texts(path, page)
        assert (
            "".join(texts[k] for k in kids(link) if isinstance(k, int)).strip() == url
        )  # (the space after: in its Tj)
        nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
        assert dict(zip(nums[::2], nums[1::2], strict=True))[annotation["/StructParent"]].get_object() == link


def test_a_web_address_broken_over_lines_in_a_narrow_cell_is_one_link(tmp_path):
    data = minimaal()
    url = "https://proef.example/" + "lange-naam-" * 6 + "einde"
    data["algemene_informatie"]["zorgtypen"][0]["beveiligingsniveau"] = 1
    data["algemene_informatie"]["zorgtypen"][0]["setting"] = f"Wonen {url}"
    kd.render_pdf(kd.load(data), tmp_path / "v.pdf")
    reader = PdfReader(tmp_path / "v.pdf")
    [(parent, _, annotations)] = link_elements(reader)
    assert parent == "/TH" and len(annotations) >= 2  # one over each line's part
    assert {a["/A"]["/URI"] for a in annotations} == {url}
    tops = [float(a["/Rect"][3]) for a in annotations]
    assert tops == sorted(tops, reverse=True) and len(set(tops)) == len(tops)


def test_a_web_address_in_other_letters_is_written_in_ascii_in_the_pdf_link(tmp_path):
    """A PDF link action holds its address in 7-bit ASCII (ISO 32000-1, 12.6.4.7): the host in IDNA,
    other characters percent-encoded; the link's description and the text keep the address as typed."""
    data = minimaal()
    url = "https://bücher.example/cliënt?naam=één"
    data["inleiding"] = f"Zie {url} voor meer."
    kd.render_pdf(kd.load(data), tmp_path / "v.pdf")
    [(_parent, _link, [annotation])] = link_elements(PdfReader(tmp_path / "v.pdf"))
    uri = annotation["/A"]["/URI"]
    assert uri == "https://xn--bcher-kva.example/cli%C3%ABnt?naam=%C3%A9%C3%A9n" and uri.isascii()
    assert annotation["/Contents"] == f"Link naar {url}"
    assert url in norm(PdfReader(tmp_path / "v.pdf").pages[0].extract_text())
