"""render_pdf(): the PDF, laid out with ReportLab, that enforces the six-page guideline.

The story is built from the same context as the Word file (render/context.py), with the same
section order, headings, tables and texts, in Carlito, the metric twin of the template's Calibri.
User text is escaped before it reaches ReportLab's paragraph markup. The whole document is laid
out in memory first; only a PDF within the page limit is written (atomically).
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from html import escape as _html_escape
from pathlib import Path

from attrs import define
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
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..atomic import write_atomic
from ..errors import PaginaLimietOverschreden
from ..text import strip_control_characters
from ..verslag import Kwaliteitsverslag
from . import fonts
from . import layout as L
from .context import Context, build

ACCENT = colors.HexColor(f"#{L.ACCENT}")
TABLE_HEADER = colors.HexColor(f"#{L.TABLE_HEADER}")
GREY = colors.HexColor(f"#{L.GREY}")
BODY_PT = L.BODY_PT
LEADING = BODY_PT * 1.22 * L.LINE_SPACING  # Calibri's (and Carlito's) line height is 1.22 em
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = L.MARGIN_X_CM * cm, L.MARGIN_TOP_CM * cm, L.MARGIN_BOTTOM_CM * cm
WIDTH = A4[0] - 2 * MARGIN_X
CHART_WIDTH = L.CHART_WIDTH_CM * cm
CHART_HEIGHT = L.CHART_HEIGHT_CM * cm


@define(frozen=True)
class SectieInfo:
    """Where one chapter of the PDF lies and how long it is."""

    titel: str
    eerste_pagina: int
    laatste_pagina: int
    woorden: int

    @property
    def paginas(self) -> str:
        if self.eerste_pagina == self.laatste_pagina:
            return f"pagina {self.eerste_pagina}"
        return f"pagina {self.eerste_pagina}-{self.laatste_pagina}"


@define(frozen=True)
class RenderInfo:
    """What render_pdf() laid out: the page count and, per chapter, its pages and words."""

    pages: int
    secties: tuple[SectieInfo, ...]
    max_pages: int | None
    laatste_pagina_vol: float
    """How full the last page is, 0-1."""
    pad: Path | None = None

    @property
    def woorden(self) -> int:
        return sum(s.woorden for s in self.secties)

    @property
    def te_veel_woorden(self) -> int:
        """Roughly how many words to cut to fit max_pages (0 when it fits), rounded up to tens."""
        if self.max_pages is None or self.pages <= self.max_pages:
            return 0
        overflow = self.pages - self.max_pages - 1 + self.laatste_pagina_vol
        per_pagina = self.woorden / max(self.pages - 1 + self.laatste_pagina_vol, 1)
        return int(math.ceil(overflow * per_pagina / 10) * 10)

    def melding(self) -> str:
        """The Dutch explanation of a verslag over the page limit."""
        delen = "".join(f"\n  - {s.titel}: {s.paginas}, {s.woorden} woorden" for s in self.secties)
        return (
            f"het verslag telt {self.pages} pagina's, de handreiking adviseert er hooguit {self.max_pages}. "
            f"Schrap ongeveer {self.te_veel_woorden} woorden, vooral in de langste onderdelen, of maak de PDF "
            f"toch met --geen-paginalimiet (in Python: max_pages=None). Per onderdeel:{delen}"
        )


def escape(text: str) -> str:
    """Escape &, < and > for Paragraph markup (as xml.sax.saxutils.escape, which would import urllib.request)."""
    return _html_escape(text, quote=False)


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
        self.flow.append(Paragraph(escape(text), self.s["h2"]))

    def para(self, text: str, style: str = "body") -> None:
        self._count(text)
        self.flow.append(Paragraph(escape(text), self.s[style]))

    def paras(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.para(text)

    def bullets(self, items: Sequence[str]) -> None:
        for item in items:
            self._count(item)
            self.flow.append(Paragraph(escape(item), self.s["bullet"], bulletText="•"))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_cm: Sequence[float],
        footer: Sequence[str] | None = None,
    ) -> None:
        widths = _fit([w * cm for w in widths_cm])
        data = [[Paragraph(escape(h), self.s["cell_head"]) for h in header]]
        for row in rows:
            data.append([Paragraph(escape(v), self.s["cell_bold" if i == 0 else "cell"]) for i, v in enumerate(row)])
        if footer:
            data.append([Paragraph(escape(v), self.s["cell_bold"]) for v in footer])
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
    """Lay the context out in the order of the Word template (scripts/build_template.py)."""
    s = _Story(_styles(), chart)
    s.sections.append(["Titel", 0])
    s.flow.append(_SectionStart(0))
    if logo is not None:
        width, height = ImageReader(str(logo)).getSize()
        h = L.LOGO_HEIGHT_CM * cm
        s.flow.append(Image(str(logo), width=h * width / height, height=h, hAlign="LEFT"))
    s.para(ctx["titel"], "title")
    s.para(ctx["organisatie"]["regel"], "subtitle")
    if ctx["ondertitel"]:
        s.para(ctx["ondertitel"])

    if ctx["inleiding"] or ctx["terugblik"] or ctx["vooruitblik"]:
        s.section("Inleiding")
        s.paras(ctx["inleiding"])
        if ctx["terugblik"]:
            s.h2(f"Terugblik op {ctx['verslagjaar']}")
            s.paras(ctx["terugblik"])
        if ctx["vooruitblik"]:
            s.h2("Vooruitblik")
            s.paras(ctx["vooruitblik"])

    info = ctx["algemene_informatie"]
    s.section("Algemene informatie")
    s.h2("Visie op forensische zorg")
    s.paras(info["visie"])
    s.h2("Type forensische zorg")
    s.table(
        ["Setting", "Beveiligingsniveau", "Toelichting"],
        [[z["setting"], z["beveiligingsniveau"], z["toelichting"]] for z in info["zorgtypen"]],
        L.COLUMNS_CM["zorgtypen"],
    )
    c = info["clienten"]
    s.h2(f"Cliënten op {c['peildatum']}")
    s.para(c["samenvatting"])
    s.table(
        ["Financiering", "Cliënten", "Aandeel"],
        [[r["financiering"], r["aantal"], r["aandeel"]] for r in c["rijen"]],
        L.COLUMNS_CM["clienten"],
        footer=["Totaal", c["totaal"], c["totaal_aandeel"]],
    )
    if info["omzet"]:
        s.h2(f"Omzet {ctx['verslagjaar']}")
        s.table(
            ["Financiering", "Omzet", "Aandeel"],
            [[r["financiering"], r["bedrag"], r["aandeel"]] for r in info["omzet"]],
            L.COLUMNS_CM["omzet"],
            footer=["Totaal", info["omzet_totaal"], info["omzet_aandeel"]],
        )

    for p in ctx["pijlers"]:
        s.section(p["titel"])
        s.h2("Algemeen beeld")
        s.paras(p["algemeen_beeld"])
        if p["reflectie"]:
            s.h2(f"Reflectie op {ctx['verslagjaar']}")
            s.paras(p["reflectie"])
        if p["successen"]:
            s.h2("Successen")
            s.bullets(p["successen"])
        if p["aandachtspunten"]:
            s.h2("Aandachtspunten")
            s.bullets(p["aandachtspunten"])
        if p["doelen"]:
            s.h2("Doelen uit het meerjarenplan")
            s.table(
                ["Doel", "Gepland", "Status", "Toelichting"],
                [[d["titel"], d["gepland"], d["status"], d["toelichting"]] for d in p["doelen"]],
                L.COLUMNS_CM["doelen"],
            )
        s.h2(f"Ontwikkelpunten voor {ctx['volgend_jaar']}")
        s.bullets(p["ontwikkelpunten"])

    if ctx["prestatie_indicatoren"] or ctx["prestatie_indicatoren_nvt"]:
        s.section("Prestatie-indicatoren")
        s.paras(ctx["prestatie_indicatoren_nvt"])
        for pi in ctx["prestatie_indicatoren"]:
            s.h2(pi["titel"])
            s.paras(pi["toelichting"])
            if pi["kengetallen"]:
                s.table(
                    ["Kengetal", "Waarde"],
                    [[k["naam"], k["waarde"]] for k in pi["kengetallen"]],
                    L.COLUMNS_CM["kengetallen"],
                )
            if pi["tabel"]:
                t = pi["tabel"]
                s.table(
                    ["Uitstroom naar", *t["kolommen"]],
                    [[r["label"], *r["waarden"]] for r in t["rijen"]],
                    [L.CROSS_TABLE_CM[0]] + [L.CROSS_TABLE_CM[1]] * len(t["kolommen"]),
                )

    web = ctx["spinnenweb"]
    if web:
        start = len(s.flow)
        s.section("Spinnenweb KKFZ")
        s.flow.append(s.chart())
        s.flow.append(Spacer(0, 6))
        vorig = web["vorig_jaar_kop"] if web["heeft_vorig_jaar"] else ""
        s.table(
            ["Pijler", f"Score {ctx['verslagjaar']}", vorig, "Betekenis"],
            [[r["pijler"], r["score"], r["vorig_jaar"], r["betekenis"]] for r in web["scores"]],
            L.COLUMNS_CM["spinnenweb"],
        )
        s.flow[start:] = [KeepTogether(s.flow[start:])]  # heading, chart and score table on one page
        s.paras(web["toelichting"])

    themas = ctx["themas"]
    if themas:
        s.section("Thema's")
        s.table(
            ["Thema", *themas["jaren"], "Toelichting"],
            [[f"{r['nummer']}. {r['naam']}", *r["planning"], r["toelichting"]] for r in themas["rijen"]],
            [L.THEMA_TABLE_CM[0]] + [L.THEMA_TABLE_CM[1]] * len(themas["jaren"]) + [L.THEMA_TABLE_CM[2]],
        )
        s.para("I = implementatie, M = monitoren.")
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
            return Spacer(CHART_WIDTH, CHART_HEIGHT)  # same size, nothing drawn: for counting pages
        from .chart_pdf import drawing
        from .chart_spec import radar_chart

        chart = drawing(radar_chart(verslag.spinnenweb, verslag.verslagjaar), CHART_WIDTH, CHART_HEIGHT)
        chart.hAlign = "LEFT"
        return chart

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


def unprintable_texts(verslag: Kwaliteitsverslag):
    """(field path, characters) for each text the PDF cannot show properly."""
    from ..text import iter_texts

    for pad, text in iter_texts(verslag):
        tekens = fonts.unprintable(strip_control_characters(text))
        if tekens:
            yield pad, tekens
