"""The spinnenweb for Word: a native DrawingML radar chart with its data and an embedded workbook.

add_chart() puts the chart part (word/charts/chartN.xml, data cached in the XML) and its workbook
(word/embeddings/, so Word's "Gegevens bewerken" opens the numbers) into a python-docx document
and returns the <w:drawing> that shows it inline, with the alt text in wp:docPr/@descr.
Word and LibreOffice both draw the chart themselves, in the template's fonts.
"""

from __future__ import annotations

import io
from html import escape as _escape

from .chart_spec import RadarChart

__all__ = [
    "BOOK_ID",
    "CHART_CT",
    "EMU_PER_CM",
    "FONT",
    "LEGEND",
    "NS_A",
    "NS_C",
    "NS_R",
    "NS_WP",
    "PLOT",
    "RT_CHART",
    "RT_PACKAGE",
    "SHEET",
    "XLSX_CT",
    "add_chart",
    "chart_xml",
    "drop_unprinted",
    "escape",
    "quoteattr",
    "workbook",
]

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
SHEET = "Blad1"
FONT = "Calibri"  # the Word template's font; LibreOffice shows its metric twin Carlito
EMU_PER_CM = 360000
BOOK_ID = "rId1"
# Where the web and the legend stand, as fractions of the chart (x, y from the top left, w, h):
# the web as large as the axis labels around it allow, the legend in the top right corner, as in the PDF.
PLOT = (0.2, 0.09, 0.56, 0.82)
LEGEND = (0.87, 0.0, 0.12, 0.16)


def add_chart(document, chart: RadarChart, width_cm: float, height_cm: float) -> str:
    """Add the chart (and its workbook) to a python-docx Document; return its inline <w:drawing>."""
    from docx.opc.part import Part

    doc_part = document.part
    package = doc_part.package
    book = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"), XLSX_CT, workbook(chart), package
    )
    chart_part = Part(
        package.next_partname("/word/charts/chart%d.xml"), CHART_CT, chart_xml(chart).encode("utf-8"), package
    )
    book_id = chart_part.relate_to(book, RT_PACKAGE)
    assert book_id == BOOK_ID  # a new part's first relationship, as chart_xml() wrote it
    chart_id = doc_part.relate_to(chart_part, RT_CHART)
    cx, cy = round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM)
    return (
        f'<w:drawing><wp:inline xmlns:wp="{NS_WP}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="1" name="Spinnenweb" descr={quoteattr(chart.alt_text)}/>'
        f"<wp:cNvGraphicFramePr/>"
        f'<a:graphic xmlns:a="{NS_A}"><a:graphicData uri="{NS_C}">'
        f'<c:chart xmlns:c="{NS_C}" xmlns:r="{NS_R}" r:id="{chart_id}"/>'
        f"</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def drop_unprinted(document) -> None:
    """Remove the charts a template did not print (a custom template may leave the chart out)."""
    part = document.part
    used = set(part.element.xpath("//@r:id"))
    for rid, rel in list(part.rels.items()):
        if rel.reltype == RT_CHART and rid not in used:
            part.rels.pop(rid)


def workbook(chart: RadarChart) -> bytes:
    """The chart's numbers as an .xlsx: pijler labels in column A, one column per year."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(SHEET)
    sheet.write_row(0, 0, ["Pijler", *(name for name, _ in chart.series)])
    for i, axis in enumerate(chart.axes):
        sheet.write_row(i + 1, 0, [axis, *(values[i] for _, values in chart.series)])
    sheet.set_column(0, 0, 16)
    book.close()
    return buffer.getvalue()


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would import urllib.request: 20-40 ms per process)."""
    return _escape(text, quote=False)


def quoteattr(text: str) -> str:
    return f'"{_escape(text, quote=True)}"'


def _colour(hex_: str, alpha: float = 1.0) -> str:
    inner = f'<a:alpha val="{round(alpha * 100000)}"/>' if alpha < 1 else ""
    return f'<a:solidFill><a:srgbClr val="{hex_}">{inner}</a:srgbClr></a:solidFill>'


def _text(size_pt: float, colour: str) -> str:
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{round(size_pt * 100)}" b="0">'
        f'{_colour(colour)}<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:defRPr></a:pPr>'
        f'<a:endParaRPr lang="nl-NL"/></a:p></c:txPr>'
    )


def _line(width_pt: float, colour: str, dash: str = "solid") -> str:
    return f'<a:ln w="{round(width_pt * 12700)}">{_colour(colour)}<a:prstDash val="{dash}"/></a:ln>'


def _layout(box: tuple[float, float, float, float], target: str = "") -> str:
    x, y, w, h = box
    target = f'<c:layoutTarget val="{target}"/>' if target else ""
    return (
        f'<c:layout><c:manualLayout>{target}<c:xMode val="edge"/><c:yMode val="edge"/>'
        f'<c:x val="{x}"/><c:y val="{y}"/><c:w val="{w}"/><c:h val="{h}"/></c:manualLayout></c:layout>'
    )


def _col(i: int) -> str:
    return "ABCDEFGH"[i]


def chart_xml(chart: RadarChart) -> str:
    """The chart part: a filled radar chart, this year filled, last year a dashed outline."""
    n = len(chart.axes)
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(a)}</c:v></c:pt>' for i, a in enumerate(chart.axes))
    series = []
    for s, (name, values) in enumerate(chart.series):
        col = _col(s + 1)
        if s == 0:
            look = f"{_colour(chart.colour, chart.fill_opacity)}{_line(2, chart.colour)}"
        else:
            look = f"<a:noFill/>{_line(1.5, chart.previous_colour, 'dash')}"
        vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
        series.append(
            f'<c:ser><c:idx val="{s}"/><c:order val="{s}"/>'
            f'<c:tx><c:strRef><c:f>{SHEET}!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f"<c:spPr>{look}</c:spPr>"
            f'<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val="{n}"/>{cats}'
            f"</c:strCache></c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>{SHEET}!${col}$2:${col}${n + 1}</c:f><c:numCache>"
            f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{vals}</c:numCache></c:numRef></c:val>'
            f"</c:ser>"
        )
    grid = f"<c:majorGridlines><c:spPr>{_line(0.6, chart.grid_colour)}</c:spPr></c:majorGridlines>"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
        '<c:date1904 val="0"/><c:lang val="nl-NL"/><c:roundedCorners val="0"/>'
        f'<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>{_layout(PLOT, "inner")}'
        '<c:radarChart><c:radarStyle val="filled"/><c:varyColors val="0"/>'
        f"{''.join(series)}"
        '<c:axId val="50010001"/><c:axId val="50010002"/></c:radarChart>'
        '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="b"/>{grid}'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"<c:spPr>{_line(0.6, chart.grid_colour)}</c:spPr>{_text(9, chart.text_colour)}"
        '<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{chart.maximum}"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="l"/>{grid}'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"<c:spPr>{_line(0.6, chart.grid_colour)}</c:spPr>{_text(8, chart.text_colour)}"
        '<c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        '<c:majorUnit val="1"/></c:valAx>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>"
        f'<c:legend><c:legendPos val="r"/>{_layout(LEGEND)}<c:overlay val="0"/>'
        f"{_text(8.5, chart.text_colour)}</c:legend>"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text(9, chart.text_colour)}"
        f'<c:externalData r:id="{BOOK_ID}"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
