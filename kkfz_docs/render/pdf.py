"""render_pdf(): the PDF, laid out with ReportLab, that enforces a verslag's six-page guideline.

The story walks the document's outline (render/outline.py) over the same context as the Word file,
with the same section order, headings, tables and texts, in Carlito, the metric twin of the
template's Calibri; a meerjarenplan's speerpunten become bordered cards. User text is escaped
before it reaches ReportLab's paragraph markup, each character in a font that has it
(render/script_runs.py). The whole document is laid out in memory first; only a PDF within the
page limit is written (atomically).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from attrs import evolve
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.fonts import tt2ps
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import _listWrapOn

from ..atomic import write_atomic
from ..errors import PaginaLimietOverschreden
from ..findings import Bevinding, waarschuwing
from ..text import iter_texts, strip_control_characters
from . import fonts, house_style, outline, soorten
from . import layout as L
from .context import Context
from .house_style import HouseStyle, TextStyle
from .info import RenderInfo, SectieInfo
from .links import target
from .pdf_tags import (
    Element,
    Figure,
    ListItem,
    Rule,
    StructureTree,
    TableArtifacts,
    TaggedParagraph,
    artifact,
)
from .script_runs import Paragraph, markup
from .soorten import STANDAARD, PaginaLimiet
from .tables import CELL_PADDING_PT, KEEP_TOGETHER_ROWS, table_layout

__all__ = [
    "BODY_PT",
    "CHART_HEIGHT",
    "CHART_WIDTH",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "WIDTH",
    "bevindingen",
    "layout",
    "render_pdf",
    "story",
    "unprintable_texts",
]

BODY_PT = L.BODY_PT
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = L.MARGIN_X_CM * cm, L.MARGIN_TOP_CM * cm, L.MARGIN_BOTTOM_CM * cm
WIDTH = A4[0] - 2 * MARGIN_X
FRAME_HEIGHT = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
CHART_WIDTH = L.CHART_WIDTH_CM * cm
CHART_HEIGHT = L.CHART_HEIGHT_CM * cm


def _color(hex6: str) -> colors.Color:
    return colors.HexColor(f"#{hex6}")


def _styles(house: HouseStyle) -> dict[str, ParagraphStyle]:
    """The paragraph styles of the PDF, from the house style of the Word template (house_style.py)."""

    def style(name: str, text: TextStyle, leading: float, **extra) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=tt2ps(text.font, int(text.bold), int(text.italic)),
            fontSize=text.size,
            leading=text.size * leading,
            textColor=_color(text.color),
            spaceBefore=text.space_before,
            spaceAfter=text.space_after,
            allowWidows=0,
            allowOrphans=0,
            **extra,
        )

    fonts.register()
    b = house.body
    body = style("body", b, L.LINE_HEIGHT_EM * b.line_spacing)
    bold = tt2ps(b.font, 1, 0)
    return {
        "body": body,
        "title": style("title", house.title, L.LINE_HEIGHT_EM * house.title.line_spacing),
        "subtitle": style("subtitle", house.subtitle, L.LINE_HEIGHT_EM * house.subtitle.line_spacing),
        **{
            f"h{n}": style(f"h{n}", h, L.LINE_HEIGHT_EM * h.line_spacing, keepWithNext=1)
            for n, h in house.headings.items()
        },
        "bullet": style(
            "bullet",
            house.bullet,
            L.LINE_HEIGHT_EM * house.bullet.line_spacing,
            leftIndent=0.63 * cm,
            bulletIndent=0,
            bulletFontName=body.fontName,
        ),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=bold, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=bold, textColor=_color(house.table_text), spaceAfter=0
        ),
        "header": style("header", house.header, L.LINE_HEIGHT_EM, alignment=TA_RIGHT),
    }


def _words(text: str) -> int:
    return len(text.split())


class _Heading(TaggedParagraph):
    """A heading that opens a chapter (level 0) or a part of one (level 1, 2, ...) in the PDF outline.

    Its first part binds the bookmark to where it is drawn and adds the outline entry there (in
    drawing order, which is reading order; a heading inside a card is drawn by the card's table).
    _Document records the page a chapter starts on (section: the chapter's index)."""

    outline_key: str | None = None  # None on the second part of a split heading
    section: int | None = None

    def _pass_on(self, part: _Heading, last: bool) -> None:
        super()._pass_on(part, last)
        part.outline_text, part.outline_level = self.outline_text, self.outline_level
        if not last:  # the first of the two parts ReportLab splits a paragraph into
            part.outline_key, part.section = self.outline_key, self.section

    def draw(self) -> None:
        if self.outline_key:
            self.canv.bookmarkHorizontal(self.outline_key, 0, self.height)
            self.canv.addOutlineEntry(self.outline_text, self.outline_key, level=self.outline_level)
        super().draw()


class _Card(Table):
    """A speerpunt's bordered block: moved whole to the next page when it does not fit in what is
    left of this one but fits on a page; split over pages only when it is longer than a page.

    (Not a KeepTogether: ReportLab does not keep a heading with a KeepTogether that follows it.)"""

    def split(self, availWidth, availHeight):
        _width, height = self.wrap(availWidth, availHeight)
        if availHeight < height <= FRAME_HEIGHT:
            return []
        return super().split(availWidth, availHeight)


class _KeepWithNext(KeepTogether):
    """Headings kept with what follows them (ReportLab's keepWithNext), as Word's keep-with-next does:
    when the whole does not fit in what is left of the page, the headings stay with the first lines of
    a paragraph or the first rows of a table there (ReportLab's KeepTogether moves them all to the next
    page, leaving the rest of this one empty, where Word breaks the table); a card still moves whole."""

    def split(self, aW, aH):
        parts = super().split(aW, aH)
        *heads, last = self._content
        if not heads or not parts or not isinstance(parts[0], type(self.FrameBreak)) or isinstance(last, _Card):
            return parts
        _width, height = _listWrapOn(heads, aW, self.canv)
        room = aH - height - heads[0].getSpaceBefore() - last.getSpaceBefore() - 1  # spaces counted in full
        first = last.splitOn(self.canv, aW, room) if room > 0 else []
        if len(first) < 2:
            return parts
        return [*heads, *first]


class _Story:
    """Builds the flowables from the context and counts each chapter's words.

    Each method also adds the structure elements of what it lays out to the tagged PDF's structure
    tree (render/pdf_tags.py), in reading order; each flowable draws itself as its element's content."""

    def __init__(self, house: HouseStyle, chart: Callable[[], Flowable], website: str = "", naam: str = ""):
        self.s = _styles(house)
        self.links = (website, house.link)  # every web address a link, the website as typed too
        self.title_rule = house.title_rule
        self.descriptions = {target(website): f"Website van {naam}"} if website else {}
        self.rule = _color(house.table_fill)  # the table header's fill, and the tables' rules
        self.card_border = _color(house.card_border)
        self.chart = chart
        self.flow: list[Flowable] = []
        self.sections: list[list] = []  # [title, words]
        self.tags = StructureTree()
        self.parent = self.tags.root  # where the next structure element goes: the document, or a card
        self.width = WIDTH  # what a table may take: the text width, or less inside a card
        self._headings = 0

    def _heading(self, text: str, style: str, level: int) -> None:
        self._headings += 1
        heading = _Heading(*self._text(text, style), tag=self.parent.add(style.upper()))
        heading.outline_text, heading.outline_level, heading.outline_key = text, level, f"k{self._headings}"
        self.flow.append(heading)

    def section(self, title: str) -> None:
        self.sections.append([title, _words(title)])
        self._heading(title, "h1", 0)
        self.flow[-1].section = len(self.sections) - 1

    def _count(self, text: str) -> None:
        if self.sections:
            self.sections[-1][1] += _words(text)

    def h2(self, text: str, style: str = "h2") -> None:
        """A heading below the chapter's: h2, or h3/h4 for own paragrafen deeper down."""
        self._count(text)
        # Nested under its chapter in the bookmarks (h3 under h2, ...), at the top before any chapter.
        self._heading(text, style, int(style[1]) - 1 if len(self.sections) > 1 else 0)

    def _text(self, text: str, style: str | ParagraphStyle) -> tuple[str, ParagraphStyle]:
        """The markup of a text in a style (its web addresses links), and that style."""
        look = self.s[style] if isinstance(style, str) else style
        return markup(text, look.fontName, self.links), look

    def para(self, text: str, style: str = "body") -> None:
        self._count(text)
        tag = self.parent.add("Title" if style == "title" else "P")
        markup_, look = self._text(text, style)
        rule = self.title_rule if style == "title" else None
        if rule is not None:  # the Title style's bottom border: below the text, before the space after
            look = ParagraphStyle("title_ruled", parent=look, spaceAfter=0)
        self.flow.append(TaggedParagraph(markup_, look, tag=tag, descriptions=self.descriptions))
        if rule is not None:
            colour, thickness, gap = rule
            self.flow.append(Rule(_color(colour), thickness, gap, after=self.s["title"].spaceAfter))

    def kenmerk(self, label: str, text: str) -> None:
        """A paragraph that starts with a bold label."""
        self._count(f"{label} {text}")
        body = self.s["body"]
        tekst = f"<b>{markup(label, self.s['cell_bold'].fontName)}</b>" + (
            f" {self._text(text, 'body')[0]}" if text else ""
        )
        self.flow.append(TaggedParagraph(tekst, body, tag=self.parent.add("P"), descriptions=self.descriptions))

    @contextlib.contextmanager
    def card(self) -> Iterator[None]:
        """Everything laid out inside goes into one bordered block, a Div in the structure tree, kept
        on one page where it fits (a card longer than a page breaks over pages, its border with it)."""
        outer_flow, outer_parent, outer_width = self.flow, self.parent, self.width
        self.flow, self.parent = [], outer_parent.add("Div")
        self.width = WIDTH - 2 * (L.CARD_PADDING_PT + L.CARD_BORDER_PT)
        try:
            yield
        finally:
            content, self.flow, self.parent, self.width = self.flow, outer_flow, outer_parent, outer_width
        if content and isinstance(content[-1], Spacer):
            content.pop()  # the space after a last table stays outside the border
        table = _Card([[content]], colWidths=[WIDTH], splitInRow=1, hAlign="LEFT", renderCB=TableArtifacts())
        padding = L.CARD_PADDING_PT
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), L.CARD_BORDER_PT, self.card_border),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    *((side, (0, 0), (-1, -1), padding) for side in ("LEFTPADDING", "RIGHTPADDING")),
                    ("TOPPADDING", (0, 0), (-1, -1), padding - 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), padding - L.SPACE_AFTER_PT),
                ]
            )
        )
        self.flow.append(table)
        self.flow.append(Spacer(0, 8))

    def paras(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.para(text)

    def bullets(self, items: Sequence[str]) -> None:
        lijst = self.parent.add("L", ListNumbering="Disc")
        for item in items:
            self._count(item)
            li = lijst.add("LI")
            label = li.add("Lbl")
            self.flow.append(
                ListItem(
                    *self._text(item, "bullet"),
                    bulletText="•",
                    tag=li.add("LBody"),
                    label=label,
                    descriptions=self.descriptions,
                )
            )

    def figure(self, content: Flowable, alt: str) -> None:
        """A chart or picture, described for whoever cannot see it."""
        self.flow.append(Figure(content, self.parent.add("Figure", alt=alt, Placement="Block")))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_cm: Sequence[float],
        footer: Sequence[str] | None = None,
    ) -> None:
        """A table as render/tables.py lays it out (the Word renderer does the same): empty columns left
        out, numbers aligned right, no word broken inside; kept on one page when small."""
        # A row with fewer values than columns is a fout (check says so); the page count still lays it out.
        rows = [[*r, *[""] * (len(header) - len(r))] for r in rows]
        below = [*rows, *([footer] if footer else [])]
        bold = self.s["cell_bold"]
        shape = table_layout(header, below, [w * cm for w in widths_cm], self.width, bold.fontName, bold.fontSize)
        keep = [c for c, show in enumerate(shape.shown) if show]
        header, rows = [header[c] for c in keep], [[r[c] for c in keep] for r in rows]
        footer = [footer[c] for c in keep] if footer else None
        tabel = self.parent.add("Table")

        def cell(text: str, style: str, role: str, row: Element, column: int, **scope) -> TaggedParagraph:
            look = self._aligned(style) if shape.numeric[column] else self.s[style]
            return TaggedParagraph(*self._text(text, look), tag=row.add(role, **scope), descriptions=self.descriptions)

        tr = tabel.add("TR")
        data = [[cell(h, "cell_head", "TH", tr, c, Scope="Column") for c, h in enumerate(header)]]
        for row, style in [*((r, "cell") for r in rows), *([(footer, "cell_bold")] if footer else [])]:
            tr = tabel.add("TR")  # the first cell labels the row
            row_cells = [cell(row[0], "cell_bold", "TH", tr, 0, Scope="Row")] if row else []
            data.append(row_cells + [cell(v, style, "TD", tr, c) for c, v in enumerate(row[1:], 1)])
        for row in [header, *rows, *([footer] if footer else [])]:
            for v in row:
                self._count(v)
        table = _Table(
            data, colWidths=list(shape.widths), repeatRows=1, splitInRow=1, hAlign="LEFT", renderCB=TableArtifacts()
        )
        commands: list[tuple] = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),  # else ReportLab sets Helvetica, unembedded
            ("FONTSIZE", (0, 0), (-1, -1), BODY_PT),
            ("BACKGROUND", (0, 0), (-1, 0), self.rule),
            ("BOX", (0, 0), (-1, -1), 0.75, self.rule),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, self.rule),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_PT),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        if footer:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 1.5, self.rule))
        table.setStyle(TableStyle(commands))
        if len(data) <= KEEP_TOGETHER_ROWS:  # with the heading before it: ReportLab joins no heading to a group
            start = len(self.flow)
            while start and self.flow[start - 1].getKeepWithNext():
                start -= 1
            self.flow[start:] = [KeepTogether([*self.flow[start:], table])]
        else:
            self.flow.append(table)
        # The Word template's empty paragraph after a table: one line of its small size.
        self.flow.append(Spacer(0, L.AFTER_TABLE_PT * L.LINE_HEIGHT_EM * L.LINE_SPACING))

    def _aligned(self, name: str) -> ParagraphStyle:
        """The cell style, aligned right (a column of numbers)."""
        if f"{name}_right" not in self.s:
            self.s[f"{name}_right"] = ParagraphStyle(f"{name}_right", parent=self.s[name], alignment=TA_RIGHT)
        return self.s[f"{name}_right"]


class _Table(Table):
    """A table whose rows break across pages only when one is taller than a whole page, as Word does
    with rows that may not split (w:cantSplit): elsewhere the row moves to the next page."""

    def split(self, availWidth, availHeight):
        self.splitInRow = 1 if availHeight >= FRAME_HEIGHT - 1 else 0
        return super().split(availWidth, availHeight)


def story(
    ctx: Context,
    chart: Callable[[], Flowable],
    logo: bytes | None = None,
    house: HouseStyle | None = None,
    document: Sequence[outline.Node] = outline.DOCUMENT,
) -> _Story:
    """Lay the context out as the outline (render/outline.py) says (the verslag's unless another is
    given), as the Word template does."""
    s = _Story(house or house_style.default(), chart, ctx["organisatie"]["website"], ctx["organisatie"]["naam"])
    s.sections.append(["Titel", 0])  # starts on page 1
    _lay_out(s, document, outline.Scope(ctx), ctx, logo)
    return s


def _lay_out(s: _Story, nodes: Sequence[outline.Node], outer: outline.Scope, ctx: Context, logo: bytes | None) -> None:
    together: list[int] = []  # where the flowables to keep on one page start
    for node, scope in outline.walk(nodes, outer):
        if node is outline.END_TOGETHER:
            start = together.pop()
            # One group: a small table's own KeepTogether inside would make ReportLab think it too tall.
            parts = [
                f for part in s.flow[start:] for f in (part._content if isinstance(part, KeepTogether) else [part])
            ]
            s.flow[start:] = [KeepTogether(parts)]
        elif isinstance(node, outline.Together):
            start = len(s.flow)  # with the heading before them (ReportLab will not join a heading to a group)
            while start and s.flow[start - 1].getKeepWithNext():
                start -= 1
            together.append(start)
        elif isinstance(node, outline.Chapter):
            s.section(outline.fill(scope, node.titel))
        elif isinstance(node, outline.Heading):
            s.h2(outline.fill(scope, node.tekst), f"h{node.niveau}")
        elif isinstance(node, outline.Paragraph):
            s.para(outline.fill(scope, node.tekst), node.stijl)
        elif isinstance(node, outline.Kenmerk):
            s.kenmerk(outline.fill(scope, node.label), outline.fill(scope, node.tekst))
        elif isinstance(node, outline.Paragraphs):
            s.paras(outline.items(scope, node.pad))
        elif isinstance(node, outline.Bullets):
            s.bullets(outline.items(scope, node.pad))
        elif isinstance(node, outline.Table | outline.CrossTable):
            t = outline.fill_table(node, scope)
            s.table(t.koppen, t.rijen, t.breedtes_cm, t.totaal)
        elif isinstance(node, outline.Card):
            with s.card():
                _lay_out(s, node.body, scope, ctx, logo)
        elif isinstance(node, outline.Figure):
            s.figure(s.chart(), outline.lookup(scope, node.beschrijving))
            s.flow.append(Spacer(0, 6))
        elif isinstance(node, outline.Image):
            if logo is not None:  # the bytes images.inspect checked, not the file again
                width, height = ImageReader(io.BytesIO(logo)).getSize()
                h = L.LOGO_HEIGHT_CM * cm
                image = Image(io.BytesIO(logo), width=h * width / height, height=h, hAlign="LEFT")
                s.figure(image, f"Logo van {ctx['organisatie']['naam']}")
        else:
            raise TypeError(f"onbekend onderdeel van de opzet: {node!r}")


class _Document(BaseDocTemplate):
    """Records where each chapter starts and adds the outline entries."""

    def __init__(self, target, **kwargs):
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            **kwargs,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            WIDTH,
            FRAME_HEIGHT,
            id="tekst",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="pagina", frames=[frame])])
        self.keepTogetherClass = _KeepWithNext
        self.section_pages: dict[int, int] = {0: 1}
        self.last_pages: dict[int, int] = {0: 1}  # the page a chapter's last flowable is drawn on
        self._section = 0
        self.last_fill = 1.0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading) and flowable.outline_key and flowable.section is not None:
            self.section_pages[flowable.section] = self.page
            self._section = flowable.section
        if not isinstance(flowable, Spacer | ActionFlowable):  # a space or page break after its end is no part
            self.last_pages[self._section] = self.page
        frame = self.frame  # how full the page is so far; after the last flowable, the last page
        if frame is not None:
            self.last_fill = min(1.0, max(0.0, (frame._y1 + frame._height - frame._y) / frame._height))


def _canvas_class(header: str, tags: StructureTree, metadata: dict, style: ParagraphStyle) -> type[Canvas]:
    """A canvas that draws the running header on each page as it is shown, and "Pagina X van Y" on all
    pages once the page count is known; then it writes the structure tree.

    showPage() is not deferred, so bookmarks and marked content belong to the page being drawn; the
    footers are added to the finished pages' content streams (ReportLab writes those only at save)."""
    baseline = A4[1] - L.HEADER_FOOTER_CM * cm - style.fontSize

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, pdfVersion=(1, 7), **kwargs)  # PDF/UA-1 builds on PDF 1.7 (ISO 32000-1)
            self.showOutline()  # the bookmarks panel opens with the document

        def _running(self, text: str, y: float, subtype: str) -> None:
            with artifact(self, "Pagination", subtype):
                self.saveState()
                self.setFont(style.fontName, style.fontSize)
                self.setFillColor(style.textColor)
                self.drawRightString(A4[0] - MARGIN_X, y, text)
                self.restoreState()

        def showPage(self) -> None:
            with artifact(self, "Pagination", "Header"):
                # A paragraph, so the organisation's name gets the fonts and direction of any script.
                running = Paragraph(markup(header, style.fontName), style)
                _, height = running.wrap(WIDTH, A4[1])
                running.drawOn(self, MARGIN_X, baseline + style.fontSize - height)
            super().showPage()

        def save(self) -> None:
            pages = self._doc.Pages.pages
            for n, page in enumerate(pages, 1):
                self._code: list[str] = []
                self._running(f"Pagina {n} van {len(pages)}", L.HEADER_FOOTER_CM * cm, "Footer")
                if not isinstance(page.stream, str):
                    raise TypeError("ReportLab's page content is no longer kept as text until save")
                page.setStream(page.stream + "\n".join(self._code) + "\n")
            self._code = []
            tags.write(self, metadata)
            super().save()

    return NumberedCanvas


def _chart(document, draw: bool, house: HouseStyle) -> Callable[[], Flowable]:
    """The spinnenweb of a (prepared) verslag, drawn when the outline asks for it."""

    def make() -> Flowable:
        if not draw:
            return Spacer(CHART_WIDTH, CHART_HEIGHT)  # same size, nothing drawn: for counting pages
        from .chart_pdf import drawing
        from .chart_spec import radar_chart

        assert document.spinnenweb is not None  # the outline draws the chart only with a spinnenweb
        spec = radar_chart(document.spinnenweb, document.verslagjaar, house.table_fill)  # the house style's accent
        chart = drawing(spec, CHART_WIDTH, CHART_HEIGHT)
        chart.hAlign = "LEFT"
        return chart

    return make


def layout(
    document,
    max_pages: int | None = 6,
    *,
    draw_chart: bool = True,
    template: str | os.PathLike | None = None,
) -> tuple[bytes, RenderInfo]:
    """Lay the whole document (a verslag or a meerjarenplan) out in memory: the PDF bytes and what they hold.

    template: a Word template whose house style (fonts, sizes, colours, spacing) the PDF takes.
    """
    soort = soorten.van(document)
    document = soort.voorbereid(document)
    ctx = soort.context(document)
    house = house_style.read(template) if template is not None else house_style.default()
    logo = document.logo_afbeelding
    s = story(ctx, _chart(document, draw_chart, house), logo.data if logo is not None else None, house, soort.outline)
    meta = ctx["metadata"]
    info = {
        "titel": meta["titel"],
        "auteur": ctx["organisatie"]["naam"],
        "onderwerp": meta["onderwerp"],
        "trefwoorden": ", ".join(meta["trefwoorden"]),
        "taal": "nl-NL",
        "maker": "kkfz-docs",
    }
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        title=info["titel"],
        author=info["auteur"],
        subject=info["onderwerp"],
        keywords=meta["trefwoorden"],
        creator=info["maker"],
        lang=info["taal"],
        displayDocTitle=True,
        initialFontName=fonts.register(),
    )
    doc.build(s.flow, canvasmaker=_canvas_class(ctx["koptekst"], s.tags, info, s.s["header"]))
    pages: int = doc.page
    starts = [doc.section_pages.get(i, pages) for i in range(len(s.sections))]
    secties = []
    for i, (titel, woorden) in enumerate(s.sections):
        end = pages if i == len(s.sections) - 1 else doc.last_pages.get(i, starts[i])
        secties.append(SectieInfo(titel, starts[i], max(starts[i], end), woorden))
    meldingen = tuple(
        f"het lettertype '{family}' van het sjabloon is niet op deze computer gevonden (als TrueType-bestand); de "
        "PDF gebruikt Carlito. Installeer het lettertype of kies in het sjabloon een ander"
        for family in house.missing_fonts
    )
    return buffer.getvalue(), RenderInfo(pages, tuple(secties), max_pages, doc.last_fill, meldingen=meldingen)


def render_pdf(
    document,
    path: str | os.PathLike,
    max_pages: PaginaLimiet = STANDAARD,
    template: str | os.PathLike | None = None,
) -> RenderInfo:
    """Write the verslag or meerjarenplan as a PDF at path (atomically) and say what it holds.

    Raises PaginaLimietOverschreden, and writes nothing, when the PDF has more than max_pages
    pages; max_pages=None switches the limit off, "standaard" is six for a verslag, none for a plan.
    template: a Word template whose house style the PDF takes (info.meldingen says when one of its
    fonts was not found).
    """
    max_pages = soorten.max_pages(document, max_pages)
    pdf, info = layout(document, max_pages, template=template)
    if max_pages is not None and info.pages > max_pages:
        raise PaginaLimietOverschreden(info)
    write_atomic(path, lambda tmp: tmp.write_bytes(pdf))
    return evolve(info, pad=Path(path))


def bevindingen(verslag, max_pages: PaginaLimiet = STANDAARD) -> list[Bevinding]:
    """The findings that need the PDF: characters its fonts cannot show, and (regel 10) the page count.

    The page count lays the document out as render_pdf would, without drawing the chart.
    """
    max_pages = soorten.max_pages(verslag, max_pages)
    uit = [
        waarschuwing(
            pad,
            f"de PDF kan deze tekens niet weergeven: {' '.join(tekens)}; geen lettertype in kkfz-docs of op deze "
            "computer heeft ze (in Word staan ze er wel, als Word een lettertype ervoor heeft). Installeer een "
            "TrueType-lettertype met deze tekens (bijvoorbeeld voor Chinees), laat ze weg of controleer de PDF",
        )
        for pad, tekens in unprintable_texts(verslag)
    ]
    if max_pages is not None:
        _, info = layout(verslag, max_pages, draw_chart=False)
        if info.pages > max_pages:
            uit.append(waarschuwing("", info.melding()))
    return uit


def unprintable_texts(verslag) -> Iterator[tuple[str, str]]:
    """(field path, characters) for each text the PDF cannot show properly."""
    for pad, text in iter_texts(verslag):
        tekens = fonts.unprintable(strip_control_characters(text))
        if tekens:
            yield pad, tekens
