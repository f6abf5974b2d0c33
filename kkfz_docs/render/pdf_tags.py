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
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream, PDFString
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.tables import TableRenderCB

from .script_runs import Paragraph

__all__ = [
    "ROLE_MAP",
    "Element",
    "Figure",
    "LinkedParagraph",
    "ListItem",
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

    def link(self, canv: Canvas, url: str, rect: tuple[float, float, float, float], description: str) -> None:
        """A link annotation over rect (in the current coordinates) that belongs to this Link element."""
        canv.linkURL(url, rect, relative=1, Contents=PDFString(description), F=4)  # F=4: printed
        self.kids.append(_Annotation(canv.getPageNumber(), canv._annotationrefs[-1]))  # the one just added


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

    Drawn a second time (a table header row repeated on the next page), it is an artifact."""

    def __init__(self, text, style, bulletText=None, frags=None, *, tag: Element | None = None, **kwargs):
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kwargs)
        self.tag = tag
        self._drawn = False

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            if part is not self:
                self._pass_on(part, i == len(parts) - 1)
        return parts

    def _pass_on(self, part: TaggedParagraph, last: bool) -> None:
        part.tag = self.tag

    def draw(self) -> None:
        if self.tag is None:
            raise ValueError("a tagged paragraph without its structure element")
        with artifact(self.canv, "Pagination") if self._drawn else self.tag.marked(self.canv):
            super().draw()
        self._drawn = True


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


class LinkedParagraph(TaggedParagraph):
    """A paragraph whose text ends in a URL: that tail is a Link element, with a link annotation over it.

    Drawn line by line as ReportLab draws a left-aligned paragraph of one style; any other paragraph
    (or a part of a split one before its last) is drawn as plain content of its element."""

    def __init__(self, *args, url: str = "", target: str = "", description: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.url, self.target, self.description = url, target, description
        self._url_chars = sum(not c.isspace() for c in url)
        self._link: list[Element] = []  # shared by the split parts: one Link element

    def _pass_on(self, part: LinkedParagraph, last: bool) -> None:
        super()._pass_on(part, last)
        part.url, part.target, part.description, part._link = self.url, self.target, self.description, self._link
        part._url_chars = self._url_chars if last else 0
        if not last:
            self._url_chars = 0

    def _plain_lines(self) -> tuple[list[tuple[float, str]], Any] | None:
        """(extra space, text) per line and the one font, size and colour they are drawn in; None when
        the paragraph mixes styles (escaped text only splits into fragments of one style, at entities)."""
        para = self.blPara
        if para.kind == 0:
            return [(extra, " ".join(words)) for extra, words in para.lines], para
        frags = [f for line in para.lines for f in line.words]
        if not frags:
            return None
        first = frags[0]
        for f in frags:
            if (f.fontName, f.fontSize, f.textColor) != (first.fontName, first.fontSize, first.textColor) or any(
                getattr(f, a, None) for a in ("cbDefn", "link", "us_lines", "backColor", "rise")
            ):
                return None
        return [(line.extraSpace, "".join(f.text for f in line.words)) for line in para.lines], first

    def draw(self) -> None:
        plain = self._plain_lines() if self._url_chars and not self._drawn else None
        if plain is None or self.style.alignment != TA_LEFT:
            super().draw()
            return
        lines, font = plain
        canv, style, tag = self.canv, self.style, self.tag
        assert tag is not None  # a LinkedParagraph is always tagged
        texts = [text for _, text in lines]
        cuts, remaining = [], self._url_chars  # where the URL starts on each line, counted from the end
        for text in reversed(texts):
            j = len(text)
            while j > 0 and remaining > 0:
                j -= 1
                remaining -= not text[j].isspace()
            cuts.append(j)
        cuts.reverse()
        ascent, descent = getAscentDescent(font.fontName, font.fontSize)
        y = self.height - (font.fontSize if rl_config.paraFontSizeHeightOffset else ascent)
        for (extra, text), cut in zip(lines, cuts, strict=True):
            spaces = text.count(" ")
            word_space = extra / spaces if extra < -1e-8 and spaces else 0  # an overfull line is squeezed
            # One text object per line, as ReportLab draws it, with the marked content inside: the URL
            # then sits exactly where the viewer's glyph advances put it.
            out = canv.beginText(style.leftIndent, y)
            out.setFont(font.fontName, font.fontSize, style.leading)
            out.setFillColor(font.textColor)
            if word_space:
                out.setWordSpace(word_space)
            x = style.leftIndent
            for piece, is_link in ((text[:cut], False), (text[cut:], True)):
                if not piece:
                    continue
                if is_link and not self._link:  # after the text before it, in reading order
                    self._link.append(tag.add("Link"))
                element = self._link[0] if is_link else tag
                out._code.append(element.begin(canv))
                out.textOut(piece)
                out._code.append("EMC")
                width = stringWidth(piece, font.fontName, font.fontSize) + word_space * piece.count(" ")
                if is_link:
                    element.link(canv, self.target, (x, y + descent, x + width, y + ascent), self.description)
                x += width
            canv.drawText(out)
            y -= style.leading
        self._drawn = True


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
