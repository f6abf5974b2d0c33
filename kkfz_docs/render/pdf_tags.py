"""Tagged PDF with ReportLab: structure tree, marked content, artifacts and XMP metadata (aiming at PDF/UA-1).

ReportLab has no tagging API, so this module writes what ISO 32000-1 (14.7, 14.8) asks of a tagged PDF:

- the story (render/pdf.py) builds `Element`s in reading order while it builds its flowables: Document,
  H1, H2, P, L/LI/Lbl/LBody, Table/TR/TH/TD, Figure (with Alt), Link;
- each flowable wraps its own drawing in `element.marked(canv)`: a `/P <</MCID n>> BDC ... EMC`
  sequence, and the element gets a reference to that content on that page;
- what is drawn but is no content (running header and footer, table rules and backgrounds, a table
  header repeated on the next page) goes inside `artifact(canv, ...)`;
- at save, `tree.write(canv)` adds the StructTreeRoot with its ParentTree, /MarkInfo, the XMP metadata
  (dc:title, pdfuaid:part 1) and /StructParents and /Tabs on the pages to ReportLab's document objects.

Marked content is written with canvas.addLiteral() between drawing operations (or, for a link inside
a line of text, within that line's text object), always properly nested. The pages must be shown one
by one (no deferred showPage()): an MCID belongs to the page the canvas is on when the flowable draws.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.tables import TableRenderCB

from .links import ascii_uri
from .script_runs import Paragraph

__all__ = [
    "ROLE_MAP",
    "Element",
    "Figure",
    "ListItem",
    "Rule",
    "StructureTree",
    "TableArtifacts",
    "TaggedParagraph",
    "artifact",
    "xmp_packet",
]

ROLE_MAP = {"Title": "H1"}  # our own structure types, mapped to standard ones
_OWNER = {"Scope": "Table", "ListNumbering": "List", "BBox": "Layout", "Placement": "Layout"}


class _Content:
    """A marked-content sequence: MCID mcid on page (1-based)."""

    __slots__ = ("mcid", "page")

    def __init__(self, page: int, mcid: int):
        self.page, self.mcid = page, mcid


class _Annotation:
    """An annotation (a link) that belongs to an element."""

    __slots__ = ("page", "ref")

    def __init__(self, page: int, ref):
        self.page, self.ref = page, ref


class Element:
    """One structure element: its role, its children in reading order, and optionally Alt and attributes."""

    __slots__ = ("alt", "attributes", "kids", "parent", "role", "tree")

    def __init__(self, tree: StructureTree, role: str, parent: Element | None, alt: str | None, attributes: dict):
        self.tree, self.role, self.parent, self.alt, self.attributes = tree, role, parent, alt, attributes
        self.kids: list[Element | _Content | _Annotation] = []

    def add(self, role: str, alt: str | None = None, **attributes) -> Element:
        """A new child element, after the children added so far."""
        child = Element(self.tree, role, self, alt, attributes)
        self.kids.append(child)
        return child

    def begin(self, canv: Canvas) -> str:
        """The operator that starts a marked-content sequence of this element on the canvas's current page."""
        return f"/{self.role} <</MCID {self.tree._new_content(canv, self)}>> BDC"

    @contextlib.contextmanager
    def marked(self, canv: Canvas) -> Iterator[None]:
        """Everything drawn inside is this element's content (on the canvas's current page)."""
        canv.addLiteral(self.begin(canv))
        try:
            yield
        finally:
            canv.addLiteral("EMC")


class StructureTree:
    """The logical structure of one PDF, filled while the story is built and drawn, written at save."""

    def __init__(self) -> None:
        self.root = Element(self, "Document", None, None, {})
        self._owners: dict[int, list[Element]] = {}  # page -> the element of each MCID on it

    def _new_content(self, canv: Canvas, element: Element) -> int:
        page = canv.getPageNumber()
        owners = self._owners.setdefault(page, [])
        owners.append(element)
        element.kids.append(_Content(page, len(owners) - 1))
        return len(owners) - 1

    def write(self, canv: Canvas, metadata: dict) -> None:
        """Add the structure tree, /MarkInfo, XMP metadata and the pages' keys to the canvas's document.

        Call after the last showPage() and before save(). metadata: titel, auteur, onderwerp,
        trefwoorden, taal (as given to the document's info dictionary)."""
        doc = canv._doc
        pages = doc.Pages.pages
        page_refs = [doc.Reference(p) for p in pages]
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root)
        refs: dict[int, object] = {}
        annotations: list[tuple[Element, _Annotation]] = []

        def build(element: Element, parent_ref) -> tuple[object, int | None]:
            """Write an element and its descendants; its reference and the first page it is on."""
            written = _Written()
            ref = refs[id(element)] = doc.Reference(written)
            parts: list = [b"<< /Type /StructElem /S /%s /P " % element.role.encode(), parent_ref]
            kids: list = []
            page = next((kid.page for kid in element.kids if isinstance(kid, _Content)), None)
            first = page
            for kid in element.kids:
                if isinstance(kid, Element):
                    kid_ref, kid_page = build(kid, ref)
                    kids += [kid_ref, b" "]
                    first = first or kid_page
                elif isinstance(kid, _Content):
                    if kid.page == page:  # on the element's own page (/Pg): just the MCID
                        kids.append(b"%d " % kid.mcid)
                    else:
                        kids += [b"<< /Type /MCR /Pg ", page_refs[kid.page - 1], b" /MCID %d >> " % kid.mcid]
                else:
                    annotations.append((element, kid))
                    kids += [b"<< /Type /OBJR /Obj ", kid.ref, b" /Pg ", page_refs[kid.page - 1], b" >> "]
            if first is not None:  # a table or list gets the page it starts on too
                parts += [b" /Pg ", page_refs[first - 1]]
            if kids:
                parts += [b" /K [ ", *kids, b"]"]
            if element.alt is not None:
                parts += [b" /Alt ", PDFString(element.alt)]
            if element.attributes:
                parts += [b" /A [ ", _attributes(element.attributes), b" ]"]
            written.parts = [*parts, b" >>"]
            return ref, first

        root["K"] = build(self.root, root_ref)[0]
        nums: list = [b"<< /Nums [ "]
        for n, page in enumerate(pages):
            _set_page_keys(page, StructParents=n, Tabs=PDFName("S"))
            nums.append(b"%d [ " % n)
            for element in self._owners.get(n + 1, []):
                nums += [refs[id(element)], b" "]
            nums.append(b"] ")
        for key, (element, annotation) in enumerate(annotations, len(pages)):
            doc.idToObject[annotation.ref.name]["StructParent"] = key
            nums += [b"%d " % key, refs[id(element)], b" "]
        root["ParentTree"] = _Written([*nums, b"] >>"])
        root["ParentTreeNextKey"] = len(pages) + len(annotations)
        root["RoleMap"] = PDFDictionary({k: PDFName(v) for k, v in ROLE_MAP.items()})
        canv.setCatalogEntry("StructTreeRoot", root)
        canv.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": "true"}))
        kind = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
        # Uncompressed, so that tools that do not parse PDF find it too.
        canv.setCatalogEntry("Metadata", PDFStream(kind, xmp_packet(**metadata), filters=[]))


@contextlib.contextmanager
def artifact(canv: Canvas, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """Everything drawn inside is an artifact: no content, skipped by assistive technology."""
    _begin_artifact(canv, kind, subtype)
    try:
        yield
    finally:
        canv.addLiteral("EMC")


def _begin_artifact(canv: Canvas, kind: str, subtype: str | None = None) -> None:
    canv.addLiteral(f"/Artifact <</Type /{kind}{f' /Subtype /{subtype}' if subtype else ''}>> BDC")


class TaggedParagraph(Paragraph):
    """A paragraph drawn as the content of its element `tag`, and so are the parts it splits into.

    Its links (<a href> in its markup, render/script_runs.py) are Link elements inside it: ReportLab
    lays them out and makes their annotations; the text of each is marked as its Link's content
    within the line's text object, and each annotation joins its Link with /Contents (descriptions:
    target -> description, else "Link naar ...") and an underline drawn as an artifact.
    Drawn a second time (a table header row repeated on the next page), it is an artifact, without links.
    """

    def __init__(self, text, style, bulletText=None, frags=None, *, tag: Element | None = None, **kwargs):
        self.descriptions: dict[str, str] = kwargs.pop("descriptions", None) or {}
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kwargs)
        self.tag = tag
        self._drawn = False
        self._links: dict[int, Element] = {}  # ReportLab's link number -> its Link element, shared by the parts
        self._marking: _LinkMarking | None = None

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            if part is not self:
                self._pass_on(part, i == len(parts) - 1)
        return parts

    def _pass_on(self, part: TaggedParagraph, last: bool) -> None:
        part.tag, part.descriptions, part._links = self.tag, self.descriptions, self._links

    def draw(self) -> None:
        if self.tag is None:
            raise ValueError("a tagged paragraph without its structure element")
        if self._drawn:
            with artifact(self.canv, "Pagination"), _no_links(self.canv):
                super().draw()
        elif _has_links(self.blPara):
            self._marking = _LinkMarking(self)
            try:
                super().draw()
            finally:
                self._marking.close()
                self._marking = None
        else:
            with self.tag.marked(self.canv):
                super().draw()
        self._drawn = True

    def beginText(self, x, y):
        text = super().beginText(x, y)
        if self._marking is not None:
            self._marking.open(text)
        return text


class _LinkMarking:
    """The marked content and annotations of the links of one paragraph while ReportLab draws it.

    Everything ReportLab paints of such a paragraph is in its text object: the paragraph's content is
    marked inside it (BT /P BDC ... EMC ET), and ReportLab's _linkRecord hook, called where a link's
    text starts and ends in a line, closes that sequence and opens one of the Link (and back).
    ReportLab calls canvas.linkURL for each link on each line after the line's text: the calls come
    in the order the links started, which pairs each annotation with its Link element."""

    def __init__(self, paragraph: TaggedParagraph):
        if paragraph.tag is None:
            raise TypeError("a link is marked inside its paragraph's structure element")
        self.paragraph, self.canv, self.tag = paragraph, paragraph.canv, paragraph.tag
        self.started: list[Element] = []  # Link elements whose text was drawn and whose annotation is due
        self.canv.linkURL = self.annotate  # for this paragraph only: close() removes it
        para = paragraph.blPara
        # One fragment (ReportLab's "kind 0"): the whole paragraph is its link, annotated line by line.
        self.whole = self._link(para.link[0]) if para.kind == 0 else None

    def _link(self, key: tuple[int, str]) -> Element:
        links = self.paragraph._links
        if key[0] not in links:
            links[key[0]] = self.tag.add("Link")  # after the paragraph's content so far
        return links[key[0]]

    def open(self, text) -> None:
        code, get_code = text._code, text.getCode
        code.append((self.whole or self.tag).begin(self.canv))

        def record(key, what: str) -> None:
            if what == "start":  # called after the link's first piece of text: mark from before it
                link = self._link(key)
                self.started.append(link)
                code.insert(len(code) - 1, f"EMC {link.begin(self.canv)}")
            else:
                code.append(f"EMC {self.tag.begin(self.canv)}")

        def with_end():
            code.append("EMC")
            return get_code()

        text._linkRecord, text.getCode = record, with_end

    def annotate(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw) -> None:
        link = self.whole or self.started.pop(0)
        description = self.paragraph.descriptions.get(url, f"Link naar {url}")
        Canvas.linkURL(
            self.canv, ascii_uri(url), rect, relative=relative, kind=kind, Contents=PDFString(description), F=4
        )
        link.kids.append(_Annotation(self.canv.getPageNumber(), self.canv._annotationrefs[-1]))
        self._underline(rect)

    def _underline(self, rect) -> None:
        """An underline under the link's text on this line, as Word's Hyperlink style has."""
        style = self.paragraph.style
        size = style.fontSize
        # ReportLab's rectangle runs from 0.2 size below the baseline (from size/8 for a whole line).
        baseline = rect[1] + (size / 8 if self.whole else 0.2 * size)
        y = baseline - 0.12 * size
        with artifact(self.canv, "Layout"):
            self.canv.saveState()
            para = self.paragraph.blPara
            words = [para] if para.kind == 0 else [w for line in para.lines for w in line.words]
            colour = next((w.textColor for w in words if getattr(w, "link", None)), style.textColor)
            self.canv.setStrokeColor(colour)
            self.canv.setLineWidth(0.06 * size)
            self.canv.line(rect[0], y, rect[2], y)
            self.canv.restoreState()

    def close(self) -> None:
        del self.canv.linkURL


def _has_links(para) -> bool:
    """Whether a laid-out paragraph (ReportLab's blPara) holds a link."""
    if para.kind == 0:
        return bool(getattr(para, "link", None))
    return any(getattr(word, "link", None) for line in para.lines for word in line.words)


@contextlib.contextmanager
def _no_links(canv: Canvas) -> Iterator[None]:
    """No annotations while a repeated table header is drawn (its links are on the first page)."""
    canv.linkURL = lambda *args, **kwargs: None
    try:
        yield
    finally:
        del canv.linkURL


class ListItem(TaggedParagraph):
    """A list item: its bullet is the content of the element `label` (Lbl), its text of `tag` (LBody).

    The bullet is drawn as ReportLab draws a bulletText at bulletAnchor "start", which must fit in
    the left indent (it does in the story's bullet style)."""

    def __init__(self, *args, label: Element | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label

    def _pass_on(self, part: ListItem, last: bool) -> None:
        super()._pass_on(part, last)
        part.label = self.label

    def draw(self) -> None:
        bullet: str | None = getattr(self, "bulletText", None)
        self.bulletText = None
        try:
            if bullet and not self._drawn and self.label is not None:
                with self.label.marked(self.canv):
                    self._draw_bullet(bullet)
            super().draw()
        finally:
            self.bulletText = bullet

    def _draw_bullet(self, bullet: str) -> None:
        style, canv = self.style, self.canv
        first = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
        size = first.fontSize if rl_config.paraFontSizeHeightOffset else getattr(first, "ascent", first.fontSize)
        canv.saveState()
        text = canv.beginText(style.bulletIndent, self.height - size + getattr(style, "bulletOffsetY", 0))
        text.setFont(style.bulletFontName, style.bulletFontSize)
        text.setFillColor(getattr(style, "bulletColor", style.textColor))
        text.textOut(bullet)
        canv.drawText(text)
        canv.restoreState()


class Rule(Flowable):
    """A horizontal rule across the frame, as Word draws a paragraph's bottom border: an artifact.

    gap: the space above the line; after: the space below the flowable."""

    def __init__(self, colour, thickness: float, gap: float, after: float = 0.0):
        super().__init__()
        self.colour, self.thickness, self.gap, self.after = colour, thickness, gap, after

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.gap + self.thickness
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.after

    def draw(self) -> None:
        with artifact(self.canv, "Layout"):
            self.canv.saveState()
            self.canv.setStrokeColor(self.colour)
            self.canv.setLineWidth(self.thickness)
            self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
            self.canv.restoreState()


class Figure(Flowable):
    """A drawing or an image drawn as the content of its Figure element, whose box it records."""

    def __init__(self, content: Flowable, tag: Element):
        super().__init__()
        self.content, self.tag = content, tag
        self.hAlign = getattr(content, "hAlign", "LEFT")

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.content.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.content.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.content.getSpaceAfter()

    def draw(self) -> None:
        (x0, y0), (x1, y1) = self.canv.absolutePosition(0, 0), self.canv.absolutePosition(self.width, self.height)
        self.tag.attributes["BBox"] = [round(v, 2) for v in (x0, y0, x1, y1)]
        with self.tag.marked(self.canv):
            self.content.drawOn(self.canv, 0, 0)


class TableArtifacts(TableRenderCB):
    """A table's backgrounds and rules drawn as artifacts; its cells (tagged paragraphs) tag themselves."""

    def startBG(self, T) -> None:
        _begin_artifact(T.canv, "Layout")

    def startLines(self, T) -> None:
        _begin_artifact(T.canv, "Layout")

    def endBG(self, T) -> None:
        T.canv.addLiteral("EMC")

    endLines = endBG

    def _nothing(self, T, *args) -> None:
        pass

    startTable = endTable = startRow = endRow = startCell = endCell = _nothing


class _Written(PDFObject):
    """A PDF object in its written form: bytes, with references and strings among them formatted in place.

    The structure tree has an object per element (hundreds per verslag); ReportLab's general
    dictionaries take several times longer to write them."""

    def __init__(self, parts: list | None = None):
        self.parts = parts or []

    def format(self, document) -> bytes:
        return b"".join(p if isinstance(p, bytes) else p.format(document) for p in self.parts)


def _attributes(attributes: dict) -> bytes:
    """An attribute dictionary of one owner: names, or a list of numbers (a box)."""
    owners = {_OWNER[k] for k in attributes}
    if len(owners) != 1:
        raise ValueError(f"attributes of more than one owner: {attributes}")
    entries = "".join(
        f" /{key} [{' '.join(f'{v:.2f}' for v in value)}]" if isinstance(value, list) else f" /{key} /{value}"
        for key, value in attributes.items()
    )
    return f"<< /O /{owners.pop()}{entries} >>".encode()


def _set_page_keys(page, **keys) -> None:
    """Give a ReportLab page dictionary keys it does not know (it writes only the names in __NoDefault__)."""
    names = list(type(page).__NoDefault__)
    page.__NoDefault__ = names + [k for k in keys if k not in names]
    for key, value in keys.items():
        setattr(page, key, value)


def xmp_packet(titel: str, auteur: str, onderwerp: str, trefwoorden: str, taal: str, maker: str) -> bytes:
    """The XMP metadata: Dublin Core title, creator, description and language, the PDF keywords, and the
    PDF/UA identification (part 1)."""
    e = escape
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(titel)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(auteur)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(onderwerp)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{e(taal)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{e(trefwoorden)}</pdf:Keywords>
   <xmp:CreatorTool>{e(maker)}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()
