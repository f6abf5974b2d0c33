"""render_pdf(): the PDF, laid out with ReportLab, that enforces the six-page guideline.

The story is built from the same context as the Word file (render/context.py), with the same
section order, headings, tables and texts, in Carlito, the metric twin of the template's Calibri.
User text is escaped before it reaches ReportLab's paragraph markup. The whole document is laid
out in memory first; only a PDF within the page limit is written (atomically).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
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
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..atomic import write_atomic
from ..errors import PaginaLimietOverschreden
from ..findings import Bevinding, waarschuwing
from ..text import iter_texts, strip_control_characters
from ..verslag import Kwaliteitsverslag
from . import fonts, outline
from . import layout as L
from .context import Context, build
from .info import RenderInfo, SectieInfo

ACCENT = colors.HexColor(f"#{L.ACCENT}")
TABLE_HEADER = colors.HexColor(f"#{L.TABLE_HEADER}")
GREY = colors.HexColor(f"#{L.GREY}")
BODY_PT = L.BODY_PT
LEADING = BODY_PT * 1.22 * L.LINE_SPACING  # Calibri's (and Carlito's) line height is 1.22 em
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = L.MARGIN_X_CM * cm, L.MARGIN_TOP_CM * cm, L.MARGIN_BOTTOM_CM * cm
WIDTH = A4[0] - 2 * MARGIN_X
CHART_WIDTH = L.CHART_WIDTH_CM * cm
CHART_HEIGHT = CHART_WIDTH * 4.2 / 5.6  # the figure's aspect ratio (render/charts.py)


def _styles() -> dict[str, ParagraphStyle]:
    font = fonts.register()
    bold = f"{font}-Bold"
    body = ParagraphStyle("body", fontName=font, fontSize=BODY_PT, leading=LEADING, spaceAfter=L.SPACE_AFTER_PT)
    h1_pt, h1_before, h1_after = L.HEADINGS["h1"]
    h2_pt, h2_before, h2_after = L.HEADINGS["h2"]
    return {
        "body": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=bold,
            fontSize=L.TITLE_PT,
            leading=L.TITLE_PT * 1.22,
            textColor=ACCENT,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=L.SUBTITLE_PT, leading=L.SUBTITLE_PT * 1.25, textColor=GREY, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=bold,
            fontSize=h1_pt,
            leading=h1_pt * 1.27,
            textColor=ACCENT,
            spaceBefore=h1_before,
            spaceAfter=h1_after,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=bold,
            fontSize=h2_pt,
            leading=h2_pt * 1.26,
            textColor=ACCENT,
            spaceBefore=h2_before,
            spaceAfter=h2_after,
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=0.63 * cm, bulletIndent=0, spaceAfter=2, bulletFontName=font
        ),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=bold, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=bold, textColor=colors.white, spaceAfter=0),
    }


def _markup(text: str) -> str:
    """User text for a ReportLab paragraph: escaped, a line break inside the paragraph as <br/>."""
    return escape(text).replace("\n", "<br/>")


def _words(text: str) -> int:
    return len(text.split())


class _Heading(Paragraph):
    """A heading that opens a chapter (level 0) or a part of one (level 1) in the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, key: str):
        super().__init__(escape(text), style)
        self.outline_text, self.outline_level, self.outline_key = text, level, key


class _SectionStart(Flowable):
    """An invisible marker: the chapter it names starts where it lands."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def draw(self) -> None:
        pass


class _Story:
    """Builds the flowables from the context and counts each chapter's words."""

    def __init__(self, styles: dict[str, ParagraphStyle], chart: Callable[[], Flowable]):
        self.s = styles
        self.chart = chart
        self.flow: list[Flowable] = []
        self.sections: list[list] = []  # [title, words]

    def section(self, title: str) -> None:
        self.sections.append([title, _words(title)])
        self.flow.append(_SectionStart(len(self.sections) - 1))
        self.flow.append(_Heading(title, self.s["h1"], 0, f"s{len(self.sections)}"))

    def _count(self, text: str) -> None:
        if self.sections:
            self.sections[-1][1] += _words(text)

    def h2(self, text: str) -> None:
        self._count(text)
        self.flow.append(Paragraph(_markup(text), self.s["h2"]))

    def para(self, text: str, style: str = "body") -> None:
        self._count(text)
        self.flow.append(Paragraph(_markup(text), self.s[style]))

    def paras(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.para(text)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self._count(item)
            self.flow.append(Paragraph(_markup(item), self.s["bullet"], bulletText="•"))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_cm: Sequence[float],
        footer: Sequence[str] | None = None,
    ) -> None:
        widths = _fit([w * cm for w in widths_cm])
        data = [[Paragraph(_markup(h), self.s["cell_head"]) for h in header]]
        for row in rows:
            data.append([Paragraph(_markup(v), self.s["cell_bold" if i == 0 else "cell"]) for i, v in enumerate(row)])
        if footer:
            data.append([Paragraph(_markup(v), self.s["cell_bold"]) for v in footer])
        for row in [header, *rows, *([footer] if footer else [])]:
            for v in row:
                self._count(v)
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        style = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),  # else ReportLab sets Helvetica, unembedded
            ("FONTSIZE", (0, 0), (-1, -1), BODY_PT),
            ("BACKGROUND", (0, 0), (-1, 0), TABLE_HEADER),
            ("BOX", (0, 0), (-1, -1), 0.75, TABLE_HEADER),
            ("LINEBELOW", (0, 1), (-1, -1), 0.5, TABLE_HEADER),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5.4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5.4),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        if footer:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 1.5, TABLE_HEADER))
        table.setStyle(TableStyle(style))
        self.flow.append(table)
        self.flow.append(Spacer(0, LEADING + 4))  # the Word template's empty paragraph after a table


def _fit(widths: list[float]) -> list[float]:
    total = sum(widths)
    return widths if total <= WIDTH else [w * WIDTH / total for w in widths]


def story(ctx: Context, chart: Callable[[], Flowable], logo: Path | None = None) -> _Story:
    """Lay the context out as the outline (render/outline.py) says, as the Word template does."""
    s = _Story(_styles(), chart)
    s.sections.append(["Titel", 0])
    s.flow.append(_SectionStart(0))
    for node, scope in outline.walk(outline.DOCUMENT, outline.Scope(ctx)):
        if isinstance(node, outline.Chapter):
            s.section(outline.fill(scope, node.titel))
        elif isinstance(node, outline.Heading):
            s.h2(outline.fill(scope, node.tekst))
        elif isinstance(node, outline.Paragraph):
            s.para(outline.fill(scope, node.tekst), node.stijl)
        elif isinstance(node, outline.Paragraphs):
            s.paras(outline.items(scope, node.pad))
        elif isinstance(node, outline.Bullets):
            s.bullets(outline.items(scope, node.pad))
        elif isinstance(node, outline.Table | outline.CrossTable):
            t = outline.fill_table(node, scope)
            s.table(t.koppen, t.rijen, t.breedtes_cm, t.totaal)
        elif isinstance(node, outline.Figure):
            s.flow.append(s.chart())
            s.flow.append(Spacer(0, 6))
        elif isinstance(node, outline.Image):
            if logo is not None:
                width, height = ImageReader(str(logo)).getSize()
                h = L.LOGO_HEIGHT_CM * cm
                s.flow.append(Image(str(logo), width=h * width / height, height=h, hAlign="LEFT"))
        else:
            raise TypeError(f"onbekend onderdeel van de opzet: {node!r}")
    return s


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
            A4[1] - MARGIN_TOP - MARGIN_BOTTOM,
            id="tekst",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="pagina", frames=[frame])])
        self.section_pages: dict[int, int] = {}
        self.last_fill = 1.0

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _SectionStart):
            self.section_pages[flowable.index] = self.page
        elif isinstance(flowable, _Heading):
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(flowable.outline_text, flowable.outline_key, level=flowable.outline_level)

    def handle_documentEnd(self) -> None:
        frame = self.frame
        self.last_fill = min(1.0, max(0.0, (frame._y1 + frame._height - frame._y) / frame._height))
        super().handle_documentEnd()


def _canvas_class(header: str) -> type[Canvas]:
    """A canvas that draws the running header and "Pagina X van Y" once the page count is known."""
    font = fonts.register()

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, L.HEADER_PT)
                self.setFillColor(GREY)
                self.drawRightString(A4[0] - MARGIN_X, A4[1] - L.HEADER_FOOTER_CM * cm - L.HEADER_PT, header)
                footer = f"Pagina {self._pageNumber} van {total}"
                self.drawRightString(A4[0] - MARGIN_X, L.HEADER_FOOTER_CM * cm, footer)
                super().showPage()
            super().save()

    return NumberedCanvas


def _chart(verslag: Kwaliteitsverslag, draw: bool) -> Callable[[], Flowable]:
    def make() -> Flowable:
        if not draw:
            return Spacer(CHART_WIDTH, CHART_HEIGHT)  # same size, no matplotlib: for counting pages
        from svglib.fonts import register_font
        from svglib.svglib import svg2rlg

        from . import charts

        # The chart's text in the embedded font (svglib would otherwise look for a system font).
        register_font(fonts.FAMILY, fonts.path("Carlito-Regular.ttf"), rlgFontName=fonts.register())
        fonts.map_family()
        drawing = svg2rlg(io.BytesIO(charts.spinnenweb(verslag.spinnenweb, verslag.verslagjaar, "svg")))
        scale = CHART_WIDTH / drawing.width
        drawing.scale(scale, scale)
        drawing.width, drawing.height = CHART_WIDTH, drawing.height * scale
        drawing.hAlign = "LEFT"
        return drawing

    return make


def layout(
    verslag: Kwaliteitsverslag,
    max_pages: int | None = 6,
    *,
    draw_chart: bool = True,
) -> tuple[bytes, RenderInfo]:
    """Lay the whole verslag out in memory: the PDF bytes and what they hold."""
    ctx = build(verslag)
    s = story(ctx, _chart(verslag, draw_chart), verslag.logo_pad if verslag.logo_bruikbaar else None)
    meta = ctx["metadata"]
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        title=meta["titel"],
        author=ctx["organisatie"]["naam"],
        subject=meta["onderwerp"],
        keywords=meta["trefwoorden"],
        creator="kkfz-docs",
        lang="nl-NL",
        displayDocTitle=True,
        initialFontName=fonts.register(),
    )
    doc.build(s.flow, canvasmaker=_canvas_class(ctx["koptekst"]))
    pages = doc.page
    starts = [doc.section_pages.get(i, pages) for i in range(len(s.sections))]
    secties = []
    for i, (titel, woorden) in enumerate(s.sections):
        end = starts[i + 1] if i + 1 < len(starts) else pages
        secties.append(SectieInfo(titel, starts[i], max(starts[i], end), woorden))
    return buffer.getvalue(), RenderInfo(pages, tuple(secties), max_pages, doc.last_fill)


def render_pdf(verslag: Kwaliteitsverslag, path: str | os.PathLike, max_pages: int | None = 6) -> RenderInfo:
    """Write the verslag as a PDF at path (atomically) and say what it holds.

    Raises PaginaLimietOverschreden, and writes nothing, when the PDF has more than max_pages
    pages; max_pages=None switches the limit off.
    """
    pdf, info = layout(verslag, max_pages)
    if max_pages is not None and info.pages > max_pages:
        raise PaginaLimietOverschreden(info)
    write_atomic(path, lambda tmp: tmp.write_bytes(pdf))
    return RenderInfo(info.pages, info.secties, max_pages, info.laatste_pagina_vol, Path(path))


def bevindingen(verslag: Kwaliteitsverslag, max_pages: int | None) -> list[Bevinding]:
    """The findings that need the PDF: characters its fonts cannot show, and (regel 10) the page count.

    The page count lays the verslag out as render_pdf would, without drawing the chart.
    """
    uit = [
        waarschuwing(
            pad,
            f"de PDF kan deze tekens niet goed weergeven: {' '.join(tekens)} (emoji of een schrift dat "
            "van rechts naar links loopt); in Word staan ze er wel goed. Laat ze weg of controleer de PDF",
        )
        for pad, tekens in unprintable_texts(verslag)
    ]
    if max_pages is not None:
        _, info = layout(verslag, max_pages, draw_chart=False)
        if info.pages > max_pages:
            uit.append(waarschuwing("", info.melding()))
    return uit


def unprintable_texts(verslag: Kwaliteitsverslag) -> Iterator[tuple[str, str]]:
    """(field path, characters) for each text the PDF cannot show properly."""
    for pad, text in iter_texts(verslag):
        tekens = fonts.unprintable(strip_control_characters(text))
        if tekens:
            yield pad, tekens
